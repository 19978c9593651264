/**
 * An in-memory emulator for fast tests: requests go straight to `dispatch`
 * (no sockets), the clock stands still unless a test moves it, and injected
 * delays return at once.
 */
import { createDispatcher, type Outcome } from "../../emulator/dispatch.ts";
import { buildEmulator, type BuildOptions, type Built } from "../../emulator/mod.ts";

/** The fixed real time the test clock starts from. */
export const T0 = Date.parse("2026-06-01T12:00:00Z");

/** A parsed response of the in-memory emulator. */
export interface TestResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  // deno-lint-ignore no-explicit-any
  json: any;
}

/** Options of one {@link TestEmulator.call}. */
export interface CallOptions {
  /** Bearer key; omit for an unauthenticated request. */
  key?: string;
  /** JSON-encoded unless a string; sets `content-type: application/json`. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** The emulator and helpers to call it. */
export interface TestEmulator extends Built {
  admin: string;
  user: string;
  viewer: string;
  defaultSpace: string;
  stagingSpace: string;
  /** Sends a request and returns the response (throws if the outcome is not a response). */
  call(method: string, url: string, options?: CallOptions): Promise<TestResponse>;
  /** Sends a request and returns the raw outcome (faults). */
  send(method: string, url: string, options?: CallOptions): Promise<Outcome>;
  /** Creates a user key as `key` (admin by default) and returns the created object. */
  // deno-lint-ignore no-explicit-any
  createKey(body: Record<string, unknown>, key?: string): Promise<any>;
  advance(seconds: number): void;
  /** Delays the emulator asked for (injected faults), in milliseconds. */
  waits: number[];
}

/** Builds an in-memory emulator whose real-time source is frozen at {@link T0}. */
export function testEmulator(options: BuildOptions = {}): TestEmulator {
  const built = buildEmulator({ realNow: () => T0, ...options });
  const { emulator, secrets } = built;
  const spaces = emulator.store.spaces();
  const waits: number[] = [];
  const dispatch = createDispatcher(emulator, (ms) => {
    waits.push(ms);
    return Promise.resolve();
  });
  const send = (method: string, url: string, options: CallOptions = {}) => {
    const headers: Record<string, string> = {};
    if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
    let body = "";
    if (options.body !== undefined) {
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }
    Object.assign(headers, options.headers);
    return dispatch({ method, url, headers, body }).then((d) => d.outcome);
  };
  const call = async (method: string, url: string, options?: CallOptions) => {
    const outcome = await send(method, url, options);
    if (outcome.kind !== "respond") throw new Error(`expected a response, got ${outcome.kind}`);
    const { status, headers, body } = outcome.response;
    return { status, headers, body, json: body === "" ? undefined : JSON.parse(body) };
  };
  const test: TestEmulator = {
    ...built,
    admin: secrets.admin,
    user: secrets.user,
    viewer: secrets.viewer,
    defaultSpace: spaces.find((s) => s.name === "default")!.id,
    stagingSpace: spaces.find((s) => s.name === "staging")!.id,
    call,
    send,
    async createKey(body, key = secrets.admin) {
      const response = await call("POST", "/v2/api-keys", { key, body });
      if (response.status !== 201) throw new Error(`create failed: ${response.body}`);
      return response.json;
    },
    advance: (seconds) => emulator.clock.advance(seconds),
    waits,
  };
  return test;
}

/** Asserts a problem+json response with `status` whose detail starts with `field:` (when given). */
export function assertProblem(
  response: TestResponse,
  status: number,
  detail?: RegExp | string,
): void {
  const context = `${response.status} ${response.body}`;
  if (response.status !== status) throw new Error(`expected ${status}, got ${context}`);
  if (response.headers["content-type"] !== "application/problem+json") {
    throw new Error(`not problem+json: ${JSON.stringify(response.headers)}`);
  }
  const body = response.json;
  if (body.status !== status || typeof body.title !== "string" || body.title === "") {
    throw new Error(`bad problem body: ${context}`);
  }
  if (typeof detail === "string" && !String(body.detail).startsWith(`${detail}: `)) {
    throw new Error(`detail does not name ${detail}: ${context}`);
  }
  if (detail instanceof RegExp && !detail.test(String(body.detail))) {
    throw new Error(`detail does not match ${detail}: ${context}`);
  }
}
