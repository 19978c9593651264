/**
 * Timestamps arrive as RFC 3339 strings; each format shows them its own way.
 * Parsing is by hand (not `Date.parse`) to keep microseconds and to reject
 * impossible dates; the common `2024-01-15T10:30:00Z` shape is then passed
 * through without re-formatting.
 */

/** A point in time with microsecond precision. */
export interface Instant {
  /** Whole seconds since the Unix epoch (UTC). */
  readonly epochSeconds: number;
  /** Microseconds within the second, 0–999999. */
  readonly micros: number;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:?\d{2})?$/;
const PLAIN_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * Parses an RFC 3339 date-time. A value without an offset is taken as UTC (a
 * tolerant reader). Returns undefined for anything else, impossible dates
 * included.
 */
export function parseTimestamp(text: string): Instant | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 2024-02-30 over to March; a round trip catches that.
  if (new Date(millis).getUTCDate() !== day) return undefined;
  const micros = m[7] ? Number(m[7].slice(0, 6).padEnd(6, "0")) : 0;
  return { epochSeconds: millis / 1000 - offsetSeconds(m[8]), micros };
}

function offsetSeconds(offset: string | undefined): number {
  if (!offset || offset === "Z" || offset === "z") return 0;
  const sign = offset[0] === "-" ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60);
}

function isoSeconds(instant: Instant): string {
  return new Date(instant.epochSeconds * 1000).toISOString().slice(0, 19);
}

/** `YYYY-MM-DD HH:MM:SS` in UTC (the table's layout), or undefined when not a timestamp. */
export function toTableTime(text: string): string | undefined {
  const instant = parseTimestamp(text);
  if (!instant) return undefined;
  if (PLAIN_UTC.test(text)) return `${text.slice(0, 10)} ${text.slice(11, 19)}`;
  return isoSeconds(instant).replace("T", " ");
}

/**
 * RFC 3339 in UTC with a `Z` (`2024-01-15T10:30:00Z`; fractional seconds kept,
 * trailing zeros trimmed), or undefined when not a timestamp.
 */
export function toRfc3339Utc(text: string): string | undefined {
  const instant = parseTimestamp(text);
  if (!instant) return undefined;
  if (PLAIN_UTC.test(text)) return text;
  const fraction = instant.micros === 0
    ? ""
    : "." + String(instant.micros).padStart(6, "0").replace(/0+$/, "");
  return `${isoSeconds(instant)}${fraction}Z`;
}

/** Microseconds since the Unix epoch (parquet's TIMESTAMP(MICROS)), or undefined. */
export function toEpochMicros(text: string): bigint | undefined {
  const instant = parseTimestamp(text);
  return instant && BigInt(instant.epochSeconds) * 1_000_000n + BigInt(instant.micros);
}
