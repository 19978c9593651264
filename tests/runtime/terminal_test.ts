import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { colorEnabled, sanitizeForTerminal } from "../../runtime/terminal.ts";
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
});
