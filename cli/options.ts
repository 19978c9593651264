/**
 * Options shared by the api-keys commands, built once so the same flag reads
 * and behaves the same everywhere (`-o`, `-v`, `--plugin`, `--timeout`,
 * `--expires-at`, `--env-file`), plus the enum options whose values shell
 * completion reads from `option.argChoices`.
 */
import { Option } from "@commander-js/extra-typings";
import type { Context } from "../runtime/context.ts";
import { enumParser, MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH } from "../commands/api_keys/_validate.ts";

/** Raw values of the options every record-printing command has. */
export interface RawCommonValues {
  output?: string;
  verbose?: true;
  plugin?: string[];
  timeout?: string;
}

/** An enum option: help and completion list `values`; any case is accepted, lower case kept. */
export function enumOption<const F extends string, const T extends string>(
  flags: F,
  details: { description: string; values: readonly T[] },
) {
  return new Option(flags, details.description)
    .choices(details.values)
    .argParser(enumParser(details.values));
}

/** `-o, --output`: a format name or a file whose extension picks the format. */
export function outputOption() {
  return new Option(
    "-o, --output <format|file>",
    "output format (table, json, ndjson, csv, parquet, or a plugin's) or a file path " +
      "whose extension picks it (default: the profile's [output] format, else table)",
  );
}

/** `-v, --verbose`: request and response logs on stderr, secrets redacted. */
export function verboseOption() {
  return new Option(
    "-v, --verbose",
    "log requests, responses and timing to stderr (secrets redacted)",
  );
}

/** `--plugin PATH`, repeatable: extra user format plugins for `-o`. */
export function pluginOption() {
  return new Option("--plugin <path>", "load a format plugin module (repeatable)")
    .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
}

/** `--timeout SECONDS`: per-request timeout, overriding AX_TIMEOUT. */
export function timeoutOption() {
  return new Option(
    "--timeout <seconds>",
    "give up on a request after this many seconds (default: AX_TIMEOUT, else 30)",
  );
}

/** `--expires-at`: an ISO 8601 date or date-time; without an offset it is UTC. */
export function expiresAtOption(description: string) {
  return new Option("--expires-at <iso8601>", description);
}

/** `-n, --name` (required) of a new key. */
export function nameOption() {
  return new Option("-n, --name <name>", `name of the key (1-${MAX_NAME_LENGTH} characters)`)
    .makeOptionMandatory();
}

/** `--description` of a new key. */
export function descriptionOption() {
  return new Option(
    "--description <text>",
    `description (at most ${MAX_DESCRIPTION_LENGTH} characters)`,
  );
}

/** `--expires-at` of a new key (create, create-service-key). */
export function newKeyExpiresAtOption() {
  return expiresAtOption(
    "expiry as an ISO 8601 date or date-time, UTC unless an offset is given " +
      "(e.g. 2025-12-31T23:59:59); without it the key never expires",
  );
}

/** Help text after the options of the commands that create a key. */
export const SHOWN_ONCE_HELP =
  "The raw key is shown once, on stdout. Save it: it cannot be retrieved again.\n";

/** `--env-file FILE`: write the secret to a dotenv file instead of stdout. */
export function envFileOption() {
  return new Option(
    "--env-file <file>",
    "write ARIZE_API_KEY=<key> to this dotenv file (mode 0600, other lines kept) " +
      "instead of printing the key",
  );
}

/**
 * How a command file is wired into the program: the context (for TTY facts)
 * and what to do with the validated options. `mod.ts` passes the real `run`;
 * parse tests pass one that records the options.
 */
export interface Wiring<T> {
  ctx: Context;
  run(options: T, ctx: Context): Promise<void>;
}
