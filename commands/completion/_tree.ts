/**
 * Mirrors ax's commander program as a @bomb.sh/tab command tree: every
 * visible command (keyed by its full path, `api-keys list`), its options and
 * its positional arguments. tab ships a commander adapter, but it can only run
 * while the program is being built (it adds commands of its own), so it would
 * load tab on every start; this walk runs only when a TAB is answered.
 */
import { type Command as TabCommand, RootCommand } from "@bomb.sh/tab";
import type { CommandUnknownOpts, Option } from "@commander-js/extra-typings";
import { LIST_VALUES } from "../../cli/build.ts";

/** What a shell is asking a value for: an option's or a positional argument's. */
export type ValueRequest =
  | {
    kind: "option";
    /** Command path without `ax`, e.g. `api-keys list` ("" for the root). */
    command: string;
    /** Long name without dashes, e.g. `status`. */
    name: string;
    /** The value placeholder of the flags, e.g. `format|file` for `<format|file>`. */
    placeholder: string;
    /** `.choices()` of the option, if any. */
    choices: readonly string[];
    /** Names of a comma-separated list value (`--columns`), if it is one. */
    listOf: readonly string[];
  }
  | {
    kind: "argument";
    command: string;
    /** Argument name, e.g. `key-id`. */
    name: string;
    choices: readonly string[];
  };

/** Adds one candidate value with a description (may be empty). */
export type AddValue = (value: string, description: string) => void;

/** Answers value requests synchronously (tab's handlers cannot await). */
export type ValueProvider = (request: ValueRequest, add: AddValue) => void;

/** Builds the tab tree of `program`; value completions come from `provide`. */
export function buildTabTree(program: CommandUnknownOpts, provide: ValueProvider): RootCommand {
  const root = new RootCommand();
  addOptions(root, { command: program, path: "", provide });
  addArguments(root, { command: program, path: "", provide });
  // Commander recognises the program's options after a subcommand too
  // (`ax api-keys list --profile prod`), so every command offers them.
  const global = program.createHelp().visibleOptions(program)
    .filter((option) => !NOT_INHERITED.has(option.long ?? ""));
  for (const [path, command] of commandPaths(program, "")) {
    const node = root.command(path, command.description());
    const own = command.createHelp().visibleOptions(command);
    const names = new Set(own.map((option) => option.long));
    const inherited = global.filter((option) => !names.has(option.long));
    addOptions(node, { command, path, provide }, [...own, ...inherited]);
    addArguments(node, { command, path, provide });
  }
  return root;
}

/** The program's options that belong to the program alone. */
const NOT_INHERITED = new Set(["--help", "--version"]);

/** A tab command node; the root is one too. */
type TabNode = TabCommand;

interface Walk {
  command: CommandUnknownOpts;
  path: string;
  provide: ValueProvider;
}

function commandPaths(
  command: CommandUnknownOpts,
  prefix: string,
): [string, CommandUnknownOpts][] {
  const found: [string, CommandUnknownOpts][] = [];
  for (const sub of command.createHelp().visibleCommands(command)) {
    const path = prefix ? `${prefix} ${sub.name()}` : sub.name();
    found.push([path, sub], ...commandPaths(sub, path));
  }
  return found;
}

function addOptions(
  node: TabNode,
  walk: Walk,
  options: readonly Option[] = walk.command.createHelp().visibleOptions(walk.command),
): void {
  const { path, provide } = walk;
  for (const option of options) {
    const long = option.long?.replace(/^--/, "");
    if (!long) continue;
    // tab wants a one-letter alias without its dash; `-ab`-style shorts are not aliases.
    const alias = option.short && /^-[^-]$/.test(option.short) ? option.short.slice(1) : undefined;
    if (!option.required && !option.optional) {
      // A flag without a value: tab treats an option without handler as boolean.
      if (alias) node.option(long, option.description, alias);
      else node.option(long, option.description);
      continue;
    }
    const request: ValueRequest = {
      kind: "option",
      command: path,
      name: long,
      placeholder: /[<[]([^>\]]*)[>\]]/.exec(option.flags)?.[1] ?? "",
      choices: option.argChoices ?? [],
      listOf: LIST_VALUES.get(option) ?? [],
    };
    node.option(long, option.description, (add) => provide(request, add), alias);
  }
}

function addArguments(node: TabNode, walk: Walk): void {
  const { command, path, provide } = walk;
  for (const argument of command.registeredArguments) {
    const request: ValueRequest = {
      kind: "argument",
      command: path,
      name: argument.name(),
      choices: argument.argChoices ?? [],
    };
    node.argument(argument.name(), (add) => provide(request, add), argument.variadic);
  }
}
