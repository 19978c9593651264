/**
 * The entry of the command line: `runCli` parses and runs one invocation.
 * The program itself (commander and the command groups, see _program.ts) is
 * loaded only when needed: `ax --version` prints its line without it, which
 * keeps the commonest probe of an installed CLI at the runtime's floor.
 */
import type { Command } from "@commander-js/extra-typings";
import type { Context } from "../runtime/context.ts";
import { versionLine } from "../cli/version.ts";

/** Parses `argv` (without the runtime and script) and runs the chosen command. */
export async function runCli(argv: string[], ctx: Context): Promise<void> {
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    // Exactly what commander prints for these, without loading it (~5 ms).
    await ctx.stdout.write(`${versionLine(ctx.versionInfo)}\n`);
    return;
  }
  const { runProgram } = await import("../cli/program.ts");
  await runProgram(argv, ctx);
}

/**
 * Builds the whole `ax` program (every command group), e.g. for completion
 * tests. Building it performs no I/O besides loading modules.
 */
export async function buildProgram(ctx: Context): Promise<Command> {
  const program = await import("../cli/program.ts");
  return await program.buildProgram(ctx);
}
