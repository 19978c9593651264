/**
 * Every example of Arize's product page for `ax api-keys` (the "Examples"
 * blocks of the API Keys page the project is built against), run as a user
 * would copy it: against a real emulator, with the page's placeholder IDs
 * and space replaced by real ones and its dates moved into the future. Each
 * must exit 0 and do what the page says, checked through the API afterwards.
 * Run from source and, by scripts/test.ts, against the compiled binary.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { useEmulator } from "../_helpers/emulator_fixture.ts";
import { type AxResult, runAx } from "../_helpers/run_ax.ts";
import { hasScript, shellWords, startOnTerminal, waitFor } from "../_helpers/ax_process.ts";

/** The page's examples, verbatim (continuation lines joined), in page order. */
const PAGE_EXAMPLES = [
  "ax api-keys list",
  "ax api-keys list --key-type service --status active",
  "ax api-keys list --output api-keys.json",
  'ax api-keys create --name "CI Pipeline Key"',
  'ax api-keys create --name "Temporary Key" --expires-at "2025-12-31T23:59:59"',
  'ax api-keys create-service-key --name "Staging Service Key" --space sp_abc123',
  'ax api-keys create-service-key --name "Read-Only Service Key" --space sp_abc123 --space-role read-only --org-role read-only',
  "ax api-keys revoke key_abc123",
  "ax api-keys revoke key_abc123 --force",
  "ax api-keys refresh key_abc123",
  'ax api-keys refresh key_abc123 --expires-at "2026-12-31T23:59:59"',
];

const NEXT_YEAR = new Date().getUTCFullYear() + 1;
const FUTURE = `${NEXT_YEAR}-12-31T23:59:59`;

const fx = useEmulator("product-page");
let staging: { id: string; name: string };

type Key = Record<string, string>;

/** The page's words for one example as sh reads them, placeholders replaced. */
async function words(
  example: string,
  values: { space?: string; key?: string },
): Promise<string[]> {
  const replaced = example
    .replace(/\b20\d\d-12-31T23:59:59\b/g, FUTURE)
    .replace(/\bsp_abc123\b/g, values.space ?? "sp_abc123")
    .replace(/\bkey_abc123\b/g, values.key ?? "key_abc123");
  const out = await shellWords(replaced);
  assert.equal(out.shift(), "ax");
  return out;
}

async function run(example: string, values: { space?: string; key?: string } = {}) {
  const result = await fx.ax(await words(example, values));
  assert.equal(result.code, 0, `${example}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result;
}

/** Lists through ax as json (every page), for checking what an example did. */
async function listed(...filters: string[]): Promise<Key[]> {
  const result = await runAx(["api-keys", "list", "--all", "-o", "json", ...filters], {
    env: fx.env(),
    cwd: fx.box.home,
  });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout).api_keys;
}

async function newUserKey(name: string, extra: string[] = []): Promise<Key> {
  const result = await runAx(["api-keys", "create", "-n", name, "-o", "json", ...extra], {
    env: fx.env(),
    cwd: fx.box.home,
  });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

function only(keys: Key[], name: string): Key {
  const found = keys.filter((key) => key.name === name);
  assert.equal(found.length, 1, `one key named '${name}' in ${JSON.stringify(keys)}`);
  return found[0];
}

const example = (n: number) => PAGE_EXAMPLES[n];
const scriptAvailable = await hasScript();

describe("every example of the product page", () => {
  before(async () => {
    staging = fx.emu.spaces.find((space) => space.name === "staging")!;
    await newUserKey("listed user key");
    const service = await runAx(
      ["api-keys", "create-service-key", "-n", "listed service key", "-s", staging.id],
      { env: fx.env(), cwd: fx.box.home },
    );
    assert.equal(service.code, 0, service.stderr);
  });

  it("the list covers the page: 11 examples", () => assert.equal(PAGE_EXAMPLES.length, 11));

  it(example(0), async () => {
    const { stdout, stderr } = await run(example(0));
    assert.match(stdout, /listed user key/);
    assert.doesNotMatch(stdout, /listed service key/);
    assert.doesNotMatch(stderr, /Error/);
  });

  it(example(1), async () => {
    const { stdout } = await run(example(1));
    assert.match(stdout, /listed service key/);
    assert.doesNotMatch(stdout, /listed user key/);
    assert.doesNotMatch(stdout, /\buser\b/, "only service keys");
  });

  it(example(2), async () => {
    const { stdout } = await run(example(2));
    assert.equal(stdout, "");
    const written = JSON.parse(readFileSync(join(fx.box.home, "api-keys.json"), "utf8"));
    assert.ok(written.api_keys.some((key: Key) => key.name === "listed user key"));
    assert.equal(typeof written.pagination.has_more, "boolean");
  });

  it(example(3), async () => {
    const { stdout, stderr } = await run(example(3));
    assert.match(stderr, /✓ API key created successfully/);
    assert.match(stderr, /Save this API key now/);
    const key = only(await listed(), "CI Pipeline Key");
    assert.equal(key.key_type, "user");
    assert.equal(key.expires_at, undefined, "no expiry");
    assert.match(stdout, /ak-/, "the raw key is shown once");
  });

  it(example(4), async () => {
    const { stderr } = await run(example(4));
    assert.match(stderr, /✓ API key created successfully/);
    assert.equal(only(await listed(), "Temporary Key").expires_at, `${FUTURE}Z`);
  });

  for (const [n, roles] of [[5, false], [6, true]] as const) {
    for (const by of ["ID", "name"] as const) {
      it(`${example(n)} (space by ${by})`, async () => {
        const space = by === "ID" ? staging.id : staging.name;
        const { stderr } = await run(example(n), { space });
        assert.match(stderr, /✓ Service API key created successfully/);
        const name = roles ? "Read-Only Service Key" : "Staging Service Key";
        const made = (await listed("--space", staging.id)).filter((key) => key.name === name);
        assert.ok(made.length >= 1, `'${name}' listed in the staging space`);
        for (const key of made) assert.equal(key.key_type, "service");
      });
    }
  }

  it(
    example(7),
    { skip: scriptAvailable ? false : "util-linux `script` is needed for a pty" },
    async () => {
      const key = await newUserKey("to revoke on a terminal");
      const session = startOnTerminal(await words(example(7), { key: key.id }), {
        env: fx.env(),
        cwd: fx.box.home,
      });
      await waitFor(() => session.screen().includes("[y/N]"), { what: "the confirmation prompt" });
      session.type("y\r");
      const result: AxResult = await session.done;
      assert.equal(result.code, 0, result.stdout);
      assert.match(result.stdout, new RegExp(`API key with ID '${key.id}' revoked successfully`));
      assert.ok((await listed("--status", "revoked")).some((listedKey) => listedKey.id === key.id));
    },
  );

  it(example(8), async () => {
    const key = await newUserKey("to revoke with force");
    const { stderr } = await run(example(8), { key: key.id });
    assert.match(stderr, new RegExp(`API key with ID '${key.id}' revoked successfully`));
    assert.ok((await listed("--status", "revoked")).some((listedKey) => listedKey.id === key.id));
    // "Revoking an already-revoked key is a no-op and still succeeds."
    await run(example(8), { key: key.id });
  });

  it(example(9), async () => {
    const key = await newUserKey("to refresh");
    const { stderr } = await run(example(9), { key: key.id });
    assert.match(stderr, /✓ API key refreshed successfully/);
    const active = only(await listed(), "to refresh");
    assert.notEqual(active.id, key.id, "a replacement with the same name");
    assert.equal(active.expires_at, undefined, "the replacement never expires");
    assert.ok((await listed("--status", "revoked")).some((old) => old.id === key.id));
  });

  it(`${example(9)} (a key that expires keeps its expiry)`, async () => {
    const key = await newUserKey("expiring, to refresh", ["--expires-at", FUTURE]);
    const { stderr } = await run(example(9), { key: key.id });
    assert.match(stderr, /the replacement keeps that expiry/);
    assert.equal(only(await listed(), "expiring, to refresh").expires_at, `${FUTURE}Z`);
  });

  it(example(10), async () => {
    const key = await newUserKey("to refresh with expiry");
    const { stderr } = await run(example(10), { key: key.id });
    assert.match(stderr, /✓ API key refreshed successfully/);
    const active = only(await listed(), "to refresh with expiry");
    assert.notEqual(active.id, key.id);
    assert.equal(active.expires_at, `${FUTURE}Z`);
  });
});
