/**
 * A fetch that answers from a script, one step per request, and records every
 * request it saw. A request beyond the script fails the test; `assertDone`
 * fails on steps never used.
 */
import assert from "node:assert/strict";

/** A request as the fake saw it. */
export interface SeenRequest {
  url: URL;
  method: string;
  headers: Headers;
  body: string | undefined;
  redirect: RequestRedirect | undefined;
  signal: AbortSignal | undefined;
}

/** One scripted answer: a response, or a thrown error (a transport failure). */
export type Step = (req: SeenRequest) => Response | Promise<Response>;

/** The fake fetch and what it recorded. */
export interface ScriptedFetch {
  fetch: typeof fetch;
  requests: SeenRequest[];
  assertDone(): void;
}

/** Builds a fetch answering `steps` in order. */
export function scriptedFetch(steps: Step[]): ScriptedFetch {
  const requests: SeenRequest[] = [];
  let next = 0;
  const fake = async (input: string | URL | Request, init: RequestInit = {}) => {
    const seen: SeenRequest = {
      url: new URL(String(input)),
      method: init.method ?? "GET",
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? init.body : undefined,
      redirect: init.redirect,
      signal: init.signal ?? undefined,
    };
    requests.push(seen);
    const step = steps[next++];
    if (step === undefined) throw new Error(`unexpected request: ${seen.method} ${seen.url}`);
    return await step(seen);
  };
  return {
    fetch: fake as typeof fetch,
    requests,
    assertDone: () => assert.equal(next, steps.length, "every scripted response was used"),
  };
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Step {
  return () =>
    new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json", ...headers },
    });
}

/** An RFC 9457 problem response. */
export function problem(
  status: number,
  fields: { title: string; detail?: string },
  headers: Record<string, string> = {},
): Step {
  return () =>
    new Response(JSON.stringify({ status, ...fields }), {
      status,
      headers: { "content-type": "application/problem+json", ...headers },
    });
}

/** A raw response with any body and content type. */
export function raw(status: number, body: string, contentType = "text/html"): Step {
  return () => new Response(body, { status, headers: { "content-type": contentType } });
}

/** A transport failure: fetch rejects with `error`. */
export function fail(error: unknown): Step {
  return () => Promise.reject(error);
}

/** A fetch that never answers until its signal aborts. */
export function hang(): Step {
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

/** A sample API key as the server sends it. */
export function sampleKey(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "QXBpS2V5OjE6YWJj",
    name: "CI pipeline key",
    description: "used by CI",
    key_type: "user",
    status: "active",
    redacted_key: "ak-abc...xyz",
    created_at: "2024-01-15T10:30:00Z",
    expires_at: "2025-01-15T10:30:00Z",
    created_by_user_id: "Usr1001",
    last_used_at: "2024-02-01T08:00:00Z",
    ...overrides,
  };
}
