/**
 * The part of the Thrift compact protocol parquet's metadata needs: structs
 * with i32, i64, binary, string and bool fields, nested structs, and lists of
 * i32, strings and structs. Only the writer: ax never reads parquet.
 *
 * In the compact protocol each field starts with a header byte holding the
 * field type and, when the field id is 1 to 15 above the previous field's, that
 * difference; integers are zigzag varints; a struct ends with a 0 byte.
 */
import type { ByteBuffer } from "./byte_buffer.ts";

/** Compact-protocol type codes (the low nibble of a field header). */
const TYPE = {
  TRUE: 1,
  FALSE: 2,
  I32: 5,
  I64: 6,
  BINARY: 8,
  LIST: 9,
  STRUCT: 12,
} as const;

/** Below this, an i64 held in a number can be zigzagged without losing bits (2·|v|+1 < 2^53). */
const EXACT_ZIGZAG_LIMIT = 2 ** 51;

const utf8 = new TextEncoder();

/**
 * Writes Thrift compact-protocol structs into a {@link ByteBuffer}. Fields
 * must be written in increasing id order within a struct (the delta form
 * needs it, and parquet's readers expect it).
 */
export class CompactWriter {
  readonly #out: ByteBuffer;
  /** Id of the last field written in the current struct. */
  #lastId = 0;

  /** Writes into `out`, after whatever it holds. */
  constructor(out: ByteBuffer) {
    this.#out = out;
  }

  /** Writes a whole top-level struct: the fields `body` writes, then the stop byte. */
  message(body: () => void): void {
    this.#structBody(body);
  }

  /** A 32-bit signed integer field. */
  i32(id: number, value: number): void {
    this.#fieldHeader(id, TYPE.I32);
    this.#varint(zigzag32(value));
  }

  /** A 64-bit signed integer field; a number must be a safe integer. */
  i64(id: number, value: number | bigint): void {
    this.#fieldHeader(id, TYPE.I64);
    this.#i64(value);
  }

  /** A binary field: a varint length, then the bytes. */
  binary(id: number, value: Uint8Array): void {
    this.#fieldHeader(id, TYPE.BINARY);
    this.#binary(value);
  }

  /** A string field (binary holding UTF-8). */
  string(id: number, value: string): void {
    this.binary(id, utf8.encode(value));
  }

  /** A bool field: the value is the header's type code, with no bytes after it. */
  bool(id: number, value: boolean): void {
    this.#fieldHeader(id, value ? TYPE.TRUE : TYPE.FALSE);
  }

  /** A struct field whose fields `body` writes (an empty body is an empty struct). */
  struct(id: number, body: () => void): void {
    this.#fieldHeader(id, TYPE.STRUCT);
    this.#structBody(body);
  }

  /** A list<i32> field (enums are i32s). */
  i32List(id: number, values: readonly number[]): void {
    this.#listHeader(id, TYPE.I32, values.length);
    for (const value of values) this.#varint(zigzag32(value));
  }

  /** A list<string> field. */
  stringList(id: number, values: readonly string[]): void {
    this.#listHeader(id, TYPE.BINARY, values.length);
    for (const value of values) this.#binary(utf8.encode(value));
  }

  /** A list<struct> field: `body` writes the fields of the struct for each item. */
  structList<T>(id: number, items: readonly T[], body: (item: T) => void): void {
    this.#listHeader(id, TYPE.STRUCT, items.length);
    for (const item of items) this.#structBody(() => body(item));
  }

  #structBody(body: () => void): void {
    const outer = this.#lastId;
    this.#lastId = 0;
    body();
    this.#out.byte(0);
    this.#lastId = outer;
  }

  #fieldHeader(id: number, type: number): void {
    const delta = id - this.#lastId;
    if (delta > 0 && delta <= 15) {
      this.#out.byte((delta << 4) | type);
    } else {
      this.#out.byte(type);
      this.#varint(zigzag32(id));
    }
    this.#lastId = id;
  }

  #listHeader(id: number, elementType: number, size: number): void {
    this.#fieldHeader(id, TYPE.LIST);
    if (size < 15) {
      this.#out.byte((size << 4) | elementType);
    } else {
      this.#out.byte(0xf0 | elementType);
      this.#varint(size);
    }
  }

  #binary(value: Uint8Array): void {
    this.#varint(value.length);
    this.#out.append(value);
  }

  #i64(value: number | bigint): void {
    if (typeof value === "number" && Math.abs(value) < EXACT_ZIGZAG_LIMIT) {
      this.#varint(value >= 0 ? value * 2 : -value * 2 - 1);
      return;
    }
    const big = BigInt(value);
    let zigzag = big >= 0n ? big << 1n : (-big << 1n) - 1n;
    while (zigzag >= 0x80n) {
      this.#out.byte(Number(zigzag & 0x7fn) | 0x80);
      zigzag >>= 7n;
    }
    this.#out.byte(Number(zigzag));
  }

  /** An unsigned varint of a non-negative integer below 2^53. */
  #varint(value: number): void {
    // Division, not `>>>`: values may exceed 32 bits.
    while (value >= 0x80) {
      this.#out.byte((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    this.#out.byte(value);
  }
}

/** Zigzag of a 32-bit signed integer: small magnitudes of either sign become small unsigned numbers. */
function zigzag32(value: number): number {
  return ((value << 1) ^ (value >> 31)) >>> 0;
}
