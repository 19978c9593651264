/**
 * A growable byte array the parquet writer's pieces append to. Its fields are
 * public because the hot loops (column values) write into `bytes` directly
 * after one `reserve`, rather than paying a method call per byte.
 */

/** Bytes appended at `length`; the array doubles when it runs out of room. */
export class ByteBuffer {
  /** Backing array; replaced when it grows, so do not hold on to it across a reserve. */
  bytes: Uint8Array;
  /** A view of `bytes` for multi-byte little-endian writes. */
  view: DataView;
  /** Bytes written so far. */
  length = 0;

  /** Starts with room for `capacity` bytes. */
  constructor(capacity = 1024) {
    this.bytes = new Uint8Array(capacity);
    this.view = new DataView(this.bytes.buffer);
  }

  /** Makes room for `extra` more bytes after `length`. */
  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const bytes = new Uint8Array(capacity);
    bytes.set(this.bytes.subarray(0, this.length));
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer);
  }

  /** Appends one byte. */
  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  /** Appends an unsigned 32-bit little-endian number. */
  uint32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }

  /** Appends a copy of `bytes`. */
  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** The bytes written so far, as a view (valid until the next write or reset). */
  written(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  /** Forgets the contents but keeps the capacity, for the next row group. */
  reset(): void {
    this.length = 0;
  }
}
