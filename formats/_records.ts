/**
 * Small record helpers shared by the JSON-like formats.
 */
import type { Row, Value } from "./types.ts";

/** `row` without null or undefined members (the API omits absent fields; so do we). */
export function withoutAbsent(row: Row): Record<string, Value> {
  for (const key in row) {
    if (row[key] === null || row[key] === undefined) return copyPresent(row);
  }
  return row as Record<string, Value>;
}

function copyPresent(row: Row): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const key in row) {
    const value = row[key];
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

// JSON.stringify escapes C0 controls but leaves DEL and the C1 range (CSI is
// U+009B) raw, and the invisible and bidi formatting characters too (see
// runtime/terminal.ts); escaping them keeps the JSON identical in meaning and
// stops server strings from driving or disguising a terminal (S4, T6).
const HAS_RAW_CONTROL = /[\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]/;
const RAW_CONTROLS = /[\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]/g;

/** Replaces DEL, C1 controls and invisible/bidi characters in serialised JSON by `\u` escapes. */
export function escapeRawControls(json: string): string {
  if (!HAS_RAW_CONTROL.test(json)) return json;
  return json.replace(RAW_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * The one record of an `object` result. A missing or second record is a bug
 * in the command, reported as such.
 */
export async function onlyRecord(records: AsyncIterable<Row>): Promise<Row> {
  let found: Row | undefined;
  for await (const row of records) {
    if (found !== undefined) throw new Error("expected exactly one record, got several");
    found = row;
  }
  if (found === undefined) throw new Error("expected exactly one record, got none");
  return found;
}
