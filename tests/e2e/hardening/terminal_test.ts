/**
 * QUALITY.md T2 and T5 on a real pseudo-terminal (util-linux `script`):
 * colour only on a terminal; NO_COLOR, CLICOLOR=0 and TERM=dumb switch it
 * off, CLICOLOR_FORCE=1 forces it even into a pipe; no pager (the command
 * ends by itself); `list --all` shows progress on a terminal and nothing
 * when piped. Skipped, with the reason, where `script` is missing.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { useEmulator } from "../../_helpers/emulator_fixture.ts";
import { runAx } from "../../_helpers/run_ax.ts";
import { hasScript, runOnTerminal } from "../../_helpers/ax_process.ts";

const ESC = "\x1b[";
/** SGR colour of `active` in the table (green). */
const GREEN = "\x1b[32m";

const fx = useEmulator("terminal", { seedKeys: 450 });

const scriptAvailable = await hasScript();

/** Runs ax on a pseudo-terminal with colour allowed by default. */
function onTerminal(args: string[], extra: Record<string, string | undefined> = {}) {
  return runOnTerminal(args, {
    env: fx.env({ NO_COLOR: undefined, TERM: "xterm-256color", ...extra }),
    cwd: fx.box.home,
  });
}

describe("colour and progress only on a terminal (T2, T5)", {
  skip: scriptAvailable ? false : "util-linux `script` is not installed (needed for a pty)",
}, () => {
  it("a terminal gets a coloured table, and the command ends without a pager", async () => {
    const result = await onTerminal(["api-keys", "list", "-l", "3"]);
    assert.equal(result.code, 0, result.stdout);
    assert.ok(result.stdout.includes(GREEN), "status `active` is green");
    assert.match(result.stdout, /seed key 000450/);
  });

  for (
    const [name, value] of [["NO_COLOR", "1"], ["CLICOLOR", "0"], ["TERM", "dumb"]] as const
  ) {
    it(`${name}=${value} switches colour off on a terminal`, async () => {
      const result = await onTerminal(["api-keys", "list", "-l", "3"], { [name]: value });
      assert.equal(result.code, 0, result.stdout);
      assert.match(result.stdout, /seed key 000450/);
      assert.ok(!result.stdout.includes(GREEN), "no colour");
    });
  }

  it("NO_COLOR wins over CLICOLOR_FORCE", async () => {
    const result = await onTerminal(["api-keys", "list", "-l", "3"], {
      NO_COLOR: "1",
      CLICOLOR_FORCE: "1",
    });
    assert.equal(result.code, 0, result.stdout);
    assert.ok(!result.stdout.includes(GREEN));
  });

  it("a pipe gets no escape sequences at all, on stdout or stderr", async () => {
    const result = await runAx(["api-keys", "list", "-l", "3"], {
      env: fx.env({ NO_COLOR: undefined, TERM: "xterm-256color" }),
    });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!result.stdout.includes(ESC) && !result.stderr.includes(ESC));
  });

  it("CLICOLOR_FORCE=1 colours the table even in a pipe", async () => {
    const result = await runAx(["api-keys", "list", "-l", "3"], {
      env: fx.env({ NO_COLOR: undefined, CLICOLOR_FORCE: "1" }),
    });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.includes(GREEN));
  });

  it("CLICOLOR_FORCE never puts escapes into json or csv", async () => {
    for (const format of ["json", "csv", "ndjson"]) {
      const result = await runAx(["api-keys", "list", "-l", "3", "-o", format], {
        env: fx.env({ NO_COLOR: undefined, CLICOLOR_FORCE: "1" }),
      });
      assert.equal(result.code, 0, result.stderr);
      assert.ok(!result.stdout.includes(ESC), format);
    }
  });

  it("list --all shows 'Fetched N API keys' progress on a terminal (T5)", async () => {
    const result = await onTerminal(["api-keys", "list", "--all", "-o", "csv"]);
    assert.equal(result.code, 0, result.stdout.slice(-500));
    assert.match(result.stdout, /Fetched \d+ API keys/);
  });

  it("TERM=dumb: no progress line, no cursor movement, no colour at all (T2)", async () => {
    const result = await onTerminal(["api-keys", "list", "--all", "-o", "csv"], { TERM: "dumb" });
    assert.equal(result.code, 0, result.stdout.slice(-500));
    assert.doesNotMatch(result.stdout, /Fetched \d+ API keys/);
    assert.ok(!result.stdout.includes("\x1b"), "not one escape sequence");
    assert.match(result.stdout, /seed key 000450/);
  });

  it("list --all piped shows no progress: stderr stays empty (T5)", async () => {
    const result = await runAx(["api-keys", "list", "--all", "-o", "csv"], {
      env: fx.env({ NO_COLOR: undefined }),
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.ok(result.stdout.trimEnd().split("\n").length > 450, "header and every key");
  });
});
