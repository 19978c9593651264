import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mergeDotenv } from "../../../commands/api_keys/_env_file.ts";

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
  ];
  for (const [name, existing, key, expected] of cases) {
    it(name, () => assert.equal(mergeDotenv(existing, key), expected));
  }
});
