/**
 * The emulator's clock: real time shifted by an offset that tests move with
 * the admin route `POST /__emulator/clock`, so expiry and grace periods are
 * tested without sleeping.
 */

/** A clock whose reading can be set or advanced while time keeps flowing. */
export interface EmulatorClock {
  /** Current emulated time in epoch milliseconds. */
  now(): number;
  /** Moves the clock so that `now()` reads `epochMs` at this instant. */
  set(epochMs: number): void;
  /** Moves the clock forward (or back, when negative) by `seconds`. */
  advance(seconds: number): void;
}

/** Options of {@link createClock}. */
export interface ClockOptions {
  /** The real time source, in epoch milliseconds. */
  realNow: () => number;
  /** What the clock reads at creation; defaults to the real time. */
  start?: number;
}

/** Creates a clock that follows `realNow` from `start`. */
export function createClock(options: ClockOptions): EmulatorClock {
  const { realNow } = options;
  let offset = options.start === undefined ? 0 : options.start - realNow();
  return {
    now: () => realNow() + offset,
    set(epochMs) {
      offset = epochMs - realNow();
    },
    advance(seconds) {
      offset += seconds * 1000;
    },
  };
}

/** Epoch milliseconds rounded down to the whole second, as timestamps are shown. */
export function toWholeSecond(epochMs: number): number {
  return Math.floor(epochMs / 1000) * 1000;
}

/** RFC 3339 in UTC: `2026-06-01T12:00:00Z`, with milliseconds only when not zero. */
export function formatTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}
