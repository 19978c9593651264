import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { apiStub, runCommand, TEST_KEY } from "../../_helpers/run_command.ts";
import { createdKey, pretty } from "./_fixtures.ts";
import type { AxError } from "../../../runtime/errors.ts";

const CREATED = "✓ API key created successfully\n";
const SERVICE_CREATED = "✓ Service API key created successfully\n";
const SAVE_NOW = "⚠ Warning: Save this API key now — it will not be shown again.\n";
const SPACE_ID = "U3BhY2U6MTphYmM=";

function withoutKey<T extends { key: string }>(record: T): Omit<T, "key"> {
  const { key: _key, ...rest } = record;
  return rest;
}

describe("ax api-keys create", () => {
  it("posts exactly the given fields and prints the key once, as json", async () => {
    const created = createdKey(1);
    const stub = apiStub().expect({
      method: "POST",
      path: "/v2/api-keys",
      headers: { "content-type": "application/json" },
      body: {
        name: "CI key",
        description: "for CI",
        key_type: "user",
        expires_at: "2030-01-01T22:00:00Z",
      },
    }, { status: 201, json: created });
    const run = await runCommand([
      "api-keys",
      "create",
      "-n",
      "CI key",
      "--description",
      "for CI",
      "--expires-at",
      "2030-01-02T00:00:00+02:00",
      "-o",
      "json",
    ], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.equal(run.stdout, pretty(created));
    assert.equal(run.stderr, CREATED + SAVE_NOW);
  });

  it("sends only the name and type when nothing else is given", async () => {
    const stub = apiStub().expect({
      method: "POST",
      path: "/v2/api-keys",
      body: { name: "k", key_type: "user" },
    }, { status: 201, json: createdKey(2) });
    const run = await runCommand(["api-keys", "create", "--name", "k", "-o", "json"], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
  });

  it("colours the messages on a terminal and shows the key in a panel", async () => {
    const created = createdKey(3);
    const stub = apiStub().expect({
      method: "POST",
      path: "/v2/api-keys",
      body: { name: "k", key_type: "user" },
    }, {
      status: 201,
      json: created,
    });
    const run = await runCommand(["api-keys", "create", "-n", "k"], { stub, tty: true });
    stub.verify();
    assert.equal(
      run.stderr,
      "\x1b[32m✓\x1b[0m API key created successfully\n" +
        "\x1b[33m⚠ Warning:\x1b[0m Save this API key now — it will not be shown again.\n",
    );
    // The panel: bold labels, aligned values, the whole secret on its line.
    assert.ok(run.stdout.includes(`\x1b[1mkey:\x1b[0m`), run.stdout);
    assert.ok(run.stdout.includes(` ${created.key}\n`), run.stdout);
  });

  it("plain messages with NO_COLOR on a terminal", async () => {
    const stub = apiStub().expect({
      method: "POST",
      path: "/v2/api-keys",
      body: { name: "k", key_type: "user" },
    }, {
      status: 201,
      json: createdKey(4),
    });
    const run = await runCommand(["api-keys", "create", "-n", "k", "-o", "json"], {
      stub,
      tty: true,
      env: { NO_COLOR: "1" },
    });
    stub.verify();
    assert.equal(run.stderr, CREATED + SAVE_NOW);
  });

  it("writes the key to an output file created 0600", async () => {
    const created = createdKey(5);
    const stub = apiStub().expect({
      method: "POST",
      path: "/v2/api-keys",
      body: { name: "k", key_type: "user" },
    }, {
      status: 201,
      json: created,
    });
    const run = await runCommand(["api-keys", "create", "-n", "k", "-o", "key.json"], { stub });
    stub.verify();
    const file = join(run.cwd, "key.json");
    assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), created);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(run.stdout, "");
    assert.equal(run.stderr, `${CREATED}✓ Saved to ${file}\n${SAVE_NOW}`);
  });

  it("checks the output file's folder before creating anything (exit 5)", async () => {
    const stub = apiStub();
    const run = await runCommand(["api-keys", "create", "-n", "k", "-o", "missing/key.json"], {
      stub,
    });
    stub.verify();
    assert.equal((run.error as AxError).exitCode, 5);
    assert.equal(run.stderr, "");
  });

  it("revokes the new key when its output file cannot be written after all", async () => {
    const created = createdKey(6);
    let cwd = "";
    const stub = apiStub()
      .expect({ method: "POST", path: "/v2/api-keys", body: { name: "k", key_type: "user" } }, {
        status: 201,
        json: created,
        // The folder turns into a file between the check and the write.
        before: () => {
          rmSync(join(cwd, "out"), { recursive: true });
          writeFileSync(join(cwd, "out"), "not a folder");
        },
      })
      .expect({ method: "PUT", path: "/v2/api-keys/key6/revoke" }, { status: 204 });
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    cwd = mkdtempSync(join(tmpdir(), "ax-run-"));
    mkdirSync(join(cwd, "out"));
    const run = await runCommand(["api-keys", "create", "-n", "k", "-o", "out/key.json"], {
      stub,
      cwd,
    });
    stub.verify();
    const error = run.error as AxError;
    assert.equal(error.exitCode, 5);
    assert.deepEqual(error.hints.slice(0, 2), [
      "The new key 'key6' could not be saved, so it was revoked; nothing else changed.",
      "Fix the problem and run the command again.",
    ]);
    assert.equal(run.stdout, "");
    assert.ok(!run.stderr.includes(created.key));
  });

  it("--env-file: writes ARIZE_API_KEY (0600) and prints the metadata without the key", async () => {
    const created = createdKey(7);
    const stub = apiStub().expect({
      method: "POST",
      path: "/v2/api-keys",
      body: { name: "k", key_type: "user" },
    }, {
      status: 201,
      json: created,
    });
    const run = await runCommand([
      "api-keys",
      "create",
      "-n",
      "k",
      "--env-file",
      ".env",
      "-o",
      "json",
    ], {
      stub,
    });
    stub.verify();
    assert.equal(run.error, undefined);
    const file = join(run.cwd, ".env");
    assert.equal(readFileSync(file, "utf8"), `ARIZE_API_KEY=${created.key}\n`);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(run.stdout, pretty(withoutKey(created)));
    assert.equal(
      run.stderr,
      `${CREATED}✓ Saved the new key to .env as ARIZE_API_KEY (it is not shown here)\n`,
    );
  });

  it("--env-file keeps the other lines of an existing file", async () => {
    const created = createdKey(8);
    const stub = apiStub().expect({
      method: "POST",
      path: "/v2/api-keys",
      body: { name: "k", key_type: "user" },
    }, {
      status: 201,
      json: created,
    });
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const cwd = mkdtempSync(join(tmpdir(), "ax-run-"));
    writeFileSync(join(cwd, ".env"), "A=1\nexport ARIZE_API_KEY=old\nB=2\nARIZE_API_KEY=older\n");
    const run = await runCommand([
      "api-keys",
      "create",
      "-n",
      "k",
      "--env-file",
      ".env",
      "-o",
      "json",
    ], {
      stub,
      cwd,
    });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.equal(
      readFileSync(join(cwd, ".env"), "utf8"),
      `A=1\nexport ARIZE_API_KEY=${created.key}\nB=2\n`,
    );
  });

  const unwritable: [string, string, RegExp][] = [
    ["a missing folder", "nope/.env", /the directory 'nope' does not exist/],
    ["a folder", ".", /it is not a regular file/],
  ];
  for (const [name, path, reason] of unwritable) {
    it(`--env-file into ${name} fails before anything is created (exit 5)`, async () => {
      const stub = apiStub();
      const run = await runCommand(["api-keys", "create", "-n", "k", "--env-file", path], { stub });
      stub.verify();
      const error = run.error as AxError;
      assert.equal(error.exitCode, 5);
      assert.match(error.message, reason);
      assert.match(error.hints.join("\n"), /Nothing was created/);
    });
  }

  it("--env-file through a symlink is refused before anything is created", async () => {
    const { mkdtempSync, symlinkSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const cwd = mkdtempSync(join(tmpdir(), "ax-run-"));
    writeFileSync(join(cwd, "target"), "");
    symlinkSync(join(cwd, "target"), join(cwd, ".env"));
    const stub = apiStub();
    const run = await runCommand(["api-keys", "create", "-n", "k", "--env-file", ".env"], {
      stub,
      cwd,
    });
    stub.verify();
    assert.equal((run.error as AxError).exitCode, 5);
    assert.match((run.error as Error).message, /symbolic link/);
  });

  it("--env-file: revokes the new key when the file cannot be written after all", async () => {
    const created = createdKey(9);
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const cwd = mkdtempSync(join(tmpdir(), "ax-run-"));
    mkdirSync(join(cwd, "secrets"));
    const stub = apiStub()
      .expect({ method: "POST", path: "/v2/api-keys", body: { name: "k", key_type: "user" } }, {
        status: 201,
        json: created,
        before: () => {
          rmSync(join(cwd, "secrets"), { recursive: true });
          writeFileSync(join(cwd, "secrets"), "");
        },
      })
      .expect({ method: "PUT", path: "/v2/api-keys/key9/revoke" }, {
        status: 500,
        json: { title: "Internal Server Error", status: 500 },
      })
      .expect({ method: "PUT", path: "/v2/api-keys/key9/revoke" }, {
        status: 500,
        json: { title: "Internal Server Error", status: 500 },
      })
      .expect({ method: "PUT", path: "/v2/api-keys/key9/revoke" }, {
        status: 500,
        json: { title: "Internal Server Error", status: 500 },
      });
    const run = await runCommand(["api-keys", "create", "-n", "k", "--env-file", "secrets/.env"], {
      stub,
      cwd,
    });
    stub.verify();
    const error = run.error as AxError;
    assert.equal(error.exitCode, 5);
    // Revoking failed too (after the client's retries): the user is told how to do it.
    assert.match(
      error.hints[0],
      /^The new key 'key9' was created but could not be saved, and revoking it failed: 500/,
    );
    assert.equal(error.hints[1], "Revoke it yourself: ax api-keys revoke key9 --force");
    assert.ok(!run.stdout.includes(created.key) && !run.stderr.includes(created.key));
    assert.ok(!existsSync(join(cwd, "secrets", ".env")));
  });

  it("-v logs the requests on stderr without the token or the secret", async () => {
    const created = createdKey(10);
    const stub = apiStub().expect({
      method: "POST",
      path: "/v2/api-keys",
      body: { name: "k", key_type: "user" },
    }, {
      status: 201,
      json: created,
    });
    const run = await runCommand(["api-keys", "create", "-n", "k", "-v", "-o", "json"], {
      stub,
      tty: true,
    });
    stub.verify();
    assert.match(run.stderr, /POST https:\/\/api\.arize\.test\/v2\/api-keys/);
    assert.ok(!run.stderr.includes(created.key), "secret in verbose log");
    assert.ok(!run.stderr.includes(TEST_KEY), "token in verbose log");
    assert.ok(!run.stderr.includes("\r"), "no spinner between verbose lines");
    assert.equal(run.stdout.includes(created.key), true);
  });
});

describe("ax api-keys create-service-key", () => {
  it("resolves the space name, then posts the roles that were given", async () => {
    const created = createdKey(11, { key_type: "service" });
    const stub = apiStub()
      .expect({ method: "GET", path: "/v2/spaces?name=My%20Space&limit=100" }, {
        status: 200,
        json: {
          spaces: [{ id: "OTHER", name: "My Space 2" }, { id: SPACE_ID, name: "My Space" }],
          pagination: { has_more: false },
        },
      })
      .expect({
        method: "POST",
        path: "/v2/api-keys",
        body: {
          name: "svc",
          key_type: "service",
          space_id: SPACE_ID,
          roles: { space_role: "read-only", account_role: "admin" },
        },
      }, { status: 201, json: created });
    const run = await runCommand([
      "api-keys",
      "create-service-key",
      "-n",
      "svc",
      "-s",
      "My Space",
      "--space-role",
      "Read-Only",
      "--account-role",
      "ADMIN",
      "-o",
      "json",
    ], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.equal(run.stdout, pretty(created));
    assert.equal(run.stderr, SERVICE_CREATED + SAVE_NOW);
  });

  it("uses a space ID as is and sends no roles when none were given", async () => {
    const stub = apiStub().expect({
      method: "POST",
      path: "/v2/api-keys",
      body: {
        name: "svc",
        description: "d",
        key_type: "service",
        expires_at: "2031-05-06T00:00:00Z",
        space_id: SPACE_ID,
      },
    }, { status: 201, json: createdKey(12, { key_type: "service" }) });
    const run = await runCommand([
      "api-keys",
      "create-service-key",
      "--name",
      "svc",
      "--space",
      SPACE_ID,
      "--description",
      "d",
      "--expires-at",
      "2031-05-06",
      "-o",
      "json",
    ], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
  });

  it("an unknown space name fails (exit 1) before any key is created", async () => {
    const stub = apiStub().expect({ method: "GET", path: "/v2/spaces?name=nope&limit=100" }, {
      status: 200,
      json: { spaces: [{ id: "X", name: "nope-not" }], pagination: { has_more: false } },
    });
    const run = await runCommand(["api-keys", "create-service-key", "-n", "svc", "-s", "nope"], {
      stub,
    });
    stub.verify();
    assert.equal((run.error as AxError).exitCode, 1);
    assert.equal((run.error as Error).message, "space 'nope' not found");
  });

  it("a role above the caller's is the server's 400 (exit 4)", async () => {
    const stub = apiStub().expect({
      method: "POST",
      path: "/v2/api-keys",
      body: { name: "svc", key_type: "service", space_id: SPACE_ID, roles: { org_role: "admin" } },
    }, {
      status: 400,
      json: { title: "Bad Request", status: 400, detail: "roles.org_role: above your own role" },
    });
    const run = await runCommand([
      "api-keys",
      "create-service-key",
      "-n",
      "svc",
      "-s",
      SPACE_ID,
      "--org-role",
      "admin",
    ], { stub });
    stub.verify();
    assert.equal((run.error as AxError).exitCode, 4);
    assert.equal(
      (run.error as Error).message,
      "400 Bad Request; roles.org_role: above your own role",
    );
    assert.equal(run.stdout, "");
  });
});
