/**
 * Splits a raw request target into path segments and query, and matches it
 * against route templates like `PUT /v2/api-keys/{id}/revoke`. Dot segments
 * are not resolved and `%2F` stays inside its segment, so a client that
 * forgets to encode an ID cannot reach another route by accident.
 */

/** A request target taken apart. */
export interface Target {
  /** The path as sent, without the query. */
  path: string;
  /** Decoded path segments; undefined when a segment's percent-encoding is malformed. */
  segments: string[] | undefined;
  query: URLSearchParams;
}

/** Splits `url` (path and query as sent on the request line). */
export function parseTarget(url: string): Target {
  const queryStart = url.indexOf("?");
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? "" : url.slice(queryStart + 1));
  let segments: string[] | undefined;
  try {
    segments = path.split("/").slice(1).map((segment) => decodeURIComponent(segment));
  } catch {
    segments = undefined;
  }
  return { path, segments, query };
}

/** A route: a method and a path template whose `{name}` segments capture values. */
export interface RouteTemplate<H> {
  method: string;
  path: string;
  handler: H;
}

/** The outcome of matching: a route with its captured values, or why there is none. */
export type Match<H> =
  | { kind: "route"; route: RouteTemplate<H>; params: Record<string, string> }
  | { kind: "not-found" }
  | { kind: "method-not-allowed"; allow: string[] };

/** The route name used in stats and fault rules: `"PUT /v2/api-keys/{id}/revoke"`. */
export function routeName(route: { method: string; path: string }): string {
  return `${route.method} ${route.path}`;
}

/** Finds the route for a request's method and path segments among `routes`. */
export function matchRoute<H>(
  routes: readonly RouteTemplate<H>[],
  request: { method: string; segments: readonly string[] },
): Match<H> {
  const { method, segments } = request;
  const allow: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, segments);
    if (!params) continue;
    if (route.method === method) return { kind: "route", route, params };
    allow.push(route.method);
  }
  return allow.length > 0 ? { kind: "method-not-allowed", allow } : { kind: "not-found" };
}

function matchPath(template: string, segments: readonly string[]): Record<string, string> | null {
  const parts = template.split("/").slice(1);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.startsWith("{") && part.endsWith("}")) {
      if (segments[i] === "") return null;
      params[part.slice(1, -1)] = segments[i];
    } else if (part !== segments[i]) {
      return null;
    }
  }
  return params;
}
