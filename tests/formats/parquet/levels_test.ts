import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readRleBitPackedHybrid } from "hyparquet/src/encoding.js";
import { ByteBuffer } from "../../../formats/parquet/byte_buffer.ts";
import { writeDefinitionLevels } from "../../../formats/parquet/levels.ts";

function encode(levels: number[]): number[] {
  const out = new ByteBuffer(8);
  writeDefinitionLevels(Uint8Array.from(levels), levels.length, out);
  return [...out.written()];
}

/** Reads levels back with hyparquet's (independent) hybrid decoder, length prefix included. */
function decode(bytes: number[], count: number): number[] {
  const view = new DataView(Uint8Array.from(bytes).buffer);
  const reader = { view, offset: 0 };
  const output = new Array<number>(count);
  readRleBitPackedHybrid(reader, 1, output);
  assert.equal(reader.offset, bytes.length, "the length prefix covers exactly the runs");
  return output;
}

describe("definition levels", () => {
  it("writes a long run of one level as one RLE run after the 4-byte length", () => {
    // 4096 values: header varint(4096 << 1) = 0x80 0x40, then the value byte.
    assert.deepEqual(encode(new Array(4096).fill(1)), [3, 0, 0, 0, 0x80, 0x40, 1]);
    assert.deepEqual(encode(new Array(10).fill(0)), [2, 0, 0, 0, 20, 0]);
  });

  it("bit-packs mixed levels in groups of 8, first level in the lowest bit", () => {
    // One group: header (1 << 1 | 1) = 3, then 0b0000_0101 (the last 5 are padding).
    assert.deepEqual(encode([1, 0, 1]), [2, 0, 0, 0, 3, 0b101]);
    assert.deepEqual(encode([0, 1, 1, 0, 1, 0, 0, 1, 1]), [3, 0, 0, 0, 5, 0b1001_0110, 0b1]);
  });

  it("mixes runs and groups so that any pattern reads back the same", () => {
    let state = 7;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const patterns: number[][] = [
      [],
      [0],
      [1],
      [...new Array(20).fill(1), 0, 1, 0, ...new Array(9).fill(0), 1],
      [1, 0, ...new Array(30).fill(1), 0, 0, 1, ...new Array(8).fill(0)],
      Array.from({ length: 4096 }, () => (next() < 0.3 ? 0 : 1)),
      Array.from({ length: 5000 }, (_, i) => (Math.floor(i / 37) % 2 === 0 ? 1 : 0)),
    ];
    for (const levels of patterns) {
      assert.deepEqual(decode(encode(levels), levels.length), levels, `${levels.length} levels`);
    }
  });

  it("ignores levels past the count left over in a reused array", () => {
    const levels = Uint8Array.of(1, 0, 1, 1, 1, 1, 1, 1, 1, 1);
    const out = new ByteBuffer(8);
    writeDefinitionLevels(levels, 3, out);
    assert.deepEqual([...out.written()], [2, 0, 0, 0, 3, 0b101]);
  });
});
