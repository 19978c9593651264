/**
 * The expiry of a new or refreshed key (issue 13): `--expires-at` as a date
 * or date-time, or `--expires-in DURATION` from now. Either is checked
 * before any request, a moment in the past included (the server would
 * refuse it after a round trip).
 */
import type { OptionSpec } from "../../cli/command.ts";
import { UsageError } from "../../runtime/errors.ts";
import { DURATION_FORMS, parseDuration } from "./_duration.ts";
import { parseExpiresAt } from "./_validate.ts";
import { timestampMs } from "../../runtime/rfc3339.ts";

/** Raw values of the two expiry options. */
export interface RawExpiryValues {
  expiresAt?: string;
  expiresIn?: string;
}

/** `--expires-in DURATION` (create, create-service-key, refresh). */
export function expiresInOption(what = "the key"): OptionSpec {
  return {
    flags: "--expires-in <duration>",
    description: `expire ${what} this long from now (${DURATION_FORMS}; not with --expires-at)`,
  };
}

/** `YYYY-MM-DDTHH:MM:SSZ`: the whole-second UTC form the API is sent. */
function wireTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * The expiry to send, `YYYY-MM-DDTHH:MM:SSZ`, or undefined for none. `now`
 * is the run's clock: `--expires-in` counts from it, and an `--expires-at`
 * not after it is refused.
 */
export function parseExpiry(values: RawExpiryValues, now: Date): string | undefined {
  if (values.expiresAt !== undefined && values.expiresIn !== undefined) {
    throw new UsageError("--expires-at and --expires-in cannot be used together.", [
      "Give a date with --expires-at, or a duration from now with --expires-in (e.g. 90d).",
    ]);
  }
  if (values.expiresIn !== undefined) {
    const ms = parseDuration(values.expiresIn, "--expires-in");
    return wireTime(new Date(Math.floor(now.getTime() / 1000) * 1000 + ms));
  }
  if (values.expiresAt === undefined) return undefined;
  const expiresAt = parseExpiresAt(values.expiresAt);
  if (timestampMs(expiresAt) <= now.getTime()) {
    throw new UsageError(
      `--expires-at '${values.expiresAt}' is in the past (it is now ${wireTime(now)}).`,
      ["Give a later date, or a duration from now with --expires-in (e.g. --expires-in 90d)."],
    );
  }
  return expiresAt;
}
