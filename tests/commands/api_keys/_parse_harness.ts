/**
 * Runs one api-keys command's argv through commander the way `ax` does
 * (exitOverride, commander errors as UsageError) but with a `run` that only
 * records the validated options: the parse layer, without any I/O.
 */
import { Command, CommanderError, type CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Wiring } from "../../../cli/options.ts";
import { UsageError } from "../../../runtime/errors.ts";
import { fakeContext, type FakeContextOptions } from "../../_helpers/fake_context.ts";

/** A command file's registration function. */
export type Register<T> = (parent: Command, wiring: Wiring<T>) => CommandUnknownOpts;

/** Parses `argv` (after `ax api-keys`) and returns the options `run` would get. */
export async function parseArgv<T>(
  register: Register<T>,
  argv: string[],
  context: FakeContextOptions = {},
): Promise<T> {
  const { ctx } = fakeContext(context);
  const program = new Command("ax");
  const group = program.command("api-keys");
  let parsed: T | undefined;
  register(group, { ctx, run: (options) => Promise.resolve(void (parsed = options)) });
  for (const cmd of [program, group, ...group.commands]) {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
  }
  try {
    await program.parseAsync(["api-keys", ...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      throw new UsageError(error.message.replace(/^error: /, ""));
    }
    throw error;
  }
  if (parsed === undefined) throw new Error(`run was not called for ${argv.join(" ")}`);
  return parsed;
}
