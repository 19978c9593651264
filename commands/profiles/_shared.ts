/**
 * What the `ax profiles` commands share: the key/value layout of `show`, and
 * its small `-o table|json` choice.
 */
import { UsageError } from "../../runtime/errors.ts";
import { textWidth } from "../../formats/_text_width.ts";
import { sanitizeForTerminal } from "../../runtime/terminal.ts";

/** Output of `show`. */
export type ProfilesOutput = "table" | "json";

/** Validates `-o`: `table` or `json`, any case. */
export function parseProfilesOutput(value: string | undefined): ProfilesOutput {
  if (value === undefined) return "table";
  const lower = value.trim().toLowerCase();
  if (lower === "table" || lower === "json") return lower;
  throw new UsageError(`Invalid --output '${value}': profiles commands print table or json.`);
}

/**
 * Lays out `label value` rows (`profiles show`) in aligned columns, two
 * spaces apart, without trailing spaces; widths are display widths (CJK and
 * emoji take two columns). Cells are sanitised for the terminal. Lists go
 * through the shared output path instead (cli/output.ts).
 */
export function renderColumns(rows: string[][]): string {
  const clean = rows.map((row) => row.map(sanitizeForTerminal));
  const widths: number[] = [];
  for (const row of clean) {
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, textWidth(cell))));
  }
  return clean
    .map((row) =>
      row.map((cell, i) => cell + " ".repeat(widths[i] - textWidth(cell))).join("  ").trimEnd()
    )
    .join("\n") + "\n";
}
