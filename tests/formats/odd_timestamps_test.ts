/**
 * Timestamps at and past the edges ax can store (formats/_timestamp_check.ts):
 * every format refuses a leap second or a year outside 0000-9999 with the
 * same error before writing anything, and stores the extremes inside that
 * range faithfully.
 */
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { parquetReadObjects } from "hyparquet";
import { resolveOutputTarget, writeOutput } from "../../formats/output.ts";
import { createFormatRegistry } from "../../formats/registry.ts";
import type { Row } from "../../formats/types.ts";
import { AxError } from "../../runtime/errors.ts";
import { fakeContext } from "../_helpers/fake_context.ts";
import { queryRows } from "./_duckdb.ts";
import { recordsOf, ROWS, WRITE_INFO } from "./_support.ts";

const FORMATS = ["table", "json", "ndjson", "csv", "parquet"] as const;
const FILE_FORMATS = ["json", "ndjson", "csv", "parquet"] as const;

/** Values no format can store: a leap second, and instants outside years 0000-9999 in UTC. */
const ODD = [
  "2016-12-31T23:59:60Z",
  "2016-12-31T23:59:60.5+00:00",
  "10000-01-01T00:00:00Z",
  "+010000-01-01T00:00:00Z",
  "9999-12-31T23:30:00-01:00",
  "0000-01-01T00:30:00+01:00",
];

/** The first and the last microsecond ax can store. */
const FIRST = "0000-01-01T00:00:00Z";
const LAST = "9999-12-31T23:59:59.999999Z";
const FIRST_MICROS = -62167219200000000n;
const LAST_MICROS = 253402300799999999n;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ax-odd-times-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function targetFor(value: string, ctx: ReturnType<typeof fakeContext>["ctx"]) {
  return resolveOutputTarget(value, { registry: createFormatRegistry(), ctx });
}

/** The sample rows with `created_at` of the second one replaced. */
function rowsWith(createdAt: string): Row[] {
  return ROWS.map((row, i) => (i === 1 ? { ...row, created_at: createdAt } : row));
}

describe("a timestamp no format can store", () => {
  for (const format of FORMATS) {
    it(`stops ${format} on stdout with one error and no output`, async () => {
      for (const odd of ODD) {
        const { ctx, stdout, stderr } = fakeContext({ cwd: dir });
        await assert.rejects(
          writeOutput(recordsOf(rowsWith(odd)), targetFor(format, ctx), WRITE_INFO, ctx),
          (error: unknown) => {
            assert.ok(error instanceof AxError, String(error));
            assert.equal(
              error.message,
              `unexpected response from server: created_at of record 2 is ${
                JSON.stringify(odd)
              }, not a date-time ax can write.`,
            );
            assert.equal(error.exitCode, 1);
            assert.match(error.hints.join("\n"), /years 0000-9999 with seconds 00-59/);
            return true;
          },
        );
        assert.equal(stdout.text(), "", `${format}, ${odd}: nothing on stdout`);
        assert.equal(stderr.text(), "");
      }
    });
  }

  for (const format of FILE_FORMATS) {
    it(`leaves a ${format} file as it was`, async () => {
      const path = join(dir, `keys.${format}`);
      writeFileSync(path, "earlier export");
      const { ctx } = fakeContext({ cwd: dir });
      await assert.rejects(
        writeOutput(recordsOf(rowsWith(ODD[0])), targetFor(path, ctx), WRITE_INFO, ctx),
        /created_at of record 2 is "2016-12-31T23:59:60Z"/,
      );
      assert.equal(readFileSync(path, "utf8"), "earlier export");
      assert.deepEqual(readdirSync(dir), [`keys.${format}`], "no temp file left");
    });
  }

  it("names the value escaped, whatever the server sent", async () => {
    const { ctx } = fakeContext({ cwd: dir });
    await assert.rejects(
      writeOutput(recordsOf(rowsWith("\x1b[2J2016")), targetFor("json", ctx), WRITE_INFO, ctx),
      (error: Error) => !error.message.includes("\x1b"),
    );
  });
});

describe("the first and last instant ax can store", () => {
  let duck: DuckDBInstance;
  before(async () => {
    duck = await DuckDBInstance.create(":memory:");
  });
  after(() => duck.closeSync());

  const edges: Row[] = [{ ...ROWS[0], created_at: FIRST, expires_at: LAST }];

  async function written(format: string): Promise<{ text: string; path: string }> {
    const path = join(dir, `edges.${format}`);
    const { ctx, stdout } = fakeContext({ cwd: dir });
    const target = targetFor(format === "table" ? "table" : path, ctx);
    await writeOutput(recordsOf(edges), target, WRITE_INFO, ctx);
    return { text: format === "table" ? stdout.text() : readFileSync(path, "utf8"), path };
  }

  it("are kept by json, ndjson, csv and table", async () => {
    const json = JSON.parse((await written("json")).text).api_keys[0];
    assert.deepEqual([json.created_at, json.expires_at], [FIRST, LAST]);
    const ndjson = JSON.parse((await written("ndjson")).text);
    assert.deepEqual([ndjson.created_at, ndjson.expires_at], [FIRST, LAST]);
    const csv = (await written("csv")).text;
    assert.ok(csv.includes(`,${FIRST},${LAST}`), csv);
    const table = (await written("table")).text;
    // Piped, the table is tab-separated with RFC 3339 times.
    assert.ok(table.includes(`\t${FIRST}\t${LAST}`), table);
  });

  it("are kept by parquet to the microsecond, as DuckDB and hyparquet read them", async () => {
    const { path } = await written("parquet");
    const [duckRow] = await queryRows(
      duck,
      `SELECT epoch_us(created_at) AS first, epoch_us(expires_at) AS last FROM '${path}'`,
    );
    assert.deepEqual(duckRow, { first: String(FIRST_MICROS), last: String(LAST_MICROS) });
    const bytes = readFileSync(path);
    const [hyRow] = await parquetReadObjects({
      file: new Uint8Array(bytes).buffer,
      parsers: { timestampFromMicroseconds: (micros) => micros as unknown as Date },
    });
    assert.deepEqual([hyRow.created_at, hyRow.expires_at], [FIRST_MICROS, LAST_MICROS]);
  });
});
