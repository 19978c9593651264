/**
 * The commander program, built from the registry's declarations
 * (commands/mod.ts). Every top-level command is built; a group's commands
 * only when the group's name is a word of the command line, and only the
 * invoked one when the line runs one (see neededPart), since building all of
 * them costs ~2 ms of a ~10 ms start-up in a compiled binary
 * (docs/architecture.md, "Start-up"). A group left unbuilt still shows in
 * the root help and in suggestions exactly as a built one (both come from
 * its declaration). No handler module loads until its command runs. Also
 * the toolkit's own `ax help [command… | topic]`.
 */
import { Command, CommanderError } from "@commander-js/extra-typings";
import type { Context } from "../runtime/context.ts";
import { UsageError } from "../runtime/errors.ts";
import { colorEnabled } from "../runtime/terminal.ts";
import { addSpec, type BuildHooks } from "./build.ts";
import { isGroup, type Spec } from "./command.ts";
import { configureHelpLayout, wrapText } from "./help.ts";
import { HELP_TOPICS, topicText } from "./topics.ts";
import { versionLine } from "./version.ts";

/** What the root help ends with: how to start. */
export const GET_STARTED = "Get started: ax profiles create (or try it offline: ax emulator start)";

/** Options of {@link buildProgram}. */
export interface ProgramOptions extends BuildHooks {
  /** The declarations to build, in the order `ax --help` lists them. */
  readonly commands: readonly Spec[];
  /**
   * The words of the command line: a group's commands are built only when
   * its name is among them. Undefined builds every command (docs, tests).
   */
  readonly words?: readonly string[];
}

/**
 * The part of `spec` that `words` need. A group whose name is no word gets
 * none of its commands; the bash completion script sends the whole line as
 * one word, so words are split on blanks too, and a false match (a value that
 * spells a group's name) only costs time. A group run as `ax <group>
 * <command> …` gets only that command: commander dispatches on that second
 * word, so its siblings could only show in the group's help, which that line
 * never prints. Building `api-keys`' seven commands for `api-keys list` cost
 * ~2 ms. Anything else (`ax <group> --help`, an unknown command, completion)
 * gets every command of the group.
 */
function neededPart(spec: Spec, words: readonly string[] | undefined): Spec {
  if (!isGroup(spec) || words === undefined) return spec;
  if (!words.some((w) => w.split(/\s+/).includes(spec.name))) return { ...spec, commands: [] };
  const invoked = words[0] === spec.name && spec.commands.find((c) => c.name === words[1]);
  return invoked ? { ...spec, commands: [invoked] } : spec;
}

/** Builds the `ax` program. Building it performs no I/O and loads no handler. */
export function buildProgram(ctx: Context, options: ProgramOptions): Command {
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
    }) as unknown as Command;
  program.helpCommand(false);
  configureHelpLayout(program);
  for (const spec of options.commands) {
    addSpec(program, neededPart(spec, options.words), ctx, options);
  }
  program
    .command("help")
    .description("Show help for a command, or a topic: " + Object.keys(HELP_TOPICS).join(", "))
    .argument("[command-or-topic...]", "a command path (api-keys list) or a topic name")
    .action(async (words: string[]) => await showHelp(program, { words, ctx }));
  program.addHelpText("after", () => wrapText(rootHelpAfter(), ctx.stdout.columns ?? 80));
  applyRecursively(program, (cmd) => {
    cmd.exitOverride();
    cmd.showSuggestionAfterError(true);
    cmd.configureOutput(program.configureOutput());
  });
  return program;
}

function rootHelpAfter(): string {
  const topics = Object.entries(HELP_TOPICS).map(([name, t]) => `  ${name.padEnd(14)}${t.summary}`);
  return `\nHelp topics (ax help <topic>):\n${topics.join("\n")}\n\n${GET_STARTED}\n`;
}

/** `ax help [words…]`: a topic's text, or the help of the command the words name. */
async function showHelp(program: Command, input: { words: string[]; ctx: Context }): Promise<void> {
  const { words, ctx } = input;
  if (words.length === 1 && words[0] in HELP_TOPICS) {
    await ctx.stdout.write(wrapText(topicText(words[0]), ctx.stdout.columns ?? 80));
    return;
  }
  let current = program;
  for (const word of words) {
    const next = current.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!next || (next as unknown as { _hidden: boolean })._hidden) {
      const known = [...current.commands.map((c) => c.name()), ...Object.keys(HELP_TOPICS)];
      const close = known.filter((name) => editDistance(name, word) <= 2);
      throw new UsageError(
        `No help for '${words.join(" ")}': unknown command or topic '${word}'.`,
        [
          ...(close.length > 0 ? [`Did you mean ${close.join(", ")}?`] : []),
          "Run 'ax help' for the commands and topics.",
        ],
      );
    }
    current = next as unknown as Command;
  }
  current.outputHelp();
}

/** Levenshtein distance, for "did you mean" (names are short). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

function applyRecursively(cmd: Command, fn: (cmd: Command) => void): void {
  fn(cmd);
  for (const sub of cmd.commands) applyRecursively(sub as unknown as Command, fn);
}

/** Parses `argv` (without the runtime and script) and runs the chosen command. */
export async function runProgram(
  argv: string[],
  options: ProgramOptions & { ctx: Context },
): Promise<void> {
  const { ctx } = options;
  const program = buildProgram(ctx, { ...options, words: argv });
  if (argv.length === 0) {
    // Bare `ax` is a request for help, on stdout so `ax | less` shows it.
    program.outputHelp();
    return;
  }
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
