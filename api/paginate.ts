/**
 * Streaming pagination of `GET /v2/api-keys` (issue 4): records flow to the
 * consumer page by page, and the next page is requested only when the
 * consumer asks for a record beyond the current one, so memory stays bounded
 * by one page however many records `--all` reads.
 */
import { listApiKeys, type ListApiKeysQuery } from "./api_keys.ts";
import type { ApiClient } from "./client.ts";
import { malformedResponse } from "./_malformed.ts";
import type { ApiKey, Pagination } from "./types.ts";

/** Records of several pages, and where the reading stopped. */
export interface PagedRecords<T> {
  /** The records, in server order; iterate once. */
  records: AsyncIterable<T>;
  /** Final pagination; valid after records are exhausted (undefined before the first page). */
  pagination(): Pagination | undefined;
}

/** How many records to read, and from where. */
export interface PaginateOptions {
  /** Records wanted: a positive count, or every remaining record. */
  want: number | "all";
  /** Records per request, 1–100 (default and maximum 100). */
  pageSize?: number;
  /** Resume from this cursor (from a previous `next_cursor`). */
  cursor?: string;
  /** Called after each page with the number of records fetched so far. */
  onProgress?: (fetched: number) => void;
}

/** The largest `limit` the API accepts. */
export const MAX_PAGE_SIZE = 100;

/**
 * Pages through the keys matching `query`. With `want: N` at most N records
 * are yielded, and the last request asks for exactly the remaining count so
 * no page is cut: the final `next_cursor` then points at the first unread
 * record, ready for `--cursor`.
 */
export function paginateApiKeys(
  client: ApiClient,
  query: Omit<ListApiKeysQuery, "limit" | "cursor">,
  options: PaginateOptions,
): PagedRecords<ApiKey> {
  const { want } = options;
  if (want !== "all" && (!Number.isSafeInteger(want) || want < 1)) {
    throw new RangeError(`want must be a positive integer or "all", got ${want}`);
  }
  const pageSize = Math.min(
    MAX_PAGE_SIZE,
    Math.max(1, Math.floor(options.pageSize ?? MAX_PAGE_SIZE)),
  );
  let last: Pagination | undefined;

  async function* records(): AsyncGenerator<ApiKey> {
    let cursor = options.cursor;
    let fetched = 0;
    for (;;) {
      const limit = want === "all" ? pageSize : Math.min(pageSize, want - fetched);
      const page = await listApiKeys(client, { ...query, limit, cursor });
      // A server that returns more than asked would make the cursor skip
      // records; never pass on more than was requested.
      const items = page.api_keys.length > limit ? page.api_keys.slice(0, limit) : page.api_keys;
      fetched += items.length;
      last = page.pagination;
      options.onProgress?.(fetched);
      for (const item of items) yield item;
      if (!page.pagination.has_more || (want !== "all" && fetched >= want)) return;
      const next = page.pagination.next_cursor;
      if (next === undefined || next === "" || next === cursor) {
        // Following this would loop forever or silently stop early.
        throw malformedResponse(undefined, {
          reason: next === undefined || next === ""
            ? "has_more is true but next_cursor is missing"
            : "the server repeated a page cursor",
          value: page.pagination,
        });
      }
      cursor = next;
    }
  }

  return { records: records(), pagination: () => last };
}
