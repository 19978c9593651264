/**
 * The one argv parser of the tests: runs a command line through the program
 * built from the declarations in commands/ (commander errors become a
 * UsageError, as `ax` reports them) and stops after the handler's `parse`:
 * the parse layer, without any I/O.
 *
 * ```ts
 * const options = await parseArgv<ListOptions>(["api-keys", "list", "-l", "5"]);
 * ```
 */
import assert from "node:assert/strict";
import { Command, CommanderError } from "@commander-js/extra-typings";
import { addSpec } from "../../cli/build.ts";
import { COMMANDS } from "../../commands/mod.ts";
import type { Context } from "../../runtime/context.ts";
import { UsageError } from "../../runtime/errors.ts";
import { fakeContext, type FakeContextOptions } from "./fake_context.ts";

/** Options of {@link parseArgv}: a context, or the facts to build a fake one from. */
export interface ParseArgvOptions extends FakeContextOptions {
  /** The context the handler's parse sees (TTY facts, stdin); a fake one by default. */
  ctx?: Context;
}

/**
 * Parses `argv` (everything after `ax`, the command's group first) and
 * returns the options the handler's `run` would get.
 */
export async function parseArgv<T>(argv: string[], options: ParseArgvOptions = {}): Promise<T> {
  const ctx = options.ctx ?? fakeContext(options).ctx;
  const spec = COMMANDS.find((s) => s.name === argv[0]);
  if (!spec) throw new Error(`no command ${argv[0]} in commands/mod.ts`);
  const program = new Command("ax") as unknown as Command;
  let parsed: T | undefined;
  addSpec(program, spec, ctx, {
    invoke: (handler, input) => Promise.resolve(void (parsed = handler.parse(input) as T)),
  });
  const all = [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)];
  for (const cmd of all) {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
  }
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      throw new UsageError(error.message.replace(/^error: /, ""));
    }
    throw error;
  }
  if (parsed === undefined) throw new Error(`run was not called for ${argv.join(" ")}`);
  return parsed;
}

/** Asserts that parsing `argv` fails with a UsageError whose message matches `message`. */
export async function assertUsageError(
  argv: string[],
  message: RegExp,
  options: ParseArgvOptions = {},
): Promise<void> {
  await assert.rejects(parseArgv(argv, options), (error: Error) => {
    assert.equal(error.name, "UsageError");
    assert.match(error.message, message);
    return true;
  });
}
