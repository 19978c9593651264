import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { jsonFormat } from "../../formats/json.ts";
import type { Pagination, Row } from "../../formats/types.ts";
import { CHUNK_CHARS } from "../../formats/_buffered_sink.ts";
import {
  assertChunked,
  assertGolden,
  captureSink,
  chunkedWrites,
  infoFor,
  RAW_CONTROL,
  render,
  ROWS,
} from "./_support.ts";

/** What the whole document would be if it were built in memory and stringified. */
function wholeDocument(rows: readonly Row[], pagination?: Pagination): string {
  const present = rows.map((row) =>
    Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined))
  );
  const document = pagination === undefined
    ? { api_keys: present }
    : { api_keys: present, pagination };
  return JSON.stringify(document, null, 2) + "\n";
}

describe("json format", () => {
  it("writes a list as {collection: [...], pagination} with nulls dropped", async () => {
    const text = await render(jsonFormat, ROWS, {
      info: { pagination: () => ({ has_more: true, next_cursor: "cur_2" }) },
    });
    assertGolden("json_list.json", text);
    const parsed = JSON.parse(text);
    assert.deepEqual(parsed.pagination, { has_more: true, next_cursor: "cur_2" });
    assert.ok(!("description" in parsed.api_keys[1]), "null description dropped");
  });

  it("streams a multi-page list byte-identical to JSON.stringify of the whole document", async () => {
    const pages = [ROWS, ROWS.map((r) => ({ ...r, id: r.id + "b" })), [ROWS[1]]];
    const all = pages.flat();
    let pagesRead = 0;
    async function* paged() {
      for (const page of pages) {
        pagesRead++;
        yield* page;
      }
    }
    const sink = captureSink();
    await jsonFormat.write(
      paged(),
      sink,
      infoFor({
        pagination: () => {
          assert.equal(pagesRead, 3, "pagination is asked for only after the records end");
          return { has_more: false };
        },
      }),
    );
    assert.equal(sink.text(), wholeDocument(all, { has_more: false }));
  });

  it("is identical for an empty list too, and leaves out pagination when there is none", async () => {
    assert.equal(await render(jsonFormat, []), wholeDocument([], { has_more: false }));
    assert.equal(
      await render(jsonFormat, ROWS, { info: { pagination: () => undefined } }),
      wholeDocument(ROWS),
    );
  });

  it("uses the command's collection name", async () => {
    const text = await render(jsonFormat, [ROWS[0]], { info: { collection: "formats" } });
    assert.deepEqual(Object.keys(JSON.parse(text)), ["formats", "pagination"]);
  });

  it("writes a single object as the record itself", async () => {
    const created = { ...ROWS[1], key: "ak-secret" };
    const text = await render(jsonFormat, [created], { info: { shape: "object" } });
    assertGolden("json_object.json", text);
    assert.deepEqual(JSON.parse(text), {
      id: "QXBp1002",
      name: "laptop",
      status: "active",
      uses: 0,
      pinned: false,
      created_at: "2024-02-01T08:00:00.5Z",
      key: "ak-secret",
    });
  });

  it("refuses an object result without exactly one record", async () => {
    await assert.rejects(render(jsonFormat, [], { info: { shape: "object" } }), /got none/);
    await assert.rejects(render(jsonFormat, ROWS, { info: { shape: "object" } }), /got several/);
  });

  it("escapes DEL and C1 controls so the JSON is safe on a terminal and still parses (S4)", async () => {
    const row = { ...ROWS[0], name: "a\u009b31mb\x7fc\x1bd" };
    const text = await render(jsonFormat, [row]);
    assert.ok(text.includes(String.raw`"a\u009b31mb\u007fc\u001bd"`));
    assert.ok(!RAW_CONTROL.test(text));
    assert.equal(JSON.parse(text).api_keys[0].name, row.name);
  });

  it("writes a long list in chunks of about 64 KiB while still reading it", async () => {
    // A record is ~300 characters: a chunk may exceed 64 KiB by one record.
    assertChunked(await chunkedWrites(jsonFormat, 3000), CHUNK_CHARS + 1000);
  });
});
