/**
 * QUALITY.md I5 and T1 through real shell pipelines (`sh -c`): a reader that
 * goes away (`ax api-keys list --all -o csv | head -1`) ends ax quietly with
 * exit 0, in every streaming format; and stdout carries data only, so
 * `ax … -o json 2>/dev/null | jq .` parses on every success path.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { useEmulator } from "../../_helpers/emulator_fixture.ts";
import { runAx } from "../../_helpers/run_ax.ts";
import { axShellWords, runShell } from "../../_helpers/ax_process.ts";

/** Far more than a pipe buffer (64 KiB) holds in every format, so the reader really goes away. */
const KEYS = 5_000;

const fx = useEmulator("pipes", { seedKeys: KEYS });

/**
 * Runs `ax <args> | <reader>` in sh; ax's own exit code and stderr are
 * captured in files, since a pipeline's status is the reader's.
 */
async function pipeline(args: string[], reader: string) {
  const dir = fx.box.dir("pipe");
  const script = `{ ${axShellWords(args)} 2>'${dir}/stderr'; echo $? >'${dir}/code'; } | ${reader}`;
  const shell = await runShell(script, { env: fx.env(), cwd: dir });
  return {
    shell,
    code: Number(readFileSync(join(dir, "code"), "utf8").trim()),
    stderr: readFileSync(join(dir, "stderr"), "utf8"),
  };
}

describe("a closed stdout ends ax quietly (I5)", () => {
  const firstLines: [string, RegExp][] = [
    ["csv", /^id,name,description,key_type,status,redacted_key,created_at,/],
    ["ndjson", /^\{"id":"/],
    ["json", /^\{\n$/],
    ["table", /^[╭┌+]|^\S/],
  ];
  for (const [format, first] of firstLines) {
    it(`list --all -o ${format} | head -1: exit 0, nothing on stderr`, async () => {
      const run = await pipeline(["api-keys", "list", "--all", "-o", format], "head -1");
      assert.equal(run.code, 0, run.stderr.slice(0, 2000));
      assert.equal(run.stderr, "");
      assert.equal(run.shell.code, 0);
      assert.match(run.shell.stdout, first);
      assert.equal(run.shell.stdout.split("\n").length, 2, "exactly one line");
    });
  }

  it("a reader that closes at once (true): exit 0, nothing on stderr", async () => {
    const run = await pipeline(["api-keys", "list", "--all", "-o", "csv"], "true");
    assert.equal(run.code, 0, run.stderr.slice(0, 2000));
    assert.equal(run.stderr, "");
  });

  it("-v into a closed pipe: the debug log may continue, but no error and exit 0", async () => {
    const run = await pipeline(["api-keys", "list", "--all", "-o", "ndjson", "-v"], "head -1");
    assert.equal(run.code, 0, run.stderr.slice(-2000));
    assert.doesNotMatch(run.stderr, /✗ Error|EPIPE|Broken pipe/i);
  });
});

describe("stdout and stderr into one pipe whose reader goes away (2>&1 | head -1)", () => {
  /** `{ ax <args> 2>&1; echo $? >code; } | <reader>`: ax's own exit code. */
  async function bothInto(args: string[], reader: string) {
    const dir = fx.box.dir("pipe");
    const script = `{ ${axShellWords(args)} 2>&1; echo $? >'${dir}/code'; } | ${reader}`;
    const shell = await runShell(script, { env: fx.env(), cwd: dir });
    return { shell, code: Number(readFileSync(join(dir, "code"), "utf8").trim()) };
  }

  it("list --all -v: the lost debug log is not an error (exit 0, not 5)", async () => {
    const run = await bothInto(["api-keys", "list", "--all", "-o", "ndjson", "-v"], "head -1");
    assert.equal(run.code, 0, run.shell.stdout);
  });

  it("audit with findings still exits 6 when its summary line cannot be written", async () => {
    const run = await bothInto(["api-keys", "audit"], "head -1");
    assert.equal(run.code, 6, run.shell.stdout);
  });

  it("audit | head -1 (stdout alone closed early) still exits 6 for its findings", async () => {
    for (const args of [["-o", "csv"], ["-q"]]) {
      const run = await pipeline(["api-keys", "audit", ...args], "head -1");
      assert.equal(run.code, 6, run.stderr);
    }
  });
});

describe("stdout is data only (T1)", () => {
  const t1 = useEmulator("t1");

  it("every success path prints one JSON document that jq (or JSON.parse) reads", async () => {
    // The ALPHA notice is on: it must go to stderr, not into the JSON.
    const env = t1.env({ DISABLE_PRERELEASE_WARNING: undefined });
    const run = async (args: string[]) => {
      const result = await runAx(args, { env, cwd: t1.box.home });
      assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
      return { parsed: JSON.parse(result.stdout), stderr: result.stderr };
    };
    const created = await run(["api-keys", "create", "-n", "t1", "-o", "json", "-v"]);
    assert.match(created.parsed.key, /^ak-/);
    assert.match(created.stderr, /ALPHA/);
    const service = await run([
      "api-keys",
      "create-service-key",
      "-n",
      "t1 svc",
      "-s",
      "default",
      "-o",
      "json",
    ]);
    assert.equal(service.parsed.key_type, "service");
    const refreshed = await run(["api-keys", "refresh", created.parsed.id, "-o", "json"]);
    assert.notEqual(refreshed.parsed.id, created.parsed.id);
    const listed = await run(["api-keys", "list", "-o", "json", "-v", "--all"]);
    assert.ok(Array.isArray(listed.parsed.api_keys));
    const page = await run(["api-keys", "list", "-o", "json", "-l", "1"]);
    assert.equal(page.parsed.api_keys.length, 1);
    assert.equal(page.parsed.pagination.has_more, true);
    const spaced = await run(["api-keys", "list", "-o", "json", "-s", "default"]);
    assert.ok(spaced.parsed.api_keys.some((k: { name: string }) => k.name === "t1 svc"));
  });

  it("`ax api-keys list -o json 2>/dev/null | jq .` exits 0 in a real shell", async () => {
    const script = `${
      axShellWords(["api-keys", "list", "-o", "json", "-v"])
    } 2>/dev/null | jq -e .api_keys >/dev/null`;
    const hasJq = (await runShell("command -v jq")).code === 0;
    const result = await runShell(hasJq ? script : script.replace(/\| jq .*$/, "> /dev/null"), {
      env: t1.env(),
      cwd: t1.box.home,
    });
    assert.equal(result.code, 0, result.stderr);
  });

  it("errors leave stdout empty", async () => {
    const env = t1.env();
    for (
      const args of [
        ["api-keys", "list", "-o", "json", "--limit", "0"],
        ["api-keys", "revoke", "QXBpS2V5Ojk5OTk6eHh4", "-f", "-o", "json"],
        ["api-keys", "list", "-o", "json", "--status", "nope"],
      ]
    ) {
      const result = await runAx(args, { env: { ...env, ARIZE_API_KEY: "ak-wrong-key-000000" } });
      assert.notEqual(result.code, 0);
      assert.equal(result.stdout, "", args.join(" "));
    }
  });
});
