/**
 * Streaming pagination of any cursor-paged list endpoint (issue 4, issue
 * 12): records flow to the consumer page by page. While the consumer works
 * through one page, the next one is already on its way (each request needs
 * the cursor of the page before, so one page ahead is as far as it can go):
 * the server's time and the consumer's overlap instead of adding up. When
 * the reader is waiting, the next request even starts before the page is
 * parsed, from a peek at the end of its text. Memory stays bounded by two
 * pages however many records `--all` reads.
 *
 * Pagination always ends (N7, docs/reliability.md): a cursor the server
 * already handed out (a cycle of any length), `has_more` without a cursor,
 * or a run of empty pages that claim more stop the reading with exit 4,
 * before any record is read twice.
 */
import { collectGarbage } from "../runtime/adapter.ts";
import { AxError, EXIT } from "../runtime/errors.ts";
import type { Pagination } from "./types.ts";

/** Records of several pages, and where the reading stopped. */
export interface PagedRecords<T> {
  /** The records, in server order; iterate once. */
  records: AsyncIterable<T>;
  /** Final pagination; valid after records are exhausted (undefined before the first page). */
  pagination(): Pagination | undefined;
}

/** The position of one page request: how many records, from where. */
export interface PageQuery {
  /** Records wanted in this page, 1–100. */
  limit: number;
  /** Undefined for the first page. */
  cursor: string | undefined;
}

/** One page of a list answer: its records and its pagination. */
export interface Page<T> {
  items: readonly T[];
  pagination: Pagination;
}

/**
 * Fetches one page of an endpoint. `onBody`, when the fetcher supports it,
 * receives the raw answer text before it is parsed (see `ApiRequest.onBody`):
 * pagination peeks at it to start the next request early.
 */
export type PageFetcher<T> = (
  page: PageQuery,
  hooks: { onBody?: (text: string) => void },
) => Promise<Page<T>>;

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
interface PageRequest<T> {
  readonly cursor: string | undefined;
  /**
   * Records read before this page; for a page requested early, an upper
   * bound (the pages before it taken as full).
   */
  readonly fetched: number;
  page: Promise<Page<T>>;
}

/** The largest `limit` the API accepts. */
export const MAX_PAGE_SIZE = 100;

/**
 * Empty pages in a row that claim `has_more` before ax gives up (N7). Arize
 * and the emulator fill every page from a filtered index, so an empty page
 * with more to come should not happen at all; a server that filters after
 * paging may send a few. Ten tolerates that and caps the waste of a server
 * that never ends at ten round trips.
 */
export const MAX_EMPTY_PAGES = 10;

/**
 * Pages between garbage collections in a Bun binary. Bun's collector is
 * lazy: without a nudge, peak memory grows with the number of pages read
 * even though nothing is kept (measured, ndjson: 65 MB at 10k keys, 94 MB at
 * 1M). A full collection every 200 pages held 1M keys at 66 MB for ~7 ms per
 * collection (parquet: ~14 ms), about 3% of the time.
 */
export const PAGES_PER_COLLECTION = 200;

/**
 * The server's pagination would not end or would repeat records (N7): exit
 * 4, like other answers from the API that ax cannot accept.
 */
export class PaginationError extends AxError {
  constructor(message: string, fetched: number) {
    super(message, {
      exitCode: EXIT.API,
      hints: [
        `Stopped after ${fetched} records; none was read twice.`,
        "This is a fault of the server (or a proxy in between); try again later or report it.",
      ],
    });
  }
}

/**
 * What the set of cursors already read keeps of a cursor: short ones as
 * they are, long ones (a hostile server may send megabytes) as their length
 * and two 32-bit FNV-1a hashes, so memory grows by a few bytes per page
 * however long the cursors are. Not a cryptographic digest: `node:crypto`
 * costs ~1 ms of every command's start-up, and a collision could only make
 * ax report a loop, which a server can cause anyway by sending one.
 */
function cursorKey(cursor: string): string {
  if (cursor.length <= 64) return cursor;
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < cursor.length; i++) {
    const code = cursor.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 15);
  }
  return `${cursor.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

const PAGINATION_MEMBER = '"pagination"';

/**
 * Reads a list answer's `pagination` member from the end of its raw text,
 * without parsing the records before it: the peek behind the early request
 * (see paginate). On a 100-key page the full parse takes ~0.15 ms, the peek a
 * few microseconds.
 *
 * It is a guess, checked later: paginate compares it with the fully parsed
 * answer and drops a wrong one. It only answers when `pagination` is the last
 * member of the top-level object (as Arize and the emulator send it);
 * otherwise the text from its `{` to the final `}` is not one JSON value and
 * the answer is undefined. Exported for its tests.
 */
export function peekPagination(text: string): Pagination | undefined {
  // A key inside a string would be escaped (`\"pagination\"`), so the last
  // unescaped occurrence is a member name.
  const key = text.lastIndexOf(PAGINATION_MEMBER);
  if (key < 0) return undefined;
  const open = text.indexOf("{", key);
  const close = text.lastIndexOf("}");
  if (
    open < 0 || close <= open || !/^\s*:\s*$/.test(text.slice(key + PAGINATION_MEMBER.length, open))
  ) {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text.slice(open, close));
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object") return undefined;
  const { has_more, next_cursor } = value as Record<string, unknown>;
  if (typeof has_more !== "boolean") return undefined;
  if (typeof next_cursor === "string") return { has_more, next_cursor };
  return next_cursor === undefined || next_cursor === null ? { has_more } : undefined;
}

/**
 * Pages through an endpoint with `fetchPage`. With `want: N` at most N
 * records are yielded, and the last request asks for exactly the remaining
 * count so no page is cut: the final `next_cursor` then points at the first
 * unread record, ready for `--cursor`. Throws {@link PaginationError} (after
 * the records of the last good page) when the pagination would not end.
 */
export function paginate<T>(
  fetchPage: PageFetcher<T>,
  options: PaginateOptions,
): PagedRecords<T> {
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
  /** Every cursor read so far (see cursorKey), with the number of its page. */
  const seen = new Map<string, number>();
  /** The page the reader is waiting for. */
  let awaited: PageRequest<T> | undefined;
  /** The page after `awaited`, requested from a peek at its body. */
  let early: PageRequest<T> | undefined;

  const start = (cursor: string | undefined, fetched: number): PageRequest<T> => {
    const limit = limitAfter(fetched);
    const request: PageRequest<T> = { cursor, fetched, page: undefined as never };
    const onBody = (text: string) => {
      if (awaited === request) early = startFollowing(request, { text, limit });
    };
    request.page = fetchPage({ limit, cursor }, { onBody }).then((page) => ({
      // A server that returns more than asked would make the cursor skip
      // records; never pass on more than was requested.
      items: page.items.length > limit ? page.items.slice(0, limit) : page.items,
      pagination: page.pagination,
    }));
    // A consumer that stops early never awaits the page fetched ahead.
    request.page.catch(() => {});
    return request;
  };

  /**
   * Requests the page after `request` as soon as its body arrives, guessing
   * that a page with more after it is full. A wrong guess (checked by
   * fetchNext against the parsed page) is dropped: one wasted GET.
   */
  const startFollowing = (request: PageRequest<T>, body: { text: string; limit: number }) => {
    const peek = peekPagination(body.text);
    const fetched = request.fetched + body.limit;
    const cursor = peek?.next_cursor;
    if (!peek?.has_more || !cursor || cursor === request.cursor) return undefined;
    if (seen.has(cursorKey(cursor))) return undefined;
    if (want !== "all" && fetched >= want) return undefined;
    return start(cursor, fetched);
  };

  const fetchNext = (cursor: string | undefined, fetched: number): PageRequest<T> => {
    const ahead = early;
    early = undefined;
    // The cursor decides. A page requested early assumed the pages before it
    // were full, so its limit is at most the one asked now: it never reads
    // past `want`, and a server sending short pages costs no extra request.
    if (ahead && ahead.cursor === cursor) return ahead;
    return start(cursor, fetched);
  };

  /** Why following `pagination` would loop or stop early; undefined when it is sound. */
  const fault = (
    pagination: Pagination,
    facts: { pages: number; emptyRun: number; fetched: number },
  ): PaginationError | undefined => {
    const following = pagination.next_cursor;
    if (following === undefined || following === "") {
      return new PaginationError(
        "The server said more records follow (has_more) but sent no next_cursor.",
        facts.fetched,
      );
    }
    const first = seen.get(cursorKey(following));
    if (first !== undefined) {
      const cycle = facts.pages + 1 - first;
      return new PaginationError(
        `The server's pagination loops: page ${facts.pages + 2} would repeat page ${
          first + 1
        } (a cycle of ${cycle} ${cycle === 1 ? "page" : "pages"}).`,
        facts.fetched,
      );
    }
    if (facts.emptyRun >= MAX_EMPTY_PAGES) {
      return new PaginationError(
        `The server sent ${facts.emptyRun} empty pages in a row, each saying more records follow.`,
        facts.fetched,
      );
    }
    return undefined;
  };

  async function* records(): AsyncGenerator<T> {
    let cursor = options.cursor;
    let fetched = 0;
    let pages = 0;
    let emptyRun = 0;
    if (cursor !== undefined) seen.set(cursorKey(cursor), 0);
    let next: PageRequest<T> | undefined = fetchNext(cursor, fetched);
    while (next !== undefined) {
      awaited = next;
      const { items, pagination } = await next.page;
      awaited = next = undefined;
      fetched += items.length;
      last = pagination;
      emptyRun = items.length === 0 ? emptyRun + 1 : 0;
      options.onProgress?.(fetched);
      // Decide on the next page before handing out this one's records, so
      // its request runs while they are consumed; a broken pagination is
      // reported after them, as if the next request had failed.
      let broken: Error | undefined;
      if (pagination.has_more && (want === "all" || fetched < want)) {
        broken = fault(pagination, { pages, emptyRun, fetched });
        if (broken === undefined) {
          cursor = pagination.next_cursor!;
          seen.set(cursorKey(cursor), pages + 1);
          next = fetchNext(cursor, fetched);
        }
      }
      yield* items;
      if (++pages % PAGES_PER_COLLECTION === 0) collectGarbage();
      if (broken) throw broken;
    }
  }

  return { records: records(), pagination: () => last };
}

/**
 * Exactly one request: a plain `list` shows one page and says how to get the
 * next. Never yields more than `page.limit` records, whatever the server
 * sends.
 */
export function firstPage<T>(fetchPage: PageFetcher<T>, page: PageQuery): PagedRecords<T> {
  let pagination: Pagination | undefined;
  async function* records(): AsyncGenerator<T> {
    const answer = await fetchPage(page, {});
    pagination = answer.pagination;
    yield* answer.items.length > page.limit ? answer.items.slice(0, page.limit) : answer.items;
  }
  return { records: records(), pagination: () => pagination };
}
