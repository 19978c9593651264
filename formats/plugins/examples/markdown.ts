/**
 * An example module plugin: records as a GitHub-flavoured Markdown table.
 *
 * Install it by copying this file to `~/.arize/plugins/markdown.ts` (or pass
 * `--plugin path/to/markdown.ts`), then: `ax api-keys list -o markdown` or
 * `ax api-keys list -o keys.md`.
 *
 * A plugin needs nothing from ax at run time; the type import below is erased
 * when the file is loaded and only helps an editor. Outside this repository,
 * drop it (or copy formats/types.ts next to your plugin).
 */
import type { Format, OutputInfo, Row, Sink, Value } from "../../types.ts";

function cell(value: Value | undefined): string {
  if (value === null || value === undefined) return "";
  // A pipe would end the cell and a line break the row: `\|` and `<br>` are
  // how a Markdown table carries them.
  return String(value)
    .replaceAll("\\", "\\\\")
    .replaceAll("|", "\\|")
    .replace(/\r\n|\r|\n/g, "<br>")
    // Other control characters (ESC among them) could drive the terminal
    // this is printed on: show them as escapes instead.
    // deno-lint-ignore no-control-regex
    .replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

function line(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |\n`;
}

async function writeMarkdown(records: AsyncIterable<Row>, sink: Sink, info: OutputInfo) {
  const names = info.displayOrder ?? info.columns.map((column) => column.name);
  await sink.write(line(names) + line(names.map(() => "---")));
  for await (const row of records) {
    await sink.write(line(names.map((name) => cell(row[name]))));
  }
}

const markdown: Format = {
  name: "markdown",
  description: "Markdown table (example plugin)",
  extensions: [".md"],
  binary: false,
  write: writeMarkdown,
};

export default markdown;
