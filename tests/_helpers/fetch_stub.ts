/**
 * The one stub registry for `fetch` in unit tests (after gh's httpmock): each
 * expected request is registered in order with its answer; a request that
 * differs (method, URL with query, headers, exact JSON body) or comes
 * unannounced fails, and `verify()` fails on any mismatch and on any
 * registered request that never came.
 *
 * ```ts
 * const stub = fetchStub({ headers: { authorization: "Bearer ak-…" } })
 *   .expect({ method: "GET", path: "/v2/api-keys?limit=15" }, { status: 200, json: page })
 *   .any(fail(denoError("connection reset")));   // the next request, whatever it is
 * … run with stub.fetch …
 * stub.verify();
 * ```
 *
 * An answer is either a {@link StubResponse} (status, JSON or text, headers)
 * or a {@link Reply} function built with the helpers below (`json`,
 * `problem`, `raw`, `fail`, `hang`) or written inline.
 */
import assert from "node:assert/strict";

/** One expected request. */
export interface ExpectedRequest {
  method: string;
  /** Path and query, e.g. `/v2/api-keys?limit=15`, compared against the full URL. */
  path: string;
  /** Exact JSON body; `undefined` means the request must have no body. */
  body?: unknown;
  /** Headers that must be present with these values (names case-insensitive). */
  headers?: Record<string, string>;
}

/** The canned answer to one request. */
export interface StubResponse {
  status: number;
  /** JSON body (serialised); omit for an empty body. */
  json?: unknown;
  /** Raw body text, instead of `json`. */
  text?: string;
  headers?: Record<string, string>;
  /** Runs when the request arrives, before the answer (e.g. to break a file system path). */
  before?: () => void | Promise<void>;
}

/** A request as the stub saw it: what the caller passed to `fetch`. */
export interface SeenRequest {
  url: URL;
  method: string;
  headers: Headers;
  /** The body as text; `undefined` when there was none. */
  body: string | undefined;
  redirect: RequestRedirect | undefined;
  signal: AbortSignal | undefined;
}

/** An answer computed from the request: a response, or a rejection (a transport failure). */
export type Reply = (request: SeenRequest) => Response | Promise<Response>;

/** The registry: `fetch` to inject, `expect`/`any` to register, `verify` at the end. */
export interface FetchStub {
  readonly fetch: typeof fetch;
  /** Every request received, in order. */
  readonly seen: SeenRequest[];
  /** Registers the next request, which must match `request`. */
  expect(request: ExpectedRequest, response: StubResponse | Reply): FetchStub;
  /** Registers the next requests, one per answer, whatever they are (httpmock's MatchAny). */
  any(...responses: (StubResponse | Reply)[]): FetchStub;
  /** Fails on any mismatch seen so far and on any registered request that never came. */
  verify(): void;
}

/** Options of {@link fetchStub}. */
export interface FetchStubOptions {
  /** Base URL the paths are relative to. */
  baseUrl?: string;
  /** Headers every request must carry (e.g. the bearer token). */
  headers?: Record<string, string>;
}

type Registered = [ExpectedRequest | "any", StubResponse | Reply];

/** Creates an empty registry; with nothing registered every request fails. */
export function fetchStub(options: FetchStubOptions = {}): FetchStub {
  const baseUrl = options.baseUrl ?? "https://api.arize.test";
  const queue: Registered[] = [];
  const failures: string[] = [];
  const seen: SeenRequest[] = [];

  async function stubFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    // Recorded before the first await: a test may count requests right after
    // the call (the client must send before its caller's synchronous work).
    const got = seeRequest(input, init);
    seen.push(got);
    await readBody(got, input, init);
    const next = queue.shift();
    if (!next) return fail(`unexpected request: ${got.method} ${got.url}`);
    const [want, response] = next;
    if (want !== "any") {
      const mismatch = mismatchOf(got, want);
      if (mismatch) return fail(mismatch);
    }
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (got.headers.get(name) !== value) {
        return fail(`${got.method} ${got.url}: header ${name} is ${got.headers.get(name)}`);
      }
    }
    if (typeof response === "function") return await response(got);
    await response.before?.();
    return cannedResponse(response);
  }

  function mismatchOf(got: SeenRequest, want: ExpectedRequest): string | undefined {
    const wantUrl = new URL(want.path, baseUrl).href;
    if (got.method !== want.method || got.url.href !== wantUrl) {
      return `expected ${want.method} ${wantUrl}, got ${got.method} ${got.url}`;
    }
    for (const [name, value] of Object.entries(want.headers ?? {})) {
      if (got.headers.get(name) !== value) {
        return `${got.method} ${got.url}: header ${name} is ${got.headers.get(name)}`;
      }
    }
    if (want.body === undefined && got.body !== undefined && got.body !== "") {
      return `${got.method} ${got.url}: expected no body, got ${got.body}`;
    }
    if (want.body !== undefined) {
      try {
        assert.deepEqual(JSON.parse(got.body ?? "null"), want.body);
      } catch {
        return `${got.method} ${got.url}: body ${got.body}, expected ${JSON.stringify(want.body)}`;
      }
    }
    return undefined;
  }

  function fail(message: string): Promise<Response> {
    failures.push(message);
    return Promise.reject(new Error(`fetch stub: ${message}`));
  }

  const stub: FetchStub = {
    fetch: stubFetch as typeof fetch,
    seen,
    expect(request, response) {
      queue.push([request, response]);
      return stub;
    },
    any(...responses) {
      for (const response of responses) queue.push(["any", response]);
      return stub;
    },
    verify() {
      assert.deepEqual(failures, [], "requests did not match the stubs");
      assert.deepEqual(
        queue.map(([r]) => r === "any" ? "any request" : `${r.method} ${r.path}`),
        [],
        "expected requests never came",
      );
    },
  };
  return stub;
}

/** What the caller handed to fetch, read without adding anything a Request would. */
function seeRequest(input: RequestInfo | URL, init: RequestInit): SeenRequest {
  const request = input instanceof Request ? input : undefined;
  return {
    url: new URL(request?.url ?? String(input)),
    method: init.method ?? request?.method ?? "GET",
    headers: new Headers(init.headers ?? request?.headers),
    body: typeof init.body === "string" ? init.body : undefined,
    redirect: init.redirect ?? request?.redirect,
    signal: init.signal ?? request?.signal,
  };
}

/** Fills in a body that was not a plain string (bytes, a stream, a Request's own). */
async function readBody(
  got: SeenRequest,
  input: RequestInfo | URL,
  init: RequestInit,
): Promise<void> {
  if (got.body !== undefined) return;
  if (init.body != null) got.body = await new Response(init.body).text();
  else if (input instanceof Request && input.body) got.body = await input.clone().text();
}

function cannedResponse(response: StubResponse): Response {
  const headers = new Headers(response.headers);
  let payload: string | null = null;
  if (response.json !== undefined) {
    payload = JSON.stringify(response.json);
    if (!headers.has("content-type")) {
      const problem = response.status >= 400;
      headers.set("content-type", problem ? "application/problem+json" : "application/json");
    }
  } else if (response.text !== undefined) {
    payload = response.text;
  }
  return new Response(payload, { status: response.status, headers });
}

/** A JSON answer (no body for 204). */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return () =>
    new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json", ...headers },
    });
}

/** An RFC 9457 problem answer. */
export function problem(
  status: number,
  fields: { title: string; detail?: string },
  headers: Record<string, string> = {},
): Reply {
  return () =>
    new Response(JSON.stringify({ status, ...fields }), {
      status,
      headers: { "content-type": "application/problem+json", ...headers },
    });
}

/** A raw answer with any body and content type. */
export function raw(status: number, body: string, contentType = "text/html"): Reply {
  return () => new Response(body, { status, headers: { "content-type": contentType } });
}

/** A transport failure: fetch rejects with `error`. */
export function fail(error: unknown): Reply {
  return () => Promise.reject(error);
}

/** A fetch that never answers until its signal aborts. */
export function hang(): Reply {
  return (req) =>
    new Promise((_, reject) => {
      req.signal?.addEventListener("abort", () => reject(req.signal?.reason), { once: true });
    });
}

/** An error shaped like Bun's fetch errors (a `code` on the error itself). */
export function bunError(code: string, message: string): Error {
  return Object.assign(new TypeError(message), { code });
}

/** An error shaped like Deno's fetch errors (the detail in `cause.message`). */
export function denoError(message: string): Error {
  return new TypeError("fetch failed", { cause: new Error(message) });
}
