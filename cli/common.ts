/**
 * The options every api-keys command shares, and their validation. Kept
 * apart from _session.ts so that registering and parsing a command (all that
 * `--help` and shell completion do) loads no settings, API or format code.
 */
import { parseTimeoutSeconds } from "../config/timeout.ts";
import type { RawCommonValues } from "./options.ts";

/** The options every api-keys command shares, after validation. */
export interface CommonOptions {
  /** `-o`: a format name or a file path; undefined means the profile's format, else table. */
  output?: string;
  verbose: boolean;
  /** `--plugin` paths, as given. */
  plugins: readonly string[];
  /** `--timeout` in milliseconds; undefined means AX_TIMEOUT, else 30 s. */
  timeoutMs?: number;
}

/** Validates the shared options (`--timeout` is the only one that can be wrong here). */
export function parseCommon(values: Partial<RawCommonValues>): CommonOptions {
  return {
    output: values.output,
    verbose: values.verbose === true,
    plugins: values.plugin ?? [],
    timeoutMs: values.timeout === undefined
      ? undefined
      : parseTimeoutSeconds(values.timeout, "--timeout"),
  };
}
