/**
 * The `/v2/api-keys` endpoints: list, create, revoke, refresh. Each call is
 * one request; bodies are read with the tolerant readers of types.ts.
 */
import { type ApiClient, UNKNOWN_OUTCOME_HINTS } from "./client.ts";
import type { PageFetcher } from "./paginate.ts";
import { encodePathSegment } from "./path.ts";
import {
  type ApiKey,
  type ApiKeyCreate,
  type ApiKeyCreated,
  type ApiKeyListResponse,
  type ApiKeyRefresh,
  type BodyOrigin,
  type KeyStatus,
  type KeyType,
  readApiKeyCreated,
  readApiKeyList,
} from "./types.ts";

/** Filters and page position of `GET /v2/api-keys`; unset ones are not sent. */
export interface ListApiKeysQuery {
  key_type?: KeyType;
  status?: KeyStatus;
  space_id?: string;
  user_id?: string;
  /** 1–100 (the server's default is 50). */
  limit?: number;
  cursor?: string;
}

/**
 * One page of keys: `GET /v2/api-keys`, retried on transient failures.
 * `onBody` sees the answer's raw text before it is parsed (see ApiRequest).
 */
export async function listApiKeys(
  client: ApiClient,
  query: ListApiKeysQuery,
  options: { onBody?: (text: string) => void } = {},
): Promise<ApiKeyListResponse> {
  const response = await client.request({
    method: "GET",
    path: "/v2/api-keys",
    query: { ...query },
    idempotent: true,
    onBody: options.onBody,
  });
  return readApiKeyList(response.body, response);
}

/**
 * The pages of `GET /v2/api-keys` matching `query`, for `paginate` and
 * `firstPage` (api/paginate.ts).
 */
export function apiKeyPages(
  client: ApiClient,
  query: Omit<ListApiKeysQuery, "limit" | "cursor">,
): PageFetcher<ApiKey> {
  return async (page, hooks) => {
    const answer = await listApiKeys(client, { ...query, ...page }, hooks);
    return { items: answer.api_keys, pagination: answer.pagination };
  };
}

/**
 * Creates a key: `POST /v2/api-keys`, never retried (N3). The answer carries
 * the raw secret, which is returned exactly once.
 */
export async function createApiKey(
  client: ApiClient,
  body: ApiKeyCreate,
): Promise<ApiKeyCreated> {
  const response = await client.request({
    method: "POST",
    path: "/v2/api-keys",
    body,
    idempotent: false,
  });
  return readCreated(response.body, response);
}

/**
 * Revokes a key: `PUT /v2/api-keys/{id}/revoke` (204). Revoking twice is
 * harmless on the server, so this one is retried.
 */
export async function revokeApiKey(client: ApiClient, id: string): Promise<void> {
  await client.request({
    method: "PUT",
    path: `/v2/api-keys/${encodePathSegment(id)}/revoke`,
    idempotent: true,
  });
}

/**
 * Refreshes a key: `POST /v2/api-keys/{id}/refresh`, never retried (N3). The
 * old key is revoked (after the grace period) and the replacement returned.
 */
export async function refreshApiKey(
  client: ApiClient,
  id: string,
  body: ApiKeyRefresh,
  unknownOutcomeHints?: string[],
): Promise<ApiKeyCreated> {
  const response = await client.request({
    method: "POST",
    path: `/v2/api-keys/${encodePathSegment(id)}/refresh`,
    body,
    idempotent: false,
    unknownOutcomeHints,
  });
  return readCreated(response.body, response, unknownOutcomeHints);
}

// The server said yes but the body is unusable: a key may exist that nobody
// holds, so the user is told how to find it.
function readCreated(
  body: unknown,
  origin: BodyOrigin,
  unknownOutcomeHints: readonly string[] = UNKNOWN_OUTCOME_HINTS,
): ApiKeyCreated {
  return readApiKeyCreated(body, {
    ...origin,
    hints: [
      "The key may have been created, but its secret could not be read.",
      ...unknownOutcomeHints,
    ],
  });
}
