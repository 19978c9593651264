/**
 * `ndjson` (alias `jsonl`): one compact JSON record per line, absent fields
 * dropped. Pagination is not printed: every line is a record.
 */
import { escapeRawControls, withoutAbsent } from "./_records.ts";
import type { Format, Row, Sink } from "./types.ts";

async function writeNdjson(records: AsyncIterable<Row>, sink: Sink): Promise<void> {
  for await (const row of records) {
    await sink.write(escapeRawControls(JSON.stringify(withoutAbsent(row))) + "\n");
  }
}

/** The built-in `ndjson` format. */
export const ndjsonFormat: Format = {
  name: "ndjson",
  description: "Newline-delimited JSON: one record per line (alias: jsonl)",
  extensions: [".ndjson", ".jsonl"],
  binary: false,
  write: writeNdjson,
};
