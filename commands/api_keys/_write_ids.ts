/**
 * `-q/--quiet` output: key IDs only, one per line, the shape other tools
 * (and `ax api-keys revoke -`) read from a pipe.
 */
import type { Context } from "../../runtime/context.ts";
import { sanitizeForTerminal } from "../../runtime/terminal.ts";

/** Lines gathered before one write: per-line writes would cost a syscall each. */
const BATCH_CHARS = 16_384;

/** Writes each record's `id` on a line of its own to stdout. */
export async function writeIds(
  records: AsyncIterable<{ id: string }>,
  ctx: Context,
): Promise<void> {
  const terminal = ctx.stdout.isTTY;
  let batch = "";
  for await (const { id } of records) {
    // A hostile ID never drives a terminal (S4); in a pipe it is passed on as is.
    batch += `${terminal ? sanitizeForTerminal(id) : id}\n`;
    if (batch.length >= BATCH_CHARS) {
      await ctx.stdout.write(batch);
      batch = "";
    }
  }
  if (batch !== "") await ctx.stdout.write(batch);
}
