/**
 * What a command is: a declaration (plain data: name, arguments, options,
 * help, examples) plus a handler module loaded only when the command runs.
 * Commander commands, help pages, "did you mean", shell completion and
 * docs/commands.md are all built from these declarations (cli/program.ts,
 * scripts/docs.ts), so nothing about a command is written twice.
 */
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Context } from "../runtime/context.ts";
import type { CommonFlag } from "./common.ts";

/** One option of a command, as data. */
export interface OptionSpec {
  /** Commander's spelling: `-l, --limit <n>`, `--all`, `--plugin <path>`. */
  readonly flags: string;
  /** One line (help wraps it). */
  readonly description: string;
  /** Accepted values, any case (lower case is kept); help and completion list them. */
  readonly choices?: readonly string[];
  /** What is accepted when it is more than help lists (`name:asc` besides `name`). */
  readonly accepts?: readonly string[];
  /** May be given several times; the values arrive as an array. */
  readonly repeatable?: boolean;
  /**
   * The value is a comma-separated list of these names (`--columns
   * name,id`); completion offers the names one after another. Unchecked here:
   * the handler validates the list.
   */
  readonly listOf?: readonly string[];
  /** Must be given (commander reports it missing before the handler loads). */
  readonly required?: boolean;
  /** Value when the option is absent, and how help shows it. */
  readonly default?: { readonly value: string; readonly shown?: string };
}

/** One positional argument, as data. */
export interface ArgSpec {
  /** Commander's spelling: `<key-id>`, `[name]`, `[words...]`. */
  readonly name: string;
  readonly description: string;
  /** Accepted values (help and completion list them). */
  readonly choices?: readonly string[];
}

/** What the handler's `parse` receives: argv, sorted by commander, plus terminal facts. */
export interface ParseInput {
  /** Positional arguments in declared order (a variadic one as an array). */
  readonly args: readonly unknown[];
  /** Option values by camel-cased long name (`--key-type` → `keyType`). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Whether prompts are possible (stdin and stdout terminals). */
  readonly tty: TtyFacts;
  /** The working directory, for resolving relative paths. */
  readonly cwd: string;
  /** The run's clock (relative dates such as `--expires-in` count from it). */
  now(): Date;
  /** The whole program (completion walks it). */
  readonly program: CommandUnknownOpts;
}

/** What parsing may know about the terminal. */
export interface TtyFacts {
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
}

/** Prompts need a terminal on both ends: answers come from stdin, questions show on it. */
export function canPrompt(io: TtyFacts): boolean {
  return io.stdinIsTTY && io.stdoutIsTTY;
}

/**
 * Why {@link canPrompt} says no, for the refusal: `stdout is not a terminal`,
 * `stdin is not a terminal` or `neither stdin nor stdout is a terminal`;
 * undefined when a prompt can be shown. `ax … | cat` typed at a terminal has
 * stdin and stderr there, so "no terminal" alone would puzzle its user.
 */
export function whyNoPrompt(io: TtyFacts): string | undefined {
  if (canPrompt(io)) return undefined;
  if (!io.stdinIsTTY && !io.stdoutIsTTY) return "neither stdin nor stdout is a terminal";
  return `${io.stdinIsTTY ? "stdout" : "stdin"} is not a terminal`;
}

/** The rule {@link whyNoPrompt}'s reason is measured against, in a refusal's words. */
export const PROMPT_RULE = "a prompt needs both stdin and stdout on a terminal";

/**
 * A command's behaviour, in the module its declaration loads lazily:
 * `parse` (pure: argv values → options, or a UsageError) and `run` (the only
 * part with effects, reaching the world through `ctx`).
 */
export interface Handler<O = unknown> {
  parse(input: ParseInput): O;
  run(options: O, ctx: Context): Promise<void>;
}

/** A command that runs: a leaf of the command tree. */
export interface CommandSpec {
  readonly name: string;
  /** One line for the parent's list; the first line of its own help. */
  readonly description: string;
  readonly args?: readonly ArgSpec[];
  /** The command's own options, in help order. */
  readonly options?: readonly OptionSpec[];
  /** Shared options (cli/common.ts), added after its own in this order. */
  readonly common?: readonly CommonFlag[];
  /** Command lines shown under "Examples:" (never a date in the past). */
  readonly examples?: readonly string[];
  /** A paragraph after the examples. */
  readonly notes?: string;
  /** Left out of help and completion (internal callbacks). */
  readonly hidden?: boolean;
  /** Passes unknown options through as arguments (the completion callback). */
  readonly passThrough?: boolean;
  /** Loads the module holding `parse` and `run`. */
  handler(): Promise<Handler<unknown>>;
}

/** A command with subcommands and no behaviour of its own (`ax api-keys`). */
export interface GroupSpec {
  readonly name: string;
  readonly description: string;
  readonly commands: readonly CommandSpec[];
}

/** An entry of the registry (commands/mod.ts): a group or a top-level command. */
export type Spec = CommandSpec | GroupSpec;

/** Whether `spec` is a group. */
export function isGroup(spec: Spec): spec is GroupSpec {
  return "commands" in spec;
}

/** Declares a handler: ties `parse`'s result type to `run`'s parameter. */
export function handler<O>(
  parse: (input: ParseInput) => O,
  run: (options: O, ctx: Context) => Promise<void>,
): Handler<O> {
  return { parse, run };
}
