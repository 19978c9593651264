/**
 * A stub registry for `fetch` (after gh's httpmock): each expected request is
 * declared in order with its response; any request that differs (method, URL
 * with query, headers, exact JSON body) or comes unannounced fails the test,
 * and `verify()` fails if an expected request never came.
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

/** A request as the stub saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** The registry: `fetch` to inject, `expect` to declare, `verify` at the end. */
export interface FetchStub {
  readonly fetch: typeof fetch;
  /** Every request received, in order. */
  readonly seen: SeenRequest[];
  expect(request: ExpectedRequest, response: StubResponse): FetchStub;
  /** Fails on any mismatch seen so far and on any expectation left unused. */
  verify(): void;
}

/** Options of {@link fetchStub}. */
export interface FetchStubOptions {
  /** Base URL the paths are relative to. */
  baseUrl?: string;
  /** Headers every request must carry (e.g. the bearer token). */
  headers?: Record<string, string>;
}

/** Creates an empty registry; with no expectations every request fails. */
export function fetchStub(options: FetchStubOptions = {}): FetchStub {
  const baseUrl = options.baseUrl ?? "https://api.arize.test";
  const queue: [ExpectedRequest, StubResponse][] = [];
  const failures: string[] = [];
  const seen: SeenRequest[] = [];

  async function stubFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const body = request.body ? await request.text() : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    const got: SeenRequest = { method: request.method, url: request.url, headers, body };
    seen.push(got);
    const next = queue.shift();
    if (!next) return fail(`unexpected request: ${got.method} ${got.url}`);
    const [want, response] = next;
    const wantUrl = new URL(want.path, baseUrl).href;
    if (got.method !== want.method || got.url !== wantUrl) {
      return fail(`expected ${want.method} ${wantUrl}, got ${got.method} ${got.url}`);
    }
    for (const [name, value] of Object.entries({ ...options.headers, ...want.headers })) {
      if (headers[name.toLowerCase()] !== value) {
        return fail(`${got.method} ${got.url}: header ${name} is ${headers[name.toLowerCase()]}`);
      }
    }
    if (want.body === undefined && body !== undefined && body !== "") {
      return fail(`${got.method} ${got.url}: expected no body, got ${body}`);
    }
    if (want.body !== undefined) {
      try {
        assert.deepEqual(JSON.parse(body ?? "null"), want.body);
      } catch {
        return fail(
          `${got.method} ${got.url}: body ${body}, expected ${JSON.stringify(want.body)}`,
        );
      }
    }
    await response.before?.();
    const responseHeaders = new Headers(response.headers);
    let payload: string | null = null;
    if (response.json !== undefined) {
      payload = JSON.stringify(response.json);
      if (!responseHeaders.has("content-type")) {
        const problem = response.status >= 400;
        responseHeaders.set(
          "content-type",
          problem ? "application/problem+json" : "application/json",
        );
      }
    } else if (response.text !== undefined) {
      payload = response.text;
    }
    return new Response(payload, { status: response.status, headers: responseHeaders });
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
    verify() {
      assert.deepEqual(failures, [], "requests did not match the stubs");
      assert.deepEqual(
        queue.map(([r]) => `${r.method} ${r.path}`),
        [],
        "expected requests never came",
      );
    },
  };
  return stub;
}
