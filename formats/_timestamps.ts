/**
 * Timestamps arrive as RFC 3339 strings; each format shows them its own way.
 * They are read by the one parser (runtime/rfc3339.ts), tolerantly: a value
 * without an offset is UTC, a space may stand for the `T`. The common
 * `2024-01-15T10:30:00Z` shape is passed through without re-formatting.
 */
import {
  type Instant,
  parseRfc3339,
  plainUtcSeconds,
  SERVER_TIMESTAMP,
} from "../runtime/rfc3339.ts";

export type { Instant };

/**
 * Parses an RFC 3339 date-time the way the formats do: a value without an
 * offset is taken as UTC. Undefined for anything else, impossible dates,
 * leap seconds and years outside 0000–9999 included.
 */
export function parseTimestamp(text: string): Instant | undefined {
  return parseRfc3339(text, SERVER_TIMESTAMP);
}

/** True for a text in the plain `2024-01-15T10:30:00Z` shape that is a real date-time. */
function isPlainUtc(text: string): boolean {
  return plainUtcSeconds(text) !== undefined;
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
  const seconds = plainUtcSeconds(text);
  if (seconds !== undefined) return BigInt(seconds) * 1_000_000n;
  const instant = parseTimestamp(text);
  return instant && BigInt(instant.epochSeconds) * 1_000_000n + BigInt(instant.micros);
}

/**
 * {@link toEpochMicros} as a number, for writers that would otherwise make a
 * BigInt per value. Undefined when the text is not a timestamp, and also when
 * the count is not a safe integer (beyond ±2^53 µs: before 1685 or after
 * 2255); callers then fall back to {@link toEpochMicros}.
 */
export function toEpochMicrosNumber(text: string): number | undefined {
  const seconds = plainUtcSeconds(text);
  let micros: number;
  if (seconds !== undefined) {
    micros = seconds * 1_000_000;
  } else {
    const instant = parseTimestamp(text);
    if (!instant) return undefined;
    micros = instant.epochSeconds * 1_000_000 + instant.micros;
  }
  // Exact whenever the true value is safe; a rounded product of an unsafe
  // value is itself unsafe, so nothing inexact gets through.
  return Number.isSafeInteger(micros) ? micros : undefined;
}
