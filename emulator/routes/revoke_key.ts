/**
 * `PUT /v2/api-keys/{id}/revoke`: immediate and idempotent (204 again for a
 * revoked key). Arize documents it as needing the developer flag and the
 * account admin role (403 otherwise); a key the caller may not see is a 404.
 */
import { canSeeKey, isAccountAdmin } from "../auth.ts";
import { noContent, ProblemError } from "../responses.ts";
import type { RouteContext } from "./context.ts";

/** Revokes a key. */
export function revokeKey(ctx: RouteContext) {
  const { store } = ctx.emulator;
  const user = ctx.caller.user;
  if (!user.developer || !isAccountAdmin(user)) {
    throw new ProblemError(
      403,
      "revoking API keys needs the developer permission flag and the account admin role",
    );
  }
  const key = store.key(ctx.params.id);
  if (!key || !canSeeKey(user, key)) {
    throw new ProblemError(404, `API key '${ctx.params.id}' not found`);
  }
  if (key.status !== "revoked") {
    key.status = "revoked";
    key.revoked_ms = ctx.now;
    ctx.emulator.changed("hard");
  }
  return noContent();
}
