import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ndjsonFormat } from "../../formats/ndjson.ts";
import { CHUNK_CHARS } from "../../formats/_buffered_sink.ts";
import { assertChunked, assertGolden, chunkedWrites, render, ROWS } from "./_support.ts";

describe("ndjson format", () => {
  it("writes one compact record per line, nulls dropped, no pagination", async () => {
    const text = await render(ndjsonFormat, ROWS, {
      info: { pagination: () => ({ has_more: true, next_cursor: "c" }) },
    });
    assertGolden("list.ndjson", text);
    const lines = text.trimEnd().split("\n");
    assert.equal(lines.length, ROWS.length);
    assert.deepEqual(JSON.parse(lines[2]), {
      id: "QXBp1003",
      name: "old deploy key",
      description: "Rotated, see ticket OPS-12",
      status: "revoked",
      created_at: "2023-12-31T23:59:59+01:00",
    });
    assert.ok(!text.includes("pagination"));
  });

  it("writes nothing for an empty list and one line for an object", async () => {
    assert.equal(await render(ndjsonFormat, []), "");
    const one = await render(ndjsonFormat, [ROWS[0]], { info: { shape: "object" } });
    assert.equal(one.split("\n").length, 2);
  });

  it("keeps newlines inside values escaped, so each record stays one line", async () => {
    const text = await render(ndjsonFormat, [{ ...ROWS[0], description: "a\nb\u2028c\u0085" }]);
    assert.equal(text.split("\n").length, 2);
    assert.equal(JSON.parse(text).description, "a\nb\u2028c\u0085");
  });

  it("writes a long list in chunks of about 64 KiB while still reading it", async () => {
    assertChunked(await chunkedWrites(ndjsonFormat, 3000), CHUNK_CHARS + 1000);
  });
});
