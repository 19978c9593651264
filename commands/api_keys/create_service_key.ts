/**
 * `ax api-keys create-service-key`: a key scoped to one space and backed by a
 * dedicated bot user, with optional roles (the server defaults them to
 * member / read-only / member). `--space` takes a name or an ID.
 */
import type { AccountRole, OrgRole, SpaceRole } from "../../api/types.ts";
import type { Context } from "../../runtime/context.ts";
import {
  checkNotBlank,
  type CommonOptions,
  parseCommon,
  type RawCommonValues,
} from "../../cli/common.ts";
import { checkDescription, checkName } from "./_validate.ts";
import { parseExpiry, type RawExpiryValues } from "./_expiry.ts";
import { createApiKey } from "../../api/api_keys.ts";
import { resolveSpaceId } from "../../api/spaces.ts";
import type { ApiKeyCreate } from "../../api/types.ts";
import { issueKey, revokeUnsaved } from "./_deliver.ts";
import { revokeCommand } from "./_revoke_command.ts";
import { SERVICE_CREATED } from "./_messages.ts";
import { handler } from "../../cli/command.ts";

/** Options of `ax api-keys create-service-key`, after validation. */
export interface CreateServiceKeyOptions {
  name: string;
  /** A space name or ID, resolved just before the key is created. */
  space: string;
  description?: string;
  expiresAt?: string;
  spaceRole?: SpaceRole;
  orgRole?: OrgRole;
  accountRole?: AccountRole;
  envFile?: string;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawCreateServiceKeyValues extends RawCommonValues, RawExpiryValues {
  name: string;
  space: string;
  description?: string;
  spaceRole?: SpaceRole;
  orgRole?: OrgRole;
  accountRole?: AccountRole;
  envFile?: string;
}

/** Validates `create-service-key`'s option values. */
export function parseCreateServiceKey(
  values: RawCreateServiceKeyValues,
  clock: { now(): Date },
): CreateServiceKeyOptions {
  return {
    name: checkName(values.name),
    space: checkNotBlank(values.space, "--space"),
    description: checkDescription(values.description),
    expiresAt: parseExpiry(values, clock.now()),
    spaceRole: values.spaceRole,
    orgRole: values.orgRole,
    accountRole: values.accountRole,
    envFile: values.envFile === undefined ? undefined : checkNotBlank(values.envFile, "--env-file"),
    common: parseCommon(values),
  };
}

/** Resolves the space, creates the key and hands its secret over once. */
export function runCreateServiceKey(
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
    onLost: (session, created) => revokeUnsaved(session, created.id, options.common),
    undo: (created) => revokeCommand([created.id], options.common),
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

/** `create-service-key`'s parse and run, for its declaration in mod.ts. */
export const CREATE_SERVICE_KEY_HANDLER = handler(
  (input) => parseCreateServiceKey(input.values as unknown as RawCreateServiceKeyValues, input),
  runCreateServiceKey,
);
