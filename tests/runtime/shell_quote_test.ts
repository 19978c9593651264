import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { shellCommand, shellQuote } from "../../runtime/shell_quote.ts";
import { shellWords } from "../_helpers/ax_process.ts";

describe("shellQuote", () => {
  it("leaves plain words alone", () => {
    assert.equal(shellQuote("QXBpS2V5OjE6YWJj"), "QXBpS2V5OjE6YWJj");
    assert.equal(shellQuote("keys.csv"), "keys.csv");
  });

  it("quotes anything a shell would interpret, and sh reads back the exact words", async () => {
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
      const words = await shellWords(shellCommand(["x", word]));
      assert.deepEqual(words, ["x", word], JSON.stringify(word));
    }
  });
});
