/**
 * The HTTP client of the Arize REST v2 API. One `request` call is one API
 * operation: headers and body built here, a timeout per attempt (N1), retries
 * of idempotent requests with backoff and `Retry-After` (N2), never a retry of
 * a request that may have changed something (N3), one clear line for transport
 * failures (N5) and malformed answers (N6), redirects followed by hand so the
 * bearer token never leaves its origin (S2), and a redacted `--verbose` log
 * (S1). Everything reaches the world through the Context.
 */
import type { Context } from "../runtime/context.ts";
import {
  fetchOnFreshConnection,
  fetchWithNetwork,
  type NetworkOptions,
  proxyFor,
} from "../runtime/network_fetch.ts";
import { ApiError, ConfigError, InterruptedError, NetworkError } from "../runtime/errors.ts";
import { interruption } from "./_interrupt.ts";
import { createDebugLog, type DebugLog } from "./_log.ts";
import { excerptOf, malformedResponse } from "./_malformed.ts";
import type { NetFailure } from "./_net_errors.ts";
import { backoffMs, MAX_ATTEMPTS, parseRetryAfter, RETRYABLE_STATUSES } from "./_retry.ts";
import { type Exchange, exchange } from "./_exchange.ts";
import { headerValueProblem } from "./header_value.ts";
import { namesId } from "./_names_id.ts";
import { apiErrorFromResponse, type FailedRequest, reasonPhrase } from "./problem.ts";
import { scrubSecrets } from "./redact.ts";

/** How to reach the API. */
export interface ClientOptions {
  /** e.g. `https://api.arize.com`, with or without a trailing slash or a path prefix. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`; never logged. */
  apiKey: string;
  /** Budget of one attempt (connect, send, headers and body), in milliseconds. */
  timeoutMs: number;
  /** Debug lines on stderr (S1). */
  verbose: boolean;
  /** A longer `Retry-After` fails at once instead of waiting. Default 60. */
  maxRetryAfterSeconds?: number;
  /** The profile's proxy and CA settings (N4); environment proxies apply regardless. */
  network?: NetworkOptions;
}

/** One API operation. */
export interface ApiRequest {
  method: "GET" | "POST" | "PUT";
  /** Already encoded (see `encodePathSegment`), starts with `/v2/`; no `?` or `#`. */
  path: string;
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | undefined>;
  /** JSON body; undefined and null fields are left out. */
  body?: unknown;
  /** True when repeating the request is harmless: it is then retried (N2). */
  idempotent: boolean;
  /**
   * Hint lines when a non-idempotent request may or may not have taken effect.
   * Default: check with `ax api-keys list` and revoke any unknown key.
   */
  unknownOutcomeHints?: string[];
  /**
   * Called with the raw text of the 2xx answer before it is parsed, so the
   * caller can act on it early (pagination starts the next request).
   */
  onBody?: (text: string) => void;
}

/** A successful (2xx) answer. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for 204 and empty bodies. */
  body: unknown;
  /** First ~80 characters of the raw body, redacted, for "unexpected response" errors. */
  excerpt?: string;
}

/** Sends API requests; the seam tests replace. */
export interface ApiClient {
  /** Sends `req`; resolves with a 2xx answer, or throws ApiError / NetworkError / InterruptedError. */
  request(req: ApiRequest): Promise<ApiResponse>;
}

/** The default {@link ApiRequest.unknownOutcomeHints}. */
export const UNKNOWN_OUTCOME_HINTS: readonly string[] = [
  "Run `ax api-keys list` to check, and revoke any key you don't hold.",
];

const DEFAULT_MAX_RETRY_AFTER_SECONDS = 60;

interface State {
  ctx: Context;
  /** The context for non-idempotent requests: each on a connection of its own (N3). */
  onceCtx: Context;
  options: ClientOptions;
  base: string;
  log: DebugLog;
  maxRetryAfter: number;
}

/**
 * A client for `options.baseUrl`. Throws ConfigError at once when the base URL
 * is not an http(s) URL or the API key cannot travel in a header.
 */
export function createClient(ctx: Context, options: ClientOptions): ApiClient {
  const unsendable = headerValueProblem(options.apiKey);
  if (unsendable !== undefined) {
    // fetch would refuse it with a TypeError that reads like a network failure.
    throw new ConfigError(`The API key cannot be sent: ${unsendable}.`);
  }
  const network = options.network ?? {};
  const state: State = {
    ctx: options.network ? { ...ctx, fetch: fetchWithNetwork(ctx.fetch, network) } : ctx,
    onceCtx: { ...ctx, fetch: fetchOnFreshConnection(ctx.fetch, network) },
    options,
    base: parseBaseUrl(options.baseUrl),
    log: createDebugLog(ctx, { verbose: options.verbose, secrets: [options.apiKey] }),
    maxRetryAfter: options.maxRetryAfterSeconds ?? DEFAULT_MAX_RETRY_AFTER_SECONDS,
  };
  return { request: (req) => send(state, req) };
}

function parseBaseUrl(raw: string): string {
  const hints = [
    "Use a URL like https://api.arize.com (ARIZE_BASE_URL or the profile's [routing]).",
  ];
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(`Invalid base URL '${raw}'.`, hints);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(`Invalid base URL '${raw}': only http and https are supported.`, hints);
  }
  if (url.username !== "" || url.password !== "") {
    throw new ConfigError(`Invalid base URL: it must not contain a user name or password.`, hints);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function buildUrl(base: string, req: ApiRequest): URL {
  if (/[?#]/.test(req.path)) {
    // A programming error, never user input: IDs go through encodePathSegment.
    throw new Error(`request path must not contain '?' or '#': ${req.path}`);
  }
  const path = req.path.startsWith("/") ? req.path : `/${req.path}`;
  const params = Object.entries(req.query ?? {})
    .filter(([, value]) => value !== undefined && value !== "")
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  return new URL(`${base}${path}${params.length > 0 ? `?${params.join("&")}` : ""}`);
}

/** A copy of `value` without undefined or null object fields, at any depth. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(value)) {
    if (inner !== undefined && inner !== null) out[name] = compact(inner);
  }
  return out;
}

async function send(state: State, req: ApiRequest): Promise<ApiResponse> {
  const { ctx, log } = state;
  const url = buildUrl(state.base, req);
  const body = req.body === undefined ? undefined : JSON.stringify(compact(req.body));
  for (let attempt = 1;; attempt++) {
    if (ctx.signal.aborted) throw interruption(ctx);
    const result = await exchange(req.idempotent ? state.ctx : state.onceCtx, {
      url,
      method: req.method,
      body,
      apiKey: state.options.apiKey,
      timeoutMs: state.options.timeoutMs,
      log,
    }).catch((error) => {
      throw req.idempotent || !ctx.signal.aborted ? error : interruptedMidRequest(req);
    });
    const canRetry = req.idempotent && attempt < MAX_ATTEMPTS;
    if (!result.ok) {
      if (canRetry && result.failure.retryable) {
        await pause(state, {
          ms: backoffMs(attempt, ctx.random()),
          attempt,
          why: result.failure.detail,
        });
        continue;
      }
      if (!result.failure.retryable) {
        await log.lines(`not retrying: ${result.failure.detail} (another attempt would not help)`);
      }
      await explainGivingUp(log, { req, attempt, retryable: result.failure.retryable });
      throw transportError(state, { req, failure: result.failure, url, attempt });
    }
    const response = result.response;
    if (response.status >= 200 && response.status < 300) {
      req.onBody?.(response.text);
      return success(req, { response, secrets: [state.options.apiKey] });
    }
    const retryAfter = parseRetryAfter(response.headers.get("retry-after"), ctx.now());
    const statusLine = `${response.status} ${reasonPhrase(response.status, response.statusText)}`;
    if (canRetry && RETRYABLE_STATUSES.has(response.status)) {
      if (retryAfter !== undefined && retryAfter > state.maxRetryAfter) {
        await log.lines(
          `not retrying: the server asked to wait ${retryAfter} s (ax waits at most ${state.maxRetryAfter} s)`,
        );
        throw tooLongToWait(response, {
          retryAfter,
          max: state.maxRetryAfter,
          secrets: [state.options.apiKey],
        });
      }
      const ms = retryAfter !== undefined ? retryAfter * 1000 : backoffMs(attempt, ctx.random());
      const why = retryAfter !== undefined
        ? `${statusLine}, Retry-After: ${retryAfter}`
        : statusLine;
      await pause(state, { ms, attempt, why });
      continue;
    }
    if (RETRYABLE_STATUSES.has(response.status)) {
      await explainGivingUp(log, { req, attempt, retryable: true });
    }
    throw statusError(response, {
      retryAfter,
      secrets: [state.options.apiKey],
      request: { baseUrl: state.base, namesId: namesId(req) },
    });
  }
}

async function pause(
  state: State,
  retry: { ms: number; attempt: number; why: string },
): Promise<void> {
  const { ctx } = state;
  await state.log.lines(
    `retrying in ${retry.ms} ms (attempt ${retry.attempt + 1} of ${MAX_ATTEMPTS}): ${retry.why}`,
  );
  try {
    await ctx.sleep(retry.ms, ctx.signal);
  } catch (error) {
    if (ctx.signal.aborted) throw interruption(ctx);
    throw error;
  }
  if (ctx.signal.aborted) throw interruption(ctx);
}

async function explainGivingUp(
  log: DebugLog,
  facts: { req: ApiRequest; attempt: number; retryable: boolean },
): Promise<void> {
  if (!facts.retryable) return;
  if (!facts.req.idempotent) {
    await log.lines(`not retrying: ${facts.req.method} ${facts.req.path} is not idempotent`);
  } else {
    await log.lines(`giving up after ${facts.attempt} attempts`);
  }
}

function success(
  req: ApiRequest,
  answer: { response: Exchange; secrets: readonly string[] },
): ApiResponse {
  const { status, headers } = answer.response;
  // A server (or proxy) echoing the bearer token must not put it in an error.
  const text = answer.response.text;
  const shown = () => excerptOf(scrubSecrets(text, answer.secrets));
  const hints = req.idempotent ? undefined : [
    "The request may have taken effect on the server; its outcome is unknown.",
    ...(req.unknownOutcomeHints ?? UNKNOWN_OUTCOME_HINTS),
  ];
  const contentType = headers.get("content-type") ?? "";
  // A problem document with a 2xx status is a broken server or proxy, not success.
  if (/problem\+json/i.test(contentType)) {
    throw malformedResponse({ status, excerpt: shown() }, {
      reason: "a problem document",
      hints,
    });
  }
  let body: unknown;
  if (status !== 204 && text.trim() !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      throw malformedResponse({ status, excerpt: shown() }, {
        reason: "the body is not JSON",
        hints,
      });
    }
  }
  // The excerpt is needed only when a reader rejects the body; computing it
  // for every page would parse each page twice.
  let excerpt: string | undefined;
  return {
    status,
    headers,
    body,
    get excerpt() {
      excerpt ??= shown();
      return excerpt;
    },
  };
}

/** The parsed body with every secret replaced in its strings, or undefined when not JSON. */
function scrubbedBody(text: string, secrets: readonly string[]): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const scrub = (value: unknown): unknown => {
    if (typeof value === "string") return scrubSecrets(value, secrets);
    if (Array.isArray(value)) return value.map(scrub);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
  };
  return scrub(body);
}

function statusError(
  response: Exchange,
  facts: { retryAfter: number | undefined; secrets: readonly string[]; request: FailedRequest },
): ApiError {
  const { retryAfter } = facts;
  const error = apiErrorFromResponse({
    status: response.status,
    statusText: response.statusText,
    body: scrubbedBody(response.text, facts.secrets),
    request: facts.request,
  });
  if (retryAfter === undefined || retryAfter === 0) return error;
  return new ApiError(error.status, error.message, {
    problem: error.problem,
    hints: [...error.hints, `The server asked to wait ${retryAfter} seconds before trying again.`],
  });
}

function tooLongToWait(
  response: Exchange,
  wait: { retryAfter: number; max: number; secrets: readonly string[] },
): ApiError {
  const base = apiErrorFromResponse({
    status: response.status,
    statusText: response.statusText,
    body: scrubbedBody(response.text, wait.secrets),
  });
  const head = `${response.status} ${reasonPhrase(response.status, response.statusText)}`;
  return new ApiError(
    response.status,
    `${head}; the server asked to wait ${wait.retryAfter} seconds before retrying, longer than ax waits (${wait.max} s)`,
    { problem: base.problem, hints: [`Try again in ${wait.retryAfter} seconds.`] },
  );
}

/**
 * Ctrl-C while a request that changes something was on its way: the server
 * may have carried it out, so the user learns how to find out (N3).
 */
function interruptedMidRequest(req: ApiRequest): InterruptedError {
  return new InterruptedError([
    `Interrupted during ${req.method} ${req.path}: the request may have reached the server, so its outcome is unknown.`,
    ...(req.unknownOutcomeHints ?? UNKNOWN_OUTCOME_HINTS),
  ]);
}

const KIND_HINTS: Record<string, string> = {
  dns:
    "Check the host name (ARIZE_BASE_URL or the profile's [routing]) and your network connection.",
  refused:
    "Check that the server is running and that the base URL (ARIZE_BASE_URL or the profile's [routing]) is right.",
  unreachable:
    "Check your network connection and proxy settings (HTTPS_PROXY or the profile's [network] proxy_url).",
  tls:
    "Behind a TLS-inspecting proxy, set [network] ca_bundle in your profile (or NODE_EXTRA_CA_CERTS) to its CA certificate.",
  reset: "Check your network connection and proxy settings, then try again.",
  protocol: "A proxy may be interfering; check the base URL and proxy settings.",
  timeout: "Check your network, or allow more time with --timeout SECONDS (or AX_TIMEOUT).",
  oversize:
    "A proxy or a faulty server may be sending an endless answer; check the base URL and proxy settings.",
  unknown: "Check your network connection and proxy settings, then try again.",
};

function transportError(
  state: State,
  facts: { req: ApiRequest; failure: NetFailure; url: URL; attempt: number },
): NetworkError {
  const { req, failure, attempt } = facts;
  const host = facts.url.host;
  const ms = state.options.timeoutMs;
  const budget = ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
  let what: string;
  switch (failure.kind) {
    case "dns":
      what = `Could not resolve host ${host}`;
      break;
    case "refused":
    case "unreachable":
      what = `Could not connect to ${host}: ${failure.detail}`;
      break;
    case "tls":
      what = `Secure connection to ${host} failed: ${failure.detail}`;
      break;
    case "timeout":
      what = `Request to ${host} timed out after ${budget}`;
      break;
    default:
      what = `Request to ${host} failed: ${failure.detail}`;
  }
  // Through a proxy, "refused" or "unreachable" may well be about the proxy:
  // name it (host only — its URL may carry a password).
  const proxy = proxyFor(facts.url, { network: state.options.network ?? {}, env: state.ctx.env });
  const notes = [
    ...(proxy ? [`through the proxy ${proxy.host}`] : []),
    ...(attempt > 1 ? [`${attempt} attempts`] : []),
  ];
  if (notes.length > 0) what += ` (${notes.join(", ")})`;
  const hint = proxy && failure.kind !== "tls" && failure.kind !== "timeout" &&
      failure.kind !== "oversize"
    ? "Check that the proxy is running and reachable (HTTPS_PROXY / HTTP_PROXY or the profile's [network] proxy_url), then the base URL."
    : KIND_HINTS[failure.kind];
  if (req.idempotent) {
    return new NetworkError(`${what}.`, { hints: [hint], cause: failure.cause });
  }
  if (!failure.mayHaveReachedServer) {
    return new NetworkError(`${what}; the server could not be reached, nothing was sent.`, {
      hints: [hint],
      cause: failure.cause,
    });
  }
  return new NetworkError(
    `${what}; the request may have reached the server, so its outcome is unknown.`,
    { hints: [...(req.unknownOutcomeHints ?? UNKNOWN_OUTCOME_HINTS)], cause: failure.cause },
  );
}
