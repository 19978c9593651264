/**
 * Wire types of the Arize REST v2 endpoints ax uses (snake_case, exactly as on
 * the wire; see arize-api.md) and tolerant readers that turn an untrusted JSON
 * body into them. Readers check required fields and types, read upper-case
 * enum values of newer servers as lower case, drop nulls and unknown fields,
 * and throw the N6 "unexpected response from server" error otherwise.
 */
import {
  arrayAt,
  type JsonObject,
  objectAt,
  optionalString,
  requiredBoolean,
  requiredEnum,
  requiredString,
  ShapeError,
} from "./_shape.ts";
import { type BodyOrigin, malformedResponse } from "./_malformed.ts";

export type { BodyOrigin } from "./_malformed.ts";

/** `user` keys act as their creator; `service` keys as a space's bot user. */
export type KeyType = "user" | "service";
/** Lifecycle state of a key. */
export type KeyStatus = "active" | "revoked";
/** Role of a service key's bot user in its space. */
export type SpaceRole = "admin" | "member" | "read-only";
/** Role of a service key's bot user in the organization. */
export type OrgRole = SpaceRole;
/** Role of a service key's bot user in the account. */
export type AccountRole = "admin" | "member";

/** Every {@link KeyType}, in the order help texts list them. */
export const KEY_TYPES: readonly KeyType[] = ["user", "service"];
/** Every {@link KeyStatus}. */
export const KEY_STATUSES: readonly KeyStatus[] = ["active", "revoked"];
/** Every {@link SpaceRole} (and {@link OrgRole}). */
export const SPACE_ROLES: readonly SpaceRole[] = ["admin", "member", "read-only"];
/** Every {@link AccountRole}. */
export const ACCOUNT_ROLES: readonly AccountRole[] = ["admin", "member"];

/** An API key as listed: never carries the secret itself. */
export interface ApiKey {
  id: string;
  name: string;
  description?: string;
  key_type: KeyType;
  status: KeyStatus;
  /** Display form such as `ak-abc...xyz`. */
  redacted_key: string;
  created_at: string;
  expires_at?: string;
  created_by_user_id: string;
  last_used_at?: string;
}

/** A key just created or refreshed: {@link ApiKey} plus the raw secret, shown once. */
export interface ApiKeyCreated extends ApiKey {
  key: string;
}

/** Cursor pagination; `next_cursor` is opaque and present only when `has_more`. */
export interface Pagination {
  has_more: boolean;
  next_cursor?: string;
}

/** Body of `GET /v2/api-keys`. */
export interface ApiKeyListResponse {
  api_keys: ApiKey[];
  pagination: Pagination;
}

/** Body of `POST /v2/api-keys`. */
export interface ApiKeyCreate {
  name: string;
  description?: string;
  key_type: KeyType;
  expires_at?: string;
  /** Required for `service` keys, forbidden for `user` keys. */
  space_id?: string;
  /** Only for `service` keys, and only when a role was given. */
  roles?: { space_role?: SpaceRole; org_role?: OrgRole; account_role?: AccountRole };
}

/** Body of `POST /v2/api-keys/{id}/refresh` (may be empty). */
export interface ApiKeyRefresh {
  expires_at?: string;
  grace_period_seconds?: number;
}

/** A space, as `GET /v2/spaces` lists it. */
export interface Space {
  id: string;
  name: string;
  description?: string;
  created_at?: string;
}

/** Body of `GET /v2/spaces`. */
export interface SpaceListResponse {
  spaces: Space[];
  pagination: Pagination;
}

function readKeyAt(value: unknown, path: string): ApiKey {
  const obj = objectAt(value, path);
  const key: ApiKey = {
    id: requiredString(obj, "id", path),
    name: requiredString(obj, "name", path),
    description: optionalString(obj, "description", path),
    key_type: requiredEnum(obj, "key_type", { path, values: KEY_TYPES }),
    status: requiredEnum(obj, "status", { path, values: KEY_STATUSES }),
    redacted_key: requiredString(obj, "redacted_key", path),
    created_at: requiredString(obj, "created_at", path),
    expires_at: optionalString(obj, "expires_at", path),
    created_by_user_id: requiredString(obj, "created_by_user_id", path),
    last_used_at: optionalString(obj, "last_used_at", path),
  };
  return dropUndefined(key);
}

/**
 * The common case of {@link readKeyAt} in one pass: every field present with
 * its type, enum values in lower case, nulls read as absent. The record is
 * built once, in wire order, without the unknown fields. Anything else
 * returns undefined, and the caller takes readKeyAt's way (which reads
 * upper-case enums and names the wrong field). A list reads every record
 * through here, so it avoids the per-field checks' closures and copies.
 */
function readKeyFast(value: unknown): ApiKey | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const {
    id,
    name,
    description,
    key_type,
    status,
    redacted_key,
    created_at,
    expires_at,
    created_by_user_id,
    last_used_at,
  } = value as JsonObject;
  if (
    typeof id !== "string" || typeof name !== "string" || typeof redacted_key !== "string" ||
    typeof created_at !== "string" || typeof created_by_user_id !== "string" ||
    (key_type !== "user" && key_type !== "service") ||
    (status !== "active" && status !== "revoked") ||
    !optionalStringOk(description) || !optionalStringOk(expires_at) ||
    !optionalStringOk(last_used_at)
  ) {
    return undefined;
  }
  // Properties are added in wire order, so equal records share one shape.
  const key = { id, name } as ApiKey;
  if (description != null) key.description = description as string;
  key.key_type = key_type;
  key.status = status;
  key.redacted_key = redacted_key;
  key.created_at = created_at;
  if (expires_at != null) key.expires_at = expires_at as string;
  key.created_by_user_id = created_by_user_id;
  if (last_used_at != null) key.last_used_at = last_used_at as string;
  return key;
}

function optionalStringOk(value: unknown): boolean {
  return value === undefined || value === null || typeof value === "string";
}

function readPaginationAt(value: unknown, path: string): Pagination {
  const obj = objectAt(value, path);
  return dropUndefined({
    has_more: requiredBoolean(obj, "has_more", path),
    next_cursor: optionalString(obj, "next_cursor", path),
  });
}

function readSpaceAt(value: unknown, path: string): Space {
  const obj = objectAt(value, path);
  return dropUndefined({
    id: requiredString(obj, "id", path),
    name: requiredString(obj, "name", path),
    description: optionalString(obj, "description", path),
    created_at: optionalString(obj, "created_at", path),
  });
}

// Absent optional fields must be absent, not `undefined`: formats and JSON
// output then see exactly the fields the server sent.
function dropUndefined<T extends object>(value: T): T {
  const out: JsonObject = {};
  for (const [name, inner] of Object.entries(value)) {
    if (inner !== undefined) out[name] = inner;
  }
  return out as T;
}

function read<T>(
  value: unknown,
  origin: BodyOrigin | undefined,
  reader: (value: unknown) => T,
): T {
  try {
    return reader(value);
  } catch (error) {
    if (error instanceof ShapeError) {
      throw malformedResponse(origin, { reason: error.message, value });
    }
    throw error;
  }
}

/**
 * Reads one {@link ApiKey}. `origin` (an `ApiResponse` fits) puts the status
 * and first bytes of the raw body into the error message.
 */
export function readApiKey(value: unknown, origin?: BodyOrigin): ApiKey {
  return read(value, origin, (v) => readKeyAt(v, "body"));
}

/** Reads an {@link ApiKeyCreated}: an {@link ApiKey} that must carry `key`. */
export function readApiKeyCreated(value: unknown, origin?: BodyOrigin): ApiKeyCreated {
  return read(value, origin, (v) => {
    const base = readKeyAt(v, "body");
    return { ...base, key: requiredString(objectAt(v, "body"), "key", "body") };
  });
}

/** Reads an {@link ApiKeyListResponse}. */
export function readApiKeyList(value: unknown, origin?: BodyOrigin): ApiKeyListResponse {
  return read(value, origin, (v) => {
    const obj = objectAt(v, "body");
    const items = arrayAt(obj.api_keys, "body.api_keys");
    return {
      api_keys: items.map((item, i) => readKeyFast(item) ?? readKeyAt(item, `body.api_keys[${i}]`)),
      pagination: readPaginationAt(obj.pagination, "body.pagination"),
    };
  });
}

/** Reads a {@link SpaceListResponse}. */
export function readSpaceList(value: unknown, origin?: BodyOrigin): SpaceListResponse {
  return read(value, origin, (v) => {
    const obj = objectAt(v, "body");
    const items = arrayAt(obj.spaces, "body.spaces");
    return {
      spaces: items.map((item, i) => readSpaceAt(item, `body.spaces[${i}]`)),
      pagination: readPaginationAt(obj.pagination, "body.pagination"),
    };
  });
}
