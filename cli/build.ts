/**
 * Turns declarations (cli/command.ts) into commander commands. Building one
 * loads nothing of its handler: the action imports the handler module, then
 * runs its `parse` and `run`. Tests swap the last step with {@link BuildHooks}.
 */
import { Argument, type Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import type { Context } from "../runtime/context.ts";
import {
  type ArgSpec,
  type CommandSpec,
  type GroupSpec,
  type Handler,
  isGroup,
  type OptionSpec,
  type ParseInput,
  type Spec,
} from "./command.ts";
import { COMMON_OPTIONS } from "./common.ts";
import { helpAfter } from "./help.ts";

/** How a built command's action ends; the default runs the handler. */
export interface BuildHooks {
  /** Called with the handler and the parsed input instead of `run(parse(input))`. */
  invoke?(handler: Handler<unknown>, input: ParseInput): Promise<void>;
}

/** Adds `spec` (a group with its commands, or a command) under `parent`. */
export function addSpec(parent: Command, spec: Spec, ctx: Context, hooks: BuildHooks = {}): void {
  if (isGroup(spec)) addGroup(parent, spec, ctx, hooks);
  else addCommand(parent, spec, ctx, hooks);
}

function addGroup(parent: Command, spec: GroupSpec, ctx: Context, hooks: BuildHooks): void {
  const group = parent.command(spec.name).description(spec.description) as unknown as Command;
  // `ax <group> help [command]` prints a command's help, as `ax help <group> <command>` does.
  group.helpCommand("help [command]", "Show help for a command");
  for (const command of spec.commands) addCommand(group, command, ctx, hooks);
}

function addCommand(parent: Command, spec: CommandSpec, ctx: Context, hooks: BuildHooks): void {
  const cmd = parent.command(spec.name, { hidden: spec.hidden }).description(
    spec.description,
  ) as unknown as Command;
  for (const arg of spec.args ?? []) cmd.addArgument(toArgument(arg));
  for (const option of spec.options ?? []) cmd.addOption(toOption(option));
  for (const flag of spec.common ?? []) cmd.addOption(toOption(COMMON_OPTIONS[flag]));
  if (spec.passThrough) cmd.helpOption(false).allowUnknownOption();
  const after = helpAfter(spec, () => ctx.stdout.columns ?? 80);
  if (after) cmd.addHelpText("after", after);
  cmd.action(async (...received: unknown[]) => {
    // Commander passes the positional arguments, then the option values, then the command.
    const args = received.slice(0, cmd.registeredArguments.length);
    const values = cmd.opts() as Record<string, unknown>;
    const input: ParseInput = {
      args,
      values,
      tty: { stdinIsTTY: ctx.stdinIsTTY, stdoutIsTTY: ctx.stdout.isTTY },
      cwd: ctx.cwd,
      now: () => ctx.now(),
      program: rootOf(cmd),
    };
    const handler = await spec.handler();
    if (hooks.invoke) await hooks.invoke(handler, input);
    else await handler.run(handler.parse(input), ctx);
  });
}

function rootOf(cmd: Command): Command {
  let root = cmd;
  while (root.parent) root = root.parent as unknown as Command;
  return root;
}

function toArgument(spec: ArgSpec): Argument {
  const argument = new Argument(spec.name, spec.description);
  if (spec.choices) argument.choices(spec.choices);
  return argument as unknown as Argument;
}

/** The names of each option whose value is a comma-separated list (OptionSpec.listOf), for completion. */
export const LIST_VALUES: WeakMap<object, readonly string[]> = new WeakMap();

function toOption(spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.listOf) LIST_VALUES.set(option, spec.listOf);
  const parse = spec.choices ? enumParser(spec.accepts ?? spec.choices) : (value: string) => value;
  if (spec.choices) option.choices(spec.choices);
  if (spec.repeatable) {
    option.argParser((value: string, previous: unknown) => [
      ...((previous as string[] | undefined) ?? []),
      parse(value),
    ]);
  } else if (spec.choices) option.argParser(parse);
  if (spec.required) option.makeOptionMandatory();
  if (spec.default) option.default(spec.default.value, spec.default.shown);
  return option as unknown as Option;
}

/**
 * A commander argument parser for an enum option: any case is accepted, the
 * lower-case value is kept. Commander reports the error with the option's name.
 */
export function enumParser<T extends string>(values: readonly T[]): (value: string) => T {
  return (value: string) => {
    const lower = value.toLowerCase();
    const found = values.find((v) => v === lower);
    if (found === undefined) {
      throw new InvalidArgumentError(`Allowed values are ${values.join(", ")} (any case).`);
    }
    return found;
  };
}
