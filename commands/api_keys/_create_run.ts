/**
 * The run-time half of `ax api-keys create` (see create.ts): the request and
 * the hand-over of the secret. Loaded only when the command runs.
 */
import { createApiKey } from "../../api/api_keys.ts";
import type { ApiKeyCreate } from "../../api/types.ts";
import type { Context } from "../../runtime/context.ts";
import { issueKey, revokeUnsaved } from "./_deliver.ts";
import { CREATED } from "./_messages.ts";
import type { CreateOptions } from "./create.ts";

/** Creates the key and hands its secret over once. */
export function issueUserKey(options: CreateOptions, ctx: Context): Promise<void> {
  const body: ApiKeyCreate = {
    name: options.name,
    description: options.description,
    key_type: "user",
    expires_at: options.expiresAt,
  };
  return issueKey(ctx, {
    common: options.common,
    envFile: options.envFile,
    success: CREATED,
    issue: (session) =>
      session.request("Creating API key…", () => createApiKey(session.client, body)),
    onLost: (session, created) => revokeUnsaved(session, created.id),
  });
}
