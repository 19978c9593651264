/**
 * The output format contract: every built-in format (table, json, ndjson, csv,
 * parquet) and every user plugin implements {@link Format}.
 *
 * For plugin authors: a plugin module (`.js`, `.mjs` or `.ts`, in
 * `<config dir>/plugins/`, or named with `--plugin PATH` / `AX_PLUGIN_PATH`)
 * has a `Format` object as its default export. `ax` calls `write` once per
 * command with an async iterable of records; write each record as it arrives
 * (awaiting `sink.write`) so memory stays bounded however many pages `--all`
 * fetches. Do not write anything but your output to the sink; do not call
 * `process.exit`. Throw an `Error` to fail the command (ax names your plugin
 * file in the message). The sink may be a terminal, a pipe or a file that ax
 * writes atomically; ax escapes nothing for you, so a format meant for people
 * should escape control characters in values itself.
 *
 * ```ts
 * export default {
 *   name: "ids",
 *   description: "One key ID per line",
 *   extensions: [".ids"],
 *   binary: false,
 *   async write(records, sink) {
 *     for await (const record of records) await sink.write(`${record.id}\n`);
 *   },
 * };
 * ```
 *
 * Programs in any language can be formats too: see formats/plugins/executable.ts for
 * the `ax-format-<name>` protocol.
 *
 * @module
 */

/** The closed set of column types. */
export type ColumnType = "string" | "integer" | "boolean" | "timestamp";

/** One column of a command's result. Names are the API's own snake_case field names. */
export interface Column {
  /** Field name in each record, e.g. `created_at`. */
  readonly name: string;
  /** `timestamp` values are RFC 3339 strings in records. */
  readonly type: ColumnType;
  /** True when the API may omit the field. */
  readonly nullable: boolean;
}

/** A value in a record; `null` or a missing key means "absent". */
export type Value = string | number | boolean | null;

/** One record, keyed by column name. It may carry fields not in the schema; formats that print a fixed column set ignore them. */
export type Row = Readonly<Record<string, Value | undefined>>;

/** Pagination of a list result, in the API's own shape. */
export interface Pagination {
  /** True when another page exists. */
  readonly has_more: boolean;
  /** Cursor of the next page; present only when `has_more`. */
  readonly next_cursor?: string;
}

/** Where a format writes: stdout or a file being written atomically. */
export interface Sink {
  /** Writes a chunk; resolves when accepted (honour it for backpressure). */
  write(chunk: string | Uint8Array): Promise<void>;
  /** True when the sink is a terminal (binary formats are never written there). */
  readonly isTerminal: boolean;
  /** Terminal width in columns, when the sink is a terminal of known size. */
  readonly width?: number;
}

/**
 * How the `table` format shows a list on a terminal, where width is scarce.
 * Every part is optional; without them every column is shown and long `name`,
 * `description` and `error` text is cut to fit.
 */
export interface TableHints {
  /** The columns people scan, shown by `-o table` (all of them: `-o wide`). */
  readonly summary?: readonly string[];
  /** Columns of long human text that may be cut with `…` to fit the terminal. */
  readonly cuttable?: readonly string[];
  /**
   * Summary columns left out when even cut text cannot make a row fit, the
   * least important first. Columns picked with `--columns` are never left out.
   */
  readonly dropOrder?: readonly string[];
  /**
   * Header labels on a terminal, by column name; other headers are the name
   * in capitals (`created_at` → `CREATED AT`). Piped, headers are the names.
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * What an empty list says on stderr, in place of `No items to display`:
   * one line that tells the user what to do, e.g. how to create the first one.
   */
  readonly empty?: string;
}

/** What a format knows about the result besides its records. */
export interface OutputInfo {
  /**
   * The command's column schema, in canonical order. When the user picked
   * columns (`--columns`), only those, in the order given.
   */
  readonly columns: readonly Column[];
  /** Column order for human-facing formats (table); defaults to `columns`. */
  readonly displayOrder?: readonly string[];
  /** Terminal layout of the table format. */
  readonly table?: TableHints;
  /** `list`: zero or more records from one or more pages. `object`: exactly one record. */
  readonly shape: "list" | "object";
  /** JSON member that holds a list's records, e.g. `api_keys`. */
  readonly collection: string;
  /** The final pagination of a list; call it only after the records are exhausted. */
  pagination(): Pagination | undefined;
  /** True when colour may be used on this sink. */
  readonly color: boolean;
  /** Current time (for relative displays); fixed in tests. */
  now(): Date;
  /**
   * Writes one line for the person at the terminal to stderr (stdout is data
   * only, T1), e.g. `No items to display`. Absent when there is nobody to tell.
   */
  message?(text: string): Promise<void>;
  /**
   * Aborted when the output is given up (Ctrl-C, or a new secret's hand-over
   * outliving the timeout, S8): stop writing and release what was started.
   */
  readonly signal?: AbortSignal;
}

/** An output format. Built-ins and plugins register the same way. */
export interface Format {
  /** The value of `--output`, matching `[a-z0-9-]+`. */
  readonly name: string;
  /** One line, shown by `ax formats list` and in error messages. */
  readonly description: string;
  /** File extensions with the dot, e.g. `[".csv"]`: `-o keys.csv` selects this format. */
  readonly extensions: readonly string[];
  /** Binary formats are never written to a terminal. */
  readonly binary: boolean;
  /** Streams `records` to `sink`. Resolves when everything is written. */
  write(records: AsyncIterable<Row>, sink: Sink, info: OutputInfo): Promise<void>;
}
