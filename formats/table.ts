/**
 * `table`: the human view, in the reference CLI's layout. A list is a boxed
 * table (header, one row per record, `—` for absent values, UTC times as
 * `YYYY-MM-DD HH:MM:SS`, status in colour on a terminal) or `No items to
 * display`; a single object is a `key: value` panel.
 *
 * Widths come from the first {@link PREVIEW_ROWS} rows; later rows are drawn
 * to those widths as they arrive, so `--all` of a million keys streams in
 * bounded memory. On a terminal too narrow for the table, the free-text
 * columns (description, name) are cut with `…` rather than wrapping rows.
 * Every server string is escaped before it reaches the terminal (S4).
 */
import { type ColorName, paint, sanitizeForTerminal } from "../runtime/terminal.ts";
import {
  bottomRule,
  type Cell,
  cellOf,
  drawRow,
  fitCell,
  fitWidths,
  headerRule,
  topRule,
} from "./_table_layout.ts";
import { textWidth } from "./_text_width.ts";
import { onlyRecord } from "./_records.ts";
import { toTableTime } from "./_timestamps.ts";
import type { Column, Format, OutputInfo, Row, Sink, Value } from "./types.ts";

/** Rows buffered to measure column widths before anything is drawn. */
export const PREVIEW_ROWS = 1000;

// Long human-written text: cut to fit a terminal. Identifiers never are.
const FREE_TEXT_COLUMNS = new Set(["description", "name", "error"]);

const STATUS_COLORS: Readonly<Record<string, ColorName>> = {
  active: "green",
  revoked: "red",
  broken: "red",
};

const ABSENT = cellOf("—", "dim");

function displayColumns(info: OutputInfo): Column[] {
  if (!info.displayOrder) return [...info.columns];
  const byName = new Map(info.columns.map((c) => [c.name, c]));
  return info.displayOrder.map((name) =>
    byName.get(name) ?? { name, type: "string", nullable: true }
  );
}

// Most values are plain ASCII: nothing to escape, one column per character.
const PLAIN = /^[\x20-\x7e]*$/;

function toCell(value: Value | undefined, column: Column): Cell {
  if (value === null || value === undefined) return ABSENT;
  let text = typeof value === "string" ? value : String(value);
  if (column.type === "timestamp") text = toTableTime(text) ?? text;
  const color = column.name === "status" ? STATUS_COLORS[text] : undefined;
  if (PLAIN.test(text)) return { text, width: text.length, color };
  return cellOf(sanitizeForTerminal(text), color);
}

async function writeTable(
  records: AsyncIterable<Row>,
  sink: Sink,
  info: OutputInfo,
): Promise<void> {
  const columns = displayColumns(info);
  if (info.shape === "object") {
    await sink.write(drawPanel(await onlyRecord(records), { columns, sink, color: info.color }));
    return;
  }
  const toCells = (row: Row) => columns.map((column) => toCell(row[column.name], column));
  const preview: Cell[][] = [];
  let table: StartedTable | undefined;
  for await (const row of records) {
    if (table) {
      await sink.write(table.draw(toCells(row)));
      continue;
    }
    preview.push(toCells(row));
    if (preview.length === PREVIEW_ROWS) {
      table = await startTable(preview.splice(0), { columns, sink, info });
    }
  }
  if (!table) {
    if (preview.length === 0) {
      await sink.write(paint("No items to display", "dim", info.color) + "\n");
      return;
    }
    table = await startTable(preview, { columns, sink, info });
  }
  await sink.write(bottomRule(table.widths));
}

/** A table whose header is out: the settled widths and how to draw a row. */
interface StartedTable {
  readonly widths: readonly number[];
  draw(cells: readonly Cell[]): string;
}

/**
 * Measures the preview rows, fits the widths to the terminal, writes the
 * header and the preview, and returns how to draw every later row.
 */
async function startTable(
  preview: readonly Cell[][],
  options: { columns: readonly Column[]; sink: Sink; info: OutputInfo },
): Promise<StartedTable> {
  const { columns, sink, info } = options;
  const header = columns.map((c) => cellOf(sanitizeForTerminal(c.name), "bold"));
  const natural = header.map((cell, i) =>
    preview.reduce((max, row) => Math.max(max, row[i].width), cell.width)
  );
  const shrinkable = columns.map((c) => FREE_TEXT_COLUMNS.has(c.name));
  const widths = sink.isTerminal && sink.width
    ? fitWidths(natural, {
      shrinkable,
      minimums: header.map((c) => c.width),
      available: sink.width,
    })
    : natural;
  const drawWith = (cells: readonly Cell[], heavy: boolean) =>
    drawRow(cells.map((cell, i) => fitCell(cell, widths[i], shrinkable[i])), {
      widths,
      color: info.color,
      heavy,
    });
  let text = topRule(widths) + drawWith(header, true) + headerRule(widths);
  for (const row of preview) text += drawWith(row, false);
  await sink.write(text);
  return { draw: (cells) => drawWith(cells, false), widths };
}

/**
 * A single record as a rounded panel of `key: value` lines, one per present
 * column. Values are never cut (this is where a new key's secret is shown):
 * when the panel would not fit the terminal, the lines are printed bare.
 */
function drawPanel(
  row: Row,
  options: { columns: readonly Column[]; sink: Sink; color: boolean },
): string {
  const lines: { painted: string; width: number }[] = [];
  for (const column of options.columns) {
    const value = row[column.name];
    if (value === null || value === undefined) continue;
    const key = sanitizeForTerminal(column.name) + ":";
    const cell = toCell(value, column);
    const painted = paint(key, "bold", options.color) + " " +
      (cell.color ? paint(cell.text, cell.color, options.color) : cell.text);
    lines.push({ painted, width: textWidth(key) + 1 + cell.width });
  }
  const inner = lines.reduce((max, line) => Math.max(max, line.width), 0);
  const { sink } = options;
  if (sink.isTerminal && sink.width && inner + 4 > sink.width) {
    return lines.map((line) => line.painted + "\n").join("");
  }
  const border = "─".repeat(inner + 2);
  const body = lines.map((line) => `│ ${line.painted}${" ".repeat(inner - line.width)} │\n`);
  return `╭${border}╮\n${body.join("")}╰${border}╯\n`;
}

/** The built-in `table` format (terminal display; never written to a file). */
export const tableFormat: Format = {
  name: "table",
  description: "Human-readable table (a key: value panel for one object); stdout only",
  extensions: [],
  binary: false,
  write: writeTable,
};
