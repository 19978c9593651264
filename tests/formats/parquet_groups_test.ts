/**
 * Whole files of several row groups from the parquet format
 * (formats/parquet.ts over hyparquet-writer), read back by two independent
 * readers: DuckDB and hyparquet.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { type FileMetaData, parquetMetadata, parquetReadObjects } from "hyparquet";
import { parquetFormat, ROW_GROUP_ROWS } from "../../formats/parquet.ts";
import type { Column, Row, Value } from "../../formats/types.ts";
import { captureSink, infoFor, recordsOf } from "./_support.ts";
import { queryRows } from "./_duckdb.ts";

const COLUMNS: readonly Column[] = [
  { name: "id", type: "string", nullable: false },
  { name: "label", type: "string", nullable: true },
  { name: "count", type: "integer", nullable: true },
  { name: "flag", type: "boolean", nullable: true },
  { name: "at", type: "timestamp", nullable: false },
  { name: "seen", type: "timestamp", nullable: true },
];

/** Three full row groups and a short one. */
const TOTAL = 3 * ROW_GROUP_ROWS + 5;

const LABELS = [
  "",
  "plain",
  "日本語のキー",
  "🔑 emoji",
  "e\u0301 combining",
  "Ünïcödé",
  "ascii then ü",
];

/** First and last row of each group: where a writer's null bookkeeping could slip. */
function atGroupEdge(i: number): boolean {
  const inGroup = i % ROW_GROUP_ROWS;
  return inGroup === 0 || inGroup === ROW_GROUP_ROWS - 1 || i === TOTAL - 1;
}

/** What row `i` holds, as the test expects to read it back. */
interface Expected {
  id: string;
  label: string | null;
  count: bigint | null;
  flag: boolean | null;
  atMicros: bigint;
  seenMicros: bigint | null;
}

// 1969-01-01: the first half of the rows lies before the epoch.
const BASE_SECONDS = -365 * 86_400;

function expected(i: number): Expected {
  const edge = atGroupEdge(i);
  const count = i === 1 ? 2 ** 53 - 1 : i === 2 ? -(2 ** 53 - 1) : i - 6000;
  return {
    id: `k${String(i).padStart(5, "0")}`,
    label: edge ? null : LABELS[i % LABELS.length],
    count: edge ? null : BigInt(count),
    flag: i % 7 === 0 ? null : i % 2 === 0,
    atMicros: BigInt(BASE_SECONDS + i * 5) * 1_000_000n + BigInt(i % 3 === 1 ? 123_456 : 0),
    // The short last group has no `seen` at all: no min/max for it.
    seenMicros: edge || i >= 3 * ROW_GROUP_ROWS ? null : BigInt(BASE_SECONDS + i * 60) * 1_000_000n,
  };
}

/** RFC 3339 text for whole seconds: the plain UTC shape, or with an offset. */
function rfc3339(seconds: number, shape: "plain" | "offset"): string {
  if (shape === "plain") return new Date(seconds * 1000).toISOString().slice(0, 19) + "Z";
  return new Date((seconds + 2 * 3600) * 1000).toISOString().slice(0, 19) + "+02:00";
}

function record(i: number): Row {
  const e = expected(i);
  const atSeconds = BASE_SECONDS + i * 5;
  const row: Record<string, Value> = {
    id: e.id,
    label: e.label,
    count: e.count === null ? null : Number(e.count),
    flag: e.flag,
    at: i % 3 === 1
      ? `${new Date(atSeconds * 1000).toISOString().slice(0, 19)}.123456Z`
      : rfc3339(atSeconds, i % 3 === 0 ? "plain" : "offset"),
  };
  // Absent rather than null on odd rows: both mean no value.
  if (e.seenMicros !== null) row.seen = rfc3339(BASE_SECONDS + i * 60, "plain");
  else if (i % 2 === 0) row.seen = null;
  // Fields in another order than the schema's, on some rows.
  return i % 11 === 0 ? Object.fromEntries(Object.entries(row).reverse()) : row;
}

let dir: string;
let duck: DuckDBInstance;
let bytes: Uint8Array;
let path: string;
const rows = Array.from({ length: TOTAL }, (_, i) => expected(i));

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "ax-parquet-file-"));
  duck = await DuckDBInstance.create(":memory:");
  const sink = captureSink();
  await parquetFormat.write(
    recordsOf(Array.from({ length: TOTAL }, (_, i) => record(i))),
    sink,
    infoFor({ columns: COLUMNS }),
  );
  bytes = sink.bytes();
  path = join(dir, "groups.parquet");
  writeFileSync(path, bytes);
});
after(() => {
  duck.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const query = (sql: string) => queryRows(duck, sql);

function metadata(): FileMetaData {
  return parquetMetadata(bytes.buffer as ArrayBuffer);
}

/** The rows of group `g`. */
function group(g: number): Expected[] {
  return rows.slice(g * ROW_GROUP_ROWS, (g + 1) * ROW_GROUP_ROWS);
}

describe("parquet file writer", () => {
  it("is read back by DuckDB, every value of every row group", async () => {
    const read = await query(
      `SELECT id, label, count, flag, epoch_us("at") AS at_us, epoch_us(seen) AS seen_us
       FROM read_parquet('${path}') ORDER BY id`,
    );
    const text = (v: bigint | null) => (v === null ? null : String(v));
    assert.equal(read.length, TOTAL);
    assert.deepEqual(
      read,
      rows.map((e) => ({
        id: e.id,
        label: e.label,
        count: text(e.count),
        flag: e.flag,
        at_us: text(e.atMicros),
        seen_us: text(e.seenMicros),
      })),
    );
  });

  it("is read back by hyparquet with the same values", async () => {
    const read = await parquetReadObjects({
      file: bytes.buffer as ArrayBuffer,
      // The raw microseconds, not a Date: a Date would drop the last three digits.
      parsers: { timestampFromMicroseconds: (micros) => micros as unknown as Date },
    });
    assert.deepEqual(
      read,
      rows.map((e) => ({
        id: e.id,
        label: e.label,
        count: e.count,
        flag: e.flag,
        at: e.atMicros,
        seen: e.seenMicros,
      })),
    );
  });

  it("writes one snappy row group per 4096 rows, with null counts and min/max but for strings", () => {
    const meta = metadata();
    assert.equal(meta.created_by, "ax");
    assert.equal(meta.num_rows, BigInt(TOTAL));
    assert.deepEqual(meta.row_groups.map((g) => g.num_rows), [4096n, 4096n, 4096n, 5n]);
    meta.row_groups.forEach((rowGroup, g) => {
      const inGroup = group(g);
      const nulls = (key: keyof Expected) => BigInt(inGroup.filter((e) => e[key] === null).length);
      const byName = new Map(rowGroup.columns.map((c) => [c.meta_data!.path_in_schema[0], c]));
      for (const chunk of rowGroup.columns) {
        assert.equal(chunk.meta_data?.codec, "SNAPPY");
        assert.equal(chunk.meta_data?.num_values, BigInt(inGroup.length));
      }
      // Strings carry no statistics: their min/max would cost a comparison per value.
      assert.equal(byName.get("id")!.meta_data!.statistics, undefined);
      assert.equal(byName.get("label")!.meta_data!.statistics, undefined);
      assert.equal(byName.get("count")!.meta_data!.statistics!.null_count, nulls("count"));
      assert.equal(byName.get("flag")!.meta_data!.statistics!.null_count, nulls("flag"));
      assert.equal(byName.get("seen")!.meta_data!.statistics!.null_count, nulls("seenMicros"));

      const at = byName.get("at")!.meta_data!.statistics!;
      const micros = inGroup.map((e) => e.atMicros);
      const least = micros.reduce((a, b) => (b < a ? b : a));
      const most = micros.reduce((a, b) => (b > a ? b : a));
      // hyparquet gives timestamp statistics as Dates (milliseconds, truncated).
      assert.equal((at.min_value as Date).getTime(), Number(least / 1000n), `group ${g} min`);
      assert.equal((at.max_value as Date).getTime(), Number(most / 1000n), `group ${g} max`);

      const counts = inGroup.map((e) => e.count).filter((c) => c !== null);
      const count = byName.get("count")!.meta_data!.statistics!;
      assert.equal(count.min_value, counts.reduce((a, b) => (b! < a! ? b : a)));
      assert.equal(count.max_value, counts.reduce((a, b) => (b! > a! ? b : a)));
    });
    const lastSeen = meta.row_groups[3].columns[5].meta_data!.statistics!;
    assert.equal(lastSeen.min_value, undefined, "no min for a group of nulls");
    assert.equal(lastSeen.max_value, undefined);
    const flags = meta.row_groups[0].columns[3].meta_data!.statistics!;
    assert.deepEqual([flags.min_value, flags.max_value], [false, true]);
  });

  it("agrees with DuckDB's parquet_metadata() and parquet_schema()", async () => {
    const meta = metadata();
    const duckMeta = await query(
      `SELECT row_group_id, row_group_num_rows, path_in_schema, compression,
              stats_null_count, stats_min_value, stats_max_value
       FROM parquet_metadata('${path}') ORDER BY row_group_id, column_id`,
    );
    assert.equal(duckMeta.length, 4 * COLUMNS.length);
    for (const entry of duckMeta) {
      const rowGroup = meta.row_groups[Number(entry.row_group_id)];
      const chunk = rowGroup.columns.find((c) =>
        c.meta_data!.path_in_schema[0] === entry.path_in_schema
      )!;
      assert.equal(entry.compression, "SNAPPY");
      assert.equal(String(entry.row_group_num_rows), String(rowGroup.num_rows));
      assert.equal(
        String(entry.stats_null_count),
        String(chunk.meta_data!.statistics?.null_count ?? null),
      );
    }
    const count = duckMeta.find((e) =>
      Number(e.row_group_id) === 0 && e.path_in_schema === "count"
    )!;
    assert.equal(count.stats_min_value, String(-(2 ** 53 - 1)));
    assert.equal(count.stats_max_value, String(2 ** 53 - 1));

    const schema = await query(
      `SELECT name, type, repetition_type, converted_type, logical_type
       FROM parquet_schema('${path}') WHERE type IS NOT NULL`,
    );
    const elements = new Map(meta.schema.slice(1).map((e) => [e.name, e]));
    assert.deepEqual(schema.map((c) => c.name), COLUMNS.map((c) => c.name));
    for (const column of schema) {
      const element = elements.get(String(column.name))!;
      assert.equal(column.type, element.type, String(column.name));
      assert.equal(column.repetition_type, element.repetition_type, String(column.name));
      assert.equal(column.converted_type ?? undefined, element.converted_type, String(column.name));
    }
    assert.match(
      String(schema.find((c) => c.name === "at")!.logical_type),
      /^TimestampType\(isAdjustedToUTC=1, .*MICROS=MicroSeconds\(\)/,
    );
    assert.match(String(schema.find((c) => c.name === "label")!.logical_type), /^StringType/);
  });

  it("writes the schema and zero row groups for no records", async () => {
    const sink = captureSink();
    await parquetFormat.write(recordsOf([]), sink, infoFor({ columns: COLUMNS }));
    const empty = sink.bytes();
    const text = new TextDecoder().decode(empty);
    assert.ok(text.startsWith("PAR1") && text.endsWith("PAR1"));
    const meta = parquetMetadata(empty.buffer as ArrayBuffer);
    assert.equal(meta.num_rows, 0n);
    assert.deepEqual(meta.row_groups, []);
    assert.deepEqual(meta.schema.slice(1).map((e) => e.name), COLUMNS.map((c) => c.name));
  });
});
