/**
 * `json`: the API's own response shape, 2-space indent, absent fields dropped.
 * A list is streamed record by record yet comes out byte-identical to
 * `JSON.stringify({[collection]: records, pagination}, null, 2)`, so memory
 * stays flat however many pages `--all` fetches.
 */
import { escapeRawControls, onlyRecord, withoutAbsent } from "./_records.ts";
import type { Format, OutputInfo, Row, Sink } from "./types.ts";

// Where JSON.stringify(…, null, 2) places a list item: two levels deep.
const ITEM_INDENT = "\n    ";

function stringify(value: unknown, indent: string): string {
  const text = escapeRawControls(JSON.stringify(value, null, 2));
  return text.replaceAll("\n", indent);
}

async function writeJson(records: AsyncIterable<Row>, sink: Sink, info: OutputInfo): Promise<void> {
  if (info.shape === "object") {
    await sink.write(stringify(withoutAbsent(await onlyRecord(records)), "\n") + "\n");
    return;
  }
  await sink.write(`{\n  ${JSON.stringify(info.collection)}: [`);
  let separator = ITEM_INDENT;
  for await (const row of records) {
    await sink.write(separator + stringify(withoutAbsent(row), ITEM_INDENT));
    separator = "," + ITEM_INDENT;
  }
  let tail = separator === ITEM_INDENT ? "]" : "\n  ]";
  const pagination = info.pagination();
  if (pagination !== undefined) {
    tail += `,\n  "pagination": ${stringify(withoutAbsent({ ...pagination }), "\n  ")}`;
  }
  await sink.write(tail + "\n}\n");
}

/** The built-in `json` format. */
export const jsonFormat: Format = {
  name: "json",
  description: "JSON in the API's own shape (list: records plus final pagination)",
  extensions: [".json"],
  binary: false,
  write: writeJson,
};
