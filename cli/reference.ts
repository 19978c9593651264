/**
 * The command reference (docs/commands.md), rendered from the same
 * declarations the program is built from, plus the help topics. Written by
 * `deno task docs`; tests/cli/reference_test.ts fails when the file is stale.
 */
import { type CommandSpec, isGroup, type OptionSpec, type Spec } from "./command.ts";
import { COMMON_OPTIONS } from "./common.ts";
import { HELP_TOPICS } from "./topics.ts";

/** The whole of docs/commands.md for `commands` (the registry). */
export function commandReference(commands: readonly Spec[]): string {
  const out: string[] = [
    "# Command reference",
    "",
    "<!-- Generated from the command declarations by `deno task docs`; do not edit. -->",
    "",
    "The same text ships in the binary: `ax help <command…>` and `ax help <topic>`.",
    "",
  ];
  for (const spec of commands) {
    if (isGroup(spec)) {
      out.push(`## ax ${spec.name}`, "", `${spec.description}.`, "");
      for (const command of spec.commands) out.push(...commandSection(command, spec.name));
    } else if (!spec.hidden) {
      out.push(...commandSection(spec, undefined));
    }
  }
  out.push("## Help topics", "");
  for (const [name, topic] of Object.entries(HELP_TOPICS)) {
    out.push(`### ax help ${name}`, "", `${capitalize(topic.summary)}.`, "");
    out.push("```text", topic.body.trim(), "```", "");
  }
  return out.join("\n");
}

function commandSection(spec: CommandSpec, group: string | undefined): string[] {
  if (spec.hidden) return [];
  const path = group ? `ax ${group} ${spec.name}` : `ax ${spec.name}`;
  const options = [...(spec.options ?? []), ...(spec.common ?? []).map((f) => COMMON_OPTIONS[f])];
  const usage = [
    path,
    options.length > 0 ? "[options]" : "",
    ...(spec.args ?? []).map((a) => a.name),
  ]
    .filter(Boolean).join(" ");
  const out = [`${group ? "###" : "##"} ${path}`, "", `${spec.description}.`, ""];
  out.push("```text", usage, "```", "");
  if (spec.args?.length) {
    out.push("| argument | meaning |", "| --- | --- |");
    for (const arg of spec.args) {
      const choices = arg.choices ? ` (one of: ${arg.choices.join(", ")})` : "";
      out.push(`| \`${arg.name}\` | ${cell(arg.description + choices)} |`);
    }
    out.push("");
  }
  if (options.length > 0) {
    out.push("| option | meaning |", "| --- | --- |");
    for (const option of options) {
      out.push(`| \`${cell(option.flags)}\` | ${cell(optionText(option))} |`);
    }
    out.push("");
  }
  if (spec.examples?.length) out.push("Examples:", "", "```sh", ...spec.examples, "```", "");
  if (spec.notes) {
    // Indented lines are laid out by hand (a table of shells): keep them as they are.
    const preformatted = /\n {2}/.test(spec.notes);
    out.push(...(preformatted ? ["```text", spec.notes.trim(), "```"] : [spec.notes.trim()]), "");
  }
  return out;
}

function optionText(option: OptionSpec): string {
  const extras = [
    option.required ? "required" : "",
    option.choices ? `one of: ${option.choices.join(", ")}` : "",
    option.default ? `default: ${option.default.shown ?? option.default.value}` : "",
  ].filter(Boolean);
  return extras.length > 0 ? `${option.description} (${extras.join("; ")})` : option.description;
}

/** A Markdown table cell: pipes escaped, backticks kept. */
function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
