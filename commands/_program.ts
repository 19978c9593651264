/**
 * The root program and the command registry. Each command group registers
 * itself here with one line; its flags, help and examples live in its own file.
 */
import { Command, CommanderError } from "@commander-js/extra-typings";
import type { Context } from "../runtime/context.ts";
import { UsageError } from "../runtime/errors.ts";
import { colorEnabled } from "../runtime/terminal.ts";
import { apiKeysCommand } from "./api_keys/mod.ts";
import { completionCommand } from "./completion.ts";
import { emulatorCommand } from "./emulator.ts";
import { formatsCommand } from "./formats.ts";
import { profilesCommand } from "./profiles/mod.ts";

/** Builds the `ax` program for one invocation. Building it performs no I/O. */
export function buildProgram(ctx: Context): Command {
  const { version, commit, runtime } = ctx.versionInfo;
  const program = new Command("ax")
    .description("Command-line client for the Arize AX platform")
    .version(
      `ax ${version} (commit ${commit}, ${runtime})`,
      "-V, --version",
      "Print version, commit and runtime",
    )
    .helpOption("-h, --help", "Show help")
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => void ctx.stdout.write(text),
      writeErr: (text) => void ctx.stderr.write(text),
      // Commander's defaults read process.stdout/stderr, whose set-up costs
      // several milliseconds in a Bun binary; the Context knows the same facts.
      getOutHelpWidth: () => ctx.stdout.columns ?? 80,
      getErrHelpWidth: () => ctx.stderr.columns ?? 80,
      getOutHasColors: () => colorEnabled(ctx.stdout, ctx.env),
      getErrHasColors: () => colorEnabled(ctx.stderr, ctx.env),
      // Commander's own errors (unknown option, missing argument) are reported
      // by main.ts like every other usage error; only the message is kept.
      outputError: () => {},
    });
  program.addHelpCommand(false);
  registerCommands(program, ctx);
  applyRecursively(program, (cmd) => {
    cmd.exitOverride();
    cmd.showSuggestionAfterError(true);
    cmd.configureOutput(program.configureOutput());
  });
  return program;
}

function registerCommands(program: Command, ctx: Context): void {
  // One line per command group; keep alphabetical.
  apiKeysCommand(program, ctx);
  completionCommand(program, ctx);
  emulatorCommand(program, ctx);
  formatsCommand(program, ctx);
  profilesCommand(program, ctx);
  void program;
  void ctx;
}

function applyRecursively(cmd: Command, fn: (cmd: Command) => void): void {
  fn(cmd);
  for (const sub of cmd.commands) applyRecursively(sub as unknown as Command, fn);
}

/** Parses `argv` (without the runtime and script) and runs the chosen command. */
export async function runCli(argv: string[], ctx: Context): Promise<void> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help, --version, and a group run without a subcommand (its help was printed).
      if (error.exitCode === 0 || error.code === "commander.help") return;
      const message = error.message.replace(/^error: /, "");
      throw new UsageError(message, [`Run '${commandPath(program, argv)} --help' for usage.`]);
    }
    throw error;
  }
}

/** The command path the user typed, e.g. `ax api-keys list`, for usage hints. */
function commandPath(program: Command, argv: string[]): string {
  const words = ["ax"];
  let current: Command = program;
  for (const arg of argv) {
    const next = current.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!next) break;
    words.push(next.name());
    current = next as unknown as Command;
  }
  return words.join(" ");
}
