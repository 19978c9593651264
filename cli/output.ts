/**
 * The one path records take to the user: `-o` (or the profile's format, or
 * table) resolved through the format registry, checked before any request,
 * then the records streamed through that format. Every record-printing
 * command goes through here: api-keys, profiles list, formats list, spaces.
 */
import { optionalConfigDir } from "../config/paths.ts";
import {
  outputChoice,
  type OutputTarget,
  preflightOutput,
  resolveOutputTarget,
  type WriteInfo,
  writeOutput,
} from "../formats/output.ts";
import { type FormatRegistry, registryFor } from "../formats/registry.ts";
import type { Row } from "../formats/types.ts";
import type { Context } from "../runtime/context.ts";

/** Where `-o` asks records to go. */
export interface OutputRequest {
  /** `-o` as given; undefined means the profile's format, else table. */
  readonly output: string | undefined;
  /** `--plugin` paths. */
  readonly plugins: readonly string[];
  /** The profile's `[output] format`, when a profile is in use. */
  readonly profileFormat?: string;
  /** Where in the profile it was written (`[output] ax_format`), for messages. */
  readonly profileFormatKey?: string;
  /** A registry already loaded (`formats list` loads every plugin anyway). */
  readonly registry?: FormatRegistry;
}

/**
 * Resolves and preflights the output target, so a bad `-o` (unknown format,
 * a file in a missing folder) fails before anything is fetched or created.
 */
export async function openOutput(ctx: Context, request: OutputRequest): Promise<OutputTarget> {
  const { wanted, fromProfile } = outputChoice(request.output, request.profileFormat);
  const registry = request.registry ?? await registryFor(wanted, {
    ctx,
    asFile: !fromProfile,
    options: { configDir: optionalConfigDir(ctx), pluginPaths: [...request.plugins] },
  });
  const target = resolveOutputTarget(request.output, {
    registry,
    fallback: request.profileFormat,
    fallbackKey: request.profileFormatKey,
    ctx,
  });
  await preflightOutput(target, ctx);
  return target;
}

/** Streams `records` through `target`'s format (to stdout or its file). */
export async function printRecords(
  records: AsyncIterable<Row>,
  output: { target: OutputTarget; info: WriteInfo; ctx: Context },
): Promise<void> {
  await writeOutput(records, output.target, output.info, output.ctx);
}

/** Prints one record (`api-keys get`, a new key) the same way, as a single object. */
export async function printRecord(
  record: Row,
  output: { target: OutputTarget; info: WriteInfo; ctx: Context },
): Promise<void> {
  await printRecords(single(record), output);
}

async function* single(record: Row): AsyncGenerator<Row> {
  yield record;
}
