/**
 * What `ax help <TAB>` and `ax <group> help <TAB>` offer: the commands help
 * can show at that point of the path (a group's commands after its name),
 * and, for the first word of `ax help`, the help topics.
 */
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { HELP_TOPICS } from "../../cli/topics.ts";
import type { Candidate } from "./_files.ts";
import type { ValueRequest } from "./_tree.ts";

/** Whether `request` is the argument of a `help` command (`ax help`, `ax api-keys help`). */
export function isHelpArgument(request: ValueRequest): boolean {
  return request.kind === "argument" &&
    (request.command === "help" || request.command.endsWith(" help"));
}

/**
 * The candidates for a help argument, given the words of the line (the last
 * one is being completed).
 */
export function helpCandidates(
  program: CommandUnknownOpts,
  input: { request: ValueRequest; words: readonly string[] },
): Candidate[] {
  const { request, words } = input;
  const typed = words.slice(0, -1);
  const afterHelp = typed.slice(typed.indexOf("help") + 1);
  // `ax api-keys help X` names a command of api-keys; `ax help a b` a path from the root.
  const path = request.command === "help"
    ? afterHelp
    : [...request.command.split(" ").slice(0, -1), ...afterHelp];
  let current: CommandUnknownOpts | undefined = program;
  for (const word of path) {
    current = current.commands.find((c) => c.name() === word) as CommandUnknownOpts | undefined;
    if (!current) return [];
  }
  const found: Candidate[] = current.createHelp().visibleCommands(current)
    .filter((c) => c.name() !== "help")
    .map((c) => ({ value: c.name(), description: c.description() }));
  if (request.command === "help" && path.length === 0) {
    for (const [name, topic] of Object.entries(HELP_TOPICS)) {
      found.push({ value: name, description: topic.summary });
    }
  }
  return found;
}
