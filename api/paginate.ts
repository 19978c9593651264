/**
 * Streaming pagination of `GET /v2/api-keys` (issue 4): records flow to the
 * consumer page by page. While the consumer works through one page, the next
 * one is already on its way (each request needs the cursor of the page
 * before, so one page ahead is as far as it can go): the server's time and
 * the consumer's overlap instead of adding up. When the reader is waiting,
 * the next request even starts before the page is parsed, from a peek at
 * the end of its text. Memory stays bounded by two pages however many
 * records `--all` reads.
 */
import { listApiKeys, type ListApiKeysQuery } from "./api_keys.ts";
import type { ApiClient } from "./client.ts";
import { malformedResponse } from "./_malformed.ts";
import { peekPagination } from "./_peek_pagination.ts";
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

/** A page requested: where it starts, and its answer to come. */
interface PageRequest {
  readonly cursor: string | undefined;
  /**
   * Records read before this page; for a page requested early, an upper
   * bound (the pages before it taken as full).
   */
  readonly fetched: number;
  page: Promise<{ items: ApiKey[]; pagination: Pagination }>;
}

/** The largest `limit` the API accepts. */
export const MAX_PAGE_SIZE = 100;

/**
 * Pages between garbage collections in a Bun binary. Bun's collector is
 * lazy: without a nudge, peak memory grows with the number of pages read
 * even though nothing is kept (measured, ndjson: 65 MB at 10k keys, 94 MB at
 * 1M). A full collection every 200 pages held 1M keys at 66 MB for ~7 ms per
 * collection (parquet: ~14 ms), about 3% of the time.
 */
export const PAGES_PER_COLLECTION = 200;

/** Bun's synchronous full collection; nothing elsewhere (Deno collects on its own). */
function collectGarbage(): void {
  (globalThis as { Bun?: { gc?(force: boolean): void } }).Bun?.gc?.(true);
}

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
  const limitAfter = (fetched: number) =>
    want === "all" ? pageSize : Math.min(pageSize, want - fetched);
  /** The page the reader is waiting for. */
  let awaited: PageRequest | undefined;
  /** The page after `awaited`, requested from a peek at its body. */
  let early: PageRequest | undefined;

  const start = (cursor: string | undefined, fetched: number): PageRequest => {
    const limit = limitAfter(fetched);
    const request: PageRequest = { cursor, fetched, page: undefined as never };
    const onBody = (text: string) => {
      if (awaited === request) early = startFollowing(request, { text, limit });
    };
    request.page = listApiKeys(client, { ...query, limit, cursor }, { onBody }).then((page) => ({
      // A server that returns more than asked would make the cursor skip
      // records; never pass on more than was requested.
      items: page.api_keys.length > limit ? page.api_keys.slice(0, limit) : page.api_keys,
      pagination: page.pagination,
    }));
    // A consumer that stops early never awaits the page fetched ahead.
    request.page.catch(() => {});
    return request;
  };

  /**
   * Requests the page after `request` as soon as its body arrives, guessing
   * that a page with more after it is full. A wrong guess (checked by
   * fetchPage against the parsed page) is dropped: one wasted GET.
   */
  const startFollowing = (request: PageRequest, body: { text: string; limit: number }) => {
    const peek = peekPagination(body.text);
    const fetched = request.fetched + body.limit;
    const cursor = peek?.next_cursor;
    if (!peek?.has_more || !cursor || cursor === request.cursor) return undefined;
    if (want !== "all" && fetched >= want) return undefined;
    return start(cursor, fetched);
  };

  const fetchPage = (cursor: string | undefined, fetched: number): PageRequest => {
    const ahead = early;
    early = undefined;
    // The cursor decides. A page requested early assumed the pages before it
    // were full, so its limit is at most the one asked now: it never reads
    // past `want`, and a server sending short pages costs no extra request.
    if (ahead && ahead.cursor === cursor) return ahead;
    return start(cursor, fetched);
  };

  async function* records(): AsyncGenerator<ApiKey> {
    let cursor = options.cursor;
    let fetched = 0;
    let pages = 0;
    let next: PageRequest | undefined = fetchPage(cursor, fetched);
    while (next !== undefined) {
      awaited = next;
      const { items, pagination } = await next.page;
      awaited = next = undefined;
      fetched += items.length;
      last = pagination;
      options.onProgress?.(fetched);
      // Decide on the next page before handing out this one's records, so
      // its request runs while they are consumed; a broken cursor is
      // reported after them, as if the next request had failed.
      let broken: Error | undefined;
      if (pagination.has_more && (want === "all" || fetched < want)) {
        const following = pagination.next_cursor;
        if (following === undefined || following === "" || following === cursor) {
          // Following this would loop forever or silently stop early.
          broken = malformedResponse(undefined, {
            reason: following === undefined || following === ""
              ? "has_more is true but next_cursor is missing"
              : "the server repeated a page cursor",
            value: pagination,
          });
        } else {
          cursor = following;
          next = fetchPage(cursor, fetched);
        }
      }
      yield* items;
      if (++pages % PAGES_PER_COLLECTION === 0) collectGarbage();
      if (broken) throw broken;
    }
  }

  return { records: records(), pagination: () => last };
}
