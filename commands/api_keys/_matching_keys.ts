/**
 * Listing with ax-side filters: a layer over api/paginate.ts that knows,
 * for every record, which server page it came from and where in it, so that
 * `--limit N` counts matching keys and the cursor printed after them points
 * at the next match (see _match_cursor.ts). Records are tested as pages
 * arrive; nothing is kept but the page being read.
 */
import { apiKeyPages, type ListApiKeysQuery } from "../../api/api_keys.ts";
import type { ApiClient } from "../../api/client.ts";
import { type PagedRecords, paginate } from "../../api/paginate.ts";
import type { ApiKey, Pagination } from "../../api/types.ts";
import { encodeListCursor, type ListPosition } from "./_match_cursor.ts";

/** The server-side filters of a listing (pagination is this module's business). */
export type KeyQuery = Omit<ListApiKeysQuery, "limit" | "cursor">;

/** A listed key and where it sits: its page's server cursor and its index on that page. */
interface PlacedKey {
  key: ApiKey;
  serverCursor: string | undefined;
  index: number;
}

/** Options of {@link matchingKeys}. */
export interface MatchingOptions {
  /** Where to start. */
  from: ListPosition;
  /** Matches wanted: a count, or all of them. */
  want: number | "all";
  /** The local filter; undefined passes every key. */
  match: ((key: ApiKey) => boolean) | undefined;
  /** Called after each page with the keys read and the matches found so far. */
  onProgress?: (read: number, matched: number) => void;
}

/**
 * Every record from `from` on, with its place. Page boundaries are seen
 * through paginate's progress callback, which runs when a page's records are
 * about to be handed out (records are pulled, so the order is exact).
 */
function placedKeys(
  client: ApiClient,
  query: KeyQuery,
  options: { from: ListPosition; onPage: (read: number) => void },
): AsyncIterable<PlacedKey> {
  let pageCursor: string | undefined;
  let following = options.from.serverCursor;
  let index = -1;
  const pages = paginate(apiKeyPages(client, query), {
    // Always full pages: a resumed page must hold the same records as when
    // the cursor was printed.
    want: "all",
    cursor: options.from.serverCursor,
    onProgress: (read) => {
      pageCursor = following;
      following = pages.pagination()?.next_cursor;
      index = -1;
      options.onPage(read);
    },
  });
  return {
    async *[Symbol.asyncIterator]() {
      for await (const key of pages.records) {
        yield { key, serverCursor: pageCursor, index: ++index };
      }
    },
  };
}

/**
 * The records from `from` on. The first page is read whole before any of
 * it is passed on, to find the key the cursor names: keys shown before it
 * may have been revoked since (an active listing then moves up) or new ones
 * created, and counting `skip` records would pass over keys never shown or
 * repeat shown ones. Only when that key is gone does `skip` decide.
 */
async function* resumed(
  placed: AsyncIterable<PlacedKey>,
  from: ListPosition,
): AsyncGenerator<PlacedKey> {
  if (from.skip === 0 && from.key === undefined) {
    yield* placed;
    return;
  }
  const iterator = placed[Symbol.asyncIterator]();
  try {
    const firstPage: PlacedKey[] = [];
    let next = await iterator.next();
    // A page's records are numbered from 0: the next 0 starts the second page.
    while (!next.done && (firstPage.length === 0 || next.value.index > 0)) {
      firstPage.push(next.value);
      next = await iterator.next();
    }
    const found = from.key === undefined
      ? -1
      : firstPage.findIndex((placedKey) => placedKey.key.id === from.key);
    yield* firstPage.slice(found >= 0 ? found : from.skip);
    for (; !next.done; next = await iterator.next()) yield next.value;
  } finally {
    await iterator.return?.();
  }
}

/**
 * The keys that match, up to `want`. When the limit is reached, reading goes
 * on to the next match, so the pagination says truly whether more exist and
 * its cursor starts exactly there.
 */
export function matchingKeys(
  client: ApiClient,
  query: KeyQuery,
  options: MatchingOptions,
): PagedRecords<ApiKey> {
  const { want, match } = options;
  let pagination: Pagination | undefined;
  let matched = 0;
  async function* records(): AsyncGenerator<ApiKey> {
    const placed = placedKeys(client, query, {
      from: options.from,
      onPage: (read) => options.onProgress?.(read, matched),
    });
    for await (const { key, serverCursor, index } of resumed(placed, options.from)) {
      if (match !== undefined && !match(key)) continue;
      if (want !== "all" && matched >= want) {
        pagination = {
          has_more: true,
          next_cursor: encodeListCursor({ serverCursor, skip: index, key: key.id }),
        };
        return;
      }
      matched++;
      yield key;
    }
    pagination = { has_more: false };
  }
  return { records: records(), pagination: () => pagination };
}
