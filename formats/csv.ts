/**
 * `csv`: RFC 4180 quoting via csv-stringify, one header line with the
 * command's fixed column set (stable even when a column is empty in every
 * row), records separated by `\n`.
 *
 * Cells are typed: timestamps as RFC 3339 UTC (`2024-01-15T10:30:00Z`),
 * booleans `true`/`false`, absent values empty. Text cells that a spreadsheet
 * would run as a formula (starting with `=`, `+`, `-`, `@`, TAB or CR) get a
 * leading `'` (S5). On a terminal, control characters in cells are shown
 * escaped (S4): a server-sent ESC must not drive the user's terminal; in a
 * pipe or a file the data stays exact.
 */
import { stringify } from "csv-stringify/sync";
import { sanitizeForTerminal } from "../runtime/terminal.ts";
import { toRfc3339Utc } from "./_timestamps.ts";
import type { Column, Format, OutputInfo, Row, Sink, Value } from "./types.ts";

// csv-stringify's sync API per batch is several times faster than its stream
// API inside a compiled binary; a batch bounds memory all the same.
const BATCH_ROWS = 1000;

// LF, not RFC 4180's CRLF: what the reference CLI (pandas) writes and what
// Unix tools expect; every RFC 4180 reader we know accepts it. csv-stringify
// quotes fields holding LF, quotes or commas but not a bare CR, which many
// readers also take as a line break: quote those too.
const OPTIONS = { record_delimiter: "\n", quoted_match: /\r/ };

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes `'` to text a spreadsheet would evaluate as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cell(value: Value | undefined, column: Column): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (column.type === "timestamp") return toRfc3339Utc(value) ?? neutraliseFormula(value);
  return neutraliseFormula(value);
}

function terminalCell(value: Value | undefined, column: Column): string {
  return sanitizeForTerminal(cell(value, column));
}

async function writeCsv(records: AsyncIterable<Row>, sink: Sink, info: OutputInfo): Promise<void> {
  const columns = info.columns;
  const toCell = sink.isTerminal ? terminalCell : cell;
  await sink.write(stringify([columns.map((c) => c.name)], OPTIONS));
  let batch: string[][] = [];
  for await (const row of records) {
    batch.push(columns.map((column) => toCell(row[column.name], column)));
    if (batch.length >= BATCH_ROWS) {
      await sink.write(stringify(batch, OPTIONS));
      batch = [];
    }
  }
  if (batch.length > 0) await sink.write(stringify(batch, OPTIONS));
}

/** The built-in `csv` format. */
export const csvFormat: Format = {
  name: "csv",
  description: "CSV with a header; RFC 3339 UTC times; formula-like cells prefixed with '",
  extensions: [".csv"],
  binary: false,
  write: writeCsv,
};
