/**
 * The registry of every top-level command (one line per group, in the order
 * `ax --help` lists them), and `runCli`, the entry of the command line. The
 * declarations are data; commander, the program builder and each command's
 * handler load only when needed: `ax --version` prints its line without
 * them, which keeps the commonest probe of an installed CLI at the floor.
 */
import type { Command } from "@commander-js/extra-typings";
import type { Spec } from "../cli/command.ts";
import { versionLine } from "../cli/version.ts";
import type { Context } from "../runtime/context.ts";
import { API_KEYS } from "./api_keys/mod.ts";
import { COMPLETE, COMPLETION } from "./completion/mod.ts";
import { EMULATOR } from "./emulator/mod.ts";
import { FORMATS } from "./formats/mod.ts";
import { PROFILES } from "./profiles/mod.ts";
import { SPACES } from "./spaces/mod.ts";

/** Every top-level command, alphabetical. */
export const COMMANDS: readonly Spec[] = [
  API_KEYS,
  COMPLETION,
  COMPLETE,
  EMULATOR,
  FORMATS,
  PROFILES,
  SPACES,
];

/** Parses `argv` (without the runtime and script) and runs the chosen command. */
export async function runCli(argv: string[], ctx: Context): Promise<void> {
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    // Exactly what commander prints for these, without loading it (~5 ms).
    await ctx.stdout.write(`${versionLine(ctx.versionInfo)}\n`);
    return;
  }
  const { runProgram } = await import("../cli/program.ts");
  await runProgram(argv, { ctx, commands: COMMANDS });
}

/** Builds the whole `ax` program, e.g. for completion tests. Performs no I/O. */
export async function buildProgram(ctx: Context): Promise<Command> {
  const program = await import("../cli/program.ts");
  return program.buildProgram(ctx, { commands: COMMANDS });
}
