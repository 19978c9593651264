/**
 * The formats that ship with ax. They join the registry through the same
 * door as plugins (see registry.ts); only their origin differs.
 */
import { csvFormat } from "./csv.ts";
import { jsonFormat } from "./json.ts";
import { ndjsonFormat } from "./ndjson.ts";
import { parquetFormat } from "./parquet.ts";
import { tableFormat, wideFormat } from "./table.ts";
import type { Format } from "./types.ts";

/** Built-in formats, in the order `ax formats list` shows them. */
export const BUILT_IN_FORMATS: readonly Format[] = [
  tableFormat,
  wideFormat,
  jsonFormat,
  ndjsonFormat,
  csvFormat,
  parquetFormat,
];

/** Other names accepted for built-in formats (`-o jsonl`). */
export const BUILT_IN_ALIASES: Readonly<Record<string, string>> = { jsonl: "ndjson" };
