/**
 * `ax api-keys create`: a new user key, which acts as the caller with the
 * caller's permissions. The secret is shown once (or written to --env-file).
 */
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
import type { ApiKeyCreate } from "../../api/types.ts";
import { issueKey, revokeUnsaved } from "./_deliver.ts";
import { revokeCommand } from "./_revoke_command.ts";
import { CREATED } from "./_messages.ts";
import { handler } from "../../cli/command.ts";

/** Options of `ax api-keys create`, after validation. */
export interface CreateOptions {
  name: string;
  description?: string;
  /** `YYYY-MM-DDTHH:MM:SSZ`, or undefined for a key that never expires. */
  expiresAt?: string;
  envFile?: string;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawCreateValues extends RawCommonValues, RawExpiryValues {
  name: string;
  description?: string;
  envFile?: string;
}

/** Validates `create`'s option values; `clock` dates `--expires-in` and refuses a past `--expires-at`. */
export function parseCreate(values: RawCreateValues, clock: { now(): Date }): CreateOptions {
  return {
    name: checkName(values.name),
    description: checkDescription(values.description),
    expiresAt: parseExpiry(values, clock.now()),
    envFile: values.envFile === undefined ? undefined : checkNotBlank(values.envFile, "--env-file"),
    common: parseCommon(values),
  };
}

/** Creates the key and hands its secret over once. */
export function runCreate(options: CreateOptions, ctx: Context): Promise<void> {
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
    onLost: (session, created) => revokeUnsaved(session, created.id, options.common),
    undo: (created) => revokeCommand([created.id], options.common),
  });
}

/** `create`'s parse and run, for its declaration in mod.ts. */
export const CREATE_HANDLER = handler(
  (input) => parseCreate(input.values as unknown as RawCreateValues, input),
  runCreate,
);
