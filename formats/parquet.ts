/**
 * `parquet`: one file, typed columns, snappy-compressed, written by
 * hyparquet-writer row group by row group, so memory is bounded by
 * {@link ROW_GROUP_ROWS}, not by the result.
 *
 * | column type | parquet type                                                 |
 * |-------------|--------------------------------------------------------------|
 * | string      | BYTE_ARRAY, STRING (UTF8)                                    |
 * | integer     | INT64                                                        |
 * | boolean     | BOOLEAN                                                      |
 * | timestamp   | INT64, TIMESTAMP(isAdjustedToUTC=true, unit=MICROS)          |
 *
 * Nullable columns are OPTIONAL, the others REQUIRED.
 *
 * hyparquet-writer is set up for speed with its own options, each measured on
 * 100k API keys (BENCHMARKS.md): one page per column chunk, dictionary
 * encoding left to its sampling (it halves the status and type columns and
 * gives up on ids at once), statistics (null counts, min/max) for integer,
 * boolean and timestamp columns but not for strings, whose min/max cost a
 * string comparison per value, and SNAPPY — the codec every reader has —
 * through snappyjs, which compresses these pages about 3× faster than the
 * writer's built-in snappy. Both libraries are imported on first use, so
 * other commands do not pay for loading them.
 */
import type { SchemaElement, Writer } from "hyparquet-writer";
import { CHECKS_OWN_TIMESTAMPS, oddTimestamp } from "./_timestamp_check.ts";
import { toEpochMicros, toEpochMicrosNumber } from "./_timestamps.ts";
import type { Column, Format, OutputInfo, Row, Sink, Value } from "./types.ts";

/**
 * Rows per row group. Each group is collected in memory before it is
 * encoded, so this bounds memory; see BENCHMARKS.md for the peaks measured.
 */
export const ROW_GROUP_ROWS = 4096;

function schemaElement(column: Column): SchemaElement {
  const repetition_type = column.nullable ? "OPTIONAL" : "REQUIRED";
  const { name } = column;
  switch (column.type) {
    case "string":
      return {
        name,
        type: "BYTE_ARRAY",
        converted_type: "UTF8",
        logical_type: { type: "STRING" },
        repetition_type,
      };
    case "integer":
      return { name, type: "INT64", repetition_type };
    case "boolean":
      return { name, type: "BOOLEAN", repetition_type };
    case "timestamp":
      return {
        name,
        type: "INT64",
        // The converted type is the legacy spelling older readers understand.
        converted_type: "TIMESTAMP_MICROS",
        logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MICROS" },
        repetition_type,
      };
  }
}

/** What one column collects for a row group. */
type CellValue = string | number | bigint | boolean | null;

/**
 * The values of one column of a row group, converted from the records'
 * values: `first` is the number (from 1) of the group's first record, for
 * the errors. One loop per column type, chosen once per column, so the
 * per-value work has no dispatch.
 */
type Fill = (rows: readonly Row[], column: Column, first: number) => CellValue[];

function absent(column: Column): null {
  if (column.nullable) return null;
  throw new Error(`column '${column.name}' is required but a record has no value`);
}

const FILL: Record<Column["type"], Fill> = {
  string(rows, column) {
    const { name } = column;
    const out = new Array<CellValue>(rows.length);
    for (let j = 0; j < rows.length; j++) {
      const value = rows[j][name];
      out[j] = typeof value === "string"
        ? value
        : value === null || value === undefined
        ? absent(column)
        : String(value);
    }
    return out;
  },
  boolean(rows, column) {
    const { name } = column;
    const out = new Array<CellValue>(rows.length);
    for (let j = 0; j < rows.length; j++) {
      const value = rows[j][name];
      if (value === null || value === undefined) out[j] = absent(column);
      else if (typeof value === "boolean") out[j] = value;
      else throw badValue(column, value);
    }
    return out;
  },
  integer(rows, column) {
    const { name } = column;
    const out = new Array<CellValue>(rows.length);
    for (let j = 0; j < rows.length; j++) {
      const value = rows[j][name];
      if (value === null || value === undefined) out[j] = absent(column);
      else if (typeof value === "number" && Number.isSafeInteger(value)) out[j] = BigInt(value);
      else throw badValue(column, value);
    }
    return out;
  },
  // Timestamps stay numbers (hyparquet-writer turns a TIMESTAMP_MICROS
  // column's numbers into INT64 itself), a bigint only when too far out for
  // one. A timestamp no format can store fails as in every other format
  // (oddTimestamp): this format is in CHECKS_OWN_TIMESTAMPS, so each
  // timestamp is parsed once, here.
  timestamp(rows, column, first) {
    const { name } = column;
    const out = new Array<CellValue>(rows.length);
    for (let j = 0; j < rows.length; j++) {
      const value = rows[j][name];
      if (value === null || value === undefined) {
        out[j] = absent(column);
        continue;
      }
      if (typeof value !== "string") throw oddTimestamp(first + j, name, value);
      const micros = toEpochMicrosNumber(value) ?? toEpochMicros(value);
      if (micros === undefined) throw oddTimestamp(first + j, name, value);
      out[j] = micros;
    }
    return out;
  },
};

function badValue(column: Column, value: Value): Error {
  return new Error(`column '${column.name}' (${column.type}) cannot hold ${JSON.stringify(value)}`);
}

/**
 * A hyparquet-writer Writer that hands each finished row group to the sink
 * instead of growing one buffer for the whole file.
 */
function drainInto(writer: Writer & { index: number }, sink: Sink): Writer {
  const drain = (): Promise<void> => {
    // A copy: the writer reuses its buffer for the next row group.
    const chunk = new Uint8Array(writer.buffer, 0, writer.index).slice();
    writer.index = 0;
    return sink.write(chunk);
  };
  return Object.assign(writer, { flush: drain, finish: drain });
}

/**
 * Keeps each row group's records, converts them column by column (one tight
 * loop per column) and hands the columns to hyparquet-writer's ParquetWriter.
 */
async function writeParquet(
  records: AsyncIterable<Row>,
  sink: Sink,
  info: OutputInfo,
): Promise<void> {
  const columns = info.columns;
  if (columns.length === 0) throw new Error("a parquet file needs at least one column");
  const [{ ByteWriter, ParquetWriter }, snappyjs] = await Promise.all([
    import("hyparquet-writer"),
    import("snappyjs"),
  ]);
  const writer = new ParquetWriter({
    writer: drainInto(new ByteWriter(256 * 1024), sink),
    schema: [{ name: "root", num_children: columns.length }, ...columns.map(schemaElement)],
    codec: "SNAPPY",
    compressors: { SNAPPY: (input: Uint8Array) => snappyjs.default.compress(input) },
    createdBy: "ax",
  });
  // Timestamp columns are converted first, so an odd timestamp fails with
  // the error every format gives whatever else is wrong in its group.
  const order = columns.map((_, i) => i).sort((a, b) =>
    Number(columns[b].type === "timestamp") - Number(columns[a].type === "timestamp")
  );
  let group: Row[] = [];
  let written = 0;
  const writeGroup = async () => {
    const data: CellValue[][] = new Array(columns.length);
    for (const i of order) data[i] = FILL[columns[i].type](group, columns[i], written + 1);
    const columnData = columns.map((column, i) => ({
      name: column.name,
      data: data[i],
      statistics: column.type !== "string",
    }));
    const groupRows = group.length;
    written += groupRows;
    group = [];
    // One page per column chunk: a group is small enough that more pages
    // would only add headers.
    await writer.write({ columnData, rowGroupSize: groupRows, pageSize: 0 });
  };
  for await (const row of records) {
    if (group.push(row) === ROW_GROUP_ROWS) await writeGroup();
  }
  if (group.length > 0) await writeGroup();
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

CHECKS_OWN_TIMESTAMPS.add(parquetFormat);
