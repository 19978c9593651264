import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ByteBuffer } from "../../../formats/parquet/byte_buffer.ts";
import {
  BooleanColumn,
  ByteArrayColumn,
  type ColumnBuffer,
  Int64Column,
  type PlainValue,
} from "../../../formats/parquet/column_buffer.ts";

/** The uncompressed page body a column writes after `values` were added. */
function page(column: ColumnBuffer, values: (PlainValue | null)[]): Uint8Array {
  for (const value of values) column.add(value);
  const out = new ByteBuffer(4);
  column.writePage(out);
  return out.written().slice();
}

/** Splits PLAIN BYTE_ARRAY values back into strings. */
function plainStrings(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const strings: string[] = [];
  for (let at = 0; at < bytes.length;) {
    const length = view.getUint32(at, true);
    strings.push(
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(at + 4, at + 4 + length)),
    );
    at += 4 + length;
  }
  return strings;
}

function int64s(bytes: Uint8Array): bigint[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 8 }, (_, i) => view.getBigInt64(i * 8, true));
}

describe("column buffers", () => {
  it("write strings as a 4-byte length and UTF-8, ASCII or not", () => {
    const strings = [
      "plain",
      "",
      "héllo",
      "日本語のキー",
      "🔑 key",
      "e\u0301", // e + combining acute
      "mixed ascii then ü",
      "\u0000 and \u007f",
    ];
    const bytes = page(new ByteArrayColumn(false), strings);
    assert.deepEqual([...bytes.subarray(0, 9)], [5, 0, 0, 0, 0x70, 0x6c, 0x61, 0x69, 0x6e]);
    assert.deepEqual(plainStrings(bytes), strings);
    const emoji = new TextEncoder().encode("🔑 key");
    assert.ok(bytes.length > emoji.length, "4-byte emoji counted in bytes, not UTF-16 units");
  });

  it("replace a lone surrogate as TextEncoder does", () => {
    const bytes = page(new ByteArrayColumn(false), ["a\ud800b"]);
    assert.deepEqual(plainStrings(bytes), ["a\ufffdb"]);
  });

  it("put definition levels before the values of an OPTIONAL column, and count nulls", () => {
    const column = new ByteArrayColumn(true);
    const bytes = page(column, ["a", null, "b"]);
    // Levels: length 2, one bit-packed group 0b101; then the two values.
    assert.deepEqual([...bytes], [2, 0, 0, 0, 3, 0b101, 1, 0, 0, 0, 0x61, 1, 0, 0, 0, 0x62]);
    assert.deepEqual(column.statistics(), { nullCount: 1 });
    assert.equal(column.rows, 3);
  });

  it("write INT64 from numbers and bigints, with min and max", () => {
    const values = [5, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 0, -(2 ** 32), 2 ** 32 + 1, -(2n ** 60n)];
    const column = new Int64Column(false);
    assert.deepEqual(int64s(page(column, values)), values.map((v) => BigInt(v)));
    const { nullCount, min, max } = column.statistics();
    assert.equal(nullCount, 0);
    assert.deepEqual(int64s(min!), [-(2n ** 60n)]);
    assert.deepEqual(int64s(max!), [2n ** 53n - 1n]);
  });

  it("leave min and max out when a group has only nulls", () => {
    const column = new Int64Column(true);
    page(column, [null, null]);
    assert.deepEqual(column.statistics(), { nullCount: 2 });
  });

  it("bit-pack booleans, first value lowest, with min and max", () => {
    const column = new BooleanColumn(false);
    const bytes = page(column, [true, false, true, true, false, false, false, false, true]);
    assert.deepEqual([...bytes], [0b0000_1101, 0b1]);
    assert.deepEqual(column.statistics(), {
      nullCount: 0,
      min: Uint8Array.of(0),
      max: Uint8Array.of(1),
    });
    column.reset();
    page(column, [true]);
    assert.deepEqual(column.statistics().min, Uint8Array.of(1), "all true: min is true");
  });

  it("start empty again after a reset", () => {
    const column = new ByteArrayColumn(true);
    page(column, ["first group", null]);
    column.reset();
    const bytes = page(column, ["x"]);
    assert.deepEqual([...bytes], [2, 0, 0, 0, 3, 0b1, 1, 0, 0, 0, 0x78]);
    assert.deepEqual(column.statistics(), { nullCount: 0 });
  });
});
