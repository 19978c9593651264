/**
 * QUALITY.md S1 and S7: create, create-service-key and refresh run with
 * `-v` in every text format. The new secret appears exactly once across
 * stdout, stderr and every file ax could have written (the one intended
 * copy: stdout, or the `-o` file, or the `--env-file`), and the bearer token
 * never appears anywhere — also not in failures.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { useEmulator } from "../../_helpers/emulator_fixture.ts";
import { type AxResult, runAx } from "../../_helpers/run_ax.ts";
import { reply, startScriptedServer } from "../../_helpers/scripted_server.ts";

/** A raw key as the emulator issues them. */
const RAW_KEY = /ak-[A-Za-z0-9]{30,}/g;

const fx = useEmulator("redaction");

/** Every file under `dir` with its text. */
function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true }).map(String).map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, text: readFileSync(path, "latin1") }));
}

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** Where `secret` shows up: "stdout", "stderr" and file paths, one entry per occurrence. */
function sightings(secret: string, result: AxResult): string[] {
  const seen: string[] = [];
  for (let i = occurrences(result.stdout, secret); i > 0; i--) seen.push("stdout");
  for (let i = occurrences(result.stderr, secret); i > 0; i--) seen.push("stderr");
  for (const file of filesUnder(fx.box.home)) {
    for (let i = occurrences(file.text, secret); i > 0; i--) seen.push(file.path);
  }
  return seen;
}

/** Runs ax with `-v` in a fresh working dir; returns the result and that dir. */
async function verbose(args: string[], extra: Record<string, string> = {}) {
  const cwd = fx.box.dir("run");
  const result = await runAx([...args, "-v"], { env: fx.env(extra), cwd });
  return { result, cwd };
}

/** A key to refresh, created outside ax so its secret is not in any output. */
async function freshKeyId(): Promise<string> {
  const made = await fx.emu.admin("POST", "keys", { name: "to refresh" }) as {
    api_keys: { id: string }[];
  };
  return made.api_keys[0].id;
}

describe("secrets never leak (S1)", () => {
  const commands: [string, () => Promise<string[]>][] = [
    ["create", () => Promise.resolve(["api-keys", "create", "-n", "secret test"])],
    ["create-service-key", () =>
      Promise.resolve([
        "api-keys",
        "create-service-key",
        "-n",
        "secret svc",
        "-s",
        "default",
        "--space-role",
        "member",
      ])],
    ["refresh", async () => ["api-keys", "refresh", await freshKeyId()]],
  ];

  for (const [name, argv] of commands) {
    for (const format of ["table", "json", "csv", "ndjson"]) {
      it(`${name} -v -o ${format}: the key once (stdout), the token never`, async () => {
        const { result } = await verbose([...await argv(), "-o", format]);
        assert.equal(result.code, 0, result.stderr);
        const keys = [...new Set(result.stdout.match(RAW_KEY) ?? [])];
        assert.equal(keys.length, 1, `one new key in stdout: ${result.stdout}`);
        assert.deepEqual(sightings(keys[0], result), ["stdout"]);
        assert.deepEqual(sightings(fx.emu.adminKey, result), []);
        // The log did show the exchange, with secrets replaced.
        assert.match(result.stderr, /\[debug\] > Authorization: \[REDACTED\]/);
        assert.match(result.stderr, /\[debug\] < body: .*"key":"\[REDACTED\]"/);
      });
    }

    it(`${name} -v -o key.json: the key once (the file, 0600), nothing on the terminal`, async () => {
      const { result, cwd } = await verbose([...await argv(), "-o", "key.json"]);
      assert.equal(result.code, 0, result.stderr);
      const file = join(cwd, "key.json");
      const { key } = JSON.parse(readFileSync(file, "utf8"));
      assert.deepEqual(sightings(key, result), [file]);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.deepEqual(sightings(fx.emu.adminKey, result), []);
    });

    it(`${name} -v --env-file: the key only in the env file`, async () => {
      const { result, cwd } = await verbose([...await argv(), "--env-file", ".env", "-o", "json"]);
      assert.equal(result.code, 0, result.stderr);
      const file = join(cwd, ".env");
      const key = readFileSync(file, "utf8").match(/^ARIZE_API_KEY=(ak-\S+)$/m)?.[1];
      assert.ok(key, "the env file holds the key");
      assert.deepEqual(sightings(key, result), [file]);
      assert.equal(JSON.parse(result.stdout).key, undefined, "stdout has the metadata only");
      assert.deepEqual(sightings(fx.emu.adminKey, result), []);
    });
  }

  it("list -v: the token never shows, and no secret is listed", async () => {
    const { result } = await verbose(["api-keys", "list", "--all", "-o", "json"]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(sightings(fx.emu.adminKey, result), []);
    assert.deepEqual(result.stdout.match(RAW_KEY) ?? [], []);
  });

  it("failures with -v (401, 404, 422, 400) never show the token", async () => {
    const refreshable = await fx.emu.admin("POST", "keys", {
      name: "expiring",
      expires_at: "2099-01-01T00:00:00Z",
    }) as { api_keys: { id: string }[] };
    const wrong = "ak-wrong-but-plausible-token-0123456789abcdef";
    const cases: [string[], Record<string, string>, number][] = [
      [["api-keys", "list"], { ARIZE_API_KEY: wrong }, 3],
      [["api-keys", "revoke", "QXBpS2V5Ojk5OTk5OnF1aXJreQ", "-f"], {}, 4],
      // A replacement may not outlive the key it replaces: 422.
      [["api-keys", "refresh", refreshable.api_keys[0].id, "--expires-at", "2199-01-01"], {}, 4],
      // A cursor the server never issued: 400.
      [["api-keys", "list", "--cursor", "not-a-cursor"], {}, 4],
    ];
    for (const [args, extra, code] of cases) {
      const { result } = await verbose(args, extra);
      assert.equal(result.code, code, `${args.join(" ")}: ${result.stderr}`);
      const token = extra.ARIZE_API_KEY ?? fx.emu.adminKey;
      assert.deepEqual(sightings(token, result), [], args.join(" "));
      assert.match(result.stderr, /Problem details: /, "-v shows the problem body");
    }
  });

  it("a server that echoes the token back in headers and body: still never shown", async () => {
    const echo = "ak-echoed-token-000000000000000000000000";
    const server = await startScriptedServer((req, res) =>
      reply(res, {
        status: 400,
        type: "application/problem+json",
        headers: { "x-echo": String(req.headers.authorization), "set-cookie": `s=${echo}` },
        body: JSON.stringify({
          title: "Bad Request",
          status: 400,
          detail: `you sent ${req.headers.authorization}`,
          token: echo,
        }),
      })
    );
    try {
      const { result } = await verbose(["api-keys", "list"], {
        ARIZE_BASE_URL: server.url,
        ARIZE_API_KEY: echo,
      });
      assert.equal(result.code, 4, result.stderr);
      assert.deepEqual(sightings(echo, result), []);
      assert.match(result.stderr, /you sent Bearer \[REDACTED\]/);
    } finally {
      await server.close();
    }
  });
});
