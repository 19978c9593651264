/**
 * End to end: `list` over several pages of a real emulator seeded with 250
 * keys (plus its own admin key): `--limit N` records in pages of up to 100,
 * `--all`, `--cursor` resuming exactly where a page stopped, one valid json
 * document, one csv header, and the cursor hint under a table.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { useEmulator } from "../_helpers/emulator_fixture.ts";
import { type AxResult } from "../_helpers/run_ax.ts";

const SEEDED = 250;
const TOTAL = SEEDED + 1; // the emulator's own admin key is listed too

const fx = useEmulator("pages", { seedKeys: SEEDED });
/** Every key id, in server order, from `--all`. */
let allIds: string[];

async function ax(args: string[]): Promise<AxResult> {
  const result = await fx.ax(["api-keys", "list", ...args], { env: { NO_COLOR: undefined } });
  assert.equal(result.code, 0, `ax api-keys list ${args.join(" ")}\n${result.stderr}`);
  return result;
}

/** Runs ax and returns its result and how many list requests it made. */
async function counted(args: string[]): Promise<[AxResult, number]> {
  const route = "GET /v2/api-keys";
  const before = (await fx.emu.stats()).by_route[route] ?? 0;
  const result = await ax(args);
  return [result, ((await fx.emu.stats()).by_route[route] ?? 0) - before];
}

const ids = (document: { api_keys: { id: string }[] }) => document.api_keys.map((k) => k.id);

describe("ax api-keys list across pages", () => {
  it("--all reads 3 pages into one json document", async () => {
    const [result, pages] = await counted(["--all", "-o", "json"]);
    const document = JSON.parse(result.stdout);
    allIds = ids(document);
    assert.equal(allIds.length, TOTAL);
    assert.equal(new Set(allIds).size, TOTAL);
    assert.deepEqual(document.pagination, { has_more: false });
    assert.equal(pages, 3);
    assert.equal(result.stderr, "");
  });

  it("--limit 40 is one page; --cursor resumes right after it", async () => {
    const [first, pages] = await counted(["--limit", "40", "-o", "json"]);
    const page = JSON.parse(first.stdout);
    assert.equal(pages, 1);
    assert.deepEqual(ids(page), allIds.slice(0, 40));
    assert.equal(page.pagination.has_more, true);
    const [next] = await counted([
      "--cursor",
      page.pagination.next_cursor,
      "-l",
      "40",
      "-o",
      "json",
    ]);
    assert.deepEqual(ids(JSON.parse(next.stdout)), allIds.slice(40, 80));
  });

  it("--cursor with --all reads the rest over 3 pages", async () => {
    const [first] = await counted(["-l", "40", "-o", "json"]);
    const cursor = JSON.parse(first.stdout).pagination.next_cursor;
    const [rest, pages] = await counted(["-c", cursor, "--all", "-o", "json"]);
    assert.deepEqual(ids(JSON.parse(rest.stdout)), allIds.slice(40));
    assert.equal(pages, 3);
  });

  it("--limit 250 to csv: pages of 100, 100, 50 and one header", async () => {
    const [result, pages] = await counted(["--limit", "250", "-o", "csv"]);
    const lines = result.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 251);
    assert.match(lines[0], /^id,name,description,key_type,status,/);
    assert.equal(lines.filter((l) => l.startsWith("id,name,")).length, 1);
    assert.deepEqual(lines.slice(1).map((l) => l.split(",")[0]), allIds.slice(0, 250));
    assert.equal(pages, 3);
    // csv has no place for the cursor, so the way on is said on stderr.
    assert.match(
      result.stderr,
      /^More items available\. To fetch the next page, add:\n {2}--cursor \S+\n$/,
    );
  });

  it("--limit 40 as a table: 40 rows, then the cursor hint that resumes", async () => {
    const [result] = await counted(["--limit", "40"]);
    const rows = result.stdout.trimEnd().split("\n").slice(1);
    assert.equal(rows.length, 40);
    assert.ok(rows[0].includes(allIds[0]) && rows[39].includes(allIds[39]));
    const hint = /^More items available\. To fetch the next page, add:\n {2}--cursor (\S+)\n$/.exec(
      result.stderr,
    );
    assert.ok(hint, result.stderr);
    const [next] = await counted(["--cursor", hint[1], "-o", "ndjson"]);
    const nextIds = next.stdout.trimEnd().split("\n").map((l) => JSON.parse(l).id);
    assert.deepEqual(nextIds, allIds.slice(40, 55));
  });

  it("the default is one page of 15", async () => {
    const [result, pages] = await counted(["-o", "json"]);
    assert.deepEqual(ids(JSON.parse(result.stdout)), allIds.slice(0, 15));
    assert.equal(pages, 1);
  });

  it("--all to a parquet file and to ndjson", async () => {
    const [parquet] = await counted(["--all", "-o", "keys.parquet"]);
    const bytes = readFileSync(join(fx.box.home, "keys.parquet"));
    assert.equal(bytes.subarray(0, 4).toString(), "PAR1");
    assert.equal(parquet.stderr, `✓ Saved to ${join(fx.box.home, "keys.parquet")}\n`);
    const [ndjson] = await counted(["--all", "-o", "ndjson"]);
    assert.equal(ndjson.stdout.trimEnd().split("\n").length, TOTAL);
  });
});
