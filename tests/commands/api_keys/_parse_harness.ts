/**
 * Runs one command's argv through commander the way `ax` does (the program
 * built from the declarations, commander errors as UsageError) but stops
 * after the handler's `parse`: the parse layer, without any I/O.
 */
import { Command, CommanderError } from "@commander-js/extra-typings";
import { addSpec } from "../../../cli/build.ts";
import type { GroupSpec } from "../../../cli/command.ts";
import { API_KEYS } from "../../../commands/api_keys/mod.ts";
import { UsageError } from "../../../runtime/errors.ts";
import { fakeContext, type FakeContextOptions } from "../../_helpers/fake_context.ts";

/**
 * Parses `argv` (after the group's name, `ax api-keys` by default) and
 * returns the options the handler's `run` would get.
 */
export async function parseArgv<T>(
  argv: string[],
  context: FakeContextOptions & { group?: GroupSpec } = {},
): Promise<T> {
  const { ctx } = fakeContext(context);
  const group = context.group ?? API_KEYS;
  const program = new Command("ax") as unknown as Command;
  let parsed: T | undefined;
  addSpec(program, group, ctx, {
    invoke: (handler, input) => Promise.resolve(void (parsed = handler.parse(input) as T)),
  });
  const all = [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)];
  for (const cmd of all) {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
  }
  try {
    await program.parseAsync([group.name, ...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      throw new UsageError(error.message.replace(/^error: /, ""));
    }
    throw error;
  }
  if (parsed === undefined) throw new Error(`run was not called for ${argv.join(" ")}`);
  return parsed;
}
