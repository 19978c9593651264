/** Profile names: the rule and its check, shared by commands and settings. */
import { UsageError } from "../runtime/errors.ts";

/** Letters, digits, `_` and `-`: safe as a file name on every OS. */
export const PROFILE_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

/** The profile used when none is named. */
export const DEFAULT_PROFILE = "default";

/** True when `name` is a valid profile name. */
export function isProfileName(name: string): boolean {
  return PROFILE_NAME_PATTERN.test(name);
}

/**
 * Returns `name` when valid; otherwise throws a UsageError that names where the
 * value came from (`origin`, e.g. `AX_PROFILE` or `profile name`).
 */
export function checkProfileName(name: string, origin = "profile name"): string {
  if (isProfileName(name)) return name;
  throw new UsageError(
    `Invalid ${origin} '${name}': use only letters, digits, '_' and '-'.`,
  );
}
