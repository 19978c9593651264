import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { deserializeTCompactProtocol } from "hyparquet/src/thrift.js";
import { ByteBuffer } from "../../../formats/parquet/byte_buffer.ts";
import { CompactWriter } from "../../../formats/parquet/thrift_compact.ts";

/** The bytes of one top-level struct whose fields `body` writes. */
function encode(body: (thrift: CompactWriter) => void): number[] {
  const out = new ByteBuffer(16);
  const thrift = new CompactWriter(out);
  thrift.message(() => body(thrift));
  return [...out.written()];
}

/** Reads the bytes back with hyparquet's (independent) compact-protocol reader. */
function decode(bytes: number[]): Record<string, unknown> {
  const view = new DataView(Uint8Array.from(bytes).buffer);
  return deserializeTCompactProtocol({ view, offset: 0 });
}

describe("thrift compact writer", () => {
  it("zigzags i32s into varints", () => {
    const cases: [number, number[]][] = [
      [0, [0x00]],
      [-1, [0x01]],
      [1, [0x02]],
      [-64, [0x7f]],
      [64, [0x80, 0x01]],
      [2147483647, [0xfe, 0xff, 0xff, 0xff, 0x0f]],
      [-2147483648, [0xff, 0xff, 0xff, 0xff, 0x0f]],
    ];
    for (const [value, varint] of cases) {
      // Field 1, type i32 (5), delta 1 → header 0x15; then the varint; then stop.
      assert.deepEqual(encode((t) => t.i32(1, value)), [0x15, ...varint, 0x00], String(value));
    }
  });

  it("zigzags i64s exactly, from numbers and from bigints", () => {
    assert.deepEqual(encode((t) => t.i64(1, -3)), [0x16, 0x05, 0x00]);
    const values: (number | bigint)[] = [
      0,
      4096,
      -1,
      2 ** 32,
      -(2 ** 40) - 7,
      2 ** 53 - 1, // past the exact-by-arithmetic limit: goes the BigInt way
      -(2 ** 53 - 1),
      2n ** 63n - 1n,
      -(2n ** 63n),
    ];
    for (const value of values) {
      assert.equal(decode(encode((t) => t.i64(1, value))).field_1, BigInt(value), String(value));
    }
  });

  it("writes a field id as a delta when it is 1–15 above the last, else in full", () => {
    const bytes = encode((t) => {
      t.i32(1, 0); // delta 1
      t.i32(16, 0); // delta 15: still short
      t.i32(40, 0); // delta 24: type byte, then zigzag(40) = 80
      t.i32(41, 0); // delta 1 again
    });
    assert.deepEqual(bytes, [0x15, 0, 0xf5, 0, 0x05, 80, 0, 0x15, 0, 0x00]);
    assert.deepEqual(decode(bytes), { field_1: 0, field_16: 0, field_40: 0, field_41: 0 });
  });

  it("restarts field deltas inside a nested struct and resumes them after it", () => {
    const bytes = encode((t) => {
      t.i32(2, 7);
      t.struct(3, () => t.i32(1, 5));
      t.i32(4, 9);
    });
    assert.deepEqual(bytes, [0x25, 14, 0x1c, 0x15, 10, 0x00, 0x15, 18, 0x00]);
    assert.deepEqual(decode(bytes), { field_2: 7, field_3: { field_1: 5 }, field_4: 9 });
  });

  it("writes bools in the field header, strings as UTF-8 and empty structs", () => {
    const bytes = encode((t) => {
      t.bool(1, true);
      t.bool(2, false);
      t.string(3, "été");
      t.struct(4, () => {});
    });
    assert.deepEqual(bytes.slice(0, 2), [0x11, 0x12]);
    const decoded = decode(bytes);
    assert.equal(decoded.field_1, true);
    assert.equal(decoded.field_2, false);
    assert.equal(new TextDecoder().decode(decoded.field_3 as Uint8Array), "été");
    assert.deepEqual(decoded.field_4, {});
  });

  it("writes lists of i32s, strings and structs, short and long", () => {
    const many = Array.from({ length: 20 }, (_, i) => i - 10);
    const bytes = encode((t) => {
      t.i32List(1, [0, 3]);
      t.i32List(2, many);
      t.stringList(3, ["id"]);
      t.structList(4, [1, 2], (n) => t.i64(1, n));
    });
    // A short list's header holds size and element type in one byte: 2 × i32 → 0x25.
    assert.deepEqual(bytes.slice(0, 4), [0x19, 0x25, 0, 6]);
    const decoded = decode(bytes);
    assert.deepEqual(decoded.field_1, [0, 3]);
    assert.deepEqual(decoded.field_2, many);
    assert.deepEqual(
      (decoded.field_3 as Uint8Array[]).map((b) => new TextDecoder().decode(b)),
      ["id"],
    );
    assert.deepEqual(decoded.field_4, [{ field_1: 1n }, { field_1: 2n }]);
  });
});
