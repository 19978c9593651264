/**
 * `ax api-keys refresh <key-id>`: atomically revokes a key and issues a
 * replacement with the same name, description, type and scope. With a grace
 * period the old key keeps working a little longer so clients can rotate.
 *
 * A replacement may not outlive the key it replaces: for a key that expires
 * the API answers 422 unless `expires_at` is sent, no later than the old
 * expiry. ax sends the request as given first (most keys never expire, and
 * then one request is all it takes). On a 422 it looks the key's expiry up
 * (findKeyExpiry in _key_lookup.ts): without `--expires-at` it refreshes
 * again with that expiry — the replacement keeps the old key's lifetime, and
 * stderr says so; with a too-late `--expires-at` it names the latest allowed
 * one. The 422 did
 * nothing on the server, so the second request is not a retry of the first
 * (N3, docs/reliability.md#n3: an answered refusal is no ambiguous outcome).
 */
import type { Context } from "../../runtime/context.ts";
import { ApiError } from "../../runtime/errors.ts";
import { shellCommand } from "../../runtime/shell_quote.ts";
import {
  checkNotBlank,
  type CommonOptions,
  followUpFlags,
  parseCommon,
  type RawCommonValues,
} from "../../cli/common.ts";
import { checkKeyId, parseGracePeriod } from "./_validate.ts";
import { parseExpiry, type RawExpiryValues } from "./_expiry.ts";
import { refreshApiKey } from "../../api/api_keys.ts";
import type { ApiKeyCreated, ApiKeyRefresh } from "../../api/types.ts";
import { announce } from "../../cli/messages.ts";
import type { Session } from "../../cli/session.ts";
import { findKeyExpiry } from "./_key_lookup.ts";
import { timestampMs } from "../../runtime/rfc3339.ts";
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
export interface RawRefreshValues extends RawCommonValues, RawExpiryValues {
  gracePeriodSeconds?: string;
  envFile?: string;
}

/** Validates `refresh`'s arguments. */
export function parseRefresh(
  input: { id: string; values: RawRefreshValues },
  clock: { now(): Date },
): RefreshOptions {
  const { values } = input;
  return {
    id: checkKeyId(input.id),
    expiresAt: parseExpiry(values, clock.now()),
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
  return [
    `The key was refreshed, but its replacement '${newId}' could not be saved. ${oldKey}`,
    "To recover, fix the problem, then rotate the unsaved replacement (same name, description and scope):",
    `  ${recoveryCommand(options, newId)}`,
  ];
}

/**
 * `ax api-keys refresh <new-id> …`, shell-quoted, with this refresh's own
 * destination and expiry (and `--profile`, `--plugin`): it rotates an
 * unsaved replacement into a fresh key with the same name, description and
 * scope, and delivers that one the same way.
 */
export function recoveryCommand(options: RefreshOptions, newId: string): string {
  const flags = [
    ...(options.expiresAt ? ["--expires-at", options.expiresAt] : []),
    ...(options.envFile ? ["--env-file", options.envFile] : []),
    ...(options.common.output ? ["-o", options.common.output] : []),
    ...followUpFlags(options.common, { plugins: options.common.output !== undefined }),
  ];
  return shellCommand(["ax", "api-keys", "refresh", newId, ...flags]);
}

/**
 * What to do when the refresh may or may not have happened (a timeout,
 * Ctrl-C, a cut answer: N3). Not create's "revoke any key you don't hold":
 * if it happened the old key is revoked, and revoking the replacement too
 * would leave nothing working; rotating the replacement gets its secret.
 */
export function unknownRefreshHints(options: RefreshOptions): string[] {
  const flags = followUpFlags(options.common);
  const ax = (...words: string[]) => shellCommand(["ax", "api-keys", ...words, ...flags]);
  return [
    `If it did, '${options.id}' is revoked (after any grace period) and a replacement with the ` +
    "same name exists that nobody holds: do not revoke it, rotate it.",
    `  ${ax("get", options.id)}   (status revoked: the refresh happened; note the name)`,
    `  ${ax("list", "--name", "NAME")}   (the active key of that name is the replacement)`,
    `  ${ax("refresh", "REPLACEMENT_ID")}   (prints its new secret)`,
  ];
}

/** Refreshes the key and hands the replacement's secret over once. */
export function runRefresh(options: RefreshOptions, ctx: Context): Promise<void> {
  return issueKey(ctx, {
    common: options.common,
    envFile: options.envFile,
    success: REFRESHED,
    issue: (session) => refreshWithinLifetime(session, options),
    // A refresh cannot be undone, and revoking the replacement would leave
    // nothing working; refreshing the replacement again is the way back.
    onLost: (_session, created) => Promise.resolve(lostRefreshHints(options, created.id)),
    undo: (created) => recoveryCommand(options, created.id),
  });
}

async function refreshWithinLifetime(
  session: Session,
  options: RefreshOptions,
): Promise<ApiKeyCreated> {
  const body: ApiKeyRefresh = {
    expires_at: options.expiresAt,
    grace_period_seconds: options.gracePeriodSeconds,
  };
  const send = (sent: ApiKeyRefresh) =>
    session.request(
      "Refreshing API key…",
      () => refreshApiKey(session.client, options.id, sent, unknownRefreshHints(options)),
    );
  try {
    return await send(body);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 422) throw error;
    const expiry = await session.request(
      "Looking up the key's expiry…",
      () => findKeyExpiry(session.client, options.id),
    ).catch(() => undefined);
    const expiresMs = typeof expiry === "string" ? timestampMs(expiry) : NaN;
    // No expiry, or one already past: the 422 is about something else.
    if (expiry === null || expiresMs <= session.ctx.now().getTime()) throw error;
    if (Number.isNaN(expiresMs)) {
      // Not found (a revoked key is not listed as active): guess at expiry
      // only when the server did not name another cause ("the key is revoked").
      throw mayBeAboutExpiry(error) ? withHint(error, unknownExpiryHint(options)) : error;
    }
    if (options.expiresAt === undefined) {
      await announce(
        session.ctx,
        `ℹ Key '${options.id}' expires at ${expiry}; the replacement keeps that expiry ` +
          "(a refresh cannot extend a key's lifetime; --expires-at can set an earlier one).",
      );
      return await send({ ...body, expires_at: expiry });
    }
    if (timestampMs(options.expiresAt) > expiresMs) {
      throw withHint(
        error,
        `This key expires at ${expiry}, and a replacement may not outlive it: ` +
          `the latest allowed is --expires-at ${expiry} (for a longer lifetime, create a new key).`,
      );
    }
    throw error;
  }
}

/** True when the 422 names no cause, or names the expiry as its cause. */
function mayBeAboutExpiry(error: ApiError): boolean {
  const detail = error.problem?.detail ?? "";
  return detail === "" || /expir/i.test(detail);
}

function unknownExpiryHint(options: RefreshOptions): string {
  return options.expiresAt === undefined
    ? "If this key expires, a refresh must pass --expires-at no later than its expiry " +
      "(ax could not find the key in `ax api-keys list` to look it up)."
    : "--expires-at may not be later than the key's own expiry (see `ax api-keys list`).";
}

function withHint(error: ApiError, hint: string): ApiError {
  return new ApiError(error.status, error.message, {
    problem: error.problem,
    hints: [hint, ...error.hints],
  });
}

/** `refresh`'s parse and run, for its declaration in mod.ts. */
export const REFRESH_HANDLER = handler(
  (input) =>
    parseRefresh({ id: input.args[0] as string, values: input.values as RawRefreshValues }, input),
  runRefresh,
);
