/**
 * The profile commands would use right now, for marking it in `list` and
 * `show`. Tolerant: a broken selection (dangling active profile, bad
 * AX_PROFILE) is reported as a warning, not an error, so listing still works.
 */
import { selectProfile } from "../../config/profile_select.ts";
import type { Context } from "../../runtime/context.ts";
import { AxError } from "../../runtime/errors.ts";
import { announce } from "../../cli/messages.ts";

/** The name of the profile in use, or undefined (with a warning when the selection is broken). */
export async function currentProfileName(ctx: Context): Promise<string | undefined> {
  try {
    return (await selectProfile(ctx))?.name;
  } catch (error) {
    if (!(error instanceof AxError)) throw error;
    await announce(ctx, `⚠ Warning: ${error.message}`);
    return undefined;
  }
}
