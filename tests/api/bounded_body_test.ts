import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BodyTooLarge, MAX_BODY_BYTES, readBoundedText } from "../../api/_bounded_body.ts";

/** A body of `chunk` repeated without end, counting the chunks pulled and whether it was cancelled. */
function endless(chunk: Uint8Array) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

describe("readBoundedText", () => {
  it("reads an ordinary body whole", async () => {
    const text = JSON.stringify({ api_keys: [], pagination: { has_more: false } });
    assert.equal(await readBoundedText(new Response(text)), text);
    const chunked = new Response(new Blob([text]).stream());
    assert.equal(await readBoundedText(chunked), text);
  });

  it("decodes UTF-8 split across chunks", async () => {
    const bytes = new TextEncoder().encode("ключ ✓");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    assert.equal(await readBoundedText(new Response(stream)), "ключ ✓");
  });

  it("stops an endless body just past the ceiling and cancels it", async () => {
    const { stream, seen } = endless(new Uint8Array(64 * 1024));
    await assert.rejects(readBoundedText(new Response(stream), 1024 * 1024), BodyTooLarge);
    assert.ok(seen.pulled <= 1024 / 64 + 2, `${seen.pulled} chunks pulled`);
    assert.equal(seen.cancelled, true);
  });

  it("refuses a declared length over the ceiling without reading", async () => {
    const { stream, seen } = endless(new Uint8Array(1024));
    const response = new Response(stream, { headers: { "content-length": String(1 << 30) } });
    const pulledBefore = seen.pulled;
    await assert.rejects(readBoundedText(response, 1024 * 1024), BodyTooLarge);
    // A stream pulls ahead once when created; nothing is read after that.
    assert.ok(seen.pulled <= pulledBefore + 1, `${seen.pulled} chunks pulled`);
  });

  it("measures a compressed body by what it expands to, not by its declared length", async () => {
    const { stream } = endless(new Uint8Array(64 * 1024));
    const response = new Response(stream, {
      headers: { "content-encoding": "gzip", "content-length": "100" },
    });
    await assert.rejects(readBoundedText(response, 1024 * 1024), BodyTooLarge);
  });

  it("the default ceiling is 16 MiB", () => {
    assert.equal(MAX_BODY_BYTES, 16 * 1024 * 1024);
    assert.match(new BodyTooLarge(MAX_BODY_BYTES).message, /larger than 16 MiB/);
  });
});
