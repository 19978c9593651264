/**
 * The local filters of `ax api-keys list` (`--expires-within`,
 * `--never-expires`, `--unused-for`, `--name`): what the options say, checked
 * before any request, and the predicate a listed key is tested with as pages
 * arrive. "Now" is read once per run from the context's clock.
 */
import type { ApiKey } from "../../api/types.ts";
import { UsageError } from "../../runtime/errors.ts";
import { timestampMs } from "../../runtime/rfc3339.ts";
import { parseDuration } from "./_duration.ts";

/** The local filters, validated; durations in milliseconds. */
export interface KeyFilterSpec {
  /** Keys with an expiry earlier than now + this (expired ones included). */
  expiresWithinMs?: number;
  /** Keys without an expiry. */
  neverExpires?: boolean;
  /** Keys last used before now − this, or never used and created before then. */
  unusedForMs?: number;
  /** A case-insensitive glob over the whole name (`*` any run, `?` one character). */
  name?: string;
}

/** Raw values of the filter options as commander hands them over. */
export interface RawKeyFilterValues {
  expiresWithin?: string;
  neverExpires?: true;
  unusedFor?: string;
  name?: string;
}

/** Validates the filter options; undefined when none was given. */
export function parseKeyFilter(values: RawKeyFilterValues): KeyFilterSpec | undefined {
  if (values.expiresWithin !== undefined && values.neverExpires) {
    throw new UsageError("--expires-within and --never-expires cannot be used together.", [
      "A key either has an expiry (--expires-within) or has none (--never-expires).",
    ]);
  }
  if (values.name !== undefined && values.name === "") {
    throw new UsageError("--name must not be empty.", [
      "Use a glob such as 'ci-*' or '*staging*'.",
    ]);
  }
  const spec: KeyFilterSpec = {
    expiresWithinMs: values.expiresWithin === undefined
      ? undefined
      : parseDuration(values.expiresWithin, "--expires-within"),
    neverExpires: values.neverExpires === true ? true : undefined,
    unusedForMs: values.unusedFor === undefined
      ? undefined
      : parseDuration(values.unusedFor, "--unused-for"),
    name: values.name,
  };
  return Object.values(spec).some((v) => v !== undefined) ? spec : undefined;
}

/** The predicate of `spec` at the instant `now`. */
export function keyFilter(spec: KeyFilterSpec, now: Date): (key: ApiKey) => boolean {
  const nowMs = now.getTime();
  const tests: ((key: ApiKey) => boolean)[] = [];
  if (spec.expiresWithinMs !== undefined) {
    const before = nowMs + spec.expiresWithinMs;
    tests.push((key) => timestampMs(key.expires_at) < before);
  }
  if (spec.neverExpires) tests.push((key) => key.expires_at === undefined);
  if (spec.unusedForMs !== undefined) {
    const cutoff = nowMs - spec.unusedForMs;
    tests.push((key) =>
      key.last_used_at === undefined
        ? timestampMs(key.created_at) < cutoff
        : timestampMs(key.last_used_at) < cutoff
    );
  }
  if (spec.name !== undefined) {
    const pattern = globPattern(spec.name);
    tests.push((key) => pattern.test(key.name));
  }
  if (tests.length === 1) return tests[0];
  return (key) => tests.every((test) => test(key));
}

/**
 * A case-insensitive whole-string matcher for a glob: `*` any run of
 * characters, `?` exactly one (an emoji counts as one), everything else
 * literal.
 */
export function globPattern(glob: string): RegExp {
  let source = "";
  for (const char of glob) {
    if (char === "*") source += ".*";
    else if (char === "?") source += ".";
    else source += char.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "isu");
}
