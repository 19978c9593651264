/**
 * What the `ax profiles` commands share: how a command file is wired into the
 * program, terminal facts, message lines on stderr, help examples and the
 * small `-o table|json` choice.
 */
import { Option } from "@commander-js/extra-typings";
import type { Context } from "../../runtime/context.ts";
import { UsageError } from "../../runtime/errors.ts";
import { textWidth } from "../../formats/_text_width.ts";
import {
  colorEnabled,
  type ColorName,
  paint,
  sanitizeForTerminal,
} from "../../runtime/terminal.ts";

/**
 * How a command file is wired into the program: the context (for TTY facts)
 * and what to do with the validated options. `mod.ts` passes the real `run`;
 * parse tests pass one that records the options.
 */
export interface Wiring<T> {
  ctx: Context;
  run(options: T, ctx: Context): Promise<void>;
}

/** What parsing needs to know about the terminal. */
export interface TtyFacts {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
}

/** The terminal facts of `ctx`. */
export function ttyFacts(ctx: Context): TtyFacts {
  return { stdinIsTTY: ctx.stdinIsTTY, stdoutIsTTY: ctx.stdout.isTTY };
}

/** Prompts need a terminal on both ends: answers come from stdin, questions show on it. */
export function canPrompt(io: TtyFacts): boolean {
  return io.stdinIsTTY && io.stdoutIsTTY;
}

const SYMBOL_COLORS: Record<string, ColorName> = { "✓": "green", "⚠": "yellow", "ℹ": "blue" };

/**
 * Writes one message line to stderr (`✓ …`, `ℹ …`, `⚠ Warning: …`), its symbol
 * coloured when stderr allows it. The text is sanitised: names and paths in
 * it come from the user or from files.
 */
export async function say(ctx: Context, message: string): Promise<void> {
  const color = colorEnabled(ctx.stderr, ctx.env);
  const symbol = [...message][0];
  let text = sanitizeForTerminal(message);
  const paintAs = SYMBOL_COLORS[symbol];
  if (paintAs) {
    const head = text.startsWith("⚠ Warning:") ? "⚠ Warning:" : symbol;
    text = paint(head, paintAs, color) + text.slice(head.length);
  }
  await ctx.stderr.write(`${text}\n`);
}

/** Output of `list` and `show`. */
export type ProfilesOutput = "table" | "json";

/** `-o, --output table|json` for `list` and `show`. */
export function profilesOutputOption() {
  return new Option("-o, --output <format>", "output format: table or json (default: table)");
}

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
 * through the table format instead (formats/output.ts printTable).
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
