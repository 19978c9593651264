/** Help-text pieces every command shares, so all help pages read alike. */

/** The "Examples:" block appended to a command's help: one command line per entry. */
export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}`).join("\n")}\n`;
}
