/**
 * Times as people read them on a terminal: `in 12 days`, `3 months ago`,
 * `just now`. Other formats (and `-o wide`) keep absolute UTC times.
 */
import { parseTimestamp } from "./_timestamps.ts";

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

// Largest unit first; each applies from one whole unit up. Months are 30
// days and years 365: a table cell needs the order of magnitude, not the
// calendar. The precision is what the distance is rounded to before it is
// counted in the unit: a key made with `--expires-in 90d` and listed a
// second later is 89.99 days away, which reads "in 3 months" (as gh and
// kubectl users expect), not "in 2 months"; a one-year key reads "in 1 year".
const UNITS: readonly [seconds: number, name: string, precision: number][] = [
  [YEAR, "year", DAY],
  [MONTH, "month", DAY],
  [DAY, "day", HOUR],
  [HOUR, "hour", MINUTE],
  [MINUTE, "minute", 1],
];

/**
 * How far `then` is from `now` in the largest whole unit, after rounding
 * to the next smaller unit (see UNITS): `in 12 days`, `3 months ago`,
 * `1 year ago`; less than a minute either way is `just now`.
 */
export function relativeTime(then: Date, now: Date): string {
  const seconds = Math.trunc((then.getTime() - now.getTime()) / 1000);
  const distance = Math.abs(seconds);
  if (distance < MINUTE) return "just now";
  for (const [size, name, precision] of UNITS) {
    const rounded = Math.round(distance / precision) * precision;
    if (rounded < size) continue;
    const count = Math.floor(rounded / size);
    const amount = `${count} ${name}${count === 1 ? "" : "s"}`;
    return seconds > 0 ? `in ${amount}` : `${amount} ago`;
  }
  return "just now";
}

/** {@link relativeTime} of an RFC 3339 text, or undefined when it is not a timestamp. */
export function relativeTimestamp(text: string, now: Date): string | undefined {
  const instant = parseTimestamp(text);
  return instant && relativeTime(new Date(instant.epochSeconds * 1000), now);
}
