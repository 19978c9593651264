/**
 * `ax api-keys revoke …` as ax prints it for the user to paste: the undo of a
 * new key, the run that skips a prompt, the IDs behind a name.
 */
import { type CommonOptions, followUpFlags } from "../../cli/common.ts";
import { shellCommand } from "../../runtime/shell_quote.ts";

/**
 * Revokes `ids`: shell-quoted, carrying the `--profile` this run used, with
 * `--force` unless `force` is false (the user is then asked as usual).
 */
export function revokeCommand(
  ids: readonly string[],
  common: CommonOptions,
  force = true,
): string {
  return shellCommand([
    "ax",
    "api-keys",
    "revoke",
    ...ids,
    ...(force ? ["--force"] : []),
    ...followUpFlags(common),
  ]);
}
