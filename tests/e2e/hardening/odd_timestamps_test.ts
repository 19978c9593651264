/**
 * Odd timestamps through real processes (formats/_timestamp_check.ts): a
 * server answer holding a leap second or a year past 9999 ends every format
 * with the same one-line error and exit 1, nothing on stdout and no file;
 * the extremes ax can store reach a parquet file that DuckDB reads back to
 * the microsecond (run against the compiled binary too).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { type AxResult } from "../../_helpers/run_ax.ts";
import { BARE_KEY as KEY, reply } from "../../_helpers/scripted_server.ts";
import { useScriptedServer } from "../../_helpers/emulator_fixture.ts";
import { queryRows } from "../../formats/_duckdb.ts";

const TOKEN = "ak-odd-timestamps-test-bearer-token-0123456789";

const fx = useScriptedServer("odd-timestamps", {
  token: TOKEN,
  handler: (_req, res) => reply(res, { status: 500, body: "" }),
});

function ax(args: string[]): Promise<AxResult> {
  return fx.ax(args);
}

/** Serves one page holding `keys`. */
function serve(keys: Record<string, string>[]): void {
  fx.server.handle((_req, res) =>
    reply(res, {
      status: 200,
      body: JSON.stringify({ api_keys: keys, pagination: { has_more: false } }),
    })
  );
}

describe("odd timestamps from the server", () => {
  const odd: [string, Record<string, string>][] = [
    ["created_at", { created_at: "2016-12-31T23:59:60Z" }],
    ["expires_at", { expires_at: "10000-01-01T00:00:00Z" }],
  ];
  for (const [field, change] of odd) {
    for (
      const output of ["table", "json", "ndjson", "csv", "parquet", "keys.csv", "keys.parquet"]
    ) {
      it(`${field} ${change[field]} → one error with -o ${output}, nothing written`, async () => {
        serve([KEY, { ...KEY, id: "QXBpS2V5OjI6ZGVm", ...change }]);
        const result = await ax(["api-keys", "list", "-o", output]);
        assert.equal(result.code, 1, result.stderr);
        assert.equal(
          result.stderr.split("\n")[0],
          `✗ Error: unexpected response from server: ${field} of record 2 is ${
            JSON.stringify(change[field])
          }, not a date-time ax can write.`,
        );
        assert.equal(result.stdout, "");
        assert.ok(!existsSync(join(fx.box.home, output)), "no file");
      });
    }
  }

  it("the first and last storable microsecond reach parquet exactly", async () => {
    serve([{
      ...KEY,
      created_at: "0000-01-01T00:00:00Z",
      expires_at: "9999-12-31T23:59:59.999999Z",
    }]);
    const result = await ax(["api-keys", "list", "-o", "edges.parquet"]);
    assert.equal(result.code, 0, result.stderr);
    const duck = await DuckDBInstance.create(":memory:");
    try {
      const rows = await queryRows(
        duck,
        `SELECT id, epoch_us(created_at) AS first, epoch_us(expires_at) AS last
         FROM '${join(fx.box.home, "edges.parquet")}'`,
      );
      assert.deepEqual(rows, [{
        id: KEY.id,
        first: "-62167219200000000",
        last: "253402300799999999",
      }]);
    } finally {
      duck.closeSync();
    }
  });
});
