/**
 * Invisible and bidi characters from the server (T6): escaped wherever text
 * reaches a terminal (tables, csv, messages), JSON still valid and exact in
 * meaning.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { csvFormat } from "../../formats/csv.ts";
import { jsonFormat } from "../../formats/json.ts";
import { ndjsonFormat } from "../../formats/ndjson.ts";
import type { Row } from "../../formats/types.ts";
import { AxError } from "../../runtime/errors.ts";
import { reportError } from "../../runtime/report_error.ts";
import { captureOutput } from "../_helpers/fake_context.ts";
import { render, ROWS } from "./_support.ts";

const SNEAKY = "evil\u202eexe.txt\u200b\u2066x\u2069\ufeff\u2028";
const ROW: Row = { ...ROWS[0], name: SNEAKY };
const RAW = /[\u200b-\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]/;

describe("invisible and bidi characters", () => {
  it("json and ndjson write them as \\u escapes: valid JSON, the exact value", async () => {
    for (const format of [jsonFormat, ndjsonFormat]) {
      const text = await render(format, [ROW]);
      assert.doesNotMatch(text, RAW, format.name);
      assert.ok(text.includes("evil\\u202eexe.txt\\u200b\\u2066x\\u2069\\ufeff\\u2028"), text);
      const parsed = JSON.parse(format === jsonFormat ? text : text.trim());
      const record = format === jsonFormat ? parsed.api_keys[0] : parsed;
      assert.equal(record.name, SNEAKY);
    }
  });

  it("csv escapes them on a terminal and keeps them exact in a pipe or file", async () => {
    const onTerminal = await render(csvFormat, [ROW], { isTerminal: true });
    assert.doesNotMatch(onTerminal, RAW);
    assert.ok(onTerminal.includes("evil\\u202eexe.txt\\u200b"));
    const piped = await render(csvFormat, [ROW]);
    assert.ok(piped.includes(SNEAKY));
  });
});

describe("messages that echo server strings", () => {
  it("an error message from the server shows bidi and invisible characters escaped", async () => {
    const stderr = captureOutput(true);
    const code = await reportError(new AxError("key 'evil\u202eexe.txt\u200b' not found"), {
      stderr,
      env: { NO_COLOR: "1" },
      verbose: false,
      interrupted: false,
    });
    assert.equal(code, 1);
    assert.equal(stderr.text(), "✗ Error: key 'evil\\u202eexe.txt\\u200b' not found\n");
  });
});
