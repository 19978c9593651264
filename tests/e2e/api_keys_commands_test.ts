/**
 * End to end: real `ax api-keys` processes against a real emulator process.
 * Every command and option, the exit codes 0–5, the one-time notice, env
 * files, profiles and the no-terminal revoke refusal. (Bad input is covered
 * case by case in api_keys_bad_input_test.ts, pagination in
 * api_keys_pagination_test.ts.)
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { useEmulator } from "../_helpers/emulator_fixture.ts";
import { type AxResult } from "../_helpers/run_ax.ts";

const CREATED = "✓ API key created successfully\n";
const SAVE_NOW = "⚠ Warning: Save this API key now — it will not be shown again.\n";
/** What stderr ends with when the secret went into a pipe, as it does here (S8). */
const ifLost = (command: string) => `ℹ If the reader lost the key: ${command}\n`;

const fx = useEmulator("keys", { faults: true });

/**
 * Runs ax against the emulator (private config dir, no notice, colour left
 * to ax) and fails with its output unless it exits with `code`.
 */
function expectExit(code: number, args: string[], overrides = {}): Promise<AxResult> {
  return fx.axExpecting(code, args, { env: { NO_COLOR: undefined, ...overrides } });
}

/** Creates a user key through ax and returns the parsed json record. */
async function createKey(name: string, extra: string[] = []): Promise<Record<string, string>> {
  const result = await expectExit(0, ["api-keys", "create", "-n", name, "-o", "json", ...extra]);
  return JSON.parse(result.stdout);
}

async function requests(): Promise<number> {
  return (await fx.emu.stats()).requests;
}

describe("ax api-keys against the emulator", () => {
  it("shows the ALPHA notice once per config dir, on stderr only", async () => {
    const fresh = {
      AX_CONFIG_DIR: join(fx.box.home, "fresh-config"),
      DISABLE_PRERELEASE_WARNING: undefined,
    };
    const first = await expectExit(0, ["api-keys", "list", "-o", "json"], fresh);
    const second = await expectExit(0, ["api-keys", "list", "-o", "json"], fresh);
    assert.match(first.stderr, /ALPHA/);
    assert.equal(second.stderr, "");
    assert.ok(Array.isArray(JSON.parse(first.stdout).api_keys));
    assert.ok(Array.isArray(JSON.parse(second.stdout).api_keys));
  });

  it("create prints the key once (piped: one tab-separated record); the key authenticates", async () => {
    const result = await expectExit(0, ["api-keys", "create", "--name", "panel key"]);
    const [header, row, ...rest] = result.stdout.trimEnd().split("\n");
    assert.deepEqual(rest, []);
    const record = Object.fromEntries(
      header.split("\t").map((name, i) => [name, row.split("\t")[i]]),
    );
    assert.equal(
      result.stderr,
      CREATED + SAVE_NOW + ifLost(`ax api-keys revoke ${record.id} --force`),
    );
    const key = record.key;
    assert.match(key, /^ak-\w+$/, result.stdout);
    assert.equal(record.name, "panel key");
    await expectExit(0, ["api-keys", "list", "-o", "json"], { ARIZE_API_KEY: key });
  });

  it("create sends the description and the expiry in UTC", async () => {
    const record = await createKey("expiring", [
      "--description",
      "résumé ✓",
      "--expires-at",
      "2030-06-01T02:00:00+02:00",
    ]);
    assert.equal(record.description, "résumé ✓");
    assert.equal(record.expires_at, "2030-06-01T00:00:00Z");
    assert.equal(record.key_type, "user");
    assert.match(record.key, /^ak-/);
  });

  it("create --env-file writes ARIZE_API_KEY (0600) and prints the metadata only", async () => {
    const result = await expectExit(0, [
      "api-keys",
      "create",
      "-n",
      "env key",
      "--env-file",
      "app.env",
      "-o",
      "json",
    ]);
    const text = readFileSync(join(fx.box.home, "app.env"), "utf8");
    const key = /^ARIZE_API_KEY=(ak-\S+)\n$/.exec(text)?.[1];
    assert.ok(key, text);
    assert.equal(statSync(join(fx.box.home, "app.env")).mode & 0o777, 0o600);
    const record = JSON.parse(result.stdout);
    assert.equal(record.name, "env key");
    assert.equal(record.key, undefined);
    assert.ok(!result.stdout.includes(key) && !result.stderr.includes(key));
    assert.equal(
      result.stderr,
      `${CREATED}✓ Saved the new key to app.env as ARIZE_API_KEY (it is not shown here)\n`,
    );
    await expectExit(0, ["api-keys", "list", "-o", "json"], { ARIZE_API_KEY: key });
  });

  it("create -o key.csv writes the record with its key to a file", async () => {
    const result = await expectExit(0, ["api-keys", "create", "-n", "csv key", "-o", "key.csv"]);
    const [header, row] = readFileSync(join(fx.box.home, "key.csv"), "utf8").trimEnd().split("\n");
    assert.equal(
      header,
      "id,name,description,key_type,status,redacted_key,created_at,expires_at,created_by_user_id,last_used_at,key",
    );
    assert.match(row, /,csv key,,user,active,.*,ak-\w+$/);
    assert.equal(result.stdout, "");
    assert.equal(
      result.stderr,
      `${CREATED}✓ Saved to ${join(fx.box.home, "key.csv")}\n${SAVE_NOW}`,
    );
  });

  it("exit 5: an unwritable -o or --env-file fails before any key is created", async () => {
    const before = await requests();
    const out = await expectExit(5, [
      "api-keys",
      "create",
      "-n",
      "x",
      "-o",
      "no/such/dir/key.json",
    ]);
    assert.match(out.stderr, /^✗ Error: .*no\/such\/dir/);
    const envFile = await expectExit(5, [
      "api-keys",
      "create",
      "-n",
      "x",
      "--env-file",
      "nope/.env",
    ]);
    assert.match(
      envFile.stderr,
      /^✗ Error: Cannot write --env-file 'nope\/.env': the directory 'nope' does not exist\./,
    );
    assert.equal(await requests(), before);
  });

  it("create-service-key by space name with roles, and by ID with none", async () => {
    const [space, other] = fx.emu.spaces;
    const byName = await expectExit(0, [
      "api-keys",
      "create-service-key",
      "-n",
      "svc by name",
      "-s",
      space.name,
      "--space-role",
      "READ-ONLY",
      "--org-role",
      "read-only",
      "--account-role",
      "Member",
      "-o",
      "json",
    ]);
    const service = JSON.parse(byName.stdout);
    assert.equal(
      byName.stderr,
      "✓ Service API key created successfully\n" + SAVE_NOW +
        ifLost(`ax api-keys revoke ${service.id} --force`),
    );
    assert.equal(service.key_type, "service");
    const byId = await expectExit(0, [
      "api-keys",
      "create-service-key",
      "--name",
      "svc by id",
      "--space",
      other.id,
      "--description",
      "no roles",
      "-o",
      "json",
    ]);
    assert.equal(JSON.parse(byId.stdout).description, "no roles");
    const listed = await expectExit(0, [
      "api-keys",
      "list",
      "--key-type",
      "service",
      "--space",
      space.name,
      "-o",
      "json",
    ]);
    const names = JSON.parse(listed.stdout).api_keys.map((k: { name: string }) => k.name);
    assert.deepEqual(names, ["svc by name"]);
  });

  it("exit 1: an unknown space name fails before any key is created", async () => {
    const before = await fx.emu.stats();
    const result = await expectExit(1, [
      "api-keys",
      "create-service-key",
      "-n",
      "x",
      "-s",
      "no such space",
    ]);
    assert.match(result.stderr, /^✗ Error: space 'no such space' not found/);
    const now = await fx.emu.stats();
    assert.equal(now.by_route["POST /v2/api-keys"] ?? 0, before.by_route["POST /v2/api-keys"] ?? 0);
  });

  it("revoke: refused without a terminal or --force (exit 2, nothing sent), then --force", async () => {
    const record = await createKey("to revoke");
    const before = await requests();
    const refused = await expectExit(2, ["api-keys", "revoke", record.id]);
    assert.match(refused.stderr, /--force/);
    assert.equal(await requests(), before);

    const revoked = await expectExit(0, ["api-keys", "revoke", record.id, "--force"]);
    assert.equal(revoked.stdout, "");
    assert.equal(revoked.stderr, `✓ API key with ID '${record.id}' revoked successfully\n`);
    // Revoking again is a no-op that still succeeds.
    await expectExit(0, ["api-keys", "revoke", "-f", record.id]);
    const listed = await expectExit(0, ["api-keys", "list", "--status", "revoked", "-o", "json"]);
    assert.ok(JSON.parse(listed.stdout).api_keys.some((k: { id: string }) => k.id === record.id));

    // exit 3: the revoked key no longer authenticates.
    const denied = await expectExit(3, ["api-keys", "list"], { ARIZE_API_KEY: record.key });
    assert.match(denied.stderr, /^✗ Error: 401 Unauthorized; /);
    assert.equal(denied.stdout, "");
  });

  it("exit 4: an unknown key ID is a 404 with the list hint", async () => {
    const result = await expectExit(4, ["api-keys", "revoke", "QXBpS2V5Ojk5OTk6eHh4", "-f"]);
    assert.match(
      result.stderr,
      /^✗ Error: 404 Not Found; .*\nVerify the ID exists using the list command\.\n/,
    );
  });

  it("refresh with a grace period: the old key works until it ends, the new one after", async () => {
    const old = await createKey("rotating", ["--description", "kept"]);
    const result = await expectExit(0, [
      "api-keys",
      "refresh",
      old.id,
      "--grace-period-seconds",
      "60",
      "-o",
      "json",
    ]);
    const fresh = JSON.parse(result.stdout);
    assert.equal(
      result.stderr,
      "✓ API key refreshed successfully\n" + SAVE_NOW +
        ifLost(`ax api-keys refresh ${fresh.id} -o json`),
    );
    assert.notEqual(fresh.id, old.id);
    assert.equal(fresh.name, "rotating");
    assert.equal(fresh.description, "kept");
    await expectExit(0, ["api-keys", "list", "-o", "json"], { ARIZE_API_KEY: old.key });
    await fx.emu.advanceClock(61);
    await expectExit(3, ["api-keys", "list", "-o", "json"], { ARIZE_API_KEY: old.key });
    await expectExit(0, ["api-keys", "list", "-o", "json"], { ARIZE_API_KEY: fresh.key });
  });

  it("refresh --expires-at later than the old expiry is the server's 422 (exit 4)", async () => {
    const old = await createKey("bounded", ["--expires-at", "2030-01-01"]);
    const result = await expectExit(4, [
      "api-keys",
      "refresh",
      old.id,
      "--expires-at",
      "2031-01-01",
    ]);
    assert.match(result.stderr, /^✗ Error: 422 /);
    const ok = await expectExit(0, [
      "api-keys",
      "refresh",
      old.id,
      "--expires-at",
      "2029-12-31T23:00",
      "--env-file",
      "rotated.env",
      "-o",
      "json",
    ]);
    assert.equal(JSON.parse(ok.stdout).expires_at, "2029-12-31T23:00:00Z");
    assert.match(
      readFileSync(join(fx.box.home, "rotated.env"), "utf8"),
      /^ARIZE_API_KEY=ak-\w+\n$/,
    );
  });

  it("exit 1: no credentials at all says how to get some, before any request", async () => {
    const before = await requests();
    const result = await expectExit(1, ["api-keys", "list"], {
      ARIZE_API_KEY: undefined,
      AX_CONFIG_DIR: join(fx.box.home, "empty-config"),
    });
    assert.match(result.stderr, /^✗ Error: No API key found\.\n.*ax profiles create/s);
    assert.match(result.stderr, /ax emulator start/);
    assert.equal(await requests(), before);
  });

  it("a profile supplies the key and the output format; -o wins over it", async () => {
    const config = join(fx.box.home, "profile-config");
    mkdirSync(join(config, "profiles"), { recursive: true });
    writeFileSync(
      join(config, "profiles", "work.toml"),
      `[auth]\napi_key = "${fx.emu.adminKey}"\n\n[output]\nformat = "ndjson"\n`,
    );
    const overrides = { ARIZE_API_KEY: undefined, AX_CONFIG_DIR: config, AX_PROFILE: "work" };
    const profile = await expectExit(0, ["api-keys", "list", "-l", "2"], overrides);
    const lines = profile.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 2);
    for (const line of lines) assert.equal(typeof JSON.parse(line).id, "string");
    const flag = await expectExit(0, ["api-keys", "list", "-l", "2", "-o", "csv"], overrides);
    assert.match(flag.stdout, /^id,name,/);
  });

  it("--plugin loads a format module for -o, for list and create", async () => {
    const plugin = fileURLToPath(
      new URL("../../formats/plugins/examples/markdown.ts", import.meta.url),
    );
    const listed = await expectExit(0, [
      "api-keys",
      "list",
      "-l",
      "3",
      "--plugin",
      plugin,
      "-o",
      "markdown",
    ]);
    const lines = listed.stdout.trimEnd().split("\n");
    assert.match(lines[0], /^\| name \| id \|/);
    assert.equal(lines.length, 5); // header, rule, 3 rows
    const created = await expectExit(0, [
      "api-keys",
      "create",
      "-n",
      "md key",
      "--plugin",
      plugin,
      "-o",
      "key.md",
    ]);
    assert.match(readFileSync(join(fx.box.home, "key.md"), "utf8"), /\| md key \|.*\| ak-\w+ \|/);
    assert.equal(created.stdout, "");
  });

  it("-v logs requests on stderr without the token or the new secret", async () => {
    const result = await expectExit(0, ["api-keys", "create", "-n", "verbose", "-o", "json", "-v"]);
    const secret = JSON.parse(result.stdout).key;
    assert.match(result.stderr, /POST http:\/\/127\.0\.0\.1:\d+\/v2\/api-keys/);
    assert.match(result.stderr, /201/);
    assert.ok(!result.stderr.includes(secret), "secret in the verbose log");
    assert.ok(!result.stderr.includes(fx.emu.adminKey), "token in the verbose log");
  });

  it("--timeout gives up on a slow server (exit 1) and says so", async () => {
    await fx.emu.fault({ route: "GET /v2/api-keys", delay_ms: 5000, count: 3 });
    const started = performance.now();
    const result = await expectExit(1, ["api-keys", "list", "--timeout", "0.3"]);
    assert.ok(performance.now() - started < 4500, "waited for the slow server");
    assert.match(result.stderr, /^✗ Error: .*(time|Time)/);
    await fx.emu.clearFaults();
  });

  it("leaves no stray files next to outputs", () => {
    assert.ok(!existsSync(join(fx.box.home, "no")));
    const leftovers = ["app.env", "key.csv", "rotated.env"].map((f) => join(fx.box.home, f));
    for (const file of leftovers) assert.ok(existsSync(file), file);
  });
});
