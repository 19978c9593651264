/**
 * `GET /v2/spaces`: the spaces the caller can access, newest first, filtered
 * by a case-insensitive substring of the name.
 */
import { effectiveSpaceRole } from "../auth.ts";
import { formatTime } from "../clock.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import type { Space } from "../model.ts";
import { badField, json } from "../responses.ts";
import type { SortPosition } from "../store.ts";
import { QueryParams } from "../validate.ts";
import type { RouteContext } from "./context.ts";

/** The `Space` object of the API. */
export function spaceView(space: Space): Record<string, unknown> {
  return {
    id: space.id,
    name: space.name,
    description: space.description,
    created_at: formatTime(space.created_ms),
  };
}

/** Lists spaces. */
export function listSpaces(ctx: RouteContext) {
  const { store } = ctx.emulator;
  const user = ctx.caller.user;
  const query = new QueryParams(ctx.query, ["name", "limit", "cursor", "org_id"]);
  const limit = query.limit();
  const name = query.get("name");
  const orgId = query.get("org_id");
  const cursor = query.get("cursor");
  const needle = name?.toLowerCase();
  const orgMatches = orgId === undefined || orgId === store.state.org.id;
  const context = {
    secret: store.state.cursor_secret,
    filters: JSON.stringify(["spaces", name ?? null, orgId ?? null]),
  };
  let after: SortPosition | undefined;
  if (cursor !== undefined) {
    const decoded = decodeCursor(cursor, context);
    if ("error" in decoded) throw badField("cursor", decoded.error);
    after = decoded.position;
  }
  const page = store.page<Space>({
    items: store.spaces(),
    after,
    limit,
    match: (space) =>
      orgMatches &&
      effectiveSpaceRole(user, space.id) !== undefined &&
      (needle === undefined || space.name.toLowerCase().includes(needle)),
  });
  const pagination: Record<string, unknown> = { has_more: page.hasMore };
  if (page.hasMore) {
    pagination.next_cursor = encodeCursor(page.items[page.items.length - 1], context);
  }
  return json(200, { spaces: page.items.map(spaceView), pagination });
}
