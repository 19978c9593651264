/**
 * DURATION values (`90d`, `2w`, `12h`, `30m`, `45s`) of the key-hygiene
 * options (`--expires-within`, `--unused-for`, `--expires-in`), checked
 * before any request (I1, docs/reliability.md).
 */
import { UsageError } from "../../runtime/errors.ts";

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** The longest duration accepted: about 1000 years keeps every date in range. */
const MAX_MS = 1000 * 365 * 86_400_000;

/** What the help of a DURATION option says it accepts. */
export const DURATION_FORMS = "<n>s|m|h|d|w, e.g. 90d, 2w, 12h";

/**
 * A duration `<n><unit>` with n a positive whole number and unit one of
 * s, m, h, d, w (case-insensitive), in milliseconds. `option` names the
 * flag in the error.
 */
export function parseDuration(value: string, option: string): number {
  const match = /^(\d+)([smhdw])$/i.exec(value.trim());
  const amount = match ? Number(match[1]) : 0;
  const ms = match ? amount * UNIT_MS[match[2].toLowerCase()] : 0;
  if (match && ms > MAX_MS) {
    throw new UsageError(`${option} is too long: at most 1000 years (365000d), got '${value}'.`, [
      "Give a shorter duration such as 90d, 2w or 12h.",
    ]);
  }
  if (!match || amount < 1) {
    throw new UsageError(
      `${option} must be a positive duration such as 90d, 2w, 12h, 30m or 45s, got '${value}'.`,
      ["A duration is a whole number followed by one unit: s, m, h, d (days) or w (weeks)."],
    );
  }
  return ms;
}

/** A span of time in words for messages: `3 days`, `5 hours`, `1 minute`. */
export function spanInWords(ms: number): string {
  const abs = Math.abs(ms);
  const [amount, unit] = abs >= 2 * 86_400_000
    ? [Math.floor(abs / 86_400_000), "day"]
    : abs >= 2 * 3_600_000
    ? [Math.floor(abs / 3_600_000), "hour"]
    : [Math.max(1, Math.floor(abs / 60_000)), "minute"];
  return `${amount} ${unit}${amount === 1 ? "" : "s"}`;
}
