/**
 * `ax formats list`: every output format `-o` accepts, where it comes from
 * (built-in or a plugin file), its file extensions and description. Broken
 * plugins are listed with their error, and then make the command fail, so
 * the problem is visible both to people and to scripts.
 */
import { handler } from "../../cli/command.ts";
import { type CommonOptions, parseCommon, type RawCommonValues } from "../../cli/common.ts";
import { openOutput, printRecords } from "../../cli/output.ts";
import { optionalConfigDir } from "../../config/paths.ts";
import { type FormatRegistry, loadFormatRegistry } from "../../formats/registry.ts";
import type { Column, Row } from "../../formats/types.ts";
import type { Context } from "../../runtime/context.ts";
import { AxError } from "../../runtime/errors.ts";

/** Options of `ax formats list`, after validation: the shared `-o` and `--plugin`. */
export type FormatsListOptions = Pick<CommonOptions, "output" | "plugins">;

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

/** Prints the formats; fails afterwards (exit 1) when a plugin is broken. */
export async function runFormatsList(options: FormatsListOptions, ctx: Context): Promise<void> {
  const registry = await loadFormatRegistry(ctx, {
    configDir: optionalConfigDir(ctx),
    pluginPaths: [...options.plugins],
  });
  const target = await openOutput(ctx, { output: options.output, plugins: [], registry });
  await printRecords(listing(registry), {
    target,
    info: {
      columns: FORMAT_COLUMNS,
      displayOrder: DISPLAY_ORDER,
      // Plugin paths and errors are long: cut on a terminal rather than wrap.
      // A narrow terminal leaves out columns before it cuts the names `-o`
      // takes (a broken plugin is named again in the error that follows).
      table: {
        cuttable: ["name", "description", "error", "origin"],
        dropOrder: ["error", "status", "origin", "extensions"],
      },
      shape: "list",
      collection: "formats",
      pagination: () => undefined,
    },
    ctx,
  });
  const broken = registry.broken();
  if (broken.length > 0) {
    const files = broken.map((plugin) => plugin.origin).join(", ");
    throw new AxError(
      `${broken.length} format plugin${broken.length === 1 ? " is" : "s are"} broken: ${files}`,
      {
        hints: [
          "Fix or remove the file(s); the error column above says what is wrong " +
          "('ax formats list -o json' shows it whole).",
        ],
      },
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

/** `formats list`'s parse and run, for its declaration in mod.ts. */
export const LIST_HANDLER = handler(
  (input): FormatsListOptions => {
    const { output, plugins } = parseCommon(input.values as RawCommonValues);
    return { output, plugins };
  },
  runFormatsList,
);
