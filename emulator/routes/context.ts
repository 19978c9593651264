/** What every API route receives, and the shape of a route function. */
import type { Caller } from "../auth.ts";
import type { Emulator } from "../emulator.ts";
import type { EmuResponse } from "../http_types.ts";

/** One authenticated request to an API route. */
export interface RouteContext {
  emulator: Emulator;
  caller: Caller;
  /** Values captured by `{name}` segments of the route's path. */
  params: Record<string, string>;
  query: URLSearchParams;
  body: string;
  /** The emulated time of this request, in epoch milliseconds. */
  now: number;
}

/** A route: validates, checks permissions, acts, answers. Throws `ProblemError` on failure. */
export type RouteHandler = (ctx: RouteContext) => EmuResponse;
