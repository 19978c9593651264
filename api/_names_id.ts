/**
 * Whether a request names one resource by ID, so that a 404 can be told
 * apart: "that ID does not exist" for a request about one key or space, and
 * "this is not the Arize API" for a plain collection request (a list, a
 * create), which a real Arize API never answers with 404.
 */
import type { ApiRequest } from "./client.ts";

/**
 * True when `req` carries an ID: a path below the collection
 * (`/v2/api-keys/{id}/revoke`), or a non-empty `…_id` field in its query or
 * body (`space_id`, `user_id`), whose target may be unknown to the server.
 */
export function namesId(req: Pick<ApiRequest, "path" | "query" | "body">): boolean {
  // "/v2/<collection>" has two segments; anything deeper is one resource.
  if (req.path.split("/").filter((segment) => segment !== "").length > 2) return true;
  return hasIdField(req.query) || hasIdField(req.body);
}

function hasIdField(fields: unknown): boolean {
  if (fields === null || typeof fields !== "object" || Array.isArray(fields)) return false;
  return Object.entries(fields).some(([name, value]) =>
    name.endsWith("_id") && value !== undefined && value !== null && value !== ""
  );
}
