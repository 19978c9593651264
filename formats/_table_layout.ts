/**
 * Geometry of the table format: column widths, fitting a terminal, and the
 * box-drawing lines (the heavy-header box of the reference CLI's tables).
 */
import { textWidth, truncateToWidth } from "./_text_width.ts";
import { type ColorName, paint } from "../runtime/terminal.ts";

/** A cell ready to draw: sanitised text, its width, and an optional colour. */
export interface Cell {
  readonly text: string;
  readonly width: number;
  readonly color?: ColorName;
}

/** Makes a cell from sanitised text. */
export function cellOf(text: string, color?: ColorName): Cell {
  return { text, width: textWidth(text), color };
}

// A shrunk column keeps at least this many columns (or its header's width).
const MIN_SHRUNK_WIDTH = 8;

/**
 * Narrows `shrinkable` columns, widest first, until a row fits in `available`
 * columns. Other columns (ids, keys, times) are never narrowed: people copy
 * them. When even the narrowest shrinkable columns cannot make the row fit,
 * nothing is narrowed: the terminal wraps the rows anyway, and cutting text
 * as well would lose it for nothing.
 */
export function fitWidths(
  widths: readonly number[],
  options: { shrinkable: readonly boolean[]; minimums: readonly number[]; available: number },
): number[] {
  const floors = widths.map((width, i) =>
    options.shrinkable[i] ? Math.min(width, Math.max(MIN_SHRUNK_WIDTH, options.minimums[i])) : width
  );
  if (rowWidth(floors) > options.available) return [...widths];
  const fitted = [...widths];
  let excess = rowWidth(fitted) - options.available;
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < fitted.length; i++) {
      if (fitted[i] <= floors[i]) continue;
      if (widest < 0 || fitted[i] > fitted[widest]) widest = i;
    }
    fitted[widest]--;
    excess--;
  }
  return fitted;
}

/** Width of a drawn row: one space of padding each side and a border between cells. */
export function rowWidth(widths: readonly number[]): number {
  return widths.reduce((sum, w) => sum + w, 0) + 3 * widths.length + 1;
}

/** Fits a cell into `width`: shrinkable text gets an ellipsis, other text overflows. */
export function fitCell(cell: Cell, width: number, shrinkable: boolean): Cell {
  if (cell.width <= width || !shrinkable) return cell;
  return { ...cellOf(truncateToWidth(cell.text, width)), color: cell.color };
}

/** The box characters of one kind of line: left edge, fill, junction, right edge. */
interface Rule {
  readonly left: string;
  readonly fill: string;
  readonly join: string;
  readonly right: string;
}

const TOP: Rule = { left: "┏", fill: "━", join: "┳", right: "┓" };
const UNDER_HEADER: Rule = { left: "┡", fill: "━", join: "╇", right: "┩" };
const BOTTOM: Rule = { left: "└", fill: "─", join: "┴", right: "┘" };

function rule(widths: readonly number[], r: Rule): string {
  return r.left + widths.map((w) => r.fill.repeat(w + 2)).join(r.join) + r.right + "\n";
}

/** The top border. */
export function topRule(widths: readonly number[]): string {
  return rule(widths, TOP);
}

/** The line between the header and the rows. */
export function headerRule(widths: readonly number[]): string {
  return rule(widths, UNDER_HEADER);
}

/** The bottom border. */
export function bottomRule(widths: readonly number[]): string {
  return rule(widths, BOTTOM);
}

/** Padding is cut from one long string rather than built per cell. */
let spaces = " ".repeat(256);

function padding(count: number): string {
  if (count > spaces.length) spaces = " ".repeat(count * 2);
  return spaces.slice(0, count);
}

/** Draws one row; `heavy` for the header row. */
export function drawRow(
  cells: readonly Cell[],
  options: { widths: readonly number[]; color: boolean; heavy?: boolean },
): string {
  const edge = options.heavy ? "┃" : "│";
  let line = edge;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    const text = cell.color ? paint(cell.text, cell.color, options.color) : cell.text;
    const pad = options.widths[i] - cell.width;
    line += " " + text + (pad > 0 ? padding(pad) : "") + " " + edge;
  }
  return line + "\n";
}
