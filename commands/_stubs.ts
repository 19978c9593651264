/**
 * Stand-ins for commands an invocation does not run. Building a command
 * (its commander options, help texts and checks) costs start-up time, about
 * 1 ms per command in a compiled binary, and every TAB pays it too. So only
 * the commands an invocation names are built; the others are stubs carrying
 * what their parent's help and "did you mean" suggestions show of them.
 */
import { type Command, Help } from "@commander-js/extra-typings";
import type { Context } from "../runtime/context.ts";

/** What a parent command's help and suggestions see of one of its commands. */
export interface CommandSummary {
  readonly name: string;
  readonly description: string;
  /** Arguments as commander spells them, e.g. `<key-id>`. */
  readonly args?: string;
  readonly hidden?: boolean;
  /** Whether it takes options, so that help lists it as `name [options]`. */
  readonly options?: boolean;
}

/** A command of a group: its summary, and how to build it in full. */
export interface Subcommand {
  readonly summary: CommandSummary;
  build(group: Command, ctx: Context): unknown;
}

/**
 * Which commands to build in full: the words of the command line (any word
 * naming a command builds it; a false match, such as an option value that
 * spells a command name, only costs time). `undefined` builds everything.
 */
export type BuildWords = readonly string[] | undefined;

/** Whether `name` is to be built in full for `words`. */
export function isWanted(name: string, words: BuildWords): boolean {
  return words === undefined || words.includes(name);
}

/** Help terms of stubs that take options; real commands get commander's own. */
const STUB_TERMS = new WeakMap<object, string>();

/** Adds a stub for `summary` under `parent`: listed and suggested, never run. */
export function addStub(parent: Command, summary: CommandSummary): void {
  const cmd = parent.command(summary.name, { hidden: summary.hidden })
    .description(summary.description);
  if (summary.args !== undefined) cmd.arguments(summary.args);
  if (summary.options) {
    const args = summary.args === undefined ? "" : ` ${summary.args}`;
    STUB_TERMS.set(cmd, `${summary.name} [options]${args}`);
  }
  cmd.action(() => {
    // Unreachable: the command being run is always built.
    throw new Error(`internal error: '${summary.name}' was not built`);
  });
}

/**
 * Adds `subcommands` to `group` in order: those `words` name in full, the
 * others as stubs. The group's help lists a stub exactly as the real command.
 */
export function addSubcommands(
  group: Command,
  ctx: Context,
  subcommands: readonly Subcommand[],
  words: BuildWords,
): void {
  group.configureHelp({
    // Commander derives `[options]` from the options a command has; a stub has none.
    subcommandTerm(cmd) {
      return STUB_TERMS.get(cmd) ?? Help.prototype.subcommandTerm.call(this, cmd);
    },
  });
  for (const { summary, build } of subcommands) {
    if (isWanted(summary.name, words)) build(group, ctx);
    else addStub(group, summary);
  }
}
