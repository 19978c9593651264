import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { shellCommand, shellQuote } from "../../runtime/shell_quote.ts";

/** What `sh` makes of a quoted command line: its words, one per line (printf). */
function shellWords(line: string): string[] {
  const out = execFileSync("sh", ["-c", `printf '%s\\0' ${line}`], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

describe("shellQuote", () => {
  it("leaves plain words alone", () => {
    assert.equal(shellQuote("QXBpS2V5OjE6YWJj"), "QXBpS2V5OjE6YWJj");
    assert.equal(shellQuote("keys.csv"), "keys.csv");
  });

  it("quotes anything a shell would interpret, and sh reads back the exact words", () => {
    const hostile = [
      "",
      "a b",
      "$(touch /tmp/pwned)",
      "`id`",
      "it's",
      "a'b'c",
      "x;rm -rf ~",
      "line\nbreak",
      "tab\there",
      "*",
      "~",
      "-n",
      "!event",
      "back\\slash",
      "ünïcödé",
    ];
    for (const word of hostile) {
      if (word !== "-n") assert.notEqual(shellQuote(word), word, word);
      assert.deepEqual(shellWords(shellCommand(["x", word])), ["x", word], JSON.stringify(word));
    }
  });
});
