/**
 * The table format off a terminal (T7): plain tab-separated lines for `grep`,
 * `cut` and `awk`. A header line of column names, one line per record,
 * absolute times in RFC 3339 UTC, empty fields for absent values; no box, no
 * padding, no cutting, and no colour unless CLICOLOR_FORCE asks for it.
 *
 * Backslash, tab, CR and LF inside a value are written `\\`, `\t`, `\r`,
 * `\n`, so one record is always one line and one value one field; control,
 * invisible and bidi characters are escaped as on a terminal (S4, T6), since
 * piped text is mostly read by people in the end (`| less`, `| grep`). Use
 * csv or json for exact values.
 */
import { needsSanitizing, paint, sanitizeForTerminal } from "../runtime/terminal.ts";
import { bufferedSink } from "./_buffered_sink.ts";
import { toRfc3339Utc } from "./_timestamps.ts";
import type { Column, Row, Sink, Value } from "./types.ts";
import { statusColor } from "./_status_colors.ts";

// Most values are printable ASCII without a backslash: nothing to escape.
const PLAIN = /^[\x20-\x5b\x5d-\x7e]*$/;

/** `text` as one TSV field: nothing in it can end the field or the line. */
export function tsvField(text: string): string {
  if (PLAIN.test(text)) return text;
  const escaped = text.includes("\\") ? text.replaceAll("\\", "\\\\") : text;
  return needsSanitizing(escaped) ? sanitizeForTerminal(escaped) : escaped;
}

function field(value: Value | undefined, column: Column): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  if (column.type === "timestamp") return toRfc3339Utc(value) ?? tsvField(value);
  return tsvField(value);
}

/** Writes `rows` as TSV; nothing at all for no rows. Returns how many rows were written. */
export async function writeTsv(
  rows: AsyncIterable<Row>,
  options: { columns: readonly Column[]; sink: Sink; color: boolean },
): Promise<number> {
  const { columns, color } = options;
  const out = bufferedSink(options.sink);
  let count = 0;
  for await (const row of rows) {
    if (count++ === 0) out.add(columns.map((c) => tsvField(c.name)).join("\t") + "\n");
    let line = "";
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i];
      let text = field(row[column.name], column);
      const paintAs = color && column.name === "status" ? statusColor(text) : undefined;
      if (paintAs) text = paint(text, paintAs, true);
      line += i === 0 ? text : "\t" + text;
    }
    if (out.add(line + "\n")) await out.flush();
  }
  await out.flush();
  return count;
}
