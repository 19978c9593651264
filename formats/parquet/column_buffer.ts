/**
 * One column of the row group being built: its values in parquet's PLAIN
 * encoding, its definition levels when OPTIONAL, its null count and min/max.
 * The file writer turns each into one data page when the group is complete,
 * then resets it for the next group (buffers are kept, so steady state does
 * not allocate per group beyond the page it hands on).
 *
 * Values arrive already checked against the column type by the format
 * (formats/parquet.ts), so these classes trust them.
 */
import { ByteBuffer } from "./byte_buffer.ts";
import { writeDefinitionLevels } from "./levels.ts";

/** A non-null value for a column: a string, an integer (number or bigint) or a boolean. */
export type PlainValue = string | number | bigint | boolean;

/** What a column chunk's metadata reports about its values; min/max as PLAIN bytes. */
export interface ColumnStatistics {
  readonly nullCount: number;
  /** Absent for string columns (not computed) and for a group without values. */
  readonly min?: Uint8Array;
  readonly max?: Uint8Array;
}

/** Values and levels of one column for one row group. */
export abstract class ColumnBuffer {
  /** Rows added since the last reset, nulls included. */
  rows = 0;
  /** Null rows since the last reset. */
  nulls = 0;
  readonly #optional: boolean;
  /** One definition level per row (1 value, 0 null); only kept for OPTIONAL columns. */
  #levels = new Uint8Array(0);

  /** An OPTIONAL column when `optional`, else REQUIRED (no definition levels). */
  constructor(optional: boolean) {
    this.#optional = optional;
  }

  /** Adds the next row's value; null only for an OPTIONAL column. */
  abstract add(value: PlainValue | null): void;

  /** Min/max and null count of the values added since the last reset. */
  abstract statistics(): ColumnStatistics;

  /** Appends the uncompressed body of a DATA_PAGE (v1): definition levels, then values. */
  writePage(out: ByteBuffer): void {
    if (this.#optional) writeDefinitionLevels(this.#levels, this.rows, out);
    this.writeValues(out);
  }

  /** Starts the next row group. */
  reset(): void {
    this.rows = 0;
    this.nulls = 0;
  }

  /** Appends the PLAIN-encoded non-null values. */
  protected abstract writeValues(out: ByteBuffer): void;

  /** Records one row's definition level. */
  protected level(defined: 0 | 1): void {
    if (this.#optional) {
      if (this.rows === this.#levels.length) {
        const grown = new Uint8Array(Math.max(1024, this.rows * 2));
        grown.set(this.#levels);
        this.#levels = grown;
      }
      this.#levels[this.rows] = defined;
    }
    this.rows++;
    if (defined === 0) this.nulls++;
  }
}

/**
 * A BYTE_ARRAY (UTF-8 string) column: each value is its byte length (4 bytes,
 * little-endian) and its UTF-8 bytes. Strings are encoded as they are added,
 * while they are still in the CPU cache (the record was just parsed): encoding
 * them all when the group is complete, even with one `encodeInto` over the
 * joined strings, made the whole format 1.2 → 1.9 µs per API-key record in
 * Bun, as by then each string has to come back from memory.
 */
export class ByteArrayColumn extends ColumnBuffer {
  #values = new ByteBuffer(64 * 1024);

  /** Adds a string (the format has turned any other value into one). */
  add(value: PlainValue | null): void {
    if (value === null) {
      this.level(0);
      return;
    }
    const text = value as string;
    const length = text.length;
    const out = this.#values;
    // UTF-8 needs at most 3 bytes per UTF-16 unit. (The test is inlined: a
    // call per value showed in profiles.)
    if (out.length + 4 + length * 3 > out.bytes.length) out.reserve(4 + length * 3);
    const bytes = out.bytes;
    const start = out.length + 4;
    // ASCII, the common case for ids, names and statuses, byte by byte: a
    // native encodeInto call per short string costs more than the loop.
    let at = start;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        at = start + utf8.encodeInto(text, bytes.subarray(start)).written;
        break;
      }
      bytes[at++] = code;
    }
    out.view.setUint32(start - 4, at - start, true);
    out.length = at;
    this.level(1);
  }

  /**
   * Only the null count: string min/max are left out, as they would cost a
   * comparison of every string for pruning that a list of keys hardly needs.
   */
  statistics(): ColumnStatistics {
    return { nullCount: this.nulls };
  }

  /** Starts the next row group. */
  override reset(): void {
    super.reset();
    this.#values.reset();
  }

  protected writeValues(out: ByteBuffer): void {
    out.append(this.#values.written());
  }
}

const utf8 = new TextEncoder();

/**
 * An INT64 column (integers and microsecond timestamps). Values come as
 * numbers (safe integers: no BigInt per value) or, rarely, as bigints
 * (timestamps beyond ±2^53 µs, i.e. before 1685 or after 2255).
 */
export class Int64Column extends ColumnBuffer {
  #values = new ByteBuffer(8 * 1024);
  #min: number | bigint = 0;
  #max: number | bigint = 0;

  /** Adds an integer. */
  add(value: PlainValue | null): void {
    if (value === null) {
      this.level(0);
      return;
    }
    const int = value as number | bigint;
    // `<` compares numbers with bigints exactly, so the two can mix.
    if (this.rows === this.nulls) {
      this.#min = int;
      this.#max = int;
    } else if (int < this.#min) {
      this.#min = int;
    } else if (int > this.#max) {
      this.#max = int;
    }
    const values = this.#values;
    if (values.length + 8 > values.bytes.length) values.reserve(8);
    writeInt64(values.view, values.length, int);
    values.length += 8;
    this.level(1);
  }

  /** Null count, and min/max as 8-byte little-endian integers when any value was added. */
  statistics(): ColumnStatistics {
    if (this.rows === this.nulls) return { nullCount: this.nulls };
    return { nullCount: this.nulls, min: int64Bytes(this.#min), max: int64Bytes(this.#max) };
  }

  /** Starts the next row group. */
  override reset(): void {
    super.reset();
    this.#values.reset();
  }

  protected writeValues(out: ByteBuffer): void {
    out.append(this.#values.written());
  }
}

/** Writes a signed 64-bit little-endian integer at `at`. */
function writeInt64(view: DataView, at: number, value: number | bigint): void {
  if (typeof value === "bigint") {
    view.setBigInt64(at, value, true);
    return;
  }
  // value = high · 2^32 + low with 0 ≤ low < 2^32: the two halves of its two's complement.
  const high = Math.floor(value / 0x1_0000_0000);
  view.setUint32(at, value - high * 0x1_0000_0000, true);
  view.setInt32(at + 4, high, true);
}

function int64Bytes(value: number | bigint): Uint8Array {
  const bytes = new Uint8Array(8);
  writeInt64(new DataView(bytes.buffer), 0, value);
  return bytes;
}

/** A BOOLEAN column: PLAIN booleans are bit-packed, one bit per value, first value lowest. */
export class BooleanColumn extends ColumnBuffer {
  #bits = new ByteBuffer(512);
  /** Non-null values so far: the next value's bit index. */
  #count = 0;
  #seenTrue = false;
  #seenFalse = false;

  /** Adds a boolean. */
  add(value: PlainValue | null): void {
    if (value === null) {
      this.level(0);
      return;
    }
    const bits = this.#bits;
    const bit = this.#count & 7;
    if (bit === 0) bits.byte(0);
    if (value) {
      bits.bytes[bits.length - 1] |= 1 << bit;
      this.#seenTrue = true;
    } else {
      this.#seenFalse = true;
    }
    this.#count++;
    this.level(1);
  }

  /** Null count, and min/max as one byte (0 or 1) each when any value was added. */
  statistics(): ColumnStatistics {
    if (this.#count === 0) return { nullCount: this.nulls };
    return {
      nullCount: this.nulls,
      min: Uint8Array.of(this.#seenFalse ? 0 : 1),
      max: Uint8Array.of(this.#seenTrue ? 1 : 0),
    };
  }

  /** Starts the next row group. */
  override reset(): void {
    super.reset();
    this.#bits.reset();
    this.#count = 0;
    this.#seenTrue = false;
    this.#seenFalse = false;
  }

  protected writeValues(out: ByteBuffer): void {
    out.append(this.#bits.written());
  }
}
