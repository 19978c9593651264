import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiStub, runCommand } from "../../_helpers/run_command.ts";
import { apiKey, createdKey, pretty } from "./_fixtures.ts";
import type { ApiError, AxError } from "../../../runtime/errors.ts";

const WARNING = "⚠ Warning: This will permanently revoke the API key 'key1' (Key 1)\n";

describe("ax api-keys revoke", () => {
  it("--force revokes without asking", async () => {
    const stub = apiStub().expect({ method: "PUT", path: "/v2/api-keys/key1/revoke" }, {
      status: 204,
    });
    const run = await runCommand(["api-keys", "revoke", "key1", "--force"], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.deepEqual(run.questions, []);
    assert.equal(run.stdout, "");
    assert.equal(run.stderr, "✓ API key with ID 'key1' revoked successfully\n");
  });

  const answers: [string, string | boolean, boolean][] = [
    ["y", "y", true],
    ["yes", "yes", true],
    ["n", "n", false],
    ["an empty answer (default No)", "", false],
  ];
  for (const [name, answer, revoked] of answers) {
    it(`on a terminal, asks first; answer ${name}`, async () => {
      // The prompt names the key: one request for the first page of keys (issue 13).
      const stub = apiStub().expect({ method: "GET", path: "/v2/api-keys?limit=100" }, {
        status: 200,
        json: {
          api_keys: [apiKey(2), apiKey(1)],
          pagination: { has_more: true, next_cursor: "c" },
        },
      });
      if (revoked) {
        stub.expect({ method: "PUT", path: "/v2/api-keys/key1/revoke" }, { status: 204 });
      }
      const run = await runCommand(["api-keys", "revoke", "key1"], {
        stub,
        tty: true,
        answers: [answer],
        env: { NO_COLOR: "1" },
      });
      stub.verify();
      assert.equal(run.error, undefined);
      assert.deepEqual(run.questions, ["Are you sure? [y/N]: "]);
      assert.equal(
        run.stderr,
        WARNING +
          (revoked ? "✓ API key with ID 'key1' revoked successfully\n" : "ℹ API key not revoked\n"),
      );
    });
  }

  it("on a terminal, a key's name given for its ID is refused with the ID to use (exit 2)", async () => {
    const stub = apiStub().expect({ method: "GET", path: "/v2/api-keys?limit=100" }, {
      status: 200,
      json: {
        api_keys: [apiKey(2, { name: "deploy bot" }), apiKey(1)],
        pagination: { has_more: false },
      },
    });
    const run = await runCommand(["api-keys", "revoke", "deploy bot"], {
      stub,
      tty: true,
      answers: [],
      env: { NO_COLOR: "1" },
    });
    stub.verify();
    const error = run.error as AxError;
    assert.equal(error.exitCode, 2);
    assert.equal(error.message, "'deploy bot' is the name of an API key; revoke takes key IDs.");
    assert.deepEqual(error.hints, ["ax api-keys revoke key2"]);
    assert.deepEqual(run.questions, [], "nothing was asked");
  });

  it("refuses without --force when there is no terminal, and sends nothing (exit 2)", async () => {
    const stub = apiStub();
    const run = await runCommand(["api-keys", "revoke", "key1"], {
      stub,
      stdinTTY: false,
      stdoutTTY: true,
    });
    stub.verify();
    assert.equal((run.error as AxError).exitCode, 2);
    assert.match((run.error as Error).message, /--force/);
    assert.deepEqual(run.questions, []);
  });

  it("puts a path-like ID into one encoded path segment", async () => {
    const stub = apiStub().expect(
      { method: "PUT", path: "/v2/api-keys/..%2F..%2Fspaces%3Fx%3D1%23y/revoke" },
      { status: 204 },
    );
    const run = await runCommand(["api-keys", "revoke", "../../spaces?x=1#y", "-f"], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
  });

  it("refuses '..' as an ID before any request", async () => {
    const stub = apiStub();
    const run = await runCommand(["api-keys", "revoke", "..", "-f"], { stub });
    stub.verify();
    assert.equal((run.error as AxError).exitCode, 2);
  });

  it("a key the caller cannot see is a 404 (exit 4) with the list hint", async () => {
    const stub = apiStub().expect({ method: "PUT", path: "/v2/api-keys/nope/revoke" }, {
      status: 404,
      json: { title: "Not Found", status: 404, detail: "API key 'nope' not found" },
    });
    const run = await runCommand(["api-keys", "revoke", "nope", "-f"], { stub });
    stub.verify();
    const error = run.error as AxError;
    assert.equal(error.exitCode, 4);
    assert.equal(error.message, "404 Not Found; API key 'nope' not found");
    assert.deepEqual(error.hints, ["Verify the ID exists using the list command."]);
    assert.equal(run.stderr, "");
  });

  it("escapes control characters of the ID in the message", async () => {
    const stub = apiStub().expect(
      { method: "PUT", path: "/v2/api-keys/a%1B%5B31mb/revoke" },
      { status: 204 },
    );
    const run = await runCommand(["api-keys", "revoke", "a\x1b[31mb", "-f"], { stub });
    stub.verify();
    assert.equal(run.stderr, "✓ API key with ID 'a\\x1b[31mb' revoked successfully\n");
  });
});

describe("ax api-keys refresh", () => {
  const REFRESHED = "✓ API key refreshed successfully\n";
  const SAVE_NOW = "⚠ Warning: Save this API key now — it will not be shown again.\n";

  it("posts an empty body when no option is given", async () => {
    const created = createdKey(2);
    const stub = apiStub().expect(
      { method: "POST", path: "/v2/api-keys/key1/refresh", body: {} },
      { status: 200, json: created },
    );
    const run = await runCommand(["api-keys", "refresh", "key1", "-o", "json"], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.equal(run.stdout, pretty(created));
    assert.equal(run.stderr, REFRESHED + SAVE_NOW);
  });

  it("sends the expiry in UTC and the grace period", async () => {
    const stub = apiStub().expect({
      method: "POST",
      path: "/v2/api-keys/key1/refresh",
      body: { expires_at: "2026-12-31T23:59:59Z", grace_period_seconds: 300 },
    }, { status: 200, json: createdKey(2) });
    const run = await runCommand([
      "api-keys",
      "refresh",
      "key1",
      "--expires-at",
      "2026-12-31T23:59:59",
      "--grace-period-seconds",
      "300",
      "-o",
      "ndjson",
    ], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.deepEqual(JSON.parse(run.stdout), createdKey(2));
  });

  const REFRESH = { method: "POST", path: "/v2/api-keys/key1/refresh" } as const;
  const UNPROCESSABLE = {
    status: 422,
    json: { title: "Unprocessable Content", status: 422, detail: "expires_at: required" },
  };
  const page = (keys: ReturnType<typeof apiKey>[], next?: string) => ({
    status: 200,
    json: {
      api_keys: keys,
      pagination: next ? { has_more: true, next_cursor: next } : { has_more: false },
    },
  });

  it("a key that expires: looks its expiry up, refreshes with it and says so", async () => {
    const created = createdKey(2, { expires_at: "2027-01-15T10:30:00Z" });
    const stub = apiStub()
      .expect({ ...REFRESH, body: {} }, UNPROCESSABLE)
      .expect({ method: "GET", path: "/v2/api-keys?limit=100" }, page([apiKey(5)], "p2"))
      .expect(
        { method: "GET", path: "/v2/api-keys?limit=100&cursor=p2" },
        page([apiKey(1, { expires_at: "2027-01-15T10:30:00Z" })]),
      )
      .expect({ ...REFRESH, body: { expires_at: "2027-01-15T10:30:00Z" } }, {
        status: 200,
        json: created,
      });
    const run = await runCommand(["api-keys", "refresh", "key1", "-o", "json"], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.equal(run.stdout, pretty(created));
    assert.equal(
      run.stderr,
      "ℹ Key 'key1' expires at 2027-01-15T10:30:00Z; the replacement keeps that expiry " +
        "(a refresh cannot extend a key's lifetime; --expires-at can set an earlier one).\n" +
        REFRESHED + SAVE_NOW,
    );
  });

  it("finds a service key's expiry among the service keys of every readable space", async () => {
    const stub = apiStub()
      .expect({ ...REFRESH, body: { grace_period_seconds: 60 } }, UNPROCESSABLE)
      .expect({ method: "GET", path: "/v2/api-keys?limit=100" }, page([]))
      .expect(
        { method: "GET", path: "/v2/api-keys?key_type=service&limit=100" },
        page([apiKey(1, { key_type: "service", expires_at: "2026-09-01T00:00:00Z" })]),
      )
      .expect({
        ...REFRESH,
        body: { expires_at: "2026-09-01T00:00:00Z", grace_period_seconds: 60 },
      }, { status: 200, json: createdKey(2) });
    const run = await runCommand([
      "api-keys",
      "refresh",
      "key1",
      "--grace-period-seconds",
      "60",
      "-o",
      "json",
    ], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
  });

  it("--expires-at after the key's own expiry: the 422 names the latest allowed", async () => {
    const stub = apiStub()
      .expect({ ...REFRESH, body: { expires_at: "2028-01-01T00:00:00Z" } }, UNPROCESSABLE)
      .expect(
        { method: "GET", path: "/v2/api-keys?limit=100" },
        page([apiKey(1, { expires_at: "2027-01-15T10:30:00Z" })]),
      );
    const run = await runCommand(["api-keys", "refresh", "key1", "--expires-at", "2028-01-01"], {
      stub,
    });
    stub.verify();
    const error = run.error as ApiError;
    assert.equal(error.exitCode, 4);
    assert.equal(
      error.hints[0],
      "This key expires at 2027-01-15T10:30:00Z, and a replacement may not outlive it: " +
        "the latest allowed is --expires-at 2027-01-15T10:30:00Z (for a longer lifetime, create a new key).",
    );
    assert.equal(run.stdout, "");
  });

  it("a key ax cannot find: the 422 says --expires-at is needed", async () => {
    const stub = apiStub()
      .expect({ ...REFRESH, body: {} }, UNPROCESSABLE)
      .expect({ method: "GET", path: "/v2/api-keys?limit=100" }, page([apiKey(7)]))
      .expect({ method: "GET", path: "/v2/api-keys?key_type=service&limit=100" }, page([]));
    const run = await runCommand(["api-keys", "refresh", "key1"], { stub });
    stub.verify();
    const error = run.error as ApiError;
    assert.equal(error.exitCode, 4);
    assert.match(error.hints[0], /must pass --expires-at no later than its expiry/);
    assert.equal(run.stdout, "");
    assert.equal(run.stderr, "");
  });

  it("a 422 for a key without expiry is passed on unchanged (exit 4, nothing printed)", async () => {
    const stub = apiStub()
      .expect({ ...REFRESH, body: {} }, UNPROCESSABLE)
      .expect(
        { method: "GET", path: "/v2/api-keys?limit=100" },
        page([apiKey(1, { expires_at: undefined })]),
      );
    const run = await runCommand(["api-keys", "refresh", "key1"], { stub });
    stub.verify();
    const error = run.error as ApiError;
    assert.equal(error.exitCode, 4);
    assert.doesNotMatch(error.hints.join("\n"), /expires-at/);
    assert.equal(run.stdout, "");
    assert.equal(run.stderr, "");
  });

  it("--env-file: when the file cannot be written, says how to recover (no revoke)", async () => {
    const created = createdKey(3);
    const cwd = mkdtempSync(join(tmpdir(), "ax-run-"));
    mkdirSync(join(cwd, "s"));
    const stub = apiStub().expect({
      method: "POST",
      path: "/v2/api-keys/key1/refresh",
      body: { expires_at: "2027-01-01T00:00:00Z", grace_period_seconds: 60 },
    }, {
      status: 200,
      json: created,
      before: () => {
        rmSync(join(cwd, "s"), { recursive: true });
        writeFileSync(join(cwd, "s"), "");
      },
    });
    const run = await runCommand([
      "api-keys",
      "refresh",
      "key1",
      "--grace-period-seconds",
      "60",
      "--expires-at",
      "2027-01-01",
      "--env-file",
      "s/my env",
    ], { stub, cwd });
    stub.verify();
    const error = run.error as AxError;
    assert.equal(error.exitCode, 5);
    assert.deepEqual(error.hints.slice(0, 3), [
      "The key was refreshed, but its replacement 'key3' could not be saved. " +
      "The old key 'key1' stays valid for up to 60 seconds (grace period).",
      "To recover, fix the problem, then rotate the unsaved replacement (same name, description and scope):",
      "  ax api-keys refresh key3 --expires-at 2027-01-01T00:00:00Z --env-file 's/my env'",
    ]);
    assert.ok(!run.stdout.includes(created.key) && !run.stderr.includes(created.key));
  });

  it("--env-file: writes the new key and prints the metadata", async () => {
    const created = createdKey(4);
    const stub = apiStub().expect(
      { method: "POST", path: "/v2/api-keys/key1/refresh", body: {} },
      { status: 200, json: created },
    );
    const run = await runCommand([
      "api-keys",
      "refresh",
      "key1",
      "--env-file",
      "prod.env",
      "-o",
      "csv",
    ], {
      stub,
    });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.equal(readFileSync(join(run.cwd, "prod.env"), "utf8"), `ARIZE_API_KEY=${created.key}\n`);
    assert.ok(!run.stdout.includes(created.key));
    assert.match(
      run.stdout,
      /^id,name,description,key_type,status,redacted_key,created_at,expires_at,created_by_user_id,last_used_at\n/,
    );
    assert.equal(
      run.stderr,
      `${REFRESHED}✓ Saved the new key to prod.env as ARIZE_API_KEY (it is not shown here)\n`,
    );
  });
});
