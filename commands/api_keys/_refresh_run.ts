/**
 * The run-time half of `ax api-keys refresh` (see refresh.ts): the request
 * and the hand-over of the new secret. Loaded only when the command runs.
 */
import { refreshApiKey } from "../../api/api_keys.ts";
import type { ApiKeyRefresh } from "../../api/types.ts";
import type { Context } from "../../runtime/context.ts";
import { issueKey } from "./_deliver.ts";
import { REFRESHED } from "./_messages.ts";
import { lostRefreshHints, type RefreshOptions } from "./refresh.ts";

/** Refreshes the key and hands the replacement's secret over once. */
export function refreshKey(options: RefreshOptions, ctx: Context): Promise<void> {
  const body: ApiKeyRefresh = {
    expires_at: options.expiresAt,
    grace_period_seconds: options.gracePeriodSeconds,
  };
  return issueKey(ctx, {
    common: options.common,
    envFile: options.envFile,
    success: REFRESHED,
    issue: (session) =>
      session.request(
        "Refreshing API key…",
        () => refreshApiKey(session.client, options.id, body),
      ),
    // A refresh cannot be undone, and revoking the replacement would leave
    // nothing working; refreshing the replacement again is the way back.
    onLost: (_session, created) => Promise.resolve(lostRefreshHints(options, created.id)),
  });
}
