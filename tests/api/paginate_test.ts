import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { apiKeyPages, type ListApiKeysQuery } from "../../api/api_keys.ts";
import {
  firstPage,
  MAX_EMPTY_PAGES,
  PAGES_PER_COLLECTION,
  paginate,
  type PaginateOptions,
  PaginationError,
} from "../../api/paginate.ts";
import type { ApiClient, ApiRequest } from "../../api/client.ts";
import type { ApiKey, Pagination } from "../../api/types.ts";
import { NetworkError } from "../../runtime/errors.ts";
import { sampleKey } from "./_sample_key.ts";

/** `paginate` over `GET /v2/api-keys`, as `ax api-keys list` uses it. */
function paginateApiKeys(
  client: ApiClient,
  query: Omit<ListApiKeysQuery, "limit" | "cursor">,
  options: PaginateOptions,
) {
  return paginate(apiKeyPages(client, query), options);
}

/**
 * An ApiClient whose answer to a request for cursor `c` (`"first"` for none)
 * is `pages[c]`: a number of records (ids `<c>-0`…) and the pagination.
 */
function cursorServer(pages: Record<string, [number, Pagination]>) {
  const cursors: (string | undefined)[] = [];
  const client: ApiClient = {
    request(req: ApiRequest) {
      const cursor = req.query?.cursor as string | undefined;
      cursors.push(cursor);
      const [count, pagination] = pages[cursor ?? "first"];
      const keys = Array.from({ length: count }, (_, i) => sampleKey({ id: `${cursor}-${i}` }));
      const body = { api_keys: keys, pagination };
      return new Promise((resolve) =>
        setTimeout(() => {
          req.onBody?.(JSON.stringify(body));
          resolve({ status: 200, headers: new Headers(), body });
        }, 0)
      );
    },
  };
  return { client, cursors };
}

/**
 * An ApiClient over `total` keys with ids k0…k(total-1), cursors being the
 * index of the next record. Records every request's query. Like the real
 * client, it hands each answer's text to `onBody` before "parsing" it;
 * `text` can make that text lie about the pagination.
 */
function fakeServer(total: number, options: { text?: (body: unknown) => string } = {}) {
  const queries: Record<string, string | number | undefined>[] = [];
  const client: ApiClient = {
    request(req: ApiRequest) {
      assert.equal(req.path, "/v2/api-keys");
      assert.equal(req.idempotent, true);
      const query = req.query ?? {};
      queries.push(query);
      const start = query.cursor === undefined ? 0 : Number(query.cursor);
      const limit = Number(query.limit ?? 50);
      assert.ok(limit >= 1 && limit <= 100, `limit ${limit} within 1-100`);
      const end = Math.min(total, start + limit);
      const keys = [];
      for (let i = start; i < end; i++) keys.push(sampleKey({ id: `k${i}` }));
      const pagination = end < total
        ? { has_more: true, next_cursor: String(end) }
        : { has_more: false };
      const body = { api_keys: keys, pagination };
      // An answer arrives later, as from a socket, not in the same tick.
      return new Promise((resolve) =>
        setTimeout(() => {
          req.onBody?.(options.text?.(body) ?? JSON.stringify(body));
          resolve({ status: 200, headers: new Headers(), body });
        }, 0)
      );
    },
  };
  return { client, queries };
}

async function collect(records: AsyncIterable<ApiKey>): Promise<string[]> {
  const ids: string[] = [];
  for await (const key of records) ids.push(key.id);
  return ids;
}

describe("paginateApiKeys", () => {
  it("want=N over several pages: exact count, last request asks for the remainder", async () => {
    const { client, queries } = fakeServer(1000);
    const paged = paginateApiKeys(client, { status: "active" }, { want: 250 });
    const ids = await collect(paged.records);
    assert.equal(ids.length, 250);
    assert.equal(ids[249], "k249");
    assert.deepEqual(queries.map((q) => q.limit), [100, 100, 50]);
    assert.deepEqual(queries.map((q) => q.cursor), [undefined, "100", "200"]);
    assert.equal(queries[0].status, "active");
    // The cursor points at the first unread record.
    assert.deepEqual(paged.pagination(), { has_more: true, next_cursor: "250" });
  });

  it("want=all reads until has_more is false", async () => {
    const { client, queries } = fakeServer(205);
    const paged = paginateApiKeys(client, {}, { want: "all" });
    assert.equal((await collect(paged.records)).length, 205);
    assert.equal(queries.length, 3);
    assert.deepEqual(paged.pagination(), { has_more: false });
  });

  it("stops early when the server runs out before want", async () => {
    const { client } = fakeServer(30);
    const paged = paginateApiKeys(client, {}, { want: 100 });
    assert.equal((await collect(paged.records)).length, 30);
    assert.deepEqual(paged.pagination(), { has_more: false });
  });

  it("resumes from a cursor and honours a smaller page size", async () => {
    const { client, queries } = fakeServer(100);
    const paged = paginateApiKeys(client, {}, { want: 25, cursor: "40", pageSize: 10 });
    const ids = await collect(paged.records);
    assert.deepEqual([ids[0], ids.at(-1)], ["k40", "k64"]);
    assert.deepEqual(queries.map((q) => q.limit), [10, 10, 5]);
    assert.deepEqual(paged.pagination(), { has_more: true, next_cursor: "65" });
  });

  it("clamps the page size to 100", async () => {
    const { client, queries } = fakeServer(300);
    await collect(paginateApiKeys(client, {}, { want: 300, pageSize: 500 }).records);
    assert.deepEqual(queries.map((q) => q.limit), [100, 100, 100]);
  });

  it("requests the next page from the answer's text, before the page is read", async () => {
    const events: string[] = [];
    const { client } = fakeServer(250);
    const traced: ApiClient = {
      request(req) {
        events.push(`request ${req.query?.cursor ?? "first"}`);
        return client.request({
          ...req,
          onBody: (text) => {
            events.push(`body ${req.query?.cursor ?? "first"}`);
            req.onBody?.(text);
            events.push(`parse ${req.query?.cursor ?? "first"}`);
          },
        });
      },
    };
    const paged = paginateApiKeys(traced, {}, { want: "all" });
    const iterator = paged.records[Symbol.asyncIterator]();
    await iterator.next();
    assert.deepEqual(events, ["request first", "body first", "request 100", "parse first"]);
    await iterator.return?.();
  });

  it("drops a request started from a text that the parsed page contradicts", async () => {
    // The text claims the next cursor is "1000"; the parsed page says "100".
    const { client, queries } = fakeServer(150, {
      text: (body) =>
        JSON.stringify({ ...body as object, pagination: { has_more: true, next_cursor: "1000" } }),
    });
    const ids = await collect(paginateApiKeys(client, {}, { want: "all" }).records);
    assert.equal(ids.length, 150);
    assert.deepEqual(ids.slice(99, 101), ["k99", "k100"]);
    assert.deepEqual(queries.map((q) => q.cursor), [undefined, "1000", "100", "1000"]);
  });

  it("sends exactly one request per page, the last one asking for the remainder", async () => {
    const { client, queries } = fakeServer(10_000);
    const ids = await collect(paginateApiKeys(client, {}, { want: 1234 }).records);
    assert.equal(ids.length, 1234);
    assert.deepEqual(queries.map((q) => q.limit), [...Array(12).fill(100), 34]);
    assert.equal(new Set(queries.map((q) => q.cursor)).size, queries.length);
  });

  it("a server sending short pages costs no extra request", async () => {
    // One record per page, whatever the limit; has_more until k4.
    const queries: (string | number | undefined)[][] = [];
    const client: ApiClient = {
      request(req) {
        const index = Number(req.query?.cursor ?? 0);
        queries.push([req.query?.cursor, req.query?.limit]);
        const body = {
          api_keys: [sampleKey({ id: `k${index}` })],
          pagination: index < 4
            ? { has_more: true, next_cursor: String(index + 1) }
            : { has_more: false },
        };
        return new Promise((resolve) =>
          setTimeout(() => {
            req.onBody?.(JSON.stringify(body));
            resolve({ status: 200, headers: new Headers(), body });
          }, 0)
        );
      },
    };
    assert.deepEqual(await collect(paginateApiKeys(client, {}, { want: "all" }).records), [
      "k0",
      "k1",
      "k2",
      "k3",
      "k4",
    ]);
    assert.deepEqual(queries.map(([cursor]) => cursor), [undefined, "1", "2", "3", "4"]);
    queries.length = 0;
    const three = await collect(paginateApiKeys(client, {}, { want: 3, pageSize: 2 }).records);
    assert.deepEqual(three, ["k0", "k1", "k2"]);
    assert.deepEqual(queries, [[undefined, 2], ["1", 1], ["2", 1]]);
  });

  it("with a slow consumer, stays one page ahead, no further", async () => {
    const { client, queries } = fakeServer(1000);
    const iterator = paginateApiKeys(client, {}, { want: "all" }).records[Symbol.asyncIterator]();
    let read = 0;
    for (; read < 450; read++) {
      await iterator.next();
      // Time for every answer in flight to arrive while the records are read.
      if (read % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      const pagesStarted = Math.floor(read / 100) + 1;
      assert.ok(queries.length <= pagesStarted + 1, `${queries.length} requests at record ${read}`);
    }
    await iterator.return?.();
  });

  it("reads one page ahead of the consumer, no further", async () => {
    const { client, queries } = fakeServer(300);
    const paged = paginateApiKeys(client, {}, { want: "all" });
    assert.equal(queries.length, 0, "nothing before iteration starts");
    const iterator = paged.records[Symbol.asyncIterator]();
    for (let i = 0; i < 100; i++) await iterator.next();
    assert.equal(queries.length, 2, "the second page is on its way while the first is read");
    await iterator.next();
    assert.equal(queries.length, 3, "the 101st record starts the third page");
    await iterator.return?.();
  });

  it("hands out a page's records before the next page's failure", async () => {
    let calls = 0;
    const client: ApiClient = {
      request: () => {
        calls++;
        if (calls === 2) return Promise.reject(new NetworkError("connection reset"));
        return Promise.resolve({
          status: 200,
          headers: new Headers(),
          body: {
            api_keys: [sampleKey({ id: "a" })],
            pagination: { has_more: true, next_cursor: "x" },
          },
        });
      },
    };
    const ids: string[] = [];
    const reading = (async () => {
      for await (const key of paginateApiKeys(client, {}, { want: "all" }).records) {
        ids.push(key.id);
      }
    })();
    await assert.rejects(reading, /connection reset/);
    assert.deepEqual(ids, ["a"]);
  });

  it("a consumer that stops early leaves the page fetched ahead unawaited, harmlessly", async () => {
    let rejectSecond: (error: Error) => void = () => {};
    let calls = 0;
    const client: ApiClient = {
      request: () => {
        calls++;
        if (calls === 2) return new Promise((_, reject) => (rejectSecond = reject));
        return Promise.resolve({
          status: 200,
          headers: new Headers(),
          body: { api_keys: [sampleKey()], pagination: { has_more: true, next_cursor: "x" } },
        });
      },
    };
    for await (const _ of paginateApiKeys(client, {}, { want: "all" }).records) break;
    assert.equal(calls, 2);
    // Would fail the test run as an unhandled rejection if nobody caught it.
    rejectSecond(new NetworkError("too late"));
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

  it("asks Bun's collector for a full collection every PAGES_PER_COLLECTION pages", async () => {
    const global = globalThis as { Bun?: unknown };
    const saved = global.Bun;
    const collections: boolean[] = [];
    global.Bun = { gc: (force: boolean) => collections.push(force) };
    try {
      const { client } = fakeServer(PAGES_PER_COLLECTION * 2 * 10 + 5);
      const paged = paginateApiKeys(client, {}, { want: "all", pageSize: 10 });
      await collect(paged.records);
    } finally {
      global.Bun = saved;
    }
    assert.deepEqual(collections, [true, true]);
  });

  it("reports progress after each page", async () => {
    const { client } = fakeServer(230);
    const progress: number[] = [];
    await collect(
      paginateApiKeys(client, {}, { want: "all", onProgress: (n) => progress.push(n) }).records,
    );
    assert.deepEqual(progress, [100, 200, 230]);
  });

  it("never yields more than requested even if the server sends more", async () => {
    const client: ApiClient = {
      request: () =>
        Promise.resolve({
          status: 200,
          headers: new Headers(),
          body: {
            api_keys: [sampleKey({ id: "a" }), sampleKey({ id: "b" }), sampleKey({ id: "c" })],
            pagination: { has_more: false },
          },
        }),
    };
    assert.deepEqual(await collect(paginateApiKeys(client, {}, { want: 2 }).records), ["a", "b"]);
  });

  const brokenPaginations: [string, unknown][] = [
    ["has_more without next_cursor", { has_more: true }],
    ["a repeated cursor", { has_more: true, next_cursor: "same" }],
  ];
  for (const [name, pagination] of brokenPaginations) {
    it(`fails on ${name} instead of looping`, async () => {
      let calls = 0;
      const client: ApiClient = {
        request: () => {
          calls++;
          return Promise.resolve({
            status: 200,
            headers: new Headers(),
            body: { api_keys: [sampleKey()], pagination },
          });
        },
      };
      const paged = paginateApiKeys(client, {}, { want: "all", cursor: "same" });
      await assert.rejects(
        collect(paged.records),
        (error) => error instanceof PaginationError && error.exitCode === 4,
      );
      assert.equal(calls, 1);
    });
  }

  it("rejects a want that is not a positive integer", () => {
    const { client } = fakeServer(1);
    for (const want of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => paginateApiKeys(client, {}, { want }), RangeError);
    }
  });

  it("stops at a cursor cycle of any length before reading a page twice, exit 4", async () => {
    for (const length of [1, 2, 5]) {
      // first → c0 → c1 → … → c(length-1) → c0 again.
      const pages: Record<string, [number, Pagination]> = {
        first: [2, { has_more: true, next_cursor: "c0" }],
      };
      for (let i = 0; i < length; i++) {
        pages[`c${i}`] = [2, { has_more: true, next_cursor: `c${(i + 1) % length}` }];
      }
      const { client, cursors } = cursorServer(pages);
      const ids: string[] = [];
      await assert.rejects(
        (async () => {
          for await (const key of paginateApiKeys(client, {}, { want: "all" }).records) {
            ids.push(key.id);
          }
        })(),
        (error) =>
          error instanceof PaginationError && error.exitCode === 4 &&
          error.message.includes(`a cycle of ${length} page`),
      );
      assert.equal(new Set(ids).size, ids.length, "no record twice");
      assert.equal(ids.length, 2 * (length + 1));
      assert.equal(new Set(cursors).size, cursors.length, "no page requested twice");
    }
  });

  it("a cycle through a very long cursor is caught too (kept as a hash)", async () => {
    const long = "x".repeat(100_000);
    const { client } = cursorServer({
      first: [1, { has_more: true, next_cursor: long }],
      [long]: [1, { has_more: true, next_cursor: long }],
    });
    await assert.rejects(
      collect(paginateApiKeys(client, {}, { want: 500 }).records),
      PaginationError,
    );
  });

  it(`gives up after ${MAX_EMPTY_PAGES} empty pages in a row that claim has_more`, async () => {
    const pages: Record<string, [number, Pagination]> = {
      first: [0, { has_more: true, next_cursor: "e1" }],
    };
    for (let i = 1; i < 50; i++) pages[`e${i}`] = [0, { has_more: true, next_cursor: `e${i + 1}` }];
    const { client, cursors } = cursorServer(pages);
    await assert.rejects(
      collect(paginateApiKeys(client, {}, { want: "all" }).records),
      (error) =>
        error instanceof PaginationError && error.exitCode === 4 &&
        error.message.includes(`${MAX_EMPTY_PAGES} empty pages`),
    );
    // The pages read, plus at most the one requested early from a peek.
    assert.ok(cursors.length <= MAX_EMPTY_PAGES + 1, `${cursors.length} requests`);
  });

  it("a few empty pages between full ones are fine", async () => {
    const { client } = cursorServer({
      first: [3, { has_more: true, next_cursor: "a" }],
      a: [0, { has_more: true, next_cursor: "b" }],
      b: [0, { has_more: true, next_cursor: "c" }],
      c: [2, { has_more: false }],
    });
    assert.equal((await collect(paginateApiKeys(client, {}, { want: "all" }).records)).length, 5);
  });
});

describe("firstPage", () => {
  it("sends one request and never yields more than its limit", async () => {
    const { client, cursors } = cursorServer({
      first: [40, { has_more: true, next_cursor: "n" }],
    });
    const paged = firstPage(apiKeyPages(client, {}), { limit: 15, cursor: undefined });
    assert.equal((await collect(paged.records)).length, 15);
    assert.deepEqual(cursors, [undefined]);
    assert.deepEqual(paged.pagination(), { has_more: true, next_cursor: "n" });
  });
});
