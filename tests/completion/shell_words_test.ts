/**
 * bash's quoting both ways: a quoted candidate, appended to what the user
 * typed (inside an open quote or not), splits back into exactly the value,
 * and real bash agrees.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  commonPrefix,
  type OpenQuote,
  quoteForBash,
  splitShellWords,
} from "../../commands/completion/_shell_words.ts";

const VALUES = [
  "My Space",
  "Bob's $HOME space",
  "a*b",
  "back\\slash",
  'say "hi"',
  "tab\there",
  "`date` & {a,b} ; | < > ( ) ~ # ! ^ [x] ?",
  "東京 🚀",
];

const HEADS: [string, OpenQuote][] = [["", ""], ['"', '"'], ["'", "'"]];

describe("splitShellWords", () => {
  it("splits on blanks and removes quotes and escapes", () => {
    const words = splitShellWords(`ax --space "My Space" 'it''s' a\\ b $'x\\ty' ""`);
    assert.deepEqual(words.map((w) => w.text), [
      "ax",
      "--space",
      "My Space",
      "its",
      "a b",
      "x\ty",
      "",
    ]);
    assert.deepEqual(words.map((w) => w.open), ["", "", "", "", "", "", ""]);
  });

  it("keeps the word at the cursor: empty after a blank, open inside a quote", () => {
    assert.deepEqual(splitShellWords("ax "), [
      { text: "ax", raw: "ax", open: "" },
      { text: "", raw: "", open: "" },
    ]);
    assert.deepEqual(splitShellWords(`ax --space 'Bob'\\''s $H`).at(-1), {
      text: "Bob's $H",
      raw: `'Bob'\\''s $H`,
      open: "'",
    });
    assert.deepEqual(splitShellWords(`ax "My`).at(-1), { text: "My", raw: `"My`, open: '"' });
  });
});

describe("quoteForBash", () => {
  for (const value of VALUES) {
    for (const [head, open] of HEADS) {
      it(`${JSON.stringify(value)} after ${JSON.stringify(head)} reads back as itself`, () => {
        const typed = head + quoteForBash(value, open) + open;
        const words = splitShellWords(typed);
        assert.equal(words.length, 1, typed);
        assert.equal(words[0].text, value, typed);
      });
    }
  }

  const bash = spawnSync("bash", ["-c", "true"]).status === 0;
  it("real bash reads the quoted values back unchanged", { skip: !bash && "no bash" }, () => {
    for (const value of VALUES) {
      for (const [head, open] of HEADS) {
        const typed = head + quoteForBash(value, open) + open;
        // histexpand is on in interactive shells, where `!` matters.
        const result = spawnSync("bash", ["-c", `set -H; printf '%s' ${typed}`], {
          encoding: "utf8",
          cwd: "/",
        });
        assert.equal(result.stdout, value, typed);
      }
    }
  });
});

describe("commonPrefix", () => {
  it("is the longest prefix all texts share", () => {
    assert.equal(commonPrefix(["key_1", "key_10", "key_2"]), "key_");
    assert.equal(commonPrefix(["abc"]), "abc");
    assert.equal(commonPrefix([]), "");
  });
});
