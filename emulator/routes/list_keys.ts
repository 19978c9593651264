/**
 * `GET /v2/api-keys`: without `space_id`, the caller's own user keys (another
 * user's with `user_id`, account admins only); with `space_id`, that space's
 * service keys (optionally by creator); `key_type=service` without `space_id`,
 * the service keys of every space the caller may read (account admins: all),
 * optionally by creator. Newest first, opaque cursors.
 */
import { effectiveSpaceRole, isAccountAdmin, requireDeveloperOrAdmin } from "../auth.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { apiKeyView } from "../keys.ts";
import { KEY_STATUSES, KEY_TYPES, type KeyRecord } from "../model.ts";
import { badField, json, ProblemError } from "../responses.ts";
import type { SortPosition } from "../store.ts";
import { QueryParams } from "../validate.ts";
import type { RouteContext } from "./context.ts";
import { checkUserId, lookupSpace } from "./_lookup.ts";

const PARAMS = ["key_type", "status", "space_id", "user_id", "limit", "cursor"];

/** Lists API keys visible to the caller. */
export function listKeys(ctx: RouteContext) {
  const { store } = ctx.emulator;
  const user = ctx.caller.user;
  requireDeveloperOrAdmin(user);
  const query = new QueryParams(ctx.query, PARAMS);
  const keyType = query.enumOf("key_type", KEY_TYPES);
  const status = query.enumOf("status", KEY_STATUSES) ?? "active";
  const limit = query.limit();
  const spaceId = query.get("space_id");
  const userId = query.get("user_id");
  const cursor = query.get("cursor");
  const userFilter = userId === undefined ? undefined : checkUserId(userId);

  let scope: string;
  let lists: (readonly KeyRecord[])[];
  let creator: string | undefined;
  if (spaceId !== undefined) {
    if (keyType === "user") {
      throw badField("space_id", "lists service keys; it cannot be combined with key_type=user");
    }
    const space = lookupSpace(store, spaceId);
    if (effectiveSpaceRole(user, space.id) === undefined) {
      throw new ProblemError(403, `space_id: you have no access to space '${space.id}'`);
    }
    scope = `space:${space.id}`;
    lists = [store.scope(scope)];
    creator = userFilter;
  } else if (keyType === "service") {
    // Arize's own clients send key_type=service alone; the answer is every
    // service key the caller could list space by space.
    const readable = store.spaces().filter((space) =>
      effectiveSpaceRole(user, space.id) !== undefined
    );
    scope = `spaces-readable-by:${user.id}`;
    lists = readable.map((space) => store.scope(`space:${space.id}`));
    creator = userFilter;
  } else {
    if (userFilter !== undefined && !isAccountAdmin(user)) {
      throw new ProblemError(403, "user_id: only account admins may list another user's keys");
    }
    scope = `user:${userFilter ?? user.id}`;
    lists = [store.scope(scope)];
  }

  const context = {
    secret: store.state.cursor_secret,
    filters: JSON.stringify([scope, status, creator ?? null]),
  };
  let after: SortPosition | undefined;
  if (cursor !== undefined) {
    const decoded = decodeCursor(cursor, context);
    if ("error" in decoded) throw badField("cursor", decoded.error);
    after = decoded.position;
  }
  const page = store.pageAcross<KeyRecord>({
    lists,
    after,
    limit,
    match: (key) =>
      key.status === status && (creator === undefined || key.created_by_user_id === creator),
  });
  const pagination: Record<string, unknown> = { has_more: page.hasMore };
  if (page.hasMore) {
    pagination.next_cursor = encodeCursor(page.items[page.items.length - 1], context);
  }
  return json(200, { api_keys: page.items.map(apiKeyView), pagination });
}
