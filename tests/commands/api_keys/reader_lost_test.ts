/**
 * S8 (docs/reliability.md): a secret printed into a pipe (or anything that
 * is neither a terminal nor a regular file) can be taken by a reader that
 * drops it (`| head -c 5`) with every write succeeding. stderr then ends
 * with one line giving the command that undoes the key: create's revoke,
 * refresh's recovery. On a terminal, into a regular file, with -o FILE or
 * --env-file, nothing is added.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { apiStub, runCommand, type RunOptions, TEST_KEY } from "../../_helpers/run_command.ts";
import { fetchStub } from "../../_helpers/fetch_stub.ts";
import { removeDir, tempDir, writeProfileFile } from "../../config/_temp_config.ts";
import { createdKey, pretty } from "./_fixtures.ts";

const CREATED = "✓ API key created successfully\n";
const SERVICE_CREATED = "✓ Service API key created successfully\n";
const REFRESHED = "✓ API key refreshed successfully\n";
const SAVE_NOW = "⚠ Warning: Save this API key now — it will not be shown again.\n";
/** An ID as long as the emulator's and Arize's (base64 of `ApiKey:12:abcd`). */
const LONG_ID = "QXBpS2V5OjEyOmFiY2Q=";

const dirs: string[] = [];
after(() => dirs.forEach(removeDir));

/** Runs `create -n k <extra>` answered with a key whose ID is `id`. */
async function create(extra: string[], options: RunOptions, id = "key1") {
  const created = createdKey(1, { id });
  const stub = apiStub().expect(
    { method: "POST", path: "/v2/api-keys", body: { name: "k", key_type: "user" } },
    { status: 201, json: created },
  );
  const run = await runCommand(["api-keys", "create", "-n", "k", ...extra], { stub, ...options });
  stub.verify();
  assert.equal(run.error, undefined, run.report);
  return { run, created };
}

/** Runs `refresh key1 <extra>` answered with the replacement `id`. */
async function refresh(extra: string[], options: RunOptions, id = "key2") {
  const created = createdKey(2, { id });
  const stub = options.stub ?? apiStub();
  stub.expect({ method: "POST", path: "/v2/api-keys/key1/refresh", body: {} }, {
    status: 200,
    json: created,
  });
  const run = await runCommand(["api-keys", "refresh", "key1", ...extra], { ...options, stub });
  stub.verify();
  assert.equal(run.error, undefined, run.report);
  return { run, created };
}

/** A config dir whose profile `work` reaches the stub with the test key. */
function workProfile(): RunOptions {
  const dir = tempDir("ax-reader-lost-");
  dirs.push(dir);
  writeProfileFile(
    dir,
    "work",
    `[auth]\napi_key = "${TEST_KEY}"\n[routing]\napi_host = "api.arize.test"\n`,
  );
  return { env: { ARIZE_API_KEY: undefined, ARIZE_BASE_URL: undefined, AX_CONFIG_DIR: dir } };
}

describe("a secret printed into a pipe is followed by the command that undoes it", () => {
  it("create -o json | …: the revoke command, after the reference CLI's lines", async () => {
    const { run, created } = await create(["-o", "json"], { stdoutIs: "pipe" });
    assert.equal(run.stdout, pretty(created));
    assert.equal(
      run.stderr,
      CREATED + SAVE_NOW + "ℹ If the reader lost the key: ax api-keys revoke key1 --force\n",
    );
  });

  it("create | … (table) with --profile: the revoke carries the profile", async () => {
    const { run } = await create(["--profile", "work"], { stdoutIs: "pipe", ...workProfile() });
    assert.equal(
      run.stderr.split("\n").at(-2),
      "ℹ If the reader lost the key: ax api-keys revoke key1 --force --profile work",
    );
  });

  it("create-service-key | …: the revoke command too", async () => {
    const created = createdKey(3, { key_type: "service" });
    const stub = apiStub().expect({
      method: "POST",
      path: "/v2/api-keys",
      body: { name: "svc", key_type: "service", space_id: "U3BhY2U6MTphYmM=" },
    }, { status: 201, json: created });
    const run = await runCommand(
      ["api-keys", "create-service-key", "-n", "svc", "-s", "U3BhY2U6MTphYmM=", "-o", "csv"],
      { stub, stdoutIs: "pipe" },
    );
    stub.verify();
    assert.equal(run.error, undefined, run.report);
    assert.equal(
      run.stderr,
      SERVICE_CREATED + SAVE_NOW +
        "ℹ If the reader lost the key: ax api-keys revoke key3 --force\n",
    );
  });

  it("refresh -o json --profile work | …: the recovery command of a failed delivery", async () => {
    const stub = fetchStub({
      baseUrl: "https://api.arize.test",
      headers: { authorization: `Bearer ${TEST_KEY}` },
    });
    const { run } = await refresh(["-o", "json", "--profile", "work"], {
      stub,
      stdoutIs: "pipe",
      ...workProfile(),
    });
    assert.equal(
      run.stderr,
      REFRESHED + SAVE_NOW +
        "ℹ If the reader lost the key: ax api-keys refresh key2 -o json --profile work\n",
    );
  });

  it("an ID the shell would read is quoted, as in every pasted command", async () => {
    const { run } = await create([], { stdoutIs: "pipe" }, "it's $(x)");
    assert.equal(
      run.stderr.split("\n").at(-2),
      `ℹ If the reader lost the key: ax api-keys revoke 'it'\\''s $(x)' --force`,
    );
  });

  it("fits 80 columns for an ID of the usual length", async () => {
    const created = await create(["-o", "json"], { stdoutIs: "pipe" }, LONG_ID);
    const refreshed = await refresh(["-o", "json"], { stdoutIs: "pipe" }, LONG_ID);
    for (const { run } of [created, refreshed]) {
      const line = run.stderr.split("\n").at(-2)!;
      assert.match(line, new RegExp(`^ℹ If the reader lost the key: ax api-keys \\w+ ${LONG_ID}`));
      assert.ok([...line].length <= 80, `${[...line].length} columns: ${line}`);
    }
  });
});

describe("where the secret cannot be dropped unseen, nothing is added", () => {
  it("stdout a terminal: create and refresh end with the warning", async () => {
    const created = await create(["-o", "json"], { stdoutTTY: true });
    assert.equal(created.run.stderr, CREATED + SAVE_NOW);
    const refreshed = await refresh(["-o", "json"], { stdoutTTY: true });
    assert.equal(refreshed.run.stderr, REFRESHED + SAVE_NOW);
  });

  it("stdout a regular file (> key.json): create and refresh end with the warning", async () => {
    const created = await create(["-o", "json"], { stdoutIs: "file" });
    assert.equal(created.run.stderr, CREATED + SAVE_NOW);
    const refreshed = await refresh(["-o", "json"], { stdoutIs: "file" });
    assert.equal(refreshed.run.stderr, REFRESHED + SAVE_NOW);
  });

  it("-o FILE while stdout is a pipe: the file holds the key, no line", async () => {
    const { run, created } = await create(["-o", "key.json"], { stdoutIs: "pipe" });
    const file = join(run.cwd, "key.json");
    assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), created);
    assert.equal(run.stderr, `${CREATED}✓ Saved to ${file}\n${SAVE_NOW}`);
  });

  it("--env-file while stdout is a pipe: only metadata is piped, no line", async () => {
    const { run } = await refresh(["--env-file", "k.env", "-o", "json"], { stdoutIs: "pipe" });
    assert.equal(
      run.stderr,
      `${REFRESHED}✓ Saved the new key to k.env as ARIZE_API_KEY (it is not shown here)\n`,
    );
  });
});
