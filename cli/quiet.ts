/**
 * `-q/--quiet`, shared by every list that has it (`api-keys list`, `audit`,
 * `spaces list`): IDs only, one per line, the shape other tools (and
 * `ax api-keys revoke -`) read from a pipe.
 */
import type { Context } from "../runtime/context.ts";
import { UsageError } from "../runtime/errors.ts";
import { sanitizeForTerminal } from "../runtime/terminal.ts";
import type { OptionSpec } from "./command.ts";

/** The `-q, --quiet` option of a list of `noun`s (`key`, `space`). */
export function quietOption(noun: string): OptionSpec {
  return {
    flags: "-q, --quiet",
    description: `print only ${noun} IDs, one per line (for pipes; not with -o)`,
  };
}

/** `-q`: true when given; `-o` with it is a usage error. */
export function parseQuiet(values: { quiet?: true; output?: string }, noun: string): boolean {
  if (values.quiet && values.output !== undefined) {
    throw new UsageError("-q/--quiet and -o/--output cannot be used together.", [
      `-q prints ${noun} IDs only; drop it to choose a format.`,
    ]);
  }
  return values.quiet === true;
}

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
