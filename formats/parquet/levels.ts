/**
 * Definition levels of an OPTIONAL column in a DATA_PAGE (v1): 1 where a row
 * has a value, 0 where it is null, in parquet's RLE/bit-packed hybrid encoding
 * with bit width 1, after the 4-byte little-endian length a v1 page puts
 * before its levels. (REQUIRED columns have no levels at all.)
 *
 * The hybrid is a sequence of runs: an RLE run (a varint `count << 1`, then
 * the value in one byte) or a bit-packed run (a varint `groups << 1 | 1`,
 * then 8 values per byte per group, first value in the lowest bit).
 */
import type { ByteBuffer } from "./byte_buffer.ts";

/** A run of equal levels at least this long is worth an RLE run (2–4 bytes) over bits. */
const MIN_RLE_RUN = 8;

/**
 * Appends the first `count` entries of `levels` (each 0 or 1) to `out`,
 * length prefix first. Equal levels in runs of 8 or more become RLE runs (a
 * column that is all values or all nulls takes a few bytes); the rest are
 * bit-packed in groups of 8, the last group padded with zeros, which readers
 * ignore as they know the page's value count.
 */
export function writeDefinitionLevels(levels: Uint8Array, count: number, out: ByteBuffer): void {
  out.uint32(0); // Patched below, once the length is known.
  const start = out.length;
  // Bit-packed runs must cover whole groups of 8, so a pending run is only
  // cut where it spans a multiple of 8 levels: at `packedFrom + 8k`.
  let packedFrom = -1;
  let i = 0;
  while (i < count) {
    const value = levels[i];
    let run = 1;
    while (i + run < count && levels[i + run] === value) run++;
    if (run >= MIN_RLE_RUN) {
      if (packedFrom >= 0) writeBitPacked(levels, packedFrom, i, count, out);
      packedFrom = -1;
      writeVarint(out, run * 2);
      out.byte(value);
      i += run;
    } else {
      if (packedFrom < 0) packedFrom = i;
      i += 8;
    }
  }
  if (packedFrom >= 0) writeBitPacked(levels, packedFrom, i, count, out);
  out.view.setUint32(start - 4, out.length - start, true);
}

/** One bit-packed run of levels[from, to) (to − from a multiple of 8); levels at or past `count` are 0. */
function writeBitPacked(
  levels: Uint8Array,
  from: number,
  to: number,
  count: number,
  out: ByteBuffer,
): void {
  const groups = (to - from) / 8;
  writeVarint(out, groups * 2 + 1);
  out.reserve(groups);
  for (let at = from; at < to; at += 8) {
    let byte = 0;
    for (let bit = 0; bit < 8 && at + bit < count; bit++) byte |= levels[at + bit] << bit;
    out.bytes[out.length++] = byte;
  }
}

function writeVarint(out: ByteBuffer, value: number): void {
  while (value >= 0x80) {
    out.byte((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  out.byte(value);
}
