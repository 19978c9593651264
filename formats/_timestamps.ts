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

/**
 * Parses an RFC 3339 date-time. A value without an offset is taken as UTC (a
 * tolerant reader). Returns undefined for anything else, impossible dates
 * included.
 */
export function parseTimestamp(text: string): Instant | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = Date.UTC(year, month - 1, day, hour, minute, second);
  const micros = m[7] ? Number(m[7].slice(0, 6).padEnd(6, "0")) : 0;
  return { epochSeconds: millis / 1000 - offsetSeconds(m[8]), micros };
}

/** Two digits at `at`; the caller has checked they are digits. */
function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

// Positions of the digits and separators of `2024-01-15T10:30:00Z`.
const PLAIN_UTC_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const PLAIN_UTC_SEPARATORS: readonly [number, number][] = [
  [4, 0x2d], // -
  [7, 0x2d], // -
  [10, 0x54], // T
  [13, 0x3a], // :
  [16, 0x3a], // :
  [19, 0x5a], // Z
];

/**
 * True for a real date-time in the common `2024-01-15T10:30:00Z` shape (other
 * shapes take parseTimestamp's way). Read character by character, not by a
 * regular expression: this runs for every timestamp cell of a long list.
 */
function isPlainUtc(text: string): boolean {
  if (text.length !== 20) return false;
  for (const [at, code] of PLAIN_UTC_SEPARATORS) if (text.charCodeAt(at) !== code) return false;
  for (const at of PLAIN_UTC_DIGITS) {
    const code = text.charCodeAt(at);
    if (code < 0x30 || code > 0x39) return false;
  }
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) &&
    twoDigits(text, 11) <= 23 && twoDigits(text, 14) <= 59 && twoDigits(text, 17) <= 59;
}

/** Epoch milliseconds of a text {@link isPlainUtc} accepted. */
function plainUtcMillis(text: string): number {
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  return Date.UTC(
    year,
    twoDigits(text, 5) - 1,
    twoDigits(text, 8),
    twoDigits(text, 11),
    twoDigits(text, 14),
    twoDigits(text, 17),
  );
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
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
  if (isPlainUtc(text)) return `${text.slice(0, 10)} ${text.slice(11, 19)}`;
  const instant = parseTimestamp(text);
  return instant && isoSeconds(instant).replace("T", " ");
}

/**
 * RFC 3339 in UTC with a `Z` (`2024-01-15T10:30:00Z`; fractional seconds kept,
 * trailing zeros trimmed), or undefined when not a timestamp.
 */
export function toRfc3339Utc(text: string): string | undefined {
  if (isPlainUtc(text)) return text;
  const instant = parseTimestamp(text);
  if (!instant) return undefined;
  const fraction = instant.micros === 0
    ? ""
    : "." + String(instant.micros).padStart(6, "0").replace(/0+$/, "");
  return `${isoSeconds(instant)}${fraction}Z`;
}

/** Microseconds since the Unix epoch (parquet's TIMESTAMP(MICROS)), or undefined. */
export function toEpochMicros(text: string): bigint | undefined {
  // Whole seconds: the microseconds are a multiple of 1000, exact in a number.
  if (isPlainUtc(text)) return BigInt(plainUtcMillis(text) * 1000);
  const instant = parseTimestamp(text);
  return instant && BigInt(instant.epochSeconds) * 1_000_000n + BigInt(instant.micros);
}
