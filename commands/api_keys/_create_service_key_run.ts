/**
 * The run-time half of `ax api-keys create-service-key` (see
 * create_service_key.ts): the space lookup, the request and the hand-over of
 * the secret. Loaded only when the command runs.
 */
import { createApiKey } from "../../api/api_keys.ts";
import { resolveSpaceId } from "../../api/spaces.ts";
import type { ApiKeyCreate } from "../../api/types.ts";
import type { Context } from "../../runtime/context.ts";
import { issueKey, revokeUnsaved } from "./_deliver.ts";
import { SERVICE_CREATED } from "./_messages.ts";
import type { CreateServiceKeyOptions } from "./create_service_key.ts";

/** Resolves the space, creates the key and hands its secret over once. */
export function issueServiceKey(
  options: CreateServiceKeyOptions,
  ctx: Context,
): Promise<void> {
  return issueKey(ctx, {
    common: options.common,
    envFile: options.envFile,
    success: SERVICE_CREATED,
    async issue(session) {
      const spaceId = await session.request(
        "Looking up the space…",
        () => resolveSpaceId(session.client, options.space),
      );
      const body: ApiKeyCreate = {
        name: options.name,
        description: options.description,
        key_type: "service",
        expires_at: options.expiresAt,
        space_id: spaceId,
        roles: rolesOf(options),
      };
      return await session.request(
        "Creating service API key…",
        () => createApiKey(session.client, body),
      );
    },
    onLost: (session, created) => revokeUnsaved(session, created.id),
  });
}

/** The `roles` member: only the roles given, and none at all when no role was given. */
function rolesOf(options: CreateServiceKeyOptions): ApiKeyCreate["roles"] {
  const roles = {
    ...(options.spaceRole && { space_role: options.spaceRole }),
    ...(options.orgRole && { org_role: options.orgRole }),
    ...(options.accountRole && { account_role: options.accountRole }),
  };
  return Object.keys(roles).length > 0 ? roles : undefined;
}
