import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mergeDotenv } from "../../../commands/api_keys/_env_file.ts";

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("mergeDotenv", () => {
  const cases: [string, string | undefined, string, string][] = [
    ["a new file", undefined, "ak-1", "ARIZE_API_KEY=ak-1\n"],
    ["an empty file", "", "ak-1", "ARIZE_API_KEY=ak-1\n"],
    ["appends after other lines", "A=1\n", "ak-1", "A=1\nARIZE_API_KEY=ak-1\n"],
    ["adds the missing newline", "A=1", "ak-1", "A=1\nARIZE_API_KEY=ak-1\n"],
    [
      "replaces in place",
      "A=1\nARIZE_API_KEY=old\nB=2\n",
      "ak-1",
      "A=1\nARIZE_API_KEY=ak-1\nB=2\n",
    ],
    ["keeps export", "export ARIZE_API_KEY=old\n", "ak-1", "export ARIZE_API_KEY=ak-1\n"],
    [
      "drops later duplicates",
      "ARIZE_API_KEY=a\nARIZE_API_KEY = b\n",
      "ak-1",
      "ARIZE_API_KEY=ak-1\n",
    ],
    [
      "leaves similar names alone",
      "ARIZE_API_KEY_OLD=x\n",
      "ak-1",
      "ARIZE_API_KEY_OLD=x\nARIZE_API_KEY=ak-1\n",
    ],
    ["quotes unusual values", undefined, 'a"b$c d', 'ARIZE_API_KEY="a\\"b\\$c d"\n'],
    [
      "keeps CRLF line ends, in place and appended",
      "A=1\r\nARIZE_API_KEY=old\r\nB=2\r\n",
      "ak-1",
      "A=1\r\nARIZE_API_KEY=ak-1\r\nB=2\r\n",
    ],
    ["appends with the file's CRLF", "A=1\r\n", "ak-1", "A=1\r\nARIZE_API_KEY=ak-1\r\n"],
    [
      "an assignment inside another variable's multi-line quoted value is not one",
      'CERT="line one\nARIZE_API_KEY=not-a-var\n"\nB=2\n',
      "ak-1",
      'CERT="line one\nARIZE_API_KEY=not-a-var\n"\nB=2\nARIZE_API_KEY=ak-1\n',
    ],
    [
      "a multi-line quoted old value is replaced whole",
      'ARIZE_API_KEY="a\nb"\nB=2\n',
      "ak-1",
      "ARIZE_API_KEY=ak-1\nB=2\n",
    ],
    [
      "comments, blank lines, indentation and a trailing comment survive",
      "# top\n\n  export ARIZE_API_KEY=old # rotated\n#ARIZE_API_KEY=commented\n",
      "ak-1",
      "# top\n\n  export ARIZE_API_KEY=ak-1 # rotated\n#ARIZE_API_KEY=commented\n",
    ],
  ];
  for (const [name, existing, key, expected] of cases) {
    it(name, () => {
      const merged = mergeDotenv(existing === undefined ? undefined : encode(existing), key);
      assert.equal(decode(merged), expected);
    });
  }

  it("other lines' bytes survive exactly, UTF-8 or not", () => {
    const before = new Uint8Array([
      ...encode("LATIN1="),
      0xe9,
      0xff,
      0x80,
      ...encode("\nARIZE_API_KEY=old\nRAW="),
      0xc3,
      0x28,
      0x0d,
      0x0a,
    ]);
    const merged = mergeDotenv(before, "ak-new");
    const expected = new Uint8Array([
      ...encode("LATIN1="),
      0xe9,
      0xff,
      0x80,
      ...encode("\nARIZE_API_KEY=ak-new\nRAW="),
      0xc3,
      0x28,
      0x0d,
      0x0a,
    ]);
    assert.deepEqual(merged, expected);
  });
});
