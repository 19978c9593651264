/**
 * `POST /v2/api-keys/{id}/refresh`: atomically replaces a key with a new one
 * of the same name, description, type, owner and scope. Without a grace
 * period the old key is revoked at once; with one it stays valid until
 * `now + grace`, never past its own expiry. A refresh never extends a key's
 * lifetime: an expiring key needs `expires_at`, no later than its own (422).
 */
import { canSeeKey, effectiveSpaceRole, isUnusable, roleRank } from "../auth.ts";
import { formatTime, toWholeSecond } from "../clock.ts";
import { apiKeyCreatedView, issueKey } from "../keys.ts";
import type { KeyRecord, User } from "../model.ts";
import { badField, json, ProblemError } from "../responses.ts";
import { BodyFields, parseJsonObject } from "../validate.ts";
import type { RouteContext } from "./context.ts";

/** Longest grace period, in seconds (24 hours). */
export const MAX_GRACE_SECONDS = 86_400;

/** Refreshes a key and returns the replacement with its secret (200). */
export function refreshKey(ctx: RouteContext) {
  const { store } = ctx.emulator;
  const user = ctx.caller.user;
  const body = new BodyFields(parseJsonObject(ctx.body, { allowEmpty: true }));
  body.onlyKnown(["expires_at", "grace_period_seconds"]);
  const grace = parseGrace(body.raw("grace_period_seconds"));
  const expires = body.futureTime("expires_at", ctx.now);

  const old = store.key(ctx.params.id);
  if (!old || !canSeeKey(user, old)) {
    throw new ProblemError(404, `API key '${ctx.params.id}' not found`);
  }
  checkMayRefresh(user, old);
  if (isUnusable(old, ctx.now)) {
    const state = old.status === "revoked" ? "revoked" : "expired";
    throw new ProblemError(422, `the API key is ${state}; create a new key instead`);
  }
  if (old.expires_ms !== undefined) {
    const oldExpiry = formatTime(old.expires_ms);
    if (expires === undefined) {
      throw new ProblemError(
        422,
        `expires_at: required because the key expires at ${oldExpiry}; a refresh cannot make it unbounded`,
      );
    }
    if (expires > old.expires_ms) {
      throw new ProblemError(
        422,
        `expires_at: must not be later than the key's current expiry ${oldExpiry}; create a new key for a longer lifetime`,
      );
    }
  }

  const { record, secret } = issueKey(store, {
    name: old.name,
    description: old.description,
    key_type: old.key_type,
    created_by_user_id: old.created_by_user_id,
    space_id: old.space_id,
    bot_user_id: old.bot_user_id,
    expires_ms: expires,
    now: ctx.now,
  });
  if (grace > 0) {
    // Whole seconds, like every timestamp the API shows (created_at is rounded the same way).
    const graceEnd = toWholeSecond(ctx.now + grace * 1000);
    old.expires_ms = Math.min(graceEnd, old.expires_ms ?? Infinity);
  } else {
    old.status = "revoked";
    old.revoked_ms = ctx.now;
  }
  ctx.emulator.changed("hard");
  return json(200, apiKeyCreatedView(record, secret));
}

function parseGrace(value: unknown): number {
  if (value === undefined) return 0;
  if (
    typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_GRACE_SECONDS
  ) {
    throw badField(
      "grace_period_seconds",
      `must be an integer from 0 to ${MAX_GRACE_SECONDS} (got ${JSON.stringify(value)})`,
    );
  }
  return value;
}

/**
 * User keys: their owner or an account admin, with the developer flag.
 * Service keys: a space admin, or a member who created the key.
 */
function checkMayRefresh(user: User, key: KeyRecord): void {
  if (key.key_type === "user") {
    if (!user.developer) {
      throw new ProblemError(403, "the developer permission flag is required to refresh user keys");
    }
    return;
  }
  const role = effectiveSpaceRole(user, key.space_id!);
  if (role === "admin") return;
  if (role !== undefined && roleRank(role, "space") >= roleRank("member", "space")) {
    if (key.created_by_user_id === user.id) return;
  }
  throw new ProblemError(
    403,
    "refreshing this service key needs the space admin role, or the member role and being its creator",
  );
}
