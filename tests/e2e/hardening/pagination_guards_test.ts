/**
 * QUALITY.md N7 through real processes: a server whose pagination never
 * ends — a cursor cycle of any length, has_more with empty pages forever —
 * stops `--all`, `--limit` and the space lookup with exit 4; no record is
 * written twice, and an output file is never left half-written. A plain
 * `list` prints at most the page it asked for, whatever the server sends.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type AxResult } from "../../_helpers/run_ax.ts";
import { leftoverTempFiles } from "../../_helpers/ax_process.ts";
import { reply } from "../../_helpers/scripted_server.ts";
import { useScriptedServer } from "../../_helpers/emulator_fixture.ts";

const TOKEN = "ak-pagination-guards-bearer-token-0123456789";

const fx = useScriptedServer("pagination", {
  token: TOKEN,
  handler: (_req, res) => reply(res, { status: 500, body: "{}" }),
});

function ax(args: string[], cwd?: string): Promise<AxResult> {
  return fx.ax(args, { cwd });
}

function key(id: string) {
  return {
    id,
    name: `key ${id}`,
    key_type: "user",
    status: "active",
    redacted_key: "ak-abc...xyz",
    created_at: "2026-01-01T00:00:00Z",
    created_by_user_id: "VXNlcjoxOmFiYw==",
  };
}

/**
 * Serves `/v2/api-keys` from `pages`: the page for cursor `c` (`first`
 * without one) has `count` keys with ids `c-0`… and the given pagination.
 */
function servePages(pages: Record<string, [number, Record<string, unknown>]>): void {
  fx.server.handle((req, res) => {
    const url = new URL(req.url, fx.server.url);
    const cursor = url.searchParams.get("cursor") ?? "first";
    const [count, pagination] = pages[cursor];
    const collection = url.pathname === "/v2/spaces" ? "spaces" : "api_keys";
    const items = Array.from(
      { length: count },
      (_, i) =>
        collection === "spaces"
          ? { id: `${cursor}-${i}`, name: "other", created_at: "2026-01-01T00:00:00Z" }
          : key(`${cursor}-${i}`),
    );
    reply(res, { status: 200, body: JSON.stringify({ [collection]: items, pagination }) });
  });
}

/**
 * first → c0 → … → c(length-1) → c0: a cycle of `length` pages of `size`
 * keys (full pages by default, so stdout's 64 KiB buffer is flushed on the
 * way and what was written can be checked for repeats).
 */
function cycle(length: number, size = 100): Record<string, [number, Record<string, unknown>]> {
  const pages: Record<string, [number, Record<string, unknown>]> = {
    first: [size, { has_more: true, next_cursor: "c0" }],
  };
  for (let i = 0; i < length; i++) {
    pages[`c${i}`] = [size, { has_more: true, next_cursor: `c${(i + 1) % length}` }];
  }
  return pages;
}

function cursorsSince(before: number): (string | null)[] {
  return fx.server.requests.slice(before).map((r) =>
    new URL(r.url, fx.server.url).searchParams.get("cursor")
  );
}

describe("pagination always ends (N7)", () => {
  for (const length of [1, 3]) {
    it(`--all: a cursor cycle of ${length} page(s) stops with exit 4, no record twice`, async () => {
      servePages(cycle(length));
      const before = fx.server.requests.length;
      const result = await ax(["api-keys", "list", "--all", "-o", "ndjson"]);
      assert.equal(result.code, 4, result.stderr);
      assert.match(result.stderr, new RegExp(`pagination loops: .*a cycle of ${length} page`));
      assert.match(result.stderr, new RegExp(`Stopped after ${100 * (length + 1)} records`));
      // What reached stdout before the error (whole buffered chunks): no id twice.
      const lines = result.stdout.split("\n").filter((line) => line.startsWith("{"));
      const ids = lines.map((line) => JSON.parse(line).id);
      if (length > 1) assert.ok(ids.length > 0, "over 64 KiB read: some records reached stdout");
      assert.equal(new Set(ids).size, ids.length, "no record written twice");
      const cursors = cursorsSince(before);
      assert.equal(new Set(cursors).size, cursors.length, "no page requested twice");
    });
  }

  it("--limit: a cycle stops with exit 4 before the limit is reached", async () => {
    servePages(cycle(2));
    const result = await ax(["api-keys", "list", "--limit", "1000", "-o", "ndjson"]);
    assert.equal(result.code, 4, result.stderr);
    assert.match(result.stderr, /Stopped after 300 records/);
  });

  it("--all: empty pages that claim has_more forever stop after 10, exit 4", async () => {
    const pages: Record<string, [number, Record<string, unknown>]> = {
      first: [0, { has_more: true, next_cursor: "e1" }],
    };
    for (let i = 1; i < 100; i++) {
      pages[`e${i}`] = [0, { has_more: true, next_cursor: `e${i + 1}` }];
    }
    servePages(pages);
    const before = fx.server.requests.length;
    const result = await ax(["api-keys", "list", "--all", "-o", "ndjson"]);
    assert.equal(result.code, 4, result.stderr);
    assert.match(result.stderr, /10 empty pages in a row/);
    assert.equal(result.stdout, "");
    // The ten pages read, and at most one requested early from a peek.
    assert.ok(fx.server.requests.length - before <= 11, `${fx.server.requests.length - before}`);
  });

  for (const file of ["keys.csv", "keys.json", "keys.parquet"]) {
    it(`-o ${file}: a cycle leaves no file and no temp file; an old file is kept`, async () => {
      servePages(cycle(2));
      const dir = fx.box.dir("out");
      const fresh = await ax(["api-keys", "list", "--all", "-o", file], dir);
      assert.equal(fresh.code, 4, fresh.stderr);
      assert.equal(existsSync(join(dir, file)), false);
      writeFileSync(join(dir, file), "old contents");
      const again = await ax(["api-keys", "list", "--all", "-o", file], dir);
      assert.equal(again.code, 4, again.stderr);
      assert.equal(readFileSync(join(dir, file), "utf8"), "old contents");
      assert.deepEqual(leftoverTempFiles(dir), []);
    });
  }

  it("a plain list prints at most the 15 keys it asked for, whatever the server sends", async () => {
    servePages({ first: [40, { has_more: true, next_cursor: "n" }] });
    const before = fx.server.requests.length;
    const ndjson = await ax(["api-keys", "list", "-o", "ndjson"]);
    assert.equal(ndjson.code, 0, ndjson.stderr);
    assert.equal(ndjson.stdout.trim().split("\n").length, 15);
    const json = await ax(["api-keys", "list", "-o", "json"]);
    assert.equal(JSON.parse(json.stdout).api_keys.length, 15);
    assert.equal(fx.server.requests.length - before, 2, "one request each");
    assert.match(fx.server.requests[before].url, /limit=15/);
  });

  it("the space-name lookup stops on a cycle too (exit 4), before any key request", async () => {
    servePages(cycle(2));
    const before = fx.server.requests.length;
    const result = await ax(["api-keys", "list", "--space", "prod", "-o", "ndjson"]);
    assert.equal(result.code, 4, result.stderr);
    assert.match(result.stderr, /pagination loops/);
    const paths = fx.server.requests.slice(before).map((r) =>
      new URL(r.url, fx.server.url).pathname
    );
    assert.ok(paths.every((path) => path === "/v2/spaces"), paths.join(" "));
  });
});
