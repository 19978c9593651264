/**
 * One attempt of a request: send, follow redirects by hand (S2), read the
 * whole body up to a ceiling (N8), all within one timeout (N1) and abandoned
 * at once on Ctrl-C.
 * Transport failures come back as a classified {@link NetFailure} so the
 * caller can decide about retrying; only Ctrl-C and redirect trouble throw.
 */
import type { Context } from "../runtime/context.ts";
import { NetworkError } from "../runtime/errors.ts";
import { bodyForLog, type DebugLog, headerLines, urlForLog } from "./_log.ts";
import { BodyTooLarge, readBoundedText } from "./_bounded_body.ts";
import { classifyFetchError, type NetFailure, timeoutFailure } from "./_net_errors.ts";
import { interruption } from "./_interrupt.ts";
import { reasonPhrase } from "./problem.ts";

/** A complete HTTP answer (any status). */
export interface Exchange {
  status: number;
  statusText: string;
  headers: Headers;
  /** The whole body as text. */
  text: string;
}

/** What one attempt produced. */
export type AttemptResult =
  | { ok: true; response: Exchange }
  | { ok: false; failure: NetFailure };

/** The request of one attempt. */
export interface AttemptRequest {
  url: URL;
  method: string;
  body: string | undefined;
  apiKey: string;
  timeoutMs: number;
  log: DebugLog;
}

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

class TimedOut extends Error {}

function requestHeaders(
  ctx: Context,
  facts: { apiKey: string | undefined; hasBody: boolean },
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (facts.apiKey !== undefined) headers["Authorization"] = `Bearer ${facts.apiKey}`;
  headers["Accept"] = "application/json, application/problem+json";
  if (facts.hasBody) headers["Content-Type"] = "application/json";
  headers["User-Agent"] = `ax/${ctx.versionInfo.version} (${ctx.versionInfo.runtime})`;
  return headers;
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** Runs one attempt of `req` (see the module comment). */
export async function exchange(ctx: Context, req: AttemptRequest): Promise<AttemptResult> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new TimedOut()), req.timeoutMs);
  const signal = AbortSignal.any([ctx.signal, timeout.signal]);
  let afterHeaders = false;
  try {
    let url = req.url;
    let method = req.method;
    let body = req.body;
    let sendAuth = true;
    for (let redirects = 0;; redirects++) {
      const headers = requestHeaders(ctx, {
        apiKey: sendAuth ? req.apiKey : undefined,
        hasBody: body !== undefined,
      });
      // Not awaited unless logging: everything up to the fetch call stays
      // synchronous, so a request started early (see paginate.ts) goes out
      // before the caller's own work (parsing the page before) runs.
      if (req.log.enabled) await logRequest(req.log, { method, url, headers, body });
      const started = ctx.now().getTime();
      afterHeaders = false;
      const response = await abortable(
        ctx.fetch(url.href, { method, headers, body, redirect: "manual", signal }),
        signal,
      );
      afterHeaders = true;
      const location = response.headers.get("location");
      if (REDIRECT_STATUSES.has(response.status) && location !== null) {
        await response.body?.cancel().catch(() => {});
        await logResponse(req.log, { response, text: undefined, started: started, ctx });
        if (redirects >= MAX_REDIRECTS) {
          throw new NetworkError(
            `Too many redirects (more than ${MAX_REDIRECTS}) from ${req.url.host}.`,
            {
              hints: ["Check the base URL (ARIZE_BASE_URL or the profile's [routing])."],
            },
          );
        }
        const next = resolveRedirect(url, location);
        // 303, and 301/302 after a POST, turn into a GET without a body (as browsers do).
        if (response.status === 303 || (response.status <= 302 && method === "POST")) {
          method = "GET";
          body = undefined;
        }
        if (next.origin !== url.origin && sendAuth) {
          sendAuth = false;
          await req.log.lines(
            `redirect to another origin (${next.origin}): Authorization not sent`,
          );
        }
        url = next;
        continue;
      }
      const text = await abortable(readBoundedText(response), signal);
      await logResponse(req.log, { response, text, started, ctx });
      return {
        ok: true,
        response: {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
          text,
        },
      };
    }
  } catch (error) {
    if (ctx.signal.aborted) throw interruption(ctx);
    if (error instanceof NetworkError) throw error;
    const failure = error instanceof BodyTooLarge
      ? oversizeFailure(error)
      : timeout.signal.aborted
      ? timeoutFailure(error)
      : classifyFetchError(error, afterHeaders);
    await req.log.lines(`request failed: ${failure.kind}: ${errorText(error)}`);
    return { ok: false, failure };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An answer over the ceiling: the server did receive the request, and asking
 * again would fetch the same flood.
 */
function oversizeFailure(error: BodyTooLarge): NetFailure {
  return {
    kind: "oversize",
    mayHaveReachedServer: true,
    retryable: false,
    detail: `${error.message}; ax stopped reading it`,
    cause: error,
  };
}

function resolveRedirect(from: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new NetworkError(`The server at ${from.host} sent an invalid redirect.`);
  }
  if (next.protocol !== "https:" && next.protocol !== "http:") {
    throw new NetworkError(`The server at ${from.host} redirected to an unsupported URL scheme.`);
  }
  return next;
}

function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(typeof code === "string" ? `${current.message} [${code}]` : current.message);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(" <- ");
}

async function logRequest(
  log: DebugLog,
  facts: { method: string; url: URL; headers: Record<string, string>; body: string | undefined },
): Promise<void> {
  const lines = [`→ ${facts.method} ${urlForLog(facts.url)}`, ...headerLines(facts.headers, ">")];
  if (facts.body !== undefined) lines.push(`> body: ${bodyForLog(facts.body)}`);
  await log.lines(...lines);
}

async function logResponse(
  log: DebugLog,
  facts: { response: Response; text: string | undefined; started: number; ctx: Context },
): Promise<void> {
  if (!log.enabled) return;
  const { response } = facts;
  const elapsed = facts.ctx.now().getTime() - facts.started;
  const lines = [
    `← ${response.status} ${reasonPhrase(response.status, response.statusText)} (${elapsed} ms)`,
    ...headerLines(response.headers, "<"),
  ];
  if (facts.text !== undefined && facts.text !== "") {
    lines.push(`< body: ${bodyForLog(facts.text)}`);
  }
  await log.lines(...lines);
}
