/**
 * Pure checks of option values, run before any request (QUALITY.md I1). Each
 * returns the value to send or throws a UsageError naming the option and what
 * it accepts.
 */
import { encodePathSegment } from "../../api/path.ts";
import { UsageError } from "../../runtime/errors.ts";
import { checkNotBlank } from "../../cli/common.ts";
import { parseRfc3339 } from "../../runtime/rfc3339.ts";

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

/** 0001-01-01T00:00:00Z in epoch seconds: the API takes no earlier expiry. */
const FIRST_EXPIRY_SECOND = -62_135_596_800;

/**
 * An ISO 8601 date (`2025-12-31`) or date-time (`2025-12-31T23:59[:59[.fff]]`
 * with an optional `Z` or `±HH:MM`; a space may stand for the `T`, as in the
 * `2025-12-31 23:59:59` the table prints), returned as `YYYY-MM-DDTHH:MM:SSZ` in UTC.
 * A value without an offset is UTC; a date alone means its first second.
 * Impossible dates (`2024-02-30`) are refused, not rolled over.
 */
export function parseExpiresAt(value: string): string {
  const instant = parseRfc3339(value, { offsetOptional: true, relaxed: true, shortForms: true });
  if (instant === undefined || instant.epochSeconds < FIRST_EXPIRY_SECOND) {
    throw new UsageError(
      `Invalid datetime format: '${value}'. Use ISO 8601 (e.g. '2099-12-31T23:59:59' or '2099-12-31').`,
      ["The value is for --expires-at; without an offset it is read as UTC."],
    );
  }
  // Fractions of a second are dropped: the API works in whole seconds.
  return `${new Date(instant.epochSeconds * 1000).toISOString().slice(0, 19)}Z`;
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
