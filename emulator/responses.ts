/**
 * Response builders: `application/json` for success, RFC 9457
 * `application/problem+json` for every error, an empty 204.
 */
import type { EmuResponse } from "./http_types.ts";

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

const TYPES: Record<number, string> = {
  400: "invalid-request",
  401: "authentication-required",
  403: "access-forbidden",
  404: "resource-not-found",
  409: "resource-conflict",
  422: "unprocessable-entity",
  429: "rate-limit-exceeded",
  503: "service-unavailable",
};

/** The HTTP reason phrase of `status` ("Error" for unusual codes). */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? "Error";
}

/** Options of {@link problem}. */
export interface ProblemOptions {
  /** What went wrong, naming the field: `name: must not be empty`. */
  detail?: string;
  /** The request path, reported as `instance`. */
  instance?: string;
  headers?: Record<string, string>;
}

/** A problem+json response whose title is the status's reason phrase. */
export function problem(status: number, options: ProblemOptions = {}): EmuResponse {
  const slug = TYPES[status] ?? "error";
  const body: Record<string, unknown> = {
    type: `https://arize.com/docs/ax/rest-reference/errors#${slug}`,
    title: reasonPhrase(status),
    status,
  };
  if (options.detail !== undefined) body.detail = options.detail;
  if (options.instance !== undefined) body.instance = options.instance;
  return {
    status,
    headers: { "content-type": "application/problem+json", ...options.headers },
    body: JSON.stringify(body),
  };
}

/** A JSON success response. */
export function json(status: number, value: unknown): EmuResponse {
  return {
    status,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(value),
  };
}

/** `204 No Content` with an empty body. */
export function noContent(): EmuResponse {
  return { status: 204, headers: {}, body: "" };
}

/** Thrown inside a route to answer with a problem; the handler catches it. */
export class ProblemError extends Error {
  /** The response to send. */
  readonly response: EmuResponse;

  constructor(status: number, detail?: string) {
    super(detail ?? reasonPhrase(status));
    this.response = problem(status, { detail });
  }
}

/** Shorthand for a 400 that names the field: `fail("limit", "must be 1 to 100")`. */
export function badField(field: string, what: string): ProblemError {
  return new ProblemError(400, `${field}: ${what}`);
}
