/**
 * `--columns a,b,c`: which columns the table, wide and csv formats print.
 * Checked against the command's schema when the options are parsed, before
 * any request (I1).
 */
import { UsageError } from "../runtime/errors.ts";
import type { Column } from "./types.ts";

/**
 * The column names in `value` (comma-separated, any case, spaces around
 * names ignored, repeats dropped), in the order given. An empty list or a
 * name not in `columns` is a UsageError (exit 2) listing the valid names.
 */
export function parseColumnSelection(
  value: string,
  options: { columns: readonly Column[]; option: string },
): string[] {
  const valid = options.columns.map((column) => column.name);
  const hint = `Valid columns: ${valid.join(", ")}.`;
  const picked: string[] = [];
  for (const part of value.split(",")) {
    const name = part.trim().toLowerCase();
    if (name === "") {
      throw new UsageError(`${options.option} has an empty column name in '${value}'.`, [hint]);
    }
    if (!valid.includes(name)) {
      throw new UsageError(`Unknown column '${part.trim()}' in ${options.option}.`, [hint]);
    }
    if (!picked.includes(name)) picked.push(name);
  }
  return picked;
}
