/**
 * The one RFC 3339 date-time parser, for the CLI (output formats,
 * `--expires-at`, the api-keys filters, sort, audit and refresh) and the
 * emulator (request bodies, `--clock`) alike. It imports nothing, so the
 * emulator can use it without loading CLI code.
 *
 * Every caller gets the same calendar: the proleptic Gregorian calendar,
 * years 0000–9999 (after the offset is applied, too), seconds 00–59. A leap
 * second (`23:59:60`) is refused: no output format can store it faithfully
 * (parquet's microsecond count has no room for it), so ax treats it like any
 * other impossible time.
 *
 * @module
 */

/** A point in time with microsecond precision. */
export interface Instant {
  /** Whole seconds since the Unix epoch (UTC). */
  readonly epochSeconds: number;
  /** Microseconds within the second, 0–999999 (digits beyond six are dropped). */
  readonly micros: number;
}

/** What a caller accepts beyond strict RFC 3339 (`2024-01-15T10:30:00Z`, `…T12:30:00.5+02:00`). */
export interface Rfc3339Options {
  /** A value without an offset is read as UTC (else it is refused). */
  readonly offsetOptional?: boolean;
  /**
   * Also a space instead of the `T` and an offset without its colon
   * (`+0100`): the tolerant reading of values a server sends.
   */
  readonly relaxed?: boolean;
  /**
   * ISO 8601's shortened forms people type: a date alone (its first second,
   * UTC; never with an offset) and a time without seconds (`2025-12-31T23:59`).
   */
  readonly shortForms?: boolean;
}

/**
 * How a timestamp a server sent is read wherever ax reads one: an offset may
 * be missing (the value is UTC) and a space may stand for the `T`.
 */
export const SERVER_TIMESTAMP: Rfc3339Options = { offsetOptional: true, relaxed: true };

/**
 * Milliseconds since the Unix epoch of a timestamp a server sent (read as
 * {@link SERVER_TIMESTAMP}; digits below the millisecond dropped), or NaN
 * when it is absent or no date-time: comparisons with NaN are false, so an
 * unreadable time never matches a filter.
 */
export function timestampMs(text: string | undefined): number {
  if (text === undefined) return Number.NaN;
  const instant = parseRfc3339(text, SERVER_TIMESTAMP);
  return instant === undefined ? Number.NaN : instantMs(instant);
}

/** Milliseconds since the Unix epoch of `instant` (digits below the millisecond dropped). */
export function instantMs(instant: Instant): number {
  return instant.epochSeconds * 1000 + Math.floor(instant.micros / 1000);
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:([Tt ])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?:([Zz])|([+-])(\d{2})(:?)(\d{2}))?$/;

/** 0000-01-01T00:00:00Z and the first second after 9999-12-31T23:59:59Z, in epoch seconds. */
const FIRST_SECOND = -62_167_219_200;
const AFTER_LAST_SECOND = 253_402_300_800;

/**
 * Parses an RFC 3339 date-time (plus what `options` allows). Undefined for
 * anything else: impossible dates (`2024-02-30`), hours over 23, minutes or
 * seconds over 59, offsets over 23:59, and instants outside years 0000–9999
 * in UTC.
 */
export function parseRfc3339(text: string, options: Rfc3339Options = {}): Instant | undefined {
  const plain = plainUtcSeconds(text);
  if (plain !== undefined) return { epochSeconds: plain, micros: 0 };
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, separator, h, mi, s, fraction, zulu, sign, oh, colon, om] = m;
  if (separator === undefined) {
    // A date alone: only as a short form, and then without an offset.
    if (!options.shortForms || zulu !== undefined || sign !== undefined) return undefined;
  } else {
    if (separator === " " && !options.relaxed) return undefined;
    if (s === undefined && !options.shortForms) return undefined;
    if (zulu === undefined && sign === undefined && !options.offsetOptional) return undefined;
  }
  if (sign !== undefined && colon === "" && !options.relaxed) return undefined;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (sign !== undefined) {
    const offsetHours = Number(oh);
    const offsetMinutes = Number(om);
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    offset = (sign === "-" ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const epochSeconds = utcSeconds(year, month, day) + hour * 3600 + minute * 60 + second - offset;
  if (epochSeconds < FIRST_SECOND || epochSeconds >= AFTER_LAST_SECOND) return undefined;
  const micros = fraction === undefined ? 0 : Number(fraction.slice(0, 6).padEnd(6, "0"));
  return { epochSeconds, micros };
}

/**
 * Epoch seconds of a real date-time in the common `2024-01-15T10:30:00Z`
 * shape, or undefined for anything else (other shapes take the regular
 * expression's way). Read character by character in one pass, not by a
 * regular expression: this runs for every timestamp cell of a long list.
 */
export function plainUtcSeconds(text: string): number | undefined {
  if (
    text.length !== 20 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d ||
    text.charCodeAt(10) !== 0x54 || text.charCodeAt(13) !== 0x3a ||
    text.charCodeAt(16) !== 0x3a || text.charCodeAt(19) !== 0x5a
  ) {
    return undefined;
  }
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const year = century * 100 + yearOfCentury;
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  // A non-digit makes its pair -1 (see twoDigits), so the lower bounds check digits too.
  if (century < 0 || yearOfCentury < 0) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  return utcSeconds(year, month, day) + hour * 3600 + minute * 60 + second;
}

/** The two decimal digits at `at` as a number, or -1 if either is not a digit. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 0x30;
  const ones = text.charCodeAt(at + 1) - 0x30;
  // `>>> 0` turns a negative difference into a huge one: one test per side.
  return (tens >>> 0) > 9 || (ones >>> 0) > 9 ? -1 : tens * 10 + ones;
}

/**
 * Seconds from the Unix epoch to midnight UTC of a date in the proleptic
 * Gregorian calendar. Arithmetic (Howard Hinnant's days-from-civil) rather
 * than `Date.UTC`: faster, and right for years 0–99, which `Date.UTC` takes
 * as 1900–1999.
 */
function utcSeconds(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year; // Years start in March: leap days come last.
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) +
    dayOfYear;
  return (era * 146097 + dayOfEra - 719468) * 86400;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}
