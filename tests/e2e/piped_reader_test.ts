/**
 * T5 with a piped stdout on a real terminal (tmux): the reader of the pipe
 * (`| head`, `| grep`) writes to the same screen as ax's stderr, so ax draws
 * no progress line there; one would stick to the reader's lines and its
 * erase would miss. Redirected into a file, stdout leaves the screen to ax,
 * and progress still shows (tests/e2e/hardening/terminal_test.ts). Real ax
 * (source, or the binary with AX_BIN) against a real emulator; skipped where
 * tmux is missing.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { useEmulator } from "../_helpers/emulator_fixture.ts";
import { axShellWords } from "../_helpers/ax_process.ts";
import { haveTmux, runInPane } from "../_helpers/tmux_pane.ts";

const fx = useEmulator("piped-reader", { seedKeys: 450 });

function onScreen(command: string) {
  return runInPane({
    command,
    width: 100,
    height: 40,
    env: { ...fx.env({ NO_COLOR: undefined, TERM: "xterm-256color" }), PATH: process.env.PATH },
    cwd: fx.box.home,
  });
}

describe("no progress line on a screen shared with a pipe's reader (T5)", {
  skip: haveTmux() ? false : "tmux is not installed",
}, () => {
  it("list --all | head -3: the header and two rows, nothing glued to them", async () => {
    const { lines, code } = await onScreen(
      `${axShellWords(["api-keys", "list", "--all"])} | head -3`,
    );
    assert.equal(code, 0, lines.join("\n"));
    const shown = lines.filter((line) => line.trim() !== "");
    // The screen shows the tabs as blanks.
    assert.match(shown[0], /^name +id +key_type +status +expires_at +last_used_at$/);
    assert.equal(shown.length, 3, lines.join("\n"));
    assert.doesNotMatch(lines.join("\n"), /Fetched|⠋/);
  });

  it("audit | head -2: findings, and the summary on a line of its own", async () => {
    const { lines } = await onScreen(`${axShellWords(["api-keys", "audit"])} | head -2`);
    // head and ax write to the screen concurrently: the order of the summary
    // and the rows is not fixed, only that each is a whole line.
    const text = lines.join("\n");
    assert.match(text, /^id +name +key_type +finding +detail$/m, text);
    assert.match(text, /^⚠ \d+ findings in \d+ of \d+ API keys: [^\n]*$/m, text);
    assert.doesNotMatch(text, /Audited|⠋/);
  });
});
