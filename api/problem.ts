/**
 * Turns a non-2xx response into an {@link ApiError}: `<status> <reason>;
 * <detail or title>` from the RFC 9457 problem body, plus a suggestion line
 * telling the user what to do next.
 */
import { ApiError, type Problem } from "../runtime/errors.ts";

const REASONS: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  300: "Multiple Choices",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  407: "Proxy Authentication Required",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  425: "Too Early",
  428: "Precondition Required",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/**
 * The standard reason phrase of an HTTP status. HTTP/2 carries no reason
 * phrase, so ax never relies on the server's `statusText` when it knows one.
 */
export function reasonPhrase(status: number, statusText = ""): string {
  return REASONS[status] ?? (statusText.trim() || "Error");
}

/**
 * The RFC 9457 problem in `body`, or undefined when the body is not one.
 * Tolerant: a body with a `detail` but no `title` still counts.
 */
export function readProblem(body: unknown, status: number): Problem | undefined {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return undefined;
  const obj = body as Record<string, unknown>;
  const text = (name: string) => typeof obj[name] === "string" ? obj[name] as string : undefined;
  const title = text("title");
  const detail = text("detail");
  if (title === undefined && detail === undefined) return undefined;
  const problem: Problem = {
    title: title ?? reasonPhrase(status),
    status: typeof obj.status === "number" ? obj.status : status,
  };
  if (text("type") !== undefined) problem.type = text("type");
  if (detail !== undefined) problem.detail = detail;
  if (text("instance") !== undefined) problem.instance = text("instance");
  return problem;
}

/** What the hints may say about the request that failed. */
export interface FailedRequest {
  /** The base URL the request went to (no credentials: the client refuses those). */
  baseUrl: string;
  /** True when the request names a key, space or user by ID (see `namesId`). */
  namesId: boolean;
}

/**
 * The suggestion lines shown under an API error of this status. A 404 on a
 * request that names no ID (a list) cannot mean a missing ID: the base URL
 * points at something that is not the Arize API, so the hint says where it
 * comes from.
 */
export function hintsForStatus(status: number, request?: FailedRequest): string[] {
  switch (status) {
    case 401:
      return ["Check your API key: run `ax profiles validate`, or set ARIZE_API_KEY."];
    case 403:
      return [
        "Your API key lacks permission for this action; use a key whose user or role has access.",
      ];
    case 404:
      if (request && !request.namesId) {
        return [
          `The server at ${request.baseUrl} does not know this endpoint: check ARIZE_BASE_URL or the profile's [routing] (\`ax profiles show\` shows which base URL is in use).`,
        ];
      }
      return ["Verify the ID exists using the list command."];
    case 407:
      return [
        "The proxy requires authentication; check the proxy URL in your profile or HTTPS_PROXY.",
      ];
    case 429:
      return ["Rate limit exceeded. Wait a moment and try again."];
    case 500:
    case 502:
    case 503:
    case 504:
      return ["The Arize service had a problem. Try again later."];
    default:
      return [];
  }
}

/** What {@link apiErrorFromResponse} needs to know about a response. */
export interface ErrorResponse {
  status: number;
  /** The server's reason phrase, used only for statuses ax does not know. */
  statusText?: string;
  /** The parsed JSON body, or undefined when there was none or it was not JSON. */
  body: unknown;
  /** The request that got this answer, when known: it refines the hints. */
  request?: FailedRequest;
}

/**
 * The {@link ApiError} for a non-2xx response: message `<status> <reason>;
 * <detail or title>` (just `<status> <reason>` without a problem body),
 * the problem kept for `--verbose`, and the status's suggestion hints.
 */
export function apiErrorFromResponse(response: ErrorResponse): ApiError {
  const { status } = response;
  const problem = readProblem(response.body, status);
  const head = `${status} ${reasonPhrase(status, response.statusText)}`;
  const explanation = problem?.detail?.trim() || problem?.title?.trim();
  const message = explanation ? `${head}; ${explanation}` : head;
  return new ApiError(status, message, {
    problem,
    hints: hintsForStatus(status, response.request),
  });
}
