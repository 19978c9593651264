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

/**
 * The text after a command's help at the width help is printed at: notes
 * wrapped as prose, examples as command lines (see {@link wrapCommandLine}).
 */
export function helpAfter(spec: CommandSpec, width: () => number): (() => string) | undefined {
  if (!spec.examples?.length && !spec.notes) return undefined;
  return () => {
    const columns = width();
    const parts: string[] = [];
    if (spec.examples?.length) {
      const lines = spec.examples.map((line) => wrapCommandLine(`  ${line}`, columns));
      parts.push(`Examples:\n${lines.join("\n")}`);
    }
    if (spec.notes) parts.push(wrapText(spec.notes.trimEnd(), columns));
    return `\n${parts.join("\n\n")}\n`;
  };
}

/**
 * Wraps an example command line so that it can still be copied and pasted
 * into a shell: breaks fall only between shell words (never inside quotes)
 * and end with ` \`, the shell's line continuation, and a trailing `# …`
 * comment that does not fit moves to a line of its own above the command.
 * A plain word wrap broke `ax profiles create local --api-key K --base-url`
 * from its URL, and pasting that ran two commands.
 */
export function wrapCommandLine(line: string, width: number): string {
  const columns = Math.max(width, 20);
  if (line.length <= columns) return line;
  const indent = /^ */.exec(line)![0];
  const words = shellWords(line.slice(indent.length));
  const hash = words.findIndex((word) => word.startsWith("#"));
  const out: string[] = [];
  if (hash > 0) {
    out.push(
      wrapLine(`${indent}${words.slice(hash).join(" ")}`, columns).replace(
        /\n +/g,
        `\n${indent}# `,
      ),
    );
    words.splice(hash);
  }
  let current = indent + words[0];
  words.slice(1).forEach((word, i) => {
    const last = i === words.length - 2;
    if (current.length + 1 + word.length + (last ? 0 : 2) <= columns) current += ` ${word}`;
    else {
      out.push(`${current} \\`);
      current = `${indent}    ${word}`;
    }
  });
  out.push(current);
  return out.join("\n");
}

/** The words of a command line, quotes kept, split at blanks outside quotes. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (!quote && char === " ") {
      if (word) words.push(word);
      word = "";
      continue;
    }
    word += char;
    if (char === "\\" && quote !== "'" && i + 1 < text.length) word += text[++i];
    else if (quote && char === quote) quote = "";
    else if (!quote && (char === "'" || char === '"')) quote = char;
  }
  if (word) words.push(word);
  return words;
}
