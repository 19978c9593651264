/**
 * `table` and `wide`: the human view, and the one table printer every
 * command uses (api-keys, profiles, formats).
 *
 * On a terminal a list is a plain aligned table sized to the terminal width
 * (T7): `table` shows the columns people scan (the command's summary) with
 * times relative to now (`in 12 days`, `3 months ago`, `never`); `wide`
 * shows every column with absolute UTC times. Long human text (names,
 * descriptions) is cut with `…` rather than wrapped; identifiers and times
 * never are. When even cut text cannot make a row fit, the least important
 * summary columns are left out. A single object is a `key: value` panel.
 *
 * Off a terminal both are tab-separated lines (see _tsv.ts). An empty list
 * writes nothing to stdout and says `No items to display` on stderr (T1).
 *
 * Widths come from the first {@link PREVIEW_ROWS} rows; later rows are drawn
 * to those widths as they arrive, so `--all` of a million keys streams in
 * bounded memory. Every server string is escaped before it reaches the
 * terminal (S4, T6).
 */
import { paint, sanitizeForTerminal } from "../runtime/terminal.ts";
import { type Cell, cellOf, drawRow, fitCell, planLayout } from "./_table_layout.ts";
import { textWidth, wrapToWidth } from "./_text_width.ts";
import { onlyRecord } from "./_records.ts";
import { relativeTimestamp } from "./_relative_time.ts";
import { statusColor } from "./_status_colors.ts";
import { toTableTime } from "./_timestamps.ts";
import { writeTsv } from "./_tsv.ts";
import type { Column, Format, OutputInfo, Row, Sink, Value } from "./types.ts";

/** Rows buffered to measure column widths before anything is drawn. */
export const PREVIEW_ROWS = 1000;

/** What an empty list says, on stderr. */
export const NO_ITEMS = "No items to display";

// Cut to fit when a command names none: long human-written text.
const DEFAULT_CUTTABLE: readonly string[] = ["description", "name", "error"];

/** Which columns a variant shows: the summary, or all of them. */
type Variant = "table" | "wide";

function columnsByName(info: OutputInfo, names: readonly string[]): Column[] {
  const byName = new Map(info.columns.map((c) => [c.name, c]));
  return names.map((name) => byName.get(name) ?? { name, type: "string", nullable: true });
}

/** Every column, in display order: `wide`, panels, and `table` without a summary. */
function allColumns(info: OutputInfo): Column[] {
  return info.displayOrder ? columnsByName(info, info.displayOrder) : [...info.columns];
}

function listColumns(info: OutputInfo, variant: Variant): Column[] {
  const summary = info.table?.summary;
  return variant === "table" && summary ? columnsByName(info, summary) : allColumns(info);
}

/**
 * The header of a column on a terminal: the command's label for it, else
 * `CREATED AT` for `created_at` (a header reads as a label, not a field name).
 */
export function headerLabel(name: string, info: OutputInfo): string {
  const labels = info.table?.labels;
  const label = labels && Object.hasOwn(labels, name)
    ? labels[name]
    : name.replaceAll("_", " ").toUpperCase();
  return sanitizeForTerminal(label);
}

// Most values are plain ASCII: nothing to escape, one column per character.
const PLAIN = /^[\x20-\x7e]*$/;

/** How cell text is made from values. */
interface CellStyle {
  /** Times relative to `now` (table on a terminal), else absolute UTC. */
  readonly relative: boolean;
  readonly now: Date;
}

const ABSENT = cellOf("—", "dim");
const NEVER = cellOf("never", "dim");

function toCell(value: Value | undefined, column: Column, style: CellStyle): Cell {
  if (value === null || value === undefined) return column.type === "timestamp" ? NEVER : ABSENT;
  let text = typeof value === "string" ? value : String(value);
  if (column.type === "timestamp") {
    text = (style.relative ? relativeTimestamp(text, style.now) : toTableTime(text)) ?? text;
  }
  const color = column.name === "status" ? statusColor(text) : undefined;
  if (PLAIN.test(text)) return { text, width: text.length, color };
  return cellOf(sanitizeForTerminal(text), color);
}

function makeWriter(variant: Variant): Format["write"] {
  return async (records, sink, info) => {
    if (info.shape === "object") {
      // A created key's whole record, secret included, whichever variant (S7).
      const columns = allColumns(info);
      if (sink.isTerminal) {
        const row = await onlyRecord(records);
        await sink.write(drawPanel(row, { columns, sink, info }));
      } else {
        await writeTsv(records, { columns, sink, color: info.color });
      }
      return;
    }
    const columns = listColumns(info, variant);
    const written = sink.isTerminal
      ? await writeTerminalTable(records, { columns, sink, info, variant })
      : await writeTsv(records, { columns, sink, color: info.color });
    if (written === 0) await info.message?.(info.table?.empty ?? NO_ITEMS);
  };
}

/**
 * Columns a panel's value needs beside its label for long text to wrap
 * there; on a narrower terminal it goes on the lines below the label.
 */
const MIN_PANEL_ROOM = 20;

/** What {@link writeTerminalTable} draws. */
interface TableRun {
  readonly columns: readonly Column[];
  readonly sink: Sink;
  readonly info: OutputInfo;
  readonly variant: Variant;
}

/** Draws the list on a terminal; returns the number of rows. */
async function writeTerminalTable(records: AsyncIterable<Row>, run: TableRun): Promise<number> {
  const { columns, info } = run;
  const style: CellStyle = { relative: run.variant === "table", now: info.now() };
  const toCells = (row: Row) => columns.map((column) => toCell(row[column.name], column, style));
  const preview: Cell[][] = [];
  let table: StartedTable | undefined;
  let count = 0;
  for await (const row of records) {
    count++;
    if (table) {
      await run.sink.write(table.draw(toCells(row)));
      continue;
    }
    preview.push(toCells(row));
    if (preview.length === PREVIEW_ROWS) table = await startTable(preview.splice(0), run);
  }
  if (!table && preview.length > 0) await startTable(preview, run);
  return count;
}

/** A table whose header is out: how to draw every later row. */
interface StartedTable {
  draw(cells: readonly Cell[]): string;
}

/**
 * Measures the preview rows, fits the columns to the terminal, writes the
 * header and the preview, and returns how to draw every later row.
 */
async function startTable(preview: readonly Cell[][], run: TableRun): Promise<StartedTable> {
  const { columns, sink, info } = run;
  const header = columns.map((c) => cellOf(headerLabel(c.name, info), "bold"));
  const natural = header.map((cell, i) =>
    preview.reduce((max, row) => Math.max(max, row[i].width), cell.width)
  );
  const cuttableNames = new Set(info.table?.cuttable ?? DEFAULT_CUTTABLE);
  const cuttable = columns.map((c) => cuttableNames.has(c.name));
  const dropOrder = run.variant === "table" ? info.table?.dropOrder ?? [] : [];
  const layout = planLayout({
    natural,
    headers: header.map((cell) => cell.width),
    cuttable,
    dropRank: columns.map((c) => dropOrder.indexOf(c.name)),
    available: sink.width || Infinity,
  });
  const { shown, widths } = layout;
  // A header is cut like text when its column is narrower than it.
  const draw = (cells: readonly Cell[], isHeader = false) =>
    drawRow(
      shown.map((column, i) => fitCell(cells[column], widths[i], isHeader || cuttable[column])),
      { widths, color: info.color },
    );
  let text = draw(header, true);
  for (const row of preview) text += draw(row);
  await sink.write(text);
  return { draw: (cells) => draw(cells) };
}

/** What {@link drawPanel} needs. */
interface PanelRun {
  readonly columns: readonly Column[];
  readonly sink: Sink;
  readonly info: OutputInfo;
}

/**
 * A single record on a terminal: one `label: value` line per present column,
 * values aligned, times absolute with the relative time after them. Long
 * human text is cut to the terminal's width. Every other value (the secret
 * of a new key above all) is never cut: when it does not fit beside its
 * label, it gets a line of its own with nothing else on it, so it is copied
 * whole however the terminal wraps it.
 */
function drawPanel(row: Row, run: PanelRun): string {
  const { info } = run;
  const style: CellStyle = { relative: false, now: info.now() };
  const cuttable = new Set(info.table?.cuttable ?? DEFAULT_CUTTABLE);
  const present = run.columns.filter((c) => row[c.name] !== null && row[c.name] !== undefined);
  const labels = present.map((c) => sanitizeForTerminal(c.name) + ":");
  const labelWidth = labels.reduce((max, label) => Math.max(max, textWidth(label)), 0);
  const room = (run.sink.width || Infinity) - labelWidth - 1;
  let text = "";
  present.forEach((column, i) => {
    const value = row[column.name];
    let cell = toCell(value, column, style);
    if (column.type === "timestamp" && typeof value === "string") {
      const relative = relativeTimestamp(value, style.now);
      if (relative) cell = cellOf(`${cell.text} (${relative})`);
    }
    const label = paint(labels[i], "bold", info.color);
    const pad = " ".repeat(labelWidth - textWidth(labels[i]));
    const show = (part: string) => (cell.color ? paint(part, cell.color, info.color) : part);
    if (cuttable.has(column.name) && cell.width > room && room >= MIN_PANEL_ROOM) {
      // One record has room to show all of it: long text wraps under itself
      // instead of being cut (a cut name could not be typed back).
      const [first, ...rest] = wrapToWidth(cell.text, room);
      const indent = " ".repeat(labelWidth + 1);
      text += `${label}${pad} ${show(first)}\n`;
      for (const part of rest) text += `${indent}${show(part)}\n`;
      return;
    }
    text += cell.width <= room
      ? `${label}${pad} ${show(cell.text)}\n`
      : `${label}\n${show(cell.text)}\n`;
  });
  return text;
}

/** The built-in `table` format: the summary columns, sized to the terminal. */
export const tableFormat: Format = {
  name: "table",
  description: "Table of the main columns, sized to the terminal; tab-separated when piped",
  extensions: [],
  binary: false,
  write: makeWriter("table"),
};

/** The built-in `wide` format: every column, absolute times. */
export const wideFormat: Format = {
  name: "wide",
  description: "Table of every column, absolute UTC times; tab-separated when piped",
  extensions: [],
  binary: false,
  write: makeWriter("wide"),
};
