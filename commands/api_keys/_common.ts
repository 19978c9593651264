/**
 * The options every api-keys command shares, and their validation. Kept
 * apart from _session.ts so that registering and parsing a command (all that
 * `--help` and shell completion do) loads no settings, API or format code.
 */
import type { RawCommonValues } from "./_options.ts";

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

/**
 * Validates the shared options (`--timeout` is the only one that can be
 * wrong here). The settings module that knows the timeout rules is loaded
 * only when `--timeout` was given.
 */
export async function parseCommon(values: Partial<RawCommonValues>): Promise<CommonOptions> {
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const { parseTimeoutSeconds } = await import("../../config/settings.ts");
    timeoutMs = parseTimeoutSeconds(values.timeout, "--timeout");
  }
  return {
    output: values.output,
    verbose: values.verbose === true,
    plugins: values.plugin ?? [],
    timeoutMs,
  };
}
