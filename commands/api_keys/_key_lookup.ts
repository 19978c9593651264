/**
 * Finding keys by ID or name. The API has no "get one key" request, so a key
 * is found by listing: the caller's user keys first, then (when asked) the
 * service keys of each space the caller can read, in the statuses asked,
 * stopping as soon as the question is answered. Every listing pages through
 * api/paginate.ts, so none can loop (N7, docs/reliability.md).
 */
import type { ApiClient } from "../../api/client.ts";
import { spacePages } from "../../api/spaces.ts";
import { apiKeyPages, listApiKeys } from "../../api/api_keys.ts";
import { MAX_PAGE_SIZE, paginate } from "../../api/paginate.ts";
import type { ApiKey, KeyStatus } from "../../api/types.ts";
import { InterruptedError } from "../../runtime/errors.ts";
import type { KeyQuery } from "./_matching_keys.ts";

/** Where to look. */
export interface LookupScope {
  /** Statuses to read, in order (each is one listing per scope). */
  statuses: readonly KeyStatus[];
  /** The service keys of these spaces (IDs); `all` lists the caller's spaces first. */
  spaces: readonly string[] | "all";
  /** Also the caller's user keys (first). */
  userKeys: boolean;
}

/** The listings a scope reads, in order, built lazily (`all` costs requests). */
async function* scopeQueries(client: ApiClient, scope: LookupScope): AsyncGenerator<KeyQuery> {
  if (scope.userKeys) {
    for (const status of scope.statuses) yield { status };
  }
  const spaces = scope.spaces === "all" ? await allSpaceIds(client) : scope.spaces;
  for (const spaceId of spaces) {
    for (const status of scope.statuses) yield { key_type: "service", space_id: spaceId, status };
  }
}

/**
 * Every space the caller can read, by ID; a pagination that would not end
 * stops with exit 4 (N7, docs/reliability.md).
 */
export async function allSpaceIds(client: ApiClient): Promise<string[]> {
  const ids: string[] = [];
  for await (const space of paginate(spacePages(client, {}), { want: "all" }).records) {
    ids.push(space.id);
  }
  return ids;
}

/** Every key of `scope`, listing by listing. */
export async function* keysIn(client: ApiClient, scope: LookupScope): AsyncGenerator<ApiKey> {
  for await (const query of scopeQueries(client, scope)) {
    yield* paginate(apiKeyPages(client, query), { want: "all" }).records;
  }
}

/**
 * The keys among `ids` that `scope` holds, by ID; reading stops once every
 * ID was found.
 */
export async function findKeysById(
  client: ApiClient,
  input: { ids: readonly string[]; scope: LookupScope },
): Promise<Map<string, ApiKey>> {
  const wanted = new Set(input.ids);
  const found = new Map<string, ApiKey>();
  if (wanted.size === 0) return found;
  for await (const key of keysIn(client, input.scope)) {
    if (!wanted.has(key.id) || found.has(key.id)) continue;
    found.set(key.id, key);
    if (found.size === wanted.size) break;
  }
  return found;
}

/**
 * The first page (100) of the caller's active user keys: one request, for
 * naming a key in a prompt. Failures are not fatal: no keys.
 */
export async function firstPageKeys(client: ApiClient): Promise<readonly ApiKey[]> {
  try {
    return (await listApiKeys(client, { limit: 100 })).api_keys;
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    return [];
  }
}

/**
 * Pages of each listing {@link findKeyExpiry} reads before giving up: a
 * caller with more keys than that gets "not found", and refresh falls back
 * to a hint.
 */
const EXPIRY_PAGES = 20;

/**
 * When the key `id` expires, for refresh after a 422: its `expires_at` as the
 * API gave it, `null` when it is listed with no expiry, undefined when it was
 * not found. Reads the caller's user keys, then the service keys of every
 * space it may read (one listing: `key_type=service` without a space).
 */
export async function findKeyExpiry(
  client: ApiClient,
  id: string,
): Promise<string | null | undefined> {
  const queries: KeyQuery[] = [{}, { key_type: "service" }];
  for (const query of queries) {
    const listing = paginate(apiKeyPages(client, query), {
      want: EXPIRY_PAGES * MAX_PAGE_SIZE,
    });
    for await (const key of listing.records) {
      if (key.id === id) return key.expires_at ?? null;
    }
  }
  return undefined;
}
