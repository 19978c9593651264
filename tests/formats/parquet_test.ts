import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { parquetFormat, ROW_GROUP_ROWS } from "../../formats/parquet.ts";
import { oddTimestamp } from "../../formats/_timestamp_check.ts";
import { AxError } from "../../runtime/errors.ts";
import type { Row } from "../../formats/types.ts";
import { captureSink, COLUMNS, infoFor, recordsOf, ROWS } from "./_support.ts";
import { queryRows } from "./_duckdb.ts";

let dir: string;
let duck: DuckDBInstance;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "ax-parquet-"));
  duck = await DuckDBInstance.create(":memory:");
});
after(() => {
  duck.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

async function writeParquet(rows: Iterable<Row>, name: string): Promise<string> {
  const sink = captureSink();
  await parquetFormat.write(recordsOf(rows), sink, infoFor());
  const path = join(dir, name);
  writeFileSync(path, sink.bytes());
  return path;
}

const query = (sql: string) => queryRows(duck, sql);

describe("parquet format", () => {
  it("is read back by DuckDB with the right column names, types, row count and values", async () => {
    const path = await writeParquet(ROWS, "keys.parquet");
    const schema = await query(`DESCRIBE SELECT * FROM read_parquet('${path}')`);
    assert.deepEqual(
      schema.map((c) => [c.column_name, c.column_type]),
      [
        ["id", "VARCHAR"],
        ["name", "VARCHAR"],
        ["description", "VARCHAR"],
        ["status", "VARCHAR"],
        ["uses", "BIGINT"],
        ["pinned", "BOOLEAN"],
        ["created_at", "TIMESTAMP WITH TIME ZONE"],
        ["expires_at", "TIMESTAMP WITH TIME ZONE"],
      ],
    );
    await query("SET TimeZone = 'UTC'");
    const rows = await query(
      `SELECT id, name, description, status, uses, pinned,
              epoch_us(created_at) AS created_us, strftime(expires_at, '%Y-%m-%dT%H:%M:%S') AS expires
       FROM read_parquet('${path}') ORDER BY id`,
    );
    assert.equal(rows.length, 3);
    assert.deepEqual(rows[0], {
      id: "QXBp1001",
      name: "CI pipeline key",
      description: "Used by the nightly build",
      status: "active",
      uses: "42",
      pinned: true,
      created_us: String(Date.UTC(2024, 0, 15, 10, 30) * 1000),
      expires: "2025-01-15T10:30:00",
    });
    assert.equal(rows[1].description, null, "absent → NULL");
    assert.equal(rows[1].created_us, String(Date.UTC(2024, 1, 1, 8) * 1000 + 500_000));
    assert.equal(rows[2].created_us, String(Date.UTC(2023, 11, 31, 22, 59, 59) * 1000));
    assert.equal(rows[2].uses, null);
  });

  it("marks nullable columns OPTIONAL and the others REQUIRED, UTC-adjusted microsecond timestamps", async () => {
    const sink = captureSink();
    await parquetFormat.write(recordsOf(ROWS), sink, infoFor());
    const buffer = sink.bytes().buffer as ArrayBuffer;
    const metadata = parquetMetadata(buffer);
    const byName = new Map(metadata.schema.slice(1).map((e) => [e.name, e]));
    for (const column of COLUMNS) {
      assert.equal(
        byName.get(column.name)?.repetition_type,
        column.nullable ? "OPTIONAL" : "REQUIRED",
        column.name,
      );
    }
    assert.deepEqual(byName.get("created_at")?.logical_type, {
      type: "TIMESTAMP",
      isAdjustedToUTC: true,
      unit: "MICROS",
    });
    assert.equal(metadata.row_groups[0].columns[0].meta_data?.codec, "SNAPPY");
  });

  it("is read back by hyparquet with the same values", async () => {
    const sink = captureSink();
    await parquetFormat.write(recordsOf(ROWS), sink, infoFor());
    const rows = await parquetReadObjects({ file: sink.bytes().buffer as ArrayBuffer });
    assert.equal(rows.length, 3);
    assert.equal(rows[0].name, "CI pipeline key");
    assert.equal(rows[0].uses, 42n);
    assert.equal(rows[1].pinned, false);
    assert.equal((rows[0].created_at as Date).toISOString(), "2024-01-15T10:30:00.000Z");
    assert.equal(rows[2].expires_at, null);
  });

  it("stores any string and the integer extremes exactly, as both readers see them", async () => {
    const strings = [
      "plain",
      "",
      "héllo",
      "日本語のキー",
      "🔑 key",
      "e\u0301", // e + combining acute
      "mixed ascii then ü",
      "\u0000 and \u007f",
      "a\ud800b", // a lone surrogate: stored as U+FFFD, as TextEncoder writes it
    ];
    const integers = [2 ** 53 - 1, -(2 ** 53 - 1), 0, -(2 ** 32), 2 ** 32 + 1, -1, 5];
    const rows = strings.map((name, i) => ({
      ...ROWS[0],
      id: `k${i}`,
      name,
      uses: integers[i % integers.length],
      pinned: i % 2 === 0,
    }));
    const path = await writeParquet(rows, "strings.parquet");
    const read = await query(`SELECT name, uses, pinned FROM read_parquet('${path}') ORDER BY id`);
    const expected = rows.map((row) => ({
      name: row.name.replace("\ud800", "\ufffd"),
      uses: String(row.uses),
      pinned: row.pinned,
    }));
    assert.deepEqual(read, expected);
    const hy = await parquetReadObjects({ file: new Uint8Array(readFileSync(path)).buffer });
    assert.deepEqual(
      hy.map((row) => ({ name: row.name, uses: String(row.uses), pinned: row.pinned })),
      expected,
    );
  });

  it("writes a valid file with the full schema for an empty list", async () => {
    const path = await writeParquet([], "empty.parquet");
    const [{ n }] = await query(`SELECT count(*) AS n FROM read_parquet('${path}')`);
    assert.equal(n, "0");
    const schema = await query(`DESCRIBE SELECT * FROM read_parquet('${path}')`);
    assert.equal(schema.length, COLUMNS.length);
  });

  it("writes bounded row groups as the records stream in", async () => {
    const total = ROW_GROUP_ROWS * 2 + 10;
    const sink = captureSink();
    let writesWhenHalfRead = -1;
    async function* many() {
      for (let i = 0; i < total; i++) {
        if (i === ROW_GROUP_ROWS + 5) writesWhenHalfRead = sink.writes;
        yield { ...ROWS[i % 3], id: `k${i}` };
      }
    }
    await parquetFormat.write(many(), sink, infoFor());
    assert.ok(writesWhenHalfRead >= 1, "the first row group left before the rest was read");
    const metadata = parquetMetadata(sink.bytes().buffer as ArrayBuffer);
    assert.deepEqual(
      metadata.row_groups.map((g) => Number(g.num_rows)),
      [ROW_GROUP_ROWS, ROW_GROUP_ROWS, 10],
    );
    const path = join(dir, "many.parquet");
    writeFileSync(path, sink.bytes());
    const [{ n, distinct_ids }] = await query(
      `SELECT count(*) AS n, count(DISTINCT id) AS distinct_ids FROM read_parquet('${path}')`,
    );
    assert.equal(n, String(total));
    assert.equal(distinct_ids, String(total));
  });

  it("fails clearly on a value its column type cannot hold", async () => {
    await assert.rejects(
      writeParquet([{ ...ROWS[0], created_at: "yesterday" }], "bad.parquet"),
      // The same error every format gives (formats/_timestamp_check.ts).
      /created_at of record 1 is "yesterday", not a date-time ax can write/,
    );
    await assert.rejects(
      writeParquet([{ ...ROWS[0], name: null }], "bad2.parquet"),
      /column 'name' is required/,
    );
  });
});

describe("parquet of several row groups", () => {
  const total = ROW_GROUP_ROWS * 2 + 7;
  const many = (change: (row: Row, i: number) => Row = (row) => row) =>
    Array.from({ length: total }, (_, i) => change({ ...ROWS[i % 3], id: `k${i}` }, i));

  it("numbers records across groups in the error for an odd timestamp", async () => {
    const bad = ROW_GROUP_ROWS + 7;
    const rows = many((
      row,
      i,
    ) => (i === bad ? { ...row, created_at: "2016-12-31T23:59:60Z" } : row));
    const sink = captureSink();
    const failure = await parquetFormat.write(recordsOf(rows), sink, infoFor()).then(
      () => assert.fail("the write succeeded"),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof AxError, `an AxError, not ${failure}`);
    assert.match(
      failure.message,
      new RegExp(`created_at of record ${bad + 1} is "2016-12-31T23:59:60Z", not a date-time`),
    );
    assert.deepEqual(failure.hints, oddTimestamp(1, "x", "y").hints);
    assert.equal(sink.writes, 1, "the first group was written, nothing after it");
  });

  it("names a missing required value in the last group", async () => {
    const rows = many((row, i) => (i === total - 1 ? { ...row, name: null } : row));
    await assert.rejects(
      parquetFormat.write(recordsOf(rows), captureSink(), infoFor()),
      /column 'name' is required/,
    );
  });

  it("stops with the sink's error when the sink refuses a group", async () => {
    const sink = captureSink();
    let writes = 0;
    const refusing = {
      ...sink,
      write: (chunk: Uint8Array | string) =>
        ++writes === 2 ? Promise.reject(new Error("reader went away")) : sink.write(chunk),
    };
    await assert.rejects(
      parquetFormat.write(recordsOf(many()), refusing, infoFor()),
      /reader went away/,
    );
    assert.equal(writes, 2, "nothing more was written after the refusal");
  });

  it("stops with the records' error when reading fails after some groups", async () => {
    const sink = captureSink();
    async function* failing() {
      yield* recordsOf(many().slice(0, 2 * ROW_GROUP_ROWS + 1));
      throw new Error("connection reset");
    }
    await assert.rejects(parquetFormat.write(failing(), sink, infoFor()), /connection reset/);
    assert.equal(sink.writes, 2, "the two full groups were written, no footer");
  });
});
