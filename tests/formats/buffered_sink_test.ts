import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { bufferedSink, CHUNK_CHARS } from "../../formats/_buffered_sink.ts";
import type { Sink } from "../../formats/types.ts";

/** A sink recording every write it receives. */
function recorder(): Sink & { writes: (string | Uint8Array)[] } {
  const writes: (string | Uint8Array)[] = [];
  return {
    writes,
    isTerminal: false,
    width: undefined,
    write(chunk) {
      writes.push(chunk);
      return Promise.resolve();
    },
  };
}

describe("bufferedSink", () => {
  it("passes text on in chunks of at least CHUNK_CHARS, nothing lost or reordered", async () => {
    const inner = recorder();
    const sink = bufferedSink(inner);
    const line = "x".repeat(999) + "\n";
    for (let i = 0; i < 200; i++) await sink.write(line);
    await sink.flush();
    assert.equal(inner.writes.join(""), line.repeat(200));
    const sizes = inner.writes.map((w) => w.length);
    assert.ok(sizes.slice(0, -1).every((n) => n >= CHUNK_CHARS && n < CHUNK_CHARS + 1000));
    assert.ok(inner.writes.length < 5);
  });

  it("add() writes nothing and says when a chunk is full", async () => {
    const inner = recorder();
    const sink = bufferedSink(inner);
    assert.equal(sink.add("a".repeat(CHUNK_CHARS - 1)), false);
    assert.equal(sink.add("b"), true);
    assert.equal(inner.writes.length, 0);
    await sink.flush();
    await sink.flush(); // nothing left: no empty write
    assert.equal(inner.writes.length, 1);
  });

  it("runs finish once per chunk, and passes bytes on after the text before them", async () => {
    const inner = recorder();
    const sink = bufferedSink(inner, (text) => text.toUpperCase());
    sink.add("ab");
    await sink.write(new Uint8Array([1, 2]));
    await sink.write("cd");
    await sink.flush();
    assert.deepEqual(inner.writes, ["AB", new Uint8Array([1, 2]), "CD"]);
  });
});
