/**
 * `parquet`: one file, typed columns, snappy-compressed, written row group by
 * row group so memory is bounded by {@link ROW_GROUP_ROWS}, not the result.
 *
 * | column type | parquet type                                                 |
 * |-------------|--------------------------------------------------------------|
 * | string      | BYTE_ARRAY, STRING (UTF8)                                    |
 * | integer     | INT64                                                        |
 * | boolean     | BOOLEAN                                                      |
 * | timestamp   | INT64, TIMESTAMP(isAdjustedToUTC=true, unit=MICROS)          |
 *
 * Nullable columns are OPTIONAL, the others REQUIRED. The writer is ax's own
 * (formats/parquet/), specialised to these four types and a flat schema: a
 * general-purpose writer spent ~3.5 µs per API-key record, mostly on per-value
 * encoding, its snappy and statistics ax does not need. The writer is
 * imported on first use so other commands do not pay for loading it.
 */
import { toEpochMicros, toEpochMicrosNumber } from "./_timestamps.ts";
import type { PlainValue } from "./parquet/column_buffer.ts";
import type { SchemaField } from "./parquet/metadata.ts";
import type { Column, Format, OutputInfo, Row, Sink, Value } from "./types.ts";

/**
 * Rows per row group. Each group is built in memory, so this bounds memory.
 * Chosen with the earlier, hyparquet-writer based format: writing 1M API-key
 * rows peaked at 97 MB RSS at 4096 rows per group, 112 MB at 8192 and 174 MB
 * at 16384, with files only ~3% larger than at 16384. The own writer keeps
 * less per group (BENCHMARKS.md has its peaks).
 */
export const ROW_GROUP_ROWS = 4096;

function schemaField(column: Column): SchemaField {
  const repetition = column.nullable ? "OPTIONAL" : "REQUIRED";
  const { name } = column;
  switch (column.type) {
    case "string":
      return {
        name,
        type: "BYTE_ARRAY",
        convertedType: "UTF8",
        logicalType: { type: "STRING" },
        repetition,
      };
    case "integer":
      return { name, type: "INT64", repetition };
    case "boolean":
      return { name, type: "BOOLEAN", repetition };
    case "timestamp":
      return {
        name,
        type: "INT64",
        // The converted type is the legacy spelling older readers understand.
        convertedType: "TIMESTAMP_MICROS",
        logicalType: { type: "TIMESTAMP", isAdjustedToUTC: true },
        repetition,
      };
  }
}

/**
 * The value a column stores for a record's value, or an error naming the
 * column. Integers and timestamps stay numbers (no BigInt per value) unless a
 * timestamp is too far out for one.
 */
function toParquet(value: Value | undefined, column: Column): PlainValue | null {
  if (value === null || value === undefined) {
    if (column.nullable) return null;
    throw new Error(`column '${column.name}' is required but a record has no value`);
  }
  switch (column.type) {
    case "string":
      return String(value);
    case "boolean":
      if (typeof value !== "boolean") throw badValue(column, value);
      return value;
    case "integer":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) throw badValue(column, value);
      return value;
    case "timestamp": {
      if (typeof value !== "string") throw badValue(column, value);
      const micros = toEpochMicrosNumber(value) ?? toEpochMicros(value);
      if (micros === undefined) throw badValue(column, value);
      return micros;
    }
  }
}

function badValue(column: Column, value: Value): Error {
  return new Error(`column '${column.name}' (${column.type}) cannot hold ${JSON.stringify(value)}`);
}

/** Streams the records into row groups of {@link ROW_GROUP_ROWS}, each written as it fills. */
async function writeParquet(
  records: AsyncIterable<Row>,
  sink: Sink,
  info: OutputInfo,
): Promise<void> {
  const columns = info.columns;
  if (columns.length === 0) throw new Error("a parquet file needs at least one column");
  // Loaded on first use: every command that resolves a format loads this
  // module, and only a parquet output needs the writer.
  const { ParquetFileWriter } = await import("./parquet/file_writer.ts");
  const writer = new ParquetFileWriter({ fields: columns.map(schemaField), createdBy: "ax" }, sink);
  const buffers = writer.columns;
  const names = columns.map((column) => column.name);
  let rows = 0;
  for await (const row of records) {
    // Records from the API list their fields in schema order: walk them with
    // for-in, whose reads JavaScriptCore serves from the object's cached
    // shape, and look fields up by name only in a record that differs.
    let i = 0;
    for (const key in row) {
      if (i === columns.length || key !== names[i]) break;
      buffers[i].add(toParquet(row[key], columns[i]));
      i++;
    }
    for (; i < columns.length; i++) {
      buffers[i].add(toParquet(row[names[i]], columns[i]));
    }
    if (++rows === ROW_GROUP_ROWS) {
      rows = 0;
      await writer.writeRowGroup();
    }
  }
  await writer.finish();
}

/** The built-in `parquet` format (binary: a file or a pipe, never a terminal). */
export const parquetFormat: Format = {
  name: "parquet",
  description: "Apache Parquet: typed columns, UTC microsecond timestamps, snappy",
  extensions: [".parquet", ".pq"],
  binary: true,
  write: writeParquet,
};
