/**
 * The commander program. Only the command groups an invocation needs are
 * built in full; every other top-level command is a stub with its name,
 * arguments and description, so `ax --help` and suggestions for mistyped
 * commands still see all of them. Loading a group (its module, its options)
 * costs start-up time that a command of another group should not pay.
 */
import { Command, CommanderError } from "@commander-js/extra-typings";
import type { Context } from "../runtime/context.ts";
import { UsageError } from "../runtime/errors.ts";
import { colorEnabled } from "../runtime/terminal.ts";
import { versionLine } from "./version.ts";
import { addStub, type BuildWords, type CommandSummary, isWanted } from "../commands/_stubs.ts";

/**
 * Registers one group's top-level command(s) on the root program, building
 * in full only the subcommands `words` name (see _stubs.ts).
 */
type Registrar = (program: Command, ctx: Context, words: BuildWords) => unknown;

/** A module that registers one or more top-level commands. */
export interface CommandGroup {
  /** The top-level commands it registers, in the order it registers them. */
  readonly commands: readonly CommandSummary[];
  load(): Promise<Registrar>;
}

/**
 * Every command group, alphabetical (the order of `ax --help`). The stubs
 * must match what the modules register; tests/commands/program_test.ts
 * compares them.
 */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  {
    commands: [{
      name: "api-keys",
      description: "Create, list, rotate and revoke API keys (ALPHA API)",
    }],
    load: async () => (await import("../commands/api_keys/mod.ts")).apiKeysCommand,
  },
  {
    commands: [
      {
        name: "completion",
        description: "Print the shell completion script for bash, zsh, fish or PowerShell",
        args: "<shell>",
      },
      {
        name: "complete",
        description: "Answer one completion request from a shell script (called on TAB)",
        args: "[words...]",
        hidden: true,
      },
    ],
    load: async () => (await import("../commands/completion.ts")).completionCommand,
  },
  {
    commands: [{
      name: "emulator",
      description: "Run a local Arize API emulator (no account, no network needed)",
    }],
    load: async () => (await import("../commands/emulator.ts")).emulatorCommand,
  },
  {
    commands: [{
      name: "formats",
      description: "Output formats: the built-in ones and your plugins",
    }],
    load: async () => (await import("../commands/formats.ts")).formatsCommand,
  },
  {
    commands: [{
      name: "profiles",
      description: "Manage profiles: saved API keys and the endpoints they are used with",
    }],
    load: async () => (await import("../commands/profiles/mod.ts")).profilesCommand,
  },
];

/** Which commands {@link buildProgram} builds in full. */
export interface BuildOptions {
  /**
   * The words of the command line: the groups and subcommands they name are
   * built, the others are stubs. Default: everything is built.
   */
  readonly words?: BuildWords;
}

/** Builds the `ax` program for one invocation. Building it performs no I/O. */
export async function buildProgram(ctx: Context, options: BuildOptions = {}): Promise<Command> {
  const program = new Command("ax")
    .description("Command-line client for the Arize AX platform")
    .version(versionLine(ctx.versionInfo), "-V, --version", "Print version, commit and runtime")
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
  // Load the wanted modules together, then register in the fixed order.
  const { words } = options;
  const registrars = await Promise.all(COMMAND_GROUPS.map((group) => {
    const wanted = group.commands.some((c) => isWanted(c.name, words));
    return wanted ? group.load() : undefined;
  }));
  COMMAND_GROUPS.forEach((group, i) => {
    const register = registrars[i];
    if (register) register(program, ctx, words);
    else for (const stub of group.commands) addStub(program, stub);
  });
  applyRecursively(program, (cmd) => {
    cmd.exitOverride();
    cmd.showSuggestionAfterError(true);
    cmd.configureOutput(program.configureOutput());
  });
  return program;
}

function applyRecursively(cmd: Command, fn: (cmd: Command) => void): void {
  fn(cmd);
  for (const sub of cmd.commands) applyRecursively(sub as unknown as Command, fn);
}

/** Parses `argv` (without the runtime and script) and runs the chosen command. */
export async function runProgram(argv: string[], ctx: Context): Promise<void> {
  // The commands the words name are built; for `complete`, that includes the
  // command being completed. An option value that spells a command's name
  // only builds that command too.
  const program = await buildProgram(ctx, { words: argv });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help, --version, and a group run without a subcommand (its help was printed).
      if (error.exitCode === 0 || error.code === "commander.help") return;
      // Commander puts its suggestion on a line of its own, "(Did you mean x?)";
      // ax prints it as a hint under the one-line error.
      const [message, ...more] = error.message.replace(/^error: /, "").split("\n");
      const suggestions = more.map((line) => line.replace(/^\((.*)\)$/, "$1")).filter(Boolean);
      throw new UsageError(message, [
        ...suggestions,
        `Run '${commandPath(program, argv)} --help' for usage.`,
      ]);
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
