/**
 * The emulator's data model: what the store holds and what `--data` persists.
 * Times are epoch milliseconds; secrets exist only as SHA-256 hashes.
 */

/** Space-level and organization-level roles, lowest first. */
export const SPACE_ROLES = ["read-only", "member", "admin"] as const;
/** Organization roles share the space roles' names and order. */
export const ORG_ROLES = SPACE_ROLES;
/** Account-level roles, lowest first. */
export const ACCOUNT_ROLES = ["member", "admin"] as const;
/** Key types on the wire (the lower-case API generation). */
export const KEY_TYPES = ["user", "service"] as const;
/** Key statuses on the wire. */
export const KEY_STATUSES = ["active", "revoked"] as const;

/** A role within a space. */
export type SpaceRole = typeof SPACE_ROLES[number];
/** A role within the organization. */
export type OrgRole = typeof ORG_ROLES[number];
/** A role within the account. */
export type AccountRole = typeof ACCOUNT_ROLES[number];
/** `user` or `service`. */
export type KeyType = typeof KEY_TYPES[number];
/** `active` or `revoked`. */
export type KeyStatus = typeof KEY_STATUSES[number];

/** A person or, for a service key, the key's bot user. */
export interface User {
  id: string;
  name: string;
  email: string;
  account_role: AccountRole;
  org_role: OrgRole;
  /** The `developer` permission flag: needed for user keys and listing. */
  developer: boolean;
  /** True for the bot user behind a service key. */
  bot: boolean;
  /** Space ID → role, for spaces this user is a member of. */
  space_roles: Record<string, SpaceRole>;
}

/** A space of the organization. */
export interface Space {
  id: string;
  seq: number;
  name: string;
  description: string;
  created_ms: number;
}

/** An API key as stored: the hash of its secret, never the secret. */
export interface KeyRecord {
  id: string;
  /** Creation order; the tie-breaker of the list order. */
  seq: number;
  name: string;
  description?: string;
  key_type: KeyType;
  status: KeyStatus;
  redacted_key: string;
  /** SHA-256 of the secret; null for synthetic seed keys, which cannot authenticate. */
  hash: string | null;
  /** Whole seconds, so the shown `created_at` is the sort key. */
  created_ms: number;
  expires_ms?: number;
  last_used_ms?: number;
  revoked_ms?: number;
  /** The user the key belongs to (`created_by_user_id`). */
  created_by_user_id: string;
  /** Service keys: the space they are scoped to. */
  space_id?: string;
  /** Service keys: the bot user they authenticate as. */
  bot_user_id?: string;
  /** True for keys made by `--seed-keys`. */
  seeded?: boolean;
}

/** Which seeded users and keys the readiness line refers to. */
export interface Bootstrap {
  admin_user_id: string;
  user_user_id: string;
  viewer_user_id: string;
  admin_key_id: string;
  user_key_id: string;
  viewer_key_id: string;
}

/** Everything the emulator knows; the shape of the `--data` file. */
export interface State {
  format: "ax-emulator-state";
  version: 1;
  account: { id: string; name: string };
  org: { id: string; name: string };
  users: User[];
  spaces: Space[];
  keys: KeyRecord[];
  next_seq: number;
  /** HMAC secret that makes cursors tamper-evident (not a credential). */
  cursor_secret: string;
  bootstrap: Bootstrap;
}
