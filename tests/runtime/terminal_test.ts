import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { animationEnabled, colorEnabled, sanitizeForTerminal } from "../../runtime/terminal.ts";
import { captureOutput } from "../_helpers/fake_context.ts";

describe("colorEnabled", () => {
  const tty = captureOutput(true);
  const pipe = captureOutput(false);
  const cases: [string, boolean, Record<string, string>, boolean][] = [
    ["terminal", true, {}, true],
    ["pipe", false, {}, false],
    ["NO_COLOR", true, { NO_COLOR: "1" }, false],
    ["CLICOLOR=0", true, { CLICOLOR: "0" }, false],
    ["TERM=dumb", true, { TERM: "dumb" }, false],
    ["CLICOLOR_FORCE on a pipe", false, { CLICOLOR_FORCE: "1" }, true],
    ["NO_COLOR beats CLICOLOR_FORCE", false, { NO_COLOR: "1", CLICOLOR_FORCE: "1" }, false],
  ];
  for (const [name, isTTY, env, expected] of cases) {
    it(name, () => assert.equal(colorEnabled(isTTY ? tty : pipe, env), expected));
  }
});

describe("sanitizeForTerminal", () => {
  it("escapes ESC, CSI, C1 and newlines", () => {
    assert.equal(sanitizeForTerminal("a\x1b[31mred\u009b2J\nb"), "a\\x1b[31mred\\x9b2J\\nb");
  });
  it("keeps ordinary unicode", () => assert.equal(sanitizeForTerminal("clé ✓ 日本"), "clé ✓ 日本"));
  it("escapes invisible and bidi characters (T6)", () => {
    const each = [
      "\\u200b",
      "\\u200f",
      "\\u202a",
      "\\u202e",
      "\\u2028",
      "\\u2029",
      "\\u2066",
      "\\u2069",
      "\\ufeff",
    ];
    for (const escaped of each) {
      const raw = JSON.parse(`"${escaped}"`);
      assert.equal(sanitizeForTerminal(`a${raw}b`), `a${escaped}b`);
    }
    assert.equal(sanitizeForTerminal("evil\u202eexe.txt"), "evil\\u202eexe.txt");
    assert.equal(sanitizeForTerminal("\u2010\u2030 — …"), "\u2010\u2030 — …", "neighbours stay");
  });
});

describe("animationEnabled", () => {
  it("only on a terminal that is not dumb", () => {
    assert.equal(animationEnabled(captureOutput(true), {}), true);
    assert.equal(animationEnabled(captureOutput(true), { TERM: "dumb" }), false);
    assert.equal(animationEnabled(captureOutput(false), {}), false);
    assert.equal(
      animationEnabled(captureOutput(true), { TERM: "xterm-256color", NO_COLOR: "1" }),
      true,
    );
  });
});
