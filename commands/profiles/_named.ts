/**
 * The profile `show` and `validate` act on: named as their argument, or with
 * `--profile NAME` as every command that talks to the API takes it (people
 * type `ax profiles validate --profile prod` after `ax api-keys list
 * --profile prod`). Undefined means the profile in use.
 */
import { checkProfileName } from "../../config/profile_name.ts";
import { UsageError } from "../../runtime/errors.ts";

/** The checked profile name from the argument or `--profile`; a usage error when they differ. */
export function namedProfile(
  argument: string | undefined,
  flag: string | undefined,
): string | undefined {
  if (argument !== undefined && flag !== undefined && argument !== flag) {
    throw new UsageError(
      `Two profiles named: '${argument}' (argument) and '${flag}' (--profile); name one.`,
    );
  }
  if (flag !== undefined) return checkProfileName(flag, "--profile");
  return argument === undefined ? undefined : checkProfileName(argument);
}
