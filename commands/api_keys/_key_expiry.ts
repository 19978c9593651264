/**
 * Finds when a key expires. The API has no "get one key" endpoint, so this
 * pages through what the caller can list: its own user keys, then the
 * service keys of every space it may read. Bounded: a caller with more keys
 * than {@link MAX_PAGES} pages of each gets "not found", and the refresh
 * falls back to a hint.
 */
import { listApiKeys, type ListApiKeysQuery } from "../../api/api_keys.ts";
import type { ApiClient } from "../../api/client.ts";

/** Pages read per kind of key before giving up. */
export const MAX_PAGES = 20;

/**
 * The key's `expires_at` as the API gave it; `null` when it is listed with
 * no expiry; undefined when it could not be found.
 */
export async function findKeyExpiry(
  client: ApiClient,
  id: string,
): Promise<string | null | undefined> {
  const scopes: ListApiKeysQuery[] = [{}, { key_type: "service" }];
  for (const scope of scopes) {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await listApiKeys(client, { ...scope, limit: 100, cursor });
      const key = answer.api_keys.find((candidate) => candidate.id === id);
      if (key) return key.expires_at ?? null;
      cursor = answer.pagination.has_more ? answer.pagination.next_cursor : undefined;
      if (!cursor) break;
    }
  }
  return undefined;
}
