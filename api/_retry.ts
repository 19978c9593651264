/**
 * Retry policy (N2): which answers deserve another attempt, how long to wait
 * (exponential backoff with full jitter), and how to read `Retry-After`.
 */

/** Attempts per idempotent request, the first one included. */
export const MAX_ATTEMPTS = 3;

/** Statuses that mean "try again later" rather than "you asked wrongly". */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

/**
 * Delay before retry number `retry` (1 for the first retry): a uniform draw
 * in [0, min(cap, base·2^(retry-1))). Full jitter keeps many clients that
 * failed together from retrying together.
 */
export function backoffMs(retry: number, random: number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (retry - 1));
  return Math.round(random * ceiling);
}

/**
 * Seconds a `Retry-After` value asks for: delta-seconds, or an HTTP-date
 * measured from `now` (a date in the past means 0). Undefined when absent
 * or unreadable, so the caller falls back to backoff.
 */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // An HTTP-date always names a weekday and GMT; insisting on letters keeps
  // values like "1.5" or "-3" (invalid) from being read as dates.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = new Date(text).getTime();
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
