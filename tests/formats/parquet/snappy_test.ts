import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { snappyUncompress } from "hyparquet";
import { SnappyCompressor } from "../../../formats/parquet/snappy.ts";

/** A seeded generator, so a failing input can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

function randomBytes(length: number, seed: number): Uint8Array {
  const next = random(seed);
  return Uint8Array.from({ length }, () => Math.floor(next() * 256));
}

function repeated(text: string, length: number): Uint8Array {
  const unit = new TextEncoder().encode(text);
  return Uint8Array.from({ length }, (_, i) => unit[i % unit.length]);
}

/** API-key-shaped PLAIN strings: the data the compressor sees most. */
function keyStrings(count: number): Uint8Array {
  const parts: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < count; i++) {
    const text = encoder.encode(
      `QXBpS2V5OjEw${(100000 + i).toString(36)} key for service ${i % 97}`,
    );
    parts.push(text.length, 0, 0, 0, ...text);
  }
  return Uint8Array.from(parts);
}

/** Compresses, then decompresses with hyparquet's (independent) decoder. */
function roundTrip(compressor: SnappyCompressor, input: Uint8Array): Uint8Array {
  const compressed = compressor.compress(input).slice();
  const output = new Uint8Array(input.length);
  snappyUncompress(compressed, output);
  assert.deepEqual(output, input);
  // The reference's worst case: 32 + n + n/6.
  assert.ok(compressed.length <= 32 + input.length + input.length / 6, "within the bound");
  return compressed;
}

describe("snappy compressor", () => {
  it("round-trips inputs of every shape through hyparquet's decompressor", () => {
    const compressor = new SnappyCompressor();
    const cases: [string, Uint8Array][] = [
      ["empty", new Uint8Array(0)],
      ["one byte", Uint8Array.of(42)],
      ["shorter than the match margin", repeated("abcab", 14)],
      ["just past the margin", repeated("ab", 16)],
      ["random", randomBytes(1000, 1)],
      ["incompressible, several blocks", randomBytes(200_000, 2)],
      ["repetitive", repeated("hello world, snappy! ", 10_000)],
      ["zeros (long copies)", new Uint8Array(100_000)],
      ["API-key strings past 64 KiB", keyStrings(5000)],
    ];
    for (const [name, input] of cases) {
      assert.doesNotThrow(() => roundTrip(compressor, input), name);
    }
  });

  it("starts with the uncompressed length as a varint", () => {
    const compressed = new SnappyCompressor().compress(new Uint8Array(300));
    assert.deepEqual([...compressed.subarray(0, 2)], [0xac, 0x02]); // 300 = 0b10_0101100
  });

  it("writes short input as one literal", () => {
    const compressed = new SnappyCompressor().compress(Uint8Array.of(1, 2, 3));
    // Length 3, then a literal tag for 3 bytes ((3 − 1) << 2), then the bytes.
    assert.deepEqual([...compressed], [3, 8, 1, 2, 3]);
  });

  it("compresses repetition and leaves random bytes about as they are", () => {
    const compressor = new SnappyCompressor();
    const repetitive = roundTrip(compressor, repeated("active,revoked,", 100_000));
    assert.ok(repetitive.length < 6_000, `100 kB of a repeated word → ${repetitive.length} bytes`);
    const noise = roundTrip(compressor, randomBytes(100_000, 3));
    assert.ok(noise.length >= 100_000, "nothing to gain in random bytes");
  });

  it("does not refer back further than 64 KiB, where a copy offset cannot reach", () => {
    // The same 1000 bytes twice, 70 000 random bytes apart: the second copy
    // must go out as a literal (or match something nearer), never as a copy
    // with an offset that does not fit in two bytes.
    const block = randomBytes(1000, 4);
    const input = new Uint8Array(72_000);
    input.set(block, 0);
    input.set(randomBytes(70_000, 5), 1000);
    input.set(block, 71_000);
    roundTrip(new SnappyCompressor(), input);
  });

  it("can be reused: each call's result is right even after a larger one", () => {
    const compressor = new SnappyCompressor();
    roundTrip(compressor, keyStrings(3000));
    roundTrip(compressor, repeated("xyz", 50));
    roundTrip(compressor, keyStrings(10));
  });
});
