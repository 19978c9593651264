/**
 * How help pages read: commander's layout, wrapped at word boundaries at any
 * terminal width, with each declaration's examples and notes appended the
 * same way on every page.
 */
import { type Command, Help } from "@commander-js/extra-typings";
import type { CommandSpec } from "./command.ts";

/** The narrowest description column; below it the description goes under its term. */
const MIN_DESCRIPTION_WIDTH = 24;

/**
 * Wraps `text` at spaces to `width` columns. Lines that start indented keep
 * their indent and continue two columns further in; a word longer than the
 * width stays whole (breaking it would change what is copied).
 */
export function wrapText(text: string, width: number): string {
  return text.split("\n").map((line) => wrapLine(line, Math.max(width, 20))).join("\n");
}

function wrapLine(line: string, width: number): string {
  if (line.length <= width) return line;
  const indent = /^ */.exec(line)![0];
  const hanging = indent + (indent.length > 0 ? "  " : "");
  // Chunks keep the spaces before them, so runs of spaces (aligned columns) survive.
  const chunks = line.slice(indent.length).match(/ *\S+/g) ?? [];
  const out: string[] = [];
  let current = indent + (chunks.shift() ?? "");
  for (const chunk of chunks) {
    if (current.length + chunk.length <= width) current += chunk;
    else {
      out.push(current);
      current = hanging + chunk.trimStart();
    }
  }
  out.push(current);
  return out.join("\n");
}

/** The text after a command's options: its examples, then its notes. */
export function examplesText(spec: CommandSpec): string {
  const parts: string[] = [];
  if (spec.examples?.length) {
    parts.push(`Examples:\n${spec.examples.map((line) => `  ${line}`).join("\n")}`);
  }
  if (spec.notes) parts.push(spec.notes.trimEnd());
  return parts.length === 0 ? "" : `\n${parts.join("\n\n")}\n`;
}

/** Applies ax's help layout to `cmd` (inherited by commands added later). */
export function configureHelpLayout(cmd: Command): void {
  cmd.configureHelp({
    minWidthToWrap: 1,
    // Commander leaves the usage line whole; at a narrow width it wraps too.
    formatHelp(command, helper) {
      return wrapText(
        Help.prototype.formatHelp.call(this, command, helper),
        helper.helpWidth ?? 80,
      );
    },
    formatItem(term, termWidth, description, helper) {
      const width = helper.helpWidth ?? 80;
      if (!description || width - termWidth - 4 >= MIN_DESCRIPTION_WIDTH) {
        return Help.prototype.formatItem.call(this, term, termWidth, description, helper);
      }
      // Too narrow for two columns: the description goes under its term.
      const wrapped = helper.boxWrap(description, width - 6).replace(/\n/g, "\n      ");
      return `  ${term}\n      ${wrapped}`;
    },
  });
}

/** The text after a command's help, wrapped to the width help is printed at. */
export function helpAfter(spec: CommandSpec, width: () => number): (() => string) | undefined {
  const text = examplesText(spec);
  return text ? () => wrapText(text, width()) : undefined;
}
