/**
 * Bearer authentication by secret hash, and the permission rules of the
 * api-keys endpoints as Arize documents them (developer flag, account admin,
 * space roles; bots act with the roles of their service key).
 */
import { hashSecret } from "./ids.ts";
import {
  ACCOUNT_ROLES,
  type AccountRole,
  type KeyRecord,
  ORG_ROLES,
  type OrgRole,
  SPACE_ROLES,
  type SpaceRole,
  type User,
} from "./model.ts";
import { ProblemError } from "./responses.ts";
import type { Store } from "./store.ts";

/** Who is calling: the key used and the user (or bot) it authenticates as. */
export interface Caller {
  key: KeyRecord;
  user: User;
}

/** The bearer token of an `Authorization` header, if it carries one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? "");
  return match?.[1];
}

/** True when the key is revoked or past its expiry at `now`. */
export function isUnusable(key: KeyRecord, now: number): boolean {
  return key.status === "revoked" || (key.expires_ms !== undefined && key.expires_ms <= now);
}

/**
 * Finds the caller of a request or throws a 401. A successful
 * authentication records `last_used_at`.
 */
export function authenticate(
  store: Store,
  request: { authorization: string | undefined; now: number },
): Caller {
  const token = bearerToken(request.authorization);
  if (!token) {
    throw new ProblemError(401, "Authorization: a bearer API key is required");
  }
  const key = store.keyByHash(hashSecret(token));
  // One message for unknown, revoked and expired keys: no enumeration.
  if (!key || isUnusable(key, request.now)) {
    throw new ProblemError(401, "Authorization: the API key is invalid, revoked or expired");
  }
  const user = store.user(key.bot_user_id ?? key.created_by_user_id);
  if (!user) throw new ProblemError(401, "Authorization: the API key's user no longer exists");
  key.last_used_ms = Math.floor(request.now / 1000) * 1000;
  return { key, user };
}

/** True for account admins. */
export function isAccountAdmin(user: User): boolean {
  return user.account_role === "admin";
}

/** The role that counts in the organization (account admins are org admins). */
export function effectiveOrgRole(user: User): OrgRole {
  return isAccountAdmin(user) ? "admin" : user.org_role;
}

/** The role that counts in a space: admins of the account or org administer every space. */
export function effectiveSpaceRole(user: User, spaceId: string): SpaceRole | undefined {
  if (isAccountAdmin(user) || user.org_role === "admin") return "admin";
  return user.space_roles[spaceId];
}

/** Rank of a role within its own scale (higher is more privileged). */
export function roleRank(
  role: SpaceRole | OrgRole | AccountRole,
  scale: "space" | "org" | "account",
) {
  const roles: readonly string[] = scale === "account"
    ? ACCOUNT_ROLES
    : scale === "org"
    ? ORG_ROLES
    : SPACE_ROLES;
  return roles.indexOf(role);
}

/** Whether the caller may see a key at all; keys it may not see answer 404. */
export function canSeeKey(user: User, key: KeyRecord): boolean {
  if (isAccountAdmin(user)) return true;
  if (key.key_type === "user") return key.created_by_user_id === user.id;
  return key.space_id !== undefined && effectiveSpaceRole(user, key.space_id) !== undefined;
}

/** The api-keys endpoints need the developer flag or the account admin role. */
export function requireDeveloperOrAdmin(user: User): void {
  if (!user.developer && !isAccountAdmin(user)) {
    throw new ProblemError(
      403,
      "the developer permission flag or the account admin role is required to manage API keys",
    );
  }
}
