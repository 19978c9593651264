/**
 * `ax formats list`: every output format `-o` accepts, where it comes from
 * (built-in or a plugin file), its file extensions and description. Broken
 * plugins are listed with their error, and then make the command fail, so
 * the problem is visible both to people and to scripts.
 */
import { type Command, Option } from "@commander-js/extra-typings";
import { optionalConfigDir } from "../config/paths.ts";
import { type FormatRegistry, loadFormatRegistry } from "../formats/registry.ts";
import { resolveOutputTarget, writeOutput } from "../formats/output.ts";
import type { Column, Row } from "../formats/types.ts";
import { examples } from "../cli/help.ts";
import type { Context } from "../runtime/context.ts";
import { AxError } from "../runtime/errors.ts";

/** Options of `ax formats list`, after validation. */
export interface FormatsListOptions {
  /** `-o`: a format name or file path; undefined means table. */
  output?: string;
  /** `--plugin` paths, as given. */
  plugins: readonly string[];
}

/** Columns of a format listing. */
export const FORMAT_COLUMNS: readonly Column[] = [
  { name: "name", type: "string", nullable: true },
  { name: "origin", type: "string", nullable: false },
  { name: "extensions", type: "string", nullable: true },
  { name: "binary", type: "boolean", nullable: true },
  { name: "status", type: "string", nullable: false },
  { name: "description", type: "string", nullable: true },
  { name: "error", type: "string", nullable: true },
];

const DISPLAY_ORDER = ["name", "extensions", "status", "origin", "description", "error"];

/** Registers `ax formats` and `ax formats list` on `program`. Performs no I/O. */
export function formatsCommand(program: Command, ctx: Context): void {
  const group = program
    .command("formats")
    .description("Output formats: the built-in ones and your plugins")
    .helpCommand(false);
  group
    .command("list")
    .description("List every output format, its origin and file extensions")
    .addOption(
      new Option("-o, --output <format|file>", "output format or file path (default: table)"),
    )
    .addOption(
      new Option("--plugin <path>", "also load this format plugin (repeatable)")
        .argParser((value: string, previous: string[]) => [...previous, value])
        .default([] as string[], "none"),
    )
    .addHelpText(
      "after",
      examples([
        "ax formats list",
        "ax formats list -o json",
        "ax formats list --plugin ./markdown.ts",
      ]),
    )
    .action(async (values) => {
      await runFormatsList({ output: values.output, plugins: values.plugin }, ctx);
    });
}

/** Prints the formats; fails afterwards (exit 1) when a plugin is broken. */
export async function runFormatsList(options: FormatsListOptions, ctx: Context): Promise<void> {
  const registry = await loadFormatRegistry(ctx, {
    configDir: optionalConfigDir(ctx),
    pluginPaths: [...options.plugins],
  });
  const target = resolveOutputTarget(options.output, { registry, ctx });
  await writeOutput(listing(registry), target, {
    columns: FORMAT_COLUMNS,
    displayOrder: DISPLAY_ORDER,
    shape: "list",
    collection: "formats",
    pagination: () => undefined,
  }, ctx);
  const broken = registry.broken();
  if (broken.length > 0) {
    const files = broken.map((plugin) => plugin.origin).join(", ");
    throw new AxError(
      `${broken.length} format plugin${broken.length === 1 ? " is" : "s are"} broken: ${files}`,
      { hints: ["Fix or remove the file(s); the error column above says what is wrong."] },
    );
  }
}

async function* listing(registry: FormatRegistry): AsyncGenerator<Row> {
  for (const { format, origin } of registry.entries()) {
    yield {
      name: format.name,
      origin,
      extensions: format.extensions.join(" ") || null,
      binary: format.binary,
      status: "ok",
      description: format.description,
    };
  }
  for (const plugin of registry.broken()) {
    yield {
      name: plugin.name ?? null,
      origin: plugin.origin,
      status: "broken",
      error: plugin.error,
    };
  }
}
