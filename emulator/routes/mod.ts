/** The API routes the emulator serves, by method and path template. */
import type { RouteTemplate } from "../router.ts";
import type { RouteHandler } from "./context.ts";
import { createKey } from "./create_key.ts";
import { listKeys } from "./list_keys.ts";
import { listSpaces } from "./list_spaces.ts";
import { refreshKey } from "./refresh_key.ts";
import { revokeKey } from "./revoke_key.ts";

/** Every API route; each needs a valid bearer key. */
export const API_ROUTES: readonly RouteTemplate<RouteHandler>[] = [
  { method: "GET", path: "/v2/api-keys", handler: listKeys },
  { method: "POST", path: "/v2/api-keys", handler: createKey },
  { method: "PUT", path: "/v2/api-keys/{id}/revoke", handler: revokeKey },
  { method: "POST", path: "/v2/api-keys/{id}/refresh", handler: refreshKey },
  { method: "GET", path: "/v2/spaces", handler: listSpaces },
];
