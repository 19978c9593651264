/**
 * `csv`: RFC 4180 quoting, one header line with the command's fixed column
 * set (stable even when a column is empty in every row), records separated
 * by `\n`.
 *
 * Cells are typed: timestamps as RFC 3339 UTC (`2024-01-15T10:30:00Z`),
 * booleans `true`/`false`, absent values empty. Text cells that a spreadsheet
 * would run as a formula (starting with `=`, `+`, `-`, `@`, TAB or CR) get a
 * leading `'` (S5). On a terminal, control characters in cells are shown
 * escaped (S4): a server-sent ESC must not drive the user's terminal; in a
 * pipe or a file the data stays exact.
 *
 * The cells are written here rather than by csv-stringify (which DESIGN.md
 * suggested): our cells are strings of a closed set of types, and
 * csv-stringify's general machinery took ~5 µs per row, most of the
 * format's time on a long list. The quoting rule is the one csv-stringify
 * applied with ax's options; tests/formats/csv_test.ts checks the two agree.
 */
import { sanitizeForTerminal } from "../runtime/terminal.ts";
import { toRfc3339Utc } from "./_timestamps.ts";
import { bufferedSink } from "./_buffered_sink.ts";
import type { Column, Format, OutputInfo, Row, Sink, Value } from "./types.ts";

// A field is quoted when it holds a quote, a comma or a line break, inner
// quotes doubled. LF, not RFC 4180's CRLF, ends a record: what the reference
// CLI (pandas) writes and what Unix tools expect; every RFC 4180 reader we
// know accepts it. A bare CR is quoted too, since many readers also take it
// as a line break.
const NEEDS_QUOTES = /[",\n\r]/;

/** `text` as one CSV field: quoted when RFC 4180 requires it. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Prefixes `'` to text a spreadsheet would evaluate as a formula. */
export function neutraliseFormula(text: string): string {
  switch (text.charCodeAt(0)) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // TAB
    case 0x0d: // CR
      return `'${text}`;
    default:
      return text;
  }
}

/** Writes one column's cell from a record's value. */
type CellWriter = (value: Value | undefined) => string;

/** How text cells are shown: exactly, or escaped for a terminal. */
type Show = (text: string) => string;

const exactly: Show = (text) => text;

function cellWriter(column: Column, show: Show): CellWriter {
  if (column.type === "timestamp") {
    // A valid timestamp comes back in a shape that never needs quoting.
    return (value) =>
      typeof value === "string"
        ? toRfc3339Utc(value) ?? csvField(show(neutraliseFormula(value)))
        : plainCell(value);
  }
  return (value) =>
    typeof value === "string" ? csvField(show(neutraliseFormula(value))) : plainCell(value);
}

function plainCell(value: Value | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

async function writeCsv(records: AsyncIterable<Row>, sink: Sink, info: OutputInfo): Promise<void> {
  const columns = info.columns;
  const names = columns.map((column) => column.name);
  const show = sink.isTerminal ? sanitizeForTerminal : exactly;
  const cells = columns.map((column) => cellWriter(column, show));
  const out = bufferedSink(sink);
  out.add(names.map(csvField).join(",") + "\n");
  for await (const row of records) {
    let line = cells.length === 0 ? "" : cells[0](row[names[0]]);
    for (let i = 1; i < cells.length; i++) line += "," + cells[i](row[names[i]]);
    if (out.add(line + "\n")) await out.flush();
  }
  await out.flush();
}

/** The built-in `csv` format. */
export const csvFormat: Format = {
  name: "csv",
  description: "CSV with a header; RFC 3339 UTC times; formula-like cells prefixed with '",
  extensions: [".csv"],
  binary: false,
  write: writeCsv,
};
