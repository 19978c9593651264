/**
 * Where output goes: `-o` resolved to a format and maybe a file, checked
 * before anything irreversible happens, then records streamed through the
 * format to stdout or to an atomically written file.
 */
import { type FileHandle, lstat, open, unlink } from "node:fs/promises";
import { dirname, extname, join, resolve } from "node:path";
import type { Context } from "../runtime/context.ts";
import { AxError, FileError, UsageError } from "../runtime/errors.ts";
import { colorEnabled, paint, sanitizeForTerminal } from "../runtime/terminal.ts";
import { openAtomicFile, symlinkRefused, writeAll } from "../runtime/atomic_file.ts";
import { bufferedSink } from "./_buffered_sink.ts";
import { checkTimestamps } from "./_timestamp_check.ts";
import { writeFailure } from "./_file_errors.ts";
import { BUILT_IN_ALIASES } from "./built_ins.ts";
import { tableFormat } from "./table.ts";
import type { FormatRegistry } from "./registry.ts";
import type { Format, OutputInfo, Row, Sink } from "./types.ts";

/** A resolved `-o`: the format, where it came from, and the file (if any). */
export interface OutputTarget {
  readonly format: Format;
  /** `built-in` or the plugin file's path. */
  readonly origin: string;
  /** Absolute path of the output file; undefined means stdout. */
  readonly path?: string;
}

/** Options of {@link resolveOutputTarget}. */
export interface ResolveOutputOptions {
  readonly registry: FormatRegistry;
  /** The format when `-o` is absent: the profile's `[output] format`, else `table`. */
  readonly fallback?: string;
  /** The profile key `fallback` came from, for messages (default `[output] format`). */
  readonly fallbackKey?: string;
  readonly ctx: Context;
}

/** What output is asked for: `-o`'s value, else the profile's format, else `table`. */
export function outputChoice(
  value: string | undefined,
  fallback: string | undefined,
): { wanted: string; fromProfile: boolean } {
  return {
    wanted: (value ?? fallback ?? "table").trim(),
    fromProfile: value === undefined && fallback !== undefined,
  };
}

/**
 * Resolves the `-o` value: a format name (case-insensitive; `jsonl` is an
 * alias of `ndjson`) or a file path whose extension selects the format
 * (`.json .ndjson .jsonl .csv .parquet .pq` and plugin extensions).
 * `undefined` → `fallback`, else `table`. Unknown → UsageError listing the
 * valid formats and extensions (so table, which has none, never goes to a
 * file). A binary format bound for a terminal → UsageError suggesting a file
 * or a pipe. A format whose plugin is broken → AxError naming the file.
 */
export function resolveOutputTarget(
  value: string | undefined,
  options: ResolveOutputOptions,
): OutputTarget {
  const { registry, ctx } = options;
  const { wanted, fromProfile } = outputChoice(value, options.fallback);
  const source = fromProfile
    ? `the profile's ${options.fallbackKey ?? "[output] format"}`
    : "--output";
  if (wanted === "") {
    throw new UsageError(`${source} is empty.`, validChoices(registry));
  }

  const named = registry.get(wanted);
  if (named) {
    refuseBinaryOnTerminal(named.format, ctx);
    return { format: named.format, origin: named.origin };
  }
  refuseBrokenPlugin(registry, wanted.toLowerCase());

  const ext = extname(wanted);
  if (ext !== "" && !fromProfile) {
    const owner = registry.byExtension(ext);
    if (owner) {
      return { format: owner.format, origin: owner.origin, path: resolve(ctx.cwd, wanted) };
    }
    throw new UsageError(`No output format for '${ext}' files (${source} '${wanted}').`, [
      ...validChoices(registry),
      "The table format only goes to the terminal; redirect it (> file.txt) to keep it.",
    ]);
  }
  const hints = validChoices(registry);
  if (/[\\/]/.test(wanted)) {
    hints.push("A file path needs an extension that picks the format, e.g. keys.csv.");
  }
  throw new UsageError(`Unknown output format '${wanted}' (${source}).`, hints);
}

function refuseBinaryOnTerminal(format: Format, ctx: Context): void {
  if (!format.binary || !ctx.stdout.isTTY) return;
  const example = format.extensions[0] ?? `.${format.name}`;
  throw new UsageError(`The ${format.name} format is binary and cannot be written to a terminal.`, [
    `Write it to a file (-o file${example}) or pipe it to a program (… -o ${format.name} | …).`,
  ]);
}

function refuseBrokenPlugin(registry: FormatRegistry, name: string): void {
  const plugin = registry.broken().find((broken) => broken.name === name);
  if (!plugin) return;
  throw new AxError(`Format plugin ${plugin.origin} is broken: ${plugin.error}`, {
    hints: ["Fix or remove that file; 'ax formats list' shows every format and plugin."],
  });
}

/** Hint lines naming every usable format and extension, and the broken plugins. */
function validChoices(registry: FormatRegistry): string[] {
  const aliases = new Map(Object.entries(BUILT_IN_ALIASES).map(([alias, name]) => [name, alias]));
  const names = registry.entries().map(({ format }) =>
    aliases.has(format.name) ? `${format.name} (${aliases.get(format.name)})` : format.name
  );
  const extensions = registry.entries().flatMap(({ format }) => format.extensions);
  const hints = [
    `Valid formats: ${names.join(", ")}.`,
    `Or a file path ending in ${extensions.join(" ")}.`,
  ];
  for (const plugin of registry.broken()) {
    hints.push(`Plugin ${plugin.origin} is broken: ${plugin.error}`);
  }
  return hints;
}

/**
 * Checks BEFORE anything is sent (and for create/refresh, before a key
 * exists) that the output file can be written: not a symbolic link (refused
 * as README promises, for every command), not a directory, and its folder
 * exists and accepts a new file (a probe file is created and removed).
 * FileError (exit 5) otherwise. No-op for stdout.
 */
export async function preflightOutput(target: OutputTarget, _ctx: Context): Promise<void> {
  const path = target.path;
  if (path === undefined) return;
  const existing = await lstat(path).catch(() => undefined);
  if (existing?.isSymbolicLink()) throw symlinkRefused(path);
  if (existing?.isDirectory()) throw new FileError(`Cannot write ${path}: it is a directory.`);
  if (existing?.isFIFO()) {
    // Opening a FIFO blocks until it has a reader, and closing it again would
    // end that reader's input: the write itself is the only safe test.
    return;
  }
  if (existing && !existing.isFile()) {
    // A device is written in place: opening it is the whole check.
    const handle = await open(path, "a").catch((error) => {
      throw writeFailure(path, error);
    });
    await handle.close();
    return;
  }
  const probe = join(dirname(path), `.ax-probe-${crypto.randomUUID()}.tmp`);
  try {
    const handle = await open(probe, "wx", 0o600);
    await handle.close();
  } catch (error) {
    throw writeFailure(path, error);
  }
  await unlink(probe).catch(() => {});
}

/** What the command knows about its result; the terminal facts are added here. */
export type WriteInfo = Omit<OutputInfo, "color" | "now" | "message"> & {
  /** The records carry a secret (create/refresh): an output file is created 0600. */
  readonly secret?: boolean;
  /**
   * The columns the user picked (`--columns`), already checked against the
   * schema: table, wide and csv show only those, in that order.
   */
  readonly selected?: readonly string[];
};

/** The formats that print a chosen set of columns (`--columns`). */
export const COLUMN_FORMATS: readonly string[] = ["table", "wide", "csv"];

/**
 * The info with only the picked columns (kubectl's decorator idea: the
 * formats stay unaware of `--columns`). Other formats write whole records,
 * so picking columns for them is refused rather than ignored.
 */
function selectColumns(info: WriteInfo, target: OutputTarget): WriteInfo {
  const selected = info.selected;
  if (!selected) return info;
  if (target.origin !== "built-in" || !COLUMN_FORMATS.includes(target.format.name)) {
    throw new UsageError(
      `--columns does not apply to the ${target.format.name} format, which writes whole records.`,
      [`Use it with -o ${COLUMN_FORMATS.join(", ")} (or a .csv file).`],
    );
  }
  const byName = new Map(info.columns.map((column) => [column.name, column]));
  return {
    ...info,
    columns: selected.map((name) => byName.get(name)!),
    displayOrder: selected,
    table: { ...info.table, summary: selected, dropOrder: [] },
  };
}

/**
 * Streams records through the format to stdout or to the file (atomic: temp
 * file in the same folder, fsync, rename; the temp file is removed on any
 * error or when ctx.signal aborts — I4; an existing file stays unchanged on
 * failure — I6; ENOSPC/EACCES/ENOENT → FileError, exit 5, naming the file).
 * After a file is written: "✓ Saved to <path>" on stderr. A plugin's failure
 * → AxError naming the plugin file. A timestamp no format can store stops
 * every format alike (formats/_timestamp_check.ts).
 */
export async function writeOutput(
  records: AsyncIterable<Row>,
  target: OutputTarget,
  written: WriteInfo,
  ctx: Context,
): Promise<void> {
  const info = selectColumns(written, target);
  records = checkTimestamps(records, info.columns, target.format);
  const outputInfo: OutputInfo = {
    columns: info.columns,
    displayOrder: info.displayOrder,
    table: info.table,
    shape: info.shape,
    collection: info.collection,
    pagination: () => info.pagination(),
    color: target.path === undefined && colorEnabled(ctx.stdout, ctx.env),
    now: () => ctx.now(),
    message: (text) =>
      ctx.stderr.write(
        `${paint(sanitizeForTerminal(text), "dim", colorEnabled(ctx.stderr, ctx.env))}\n`,
      ),
    signal: ctx.signal,
  };
  if (target.path === undefined) {
    const out = remembering(stdoutSink(ctx));
    const sink = bufferedSink(out);
    await runFormat(target, { records, sink, info: outputInfo });
    await sink.flush();
    out.rethrow();
    return;
  }
  const file = await openOutputFile(target.path, { signal: ctx.signal, secret: info.secret });
  try {
    const out = remembering(file.sink);
    const sink = bufferedSink(out);
    await runFormat(target, { records, sink, info: outputInfo });
    await sink.flush();
    out.rethrow();
    await file.commit();
  } catch (error) {
    await file.discard();
    throw error;
  }
  const check = paint("✓", "green", colorEnabled(ctx.stderr, ctx.env));
  await ctx.stderr.write(`${check} Saved to ${target.path}\n`);
}

/**
 * Prints records with the table format to stdout: the one table printer of
 * every command (sized to the terminal, tab-separated when piped).
 */
export async function printTable(
  records: AsyncIterable<Row>,
  info: WriteInfo,
  ctx: Context,
): Promise<void> {
  await writeOutput(records, { format: tableFormat, origin: "built-in" }, info, ctx);
}

/**
 * `sink` remembering its first failed write: a plugin that swallows a write
 * error must not turn lost output into success (S8: a new key that never
 * reached stdout is not delivered).
 */
function remembering(sink: Sink): Sink & { rethrow(): void } {
  let failure: { error: unknown } | undefined;
  return {
    get isTerminal() {
      return sink.isTerminal;
    },
    get width() {
      return sink.width;
    },
    async write(chunk) {
      try {
        await sink.write(chunk);
      } catch (error) {
        failure ??= { error };
        throw error;
      }
    },
    rethrow() {
      if (failure) throw failure.error;
    },
  };
}

/** An output file being written: a sink, then `commit()` or `discard()`. */
interface OutputFile {
  readonly sink: Sink;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Opens `path` for the output: replaced atomically (runtime/atomic_file.ts;
 * 0600 when secret, else an existing file's mode or 0666 less umask), or —
 * for a device or FIFO, which a rename cannot replace — written in place.
 */
async function openOutputFile(
  path: string,
  options: { signal: AbortSignal; secret?: boolean },
): Promise<OutputFile> {
  const existing = await lstat(path).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new FileError(`Cannot write ${path}: it is a directory.`, {
      hints: ["Give a file name, e.g. --output keys.csv."],
    });
  }
  if (existing && !existing.isSymbolicLink() && !existing.isFile()) return openInPlace(path);
  const file = await openAtomicFile(path, {
    mode: options.secret ? 0o600 : "inherit",
    signal: options.signal,
    failure: writeFailure,
  });
  return {
    sink: { isTerminal: false, write: (chunk) => file.write(bytesOf(chunk)) },
    commit: () => file.commit(),
    discard: () => file.discard(),
  };
}

async function openInPlace(path: string): Promise<OutputFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, "w");
  } catch (error) {
    throw writeFailure(path, error);
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    sink: {
      isTerminal: false,
      async write(chunk) {
        const bytes = bytesOf(chunk);
        try {
          await writeAll(handle, bytes);
        } catch (error) {
          throw writeFailure(path, error);
        }
      },
    },
    async commit() {
      try {
        await close();
      } catch (error) {
        throw writeFailure(path, error);
      }
    },
    discard: () => close().catch(() => {}),
  };
}

const encoder = new TextEncoder();

function bytesOf(chunk: string | Uint8Array): Uint8Array {
  return typeof chunk === "string" ? encoder.encode(chunk) : chunk;
}

function stdoutSink(ctx: Context): Sink {
  return {
    isTerminal: ctx.stdout.isTTY,
    width: ctx.stdout.columns,
    write: (chunk) => ctx.stdout.write(chunk),
  };
}

async function runFormat(
  target: OutputTarget,
  run: { records: AsyncIterable<Row>; sink: Sink; info: OutputInfo },
): Promise<void> {
  try {
    await target.format.write(run.records, run.sink, run.info);
  } catch (error) {
    // Our own errors (file, API, interrupt) keep their meaning and exit code;
    // anything else a plugin throws is its bug, reported with its file name.
    if (target.origin === "built-in" || error instanceof AxError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new AxError(`Format plugin ${target.origin} failed: ${message}`, { cause: error });
  }
}
