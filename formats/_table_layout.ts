/**
 * Geometry of the table format on a terminal: which columns fit, how wide
 * each is, and drawing a row. Columns are separated by two spaces with no
 * box around them (the box cost 3 columns per column and made an 80-column
 * terminal wrap every row; gh and kubectl draw the same plain layout).
 * Widths are display widths: CJK and most emoji take two columns.
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

/** Columns between two cells. */
export const GAP = 2;

// Cut text keeps at least this many columns (or its header's width) while
// other columns can still be left out; only then is it cut further.
const MIN_CUT_WIDTH = 12;
// …and never less than this: `ab…` still tells rows apart, `…` does not.
const LAST_RESORT_WIDTH = 4;

/** What {@link planLayout} lays out, one entry per column in display order. */
export interface LayoutRequest {
  /** The widest cell of each column, header included. */
  readonly natural: readonly number[];
  /** Width of each column's header. */
  readonly headers: readonly number[];
  /** Columns of human text that may be cut with `…`. */
  readonly cuttable: readonly boolean[];
  /**
   * Rank in which columns are left out when a row cannot fit (0 first); -1
   * for columns that are always shown.
   */
  readonly dropRank: readonly number[];
  /** The terminal's width. */
  readonly available: number;
}

/** The columns shown (indices into the request) and their widths. */
export interface Layout {
  readonly shown: readonly number[];
  readonly widths: readonly number[];
}

/** Width of a drawn row of columns `widths` wide. */
export function rowWidth(widths: readonly number[]): number {
  if (widths.length === 0) return 0;
  return widths.reduce((sum, w) => sum + w, 0) + GAP * (widths.length - 1);
}

/**
 * Fits a row into `available` columns: first by leaving out droppable
 * columns (least important first) while even cut text could not fit, then
 * by cutting the cuttable columns, widest first. Identifiers, keys and times
 * are never cut (people copy them); when they alone are wider than the
 * terminal the row overflows, and the terminal wraps it (cut text then keeps
 * its first-stage width, not the last-resort one).
 */
export function planLayout(request: LayoutRequest): Layout {
  const { natural, headers, cuttable, dropRank, available } = request;
  const floorOf = (i: number, least: number) =>
    cuttable[i] ? Math.min(natural[i], least) : natural[i];
  const floors = natural.map((_, i) => floorOf(i, Math.max(MIN_CUT_WIDTH, headers[i])));
  const shown = natural.map((_, i) => i);
  const widthOf = (values: readonly number[]) => rowWidth(shown.map((i) => values[i]));
  while (widthOf(floors) > available) {
    let next = -1;
    for (const i of shown) {
      if (dropRank[i] >= 0 && (next < 0 || dropRank[i] < dropRank[next])) next = i;
    }
    if (next < 0) break;
    shown.splice(shown.indexOf(next), 1);
  }
  const widths = [...natural];
  shrink(widths, { shown, floors, available });
  // Cutting further only pays when it makes the row fit: a row that
  // overflows anyway (`-o wide` on an ordinary terminal) keeps readable names.
  const lastResort = natural.map((_, i) => floorOf(i, LAST_RESORT_WIDTH));
  if (widthOf(lastResort) <= available) shrink(widths, { shown, floors: lastResort, available });
  return { shown, widths: shown.map((i) => widths[i]) };
}

/** Narrows shown columns, widest first, down to their floors until the row fits. */
function shrink(
  widths: number[],
  options: { shown: readonly number[]; floors: readonly number[]; available: number },
): void {
  const { shown, floors } = options;
  let excess = rowWidth(shown.map((i) => widths[i])) - options.available;
  while (excess > 0) {
    let widest = -1;
    for (const i of shown) {
      if (widths[i] <= floors[i]) continue;
      if (widest < 0 || widths[i] > widths[widest]) widest = i;
    }
    if (widest < 0) return;
    widths[widest]--;
    excess--;
  }
}

/** Fits a cell into `width`: cuttable text gets an ellipsis, other text overflows. */
export function fitCell(cell: Cell, width: number, cuttable: boolean): Cell {
  if (cell.width <= width || !cuttable) return cell;
  return { ...cellOf(truncateToWidth(cell.text, width)), color: cell.color };
}

/** Padding is cut from one long string rather than built per cell. */
let spaces = " ".repeat(256);

function padding(count: number): string {
  if (count > spaces.length) spaces = " ".repeat(count * 2);
  return spaces.slice(0, count);
}

/**
 * Draws one row: each cell padded to its column's width, two spaces between
 * columns, nothing after the last non-empty cell (no trailing blanks to wrap
 * or to copy).
 */
export function drawRow(
  cells: readonly Cell[],
  options: { widths: readonly number[]; color: boolean },
): string {
  let last = cells.length - 1;
  while (last > 0 && cells[last].width === 0) last--;
  let line = "";
  let owed = 0;
  for (let i = 0; i <= last; i++) {
    const cell = cells[i];
    const text = cell.color ? paint(cell.text, cell.color, options.color) : cell.text;
    line += (i === 0 ? "" : padding(owed + GAP)) + text;
    owed = Math.max(0, options.widths[i] - cell.width);
  }
  return line + "\n";
}
