/**
 * `ax api-keys refresh <key-id>`: atomically revokes a key and issues a
 * replacement with the same name, description, type and scope. With a grace
 * period the old key keeps working a little longer so clients can rotate.
 */
import type { Context } from "../../runtime/context.ts";
import { type CommonOptions, parseCommon, type RawCommonValues } from "../../cli/common.ts";
import { checkKeyId, checkNotBlank, parseExpiresAt, parseGracePeriod } from "./_validate.ts";
import { refreshApiKey } from "../../api/api_keys.ts";
import type { ApiKeyRefresh } from "../../api/types.ts";
import { issueKey } from "./_deliver.ts";
import { REFRESHED } from "./_messages.ts";
import { handler } from "../../cli/command.ts";

/** Options of `ax api-keys refresh`, after validation. */
export interface RefreshOptions {
  id: string;
  expiresAt?: string;
  gracePeriodSeconds?: number;
  envFile?: string;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawRefreshValues extends RawCommonValues {
  expiresAt?: string;
  gracePeriodSeconds?: string;
  envFile?: string;
}

/** Validates `refresh`'s arguments. */
export function parseRefresh(
  input: { id: string; values: RawRefreshValues },
): RefreshOptions {
  const { values } = input;
  return {
    id: checkKeyId(input.id),
    expiresAt: values.expiresAt === undefined ? undefined : parseExpiresAt(values.expiresAt),
    gracePeriodSeconds: values.gracePeriodSeconds === undefined
      ? undefined
      : parseGracePeriod(values.gracePeriodSeconds),
    envFile: values.envFile === undefined ? undefined : checkNotBlank(values.envFile, "--env-file"),
    common: parseCommon(values),
  };
}

/** What happened, and the one command that recovers, when a refreshed secret was not saved. */
export function lostRefreshHints(options: RefreshOptions, newId: string): string[] {
  const grace = options.gracePeriodSeconds ?? 0;
  const oldKey = grace > 0
    ? `The old key '${options.id}' stays valid for up to ${grace} seconds (grace period).`
    : `The old key '${options.id}' is revoked.`;
  const flags = [
    ...(options.expiresAt ? ["--expires-at", options.expiresAt] : []),
    ...(options.envFile ? ["--env-file", options.envFile] : []),
    ...(options.common.output ? ["-o", options.common.output] : []),
  ];
  return [
    `The key was refreshed, but its replacement '${newId}' could not be saved. ${oldKey}`,
    "To recover, fix the problem, then rotate the unsaved replacement (same name, description and scope):",
    `  ax api-keys refresh ${[newId, ...flags].map(shellWord).join(" ")}`,
  ];
}

/** Quotes a word for a POSIX shell when it needs it, so the hint can be pasted. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Refreshes the key and hands the replacement's secret over once. */
export function runRefresh(options: RefreshOptions, ctx: Context): Promise<void> {
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

/** `refresh`'s parse and run, for its declaration in mod.ts. */
export const REFRESH_HANDLER = handler(
  (input) =>
    parseRefresh({ id: input.args[0] as string, values: input.values as RawRefreshValues }),
  runRefresh,
);
