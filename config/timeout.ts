/**
 * Request timeouts (N1): the default, the limit and the parser shared by
 * `--timeout` and `AX_TIMEOUT`. Apart from settings.ts so that parsing a
 * command's options loads no profile code.
 */
import { UsageError } from "../runtime/errors.ts";

/** Default per-request timeout (N1). */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Largest accepted timeout; longer ones overflow timers. */
export const MAX_TIMEOUT_SECONDS = 86_400;

/**
 * Parses a timeout in seconds (`AX_TIMEOUT`, `--timeout`) into milliseconds.
 * `origin` names the variable or option in the UsageError.
 */
export function parseTimeoutSeconds(value: string, origin: string): number {
  const text = value.trim();
  const seconds = /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN;
  if (!(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(
      `Invalid ${origin} '${value}': use a positive number of seconds up to ${MAX_TIMEOUT_SECONDS} (e.g. 30 or 2.5).`,
    );
  }
  return Math.max(1, Math.round(seconds * 1000));
}
