/**
 * Pure checks of option values, run before any request (QUALITY.md I1). Each
 * returns the value to send or throws a UsageError naming the option and what
 * it accepts.
 */
import { encodePathSegment } from "../../api/path.ts";
import { UsageError } from "../../runtime/errors.ts";

/** The longest name the API accepts, in Unicode code points. */
export const MAX_NAME_LENGTH = 256;
/** The longest description the API accepts, in Unicode code points. */
export const MAX_DESCRIPTION_LENGTH = 1000;
/** The longest grace period the API accepts: 24 hours. */
export const MAX_GRACE_PERIOD_SECONDS = 86_400;

/**
 * Length as the server counts it: Unicode code points, so an emoji or a CJK
 * character is one, whatever its UTF-16 or UTF-8 size.
 */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** A key name: not blank, at most 256 characters. */
export function checkName(value: string): string {
  if (value.trim() === "") {
    throw new UsageError("--name must not be empty.", [
      `Give the key a name of 1 to ${MAX_NAME_LENGTH} characters, e.g. --name "CI pipeline key".`,
    ]);
  }
  const length = codePointLength(value);
  if (length > MAX_NAME_LENGTH) {
    throw new UsageError(
      `--name is too long: ${length} characters (at most ${MAX_NAME_LENGTH}).`,
    );
  }
  return value;
}

/** An optional description: at most 1000 characters. */
export function checkDescription(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const length = codePointLength(value);
  if (length > MAX_DESCRIPTION_LENGTH) {
    throw new UsageError(
      `--description is too long: ${length} characters (at most ${MAX_DESCRIPTION_LENGTH}).`,
    );
  }
  return value;
}

const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * An ISO 8601 date (`2025-12-31`) or date-time (`2025-12-31T23:59[:59[.fff]]`
 * with an optional `Z` or `±HH:MM`), returned as `YYYY-MM-DDTHH:MM:SSZ` in UTC.
 * A value without an offset is UTC; a date alone means its first second.
 * Impossible dates (`2024-02-30`) are refused, not rolled over.
 */
export function parseExpiresAt(value: string): string {
  const fail = () =>
    new UsageError(
      `Invalid datetime format: '${value}'. Use ISO 8601 (e.g. '2025-12-31T23:59:59' or '2025-12-31').`,
      ["The value is for --expires-at; without an offset it is read as UTC."],
    );
  const match = DATETIME.exec(value);
  if (!match) throw fail();
  const [, y, mo, d, h = "0", mi = "0", s = "0", , offset = "Z"] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw fail();
  if (hour > 23 || minute > 59 || second > 59) throw fail();
  let offsetMinutes = 0;
  if (offset !== "Z") {
    const [oh, om] = offset.slice(1).split(":").map(Number);
    if (oh > 23 || om > 59) throw fail();
    offsetMinutes = (offset.startsWith("-") ? -1 : 1) * (oh * 60 + om);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, 0);
  const utcYear = date.getUTCFullYear();
  if (utcYear < 1 || utcYear > 9999) throw fail();
  // Fractions of a second are dropped: the API works in whole seconds.
  return `${String(utcYear).padStart(4, "0")}-${date.toISOString().slice(5, 19)}Z`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `--grace-period-seconds`: a whole number of seconds from 0 to 86400 (24 hours). */
export function parseGracePeriod(value: string): number {
  const seconds = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds <= MAX_GRACE_PERIOD_SECONDS)) {
    throw new UsageError(
      `--grace-period-seconds must be a whole number from 0 to ${MAX_GRACE_PERIOD_SECONDS}, got '${value}'.`,
    );
  }
  return seconds;
}

/**
 * A key ID: not blank, and usable as one path segment (`.` and `..` are
 * refused; everything else is percent-encoded by the client, I2).
 */
export function checkKeyId(value: string): string {
  checkNotBlank(value, "The key ID");
  encodePathSegment(value);
  return value;
}

/** A non-blank positional or option value such as a key ID or `--space`. */
export function checkNotBlank(value: string, what: string): string {
  if (value.trim() === "") throw new UsageError(`${what} must not be empty.`);
  return value;
}
