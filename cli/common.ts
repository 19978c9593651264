/**
 * The options many commands share, declared once so the same flag reads and
 * behaves the same everywhere: `-o`, `-v`, `--plugin`, `--timeout` and
 * `--profile`. A declaration lists the ones it takes (`common: [...]`); its
 * handler turns them into {@link CommonOptions} with {@link parseCommon}.
 * Kept apart from session.ts so that parsing loads no settings, API or
 * format code.
 */
import { parseTimeoutSeconds } from "../config/timeout.ts";
import { checkProfileName } from "../config/profile_name.ts";
import { UsageError } from "../runtime/errors.ts";
import type { OptionSpec } from "./command.ts";

/** The name of a shared option, as a declaration lists it. */
export type CommonFlag = "output" | "verbose" | "plugin" | "timeout" | "profile";

/** The shared options' declarations. */
export const COMMON_OPTIONS: Readonly<Record<CommonFlag, OptionSpec>> = {
  output: {
    flags: "-o, --output <format|file>",
    description:
      "output format (table, wide, json, ndjson, csv, parquet, or a plugin's) or a file path " +
      "whose extension picks it (default: the profile's [output] format, else table)",
  },
  verbose: {
    flags: "-v, --verbose",
    description: "log requests, responses and timing to stderr (secrets redacted)",
  },
  plugin: {
    flags: "--plugin <path>",
    description: "load a format plugin module (repeatable)",
    repeatable: true,
  },
  timeout: {
    flags: "--timeout <seconds>",
    description: "give up on a request after this many seconds (default: AX_TIMEOUT, else 30)",
  },
  profile: {
    flags: "--profile <name>",
    description: "use this profile for this run only (default: AX_PROFILE, else the active one)",
  },
};

/** Every shared option a command that talks to the API and prints records takes. */
export const API_OUTPUT_FLAGS: readonly CommonFlag[] = [
  "output",
  "verbose",
  "plugin",
  "timeout",
  "profile",
];

/** Raw values of the shared options, as commander hands them over. */
export interface RawCommonValues {
  output?: string;
  verbose?: true;
  plugin?: string[];
  timeout?: string;
  profile?: string;
}

/** The shared options, after validation. */
export interface CommonOptions {
  /** `-o`: a format name or a file path; undefined means the profile's format, else table. */
  output?: string;
  verbose: boolean;
  /** `--plugin` paths, as given. */
  plugins: readonly string[];
  /** `--timeout` in milliseconds; undefined means AX_TIMEOUT, else 30 s. */
  timeoutMs?: number;
  /** `--profile`: undefined means AX_PROFILE, else the active profile. */
  profile?: string;
}

/** Validates the shared options. */
export function parseCommon(values: Partial<RawCommonValues>): CommonOptions {
  const common: CommonOptions = {
    output: values.output,
    verbose: values.verbose === true,
    plugins: values.plugin ?? [],
    timeoutMs: values.timeout === undefined
      ? undefined
      : parseTimeoutSeconds(values.timeout, "--timeout"),
  };
  // Only present when given, so options of commands without it compare equal.
  if (values.profile !== undefined) common.profile = checkProfileName(values.profile, "--profile");
  return common;
}

/**
 * The flags a command line printed for the user to paste (a recovery or
 * revoke command) needs to act where this run did: `--profile NAME` when
 * one was given — without it the pasted line would reach the active
 * profile's account — and with `plugins`, the `--plugin` paths an `-o`
 * naming a plugin format needs.
 */
export function followUpFlags(
  common: CommonOptions,
  options: { plugins?: boolean } = {},
): string[] {
  return [
    ...(common.profile === undefined ? [] : ["--profile", common.profile]),
    ...(options.plugins ? common.plugins.flatMap((path) => ["--plugin", path]) : []),
  ];
}

/** A value that must not be blank (a key ID, `--space`, `--cursor`): returned as given. */
export function checkNotBlank(value: string, what: string): string {
  if (value.trim() === "") throw new UsageError(`${what} must not be empty.`);
  return value;
}
