/**
 * One request from arrival to outcome, independent of any HTTP library:
 * admin routes aside, count it, apply a pending fault, authenticate, route,
 * and turn failures into problem responses. `server.ts` carries out the
 * outcome on a real socket; tests inspect it directly.
 */
import { ADMIN_PREFIX, handleAdmin } from "./admin.ts";
import { authenticate } from "./auth.ts";
import type { Emulator } from "./emulator.ts";
import type { FaultSpec } from "./faults.ts";
import type { EmuRequest, EmuResponse } from "./http_types.ts";
import { problem, ProblemError } from "./responses.ts";
import { type Match, matchRoute, parseTarget, routeName, type Target } from "./router.ts";
import type { RouteHandler } from "./routes/context.ts";
import { API_ROUTES } from "./routes/mod.ts";

/** What to do with the connection. */
export type Outcome =
  /** Send this response. */
  | { kind: "respond"; response: EmuResponse }
  /** Close the connection without a response; `committed` says whether the request took effect. */
  | { kind: "drop"; committed: boolean }
  /** Send the response's headers and half its body, then close the connection. */
  | { kind: "truncate"; response: EmuResponse };

/** A dispatched request: its outcome and the route name it counted under. */
export interface Dispatched {
  outcome: Outcome;
  /** `"GET /v2/api-keys"`, an admin path, or the method and path as sent. */
  route: string;
  /** The fault rule applied, if any. */
  fault?: FaultSpec;
}

/** Waits for an injected delay; tests pass one that returns at once. */
export type Wait = (ms: number) => Promise<void>;

/** Handles one request; never throws (unexpected errors become a 500 problem). */
export type Dispatcher = (request: EmuRequest) => Promise<Dispatched>;

/** The request handler of `emulator`; injected delays go through `wait`. */
export function createDispatcher(emulator: Emulator, wait: Wait): Dispatcher {
  return (request) => dispatch(emulator, { request, wait });
}

async function dispatch(
  emulator: Emulator,
  { request, wait }: { request: EmuRequest; wait: Wait },
): Promise<Dispatched> {
  const target = parseTarget(request.url);
  if (target.path.startsWith(ADMIN_PREFIX)) {
    const response = guard(() =>
      handleAdmin(emulator, {
        method: request.method,
        target,
        authorization: request.headers.authorization,
        body: request.body,
      })
    );
    return { outcome: { kind: "respond", response }, route: target.path };
  }

  const match = target.segments
    ? matchRoute(API_ROUTES, { method: request.method, segments: target.segments })
    : undefined;
  const route = match?.kind === "route"
    ? routeName(match.route)
    : `${request.method} ${target.path}`;
  emulator.stats.record(route);
  const fault = emulator.faults?.take(route);
  const done = (outcome: Outcome): Dispatched => ({ outcome, route, fault });
  if (fault?.delay_ms) await wait(fault.delay_ms);
  if (fault?.status !== undefined) {
    const headers: Record<string, string> = fault.retry_after !== undefined
      ? { "retry-after": fault.retry_after }
      : {};
    return done({
      kind: "respond",
      response: problem(fault.status, { detail: "injected fault", instance: target.path, headers }),
    });
  }
  if (fault?.drop && !fault.after_commit) return done({ kind: "drop", committed: false });

  const response = guard(() => handleApi(emulator, request, target, match));
  if (fault?.drop) return done({ kind: "drop", committed: true });
  if (fault?.truncate) return done({ kind: "truncate", response });
  return done({ kind: "respond", response });
}

function handleApi(
  emulator: Emulator,
  request: EmuRequest,
  target: Target,
  match: Match<RouteHandler> | undefined,
): EmuResponse {
  if (!match) return problem(400, { detail: "path: malformed percent-encoding" });
  if (match.kind === "not-found") {
    return problem(404, { detail: `no route ${target.path}`, instance: target.path });
  }
  if (match.kind === "method-not-allowed") {
    return problem(405, {
      detail: `${request.method} is not allowed on ${target.path}`,
      instance: target.path,
      headers: { allow: match.allow.join(", ") },
    });
  }
  const now = emulator.clock.now();
  const caller = authenticate(emulator.store, {
    authorization: request.headers.authorization,
    now,
  });
  emulator.changed("soft");
  if (request.body.trim() !== "") {
    const type = (request.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/json") {
      throw new ProblemError(415, "Content-Type: request bodies must be application/json");
    }
  }
  return match.route.handler({
    emulator,
    caller,
    params: match.params,
    query: target.query,
    body: request.body,
    now,
  });
}

function guard(run: () => EmuResponse): EmuResponse {
  try {
    return run();
  } catch (error) {
    if (error instanceof ProblemError) return error.response;
    return problem(500, { detail: `emulator bug: ${(error as Error).message}` });
  }
}
