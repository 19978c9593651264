/**
 * `ndjson` (alias `jsonl`): one compact JSON record per line, absent fields
 * dropped. Pagination is not printed: every line is a record.
 */
import { escapeRawControls, withoutAbsent } from "./_records.ts";
import { bufferedSink } from "./_buffered_sink.ts";
import type { Format, Row, Sink } from "./types.ts";

async function writeNdjson(records: AsyncIterable<Row>, sink: Sink): Promise<void> {
  const out = bufferedSink(sink, escapeRawControls);
  for await (const row of records) {
    if (out.add(JSON.stringify(withoutAbsent(row)) + "\n")) await out.flush();
  }
  await out.flush();
}

/** The built-in `ndjson` format. */
export const ndjsonFormat: Format = {
  name: "ndjson",
  description: "Newline-delimited JSON: one record per line (alias: jsonl)",
  extensions: [".ndjson", ".jsonl"],
  binary: false,
  write: writeNdjson,
};
