/**
 * The run-time half of `ax api-keys revoke` (see revoke.ts): the prompt and
 * the request. Loaded only when the command runs.
 */
import { revokeApiKey } from "../../api/api_keys.ts";
import { showPrereleaseNotice } from "../../config/notices.ts";
import type { Context } from "../../runtime/context.ts";
import {
  announce,
  NOT_REVOKED,
  REVOKE_QUESTION,
  REVOKE_WARNING,
  revokedMessage,
} from "./_messages.ts";
import { openSession } from "../../cli/session.ts";
import type { RevokeOptions } from "./revoke.ts";

/** Asks (unless forced), then revokes. */
export async function revokeKey(options: RevokeOptions, ctx: Context): Promise<void> {
  const session = await openSession(ctx, { common: options.common, output: false });
  try {
    await showPrereleaseNotice(session.ctx, "api-keys");
    if (!options.force) {
      await announce(ctx, REVOKE_WARNING);
      if (!(await ctx.prompter.confirm(REVOKE_QUESTION, false))) {
        await announce(ctx, NOT_REVOKED);
        return;
      }
    }
    await session.request("Revoking API key…", () => revokeApiKey(session.client, options.id));
    await announce(ctx, revokedMessage(options.id));
  } finally {
    await session.close();
  }
}
