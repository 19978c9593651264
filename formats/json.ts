/**
 * `json`: the API's own response shape, 2-space indent, absent fields dropped.
 * A list is streamed record by record yet comes out byte-identical to
 * `JSON.stringify({[collection]: records, pagination}, null, 2)`, so memory
 * stays flat however many pages `--all` fetches.
 */
import { escapeRawControls, onlyRecord, withoutAbsent } from "./_records.ts";
import { bufferedSink } from "./_buffered_sink.ts";
import type { Format, OutputInfo, Row, Sink } from "./types.ts";

// Where JSON.stringify(…, null, 2) places a list item: two levels deep.
const ITEM_INDENT = "\n    ";

/**
 * `value` as JSON.stringify(…, null, 2) prints it at the depth `indent`
 * gives. Control characters are escaped afterwards, per chunk (see writeJson).
 */
function stringify(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replaceAll("\n", indent);
}

// JSON.stringify([[item]], null, 2) prints the item two levels deep, where a
// list item goes; cutting off the brackets' lines leaves the item as the
// whole document would hold it. One native call per record: re-indenting a
// stringified record (replaceAll) costs about twice as much.
const ITEM_PREFIX = "[\n  [\n    ".length;
const ITEM_SUFFIX = "\n  ]\n]".length;

function listItem(row: Row): string {
  const text = JSON.stringify([[withoutAbsent(row)]], null, 2);
  return text.slice(ITEM_PREFIX, text.length - ITEM_SUFFIX);
}

async function writeJson(records: AsyncIterable<Row>, sink: Sink, info: OutputInfo): Promise<void> {
  if (info.shape === "object") {
    const record = withoutAbsent(await onlyRecord(records));
    await sink.write(escapeRawControls(stringify(record, "\n")) + "\n");
    return;
  }
  // Escaping once per chunk finds the same characters as once per record.
  const out = bufferedSink(sink, escapeRawControls);
  out.add(`{\n  ${JSON.stringify(info.collection)}: [`);
  let separator = ITEM_INDENT;
  for await (const row of records) {
    if (out.add(separator + listItem(row))) await out.flush();
    separator = "," + ITEM_INDENT;
  }
  let tail = separator === ITEM_INDENT ? "]" : "\n  ]";
  const pagination = info.pagination();
  if (pagination !== undefined) {
    tail += `,\n  "pagination": ${stringify(withoutAbsent({ ...pagination }), "\n  ")}`;
  }
  out.add(tail + "\n}\n");
  await out.flush();
}

/** The built-in `json` format. */
export const jsonFormat: Format = {
  name: "json",
  description: "JSON in the API's own shape (list: records plus final pagination)",
  extensions: [".json"],
  binary: false,
  write: writeJson,
};
