/**
 * Message lines on stderr (`✓ …`, `ℹ …`, `⚠ Warning: …`), written the same
 * way by every command: the leading symbol coloured when stderr allows it,
 * the rest sanitised for the terminal.
 */
import type { Context } from "../runtime/context.ts";
import { colorEnabled, type ColorName, paint, sanitizeForTerminal } from "../runtime/terminal.ts";

const SYMBOL_COLORS: Record<string, ColorName> = { "✓": "green", "⚠": "yellow", "ℹ": "blue" };

/**
 * Writes one message line to stderr. Its leading symbol (and a `Warning:`
 * label) is coloured when stderr allows colour; the rest is sanitised, since
 * IDs and paths in messages come from the user or the server (S4).
 */
export async function announce(ctx: Context, message: string): Promise<void> {
  const color = colorEnabled(ctx.stderr, ctx.env);
  const symbol = [...message][0];
  const paintAs = SYMBOL_COLORS[symbol];
  let text = sanitizeForTerminal(message);
  if (paintAs) {
    const head = /^⚠ Warning:/.test(text) ? "⚠ Warning:" : symbol;
    text = paint(head, paintAs, color) + text.slice(head.length);
  }
  await ctx.stderr.write(`${text}\n`);
}

/** A count and its noun, made plural when the count is not one: `1 API key`, `3 API keys`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
