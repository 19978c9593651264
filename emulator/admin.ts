/**
 * Admin routes under the reserved prefix `/__emulator/`, authenticated with
 * the admin key and never counted in stats: request counters, the clock,
 * fault injection (only with `--faults`), and shortcuts that add keys or
 * spaces without the API's validation (for hostile-data tests).
 */
import { formatTime, toWholeSecond } from "./clock.ts";
import type { Emulator } from "./emulator.ts";
import { parseFaultSpec } from "./faults.ts";
import type { EmuResponse } from "./http_types.ts";
import { encodeId, hashSecret } from "./ids.ts";
import { apiKeyCreatedView, issueKey } from "./keys.ts";
import { bearerToken } from "./auth.ts";
import { badField, json, noContent, problem, ProblemError } from "./responses.ts";
import { routeName, type Target } from "./router.ts";
import { API_ROUTES } from "./routes/mod.ts";
import { spaceView } from "./routes/list_spaces.ts";
import { BodyFields, parseJsonObject, parseRfc3339 } from "./validate.ts";

/** The reserved path prefix of the admin routes. */
export const ADMIN_PREFIX = "/__emulator/";

/** Keys created by one `POST /__emulator/keys` are returned only up to this count. */
const MAX_RETURNED_KEYS = 1000;

/** Answers a request to an admin route. */
export function handleAdmin(
  emulator: Emulator,
  request: { method: string; target: Target; authorization?: string; body: string },
): EmuResponse {
  const { method, target } = request;
  const name = target.path.slice(ADMIN_PREFIX.length);
  const routes: Record<string, Record<string, () => EmuResponse>> = {
    stats: { GET: () => json(200, emulator.stats.snapshot()) },
    clock: {
      GET: () => json(200, { now: formatTime(emulator.clock.now()) }),
      POST: () => setClock(emulator, request.body),
    },
    keys: { POST: () => addKeys(emulator, request.body) },
    spaces: { POST: () => addSpace(emulator, request.body) },
  };
  if (emulator.faults) {
    const faults = emulator.faults;
    routes.faults = {
      GET: () => json(200, { faults: faults.pending() }),
      POST: () => {
        const spec = parseFaultSpec(
          parseJsonObject(request.body, { allowEmpty: false }),
          API_ROUTES.map(routeName),
        );
        faults.add(spec);
        return json(201, spec);
      },
      DELETE: () => {
        faults.clear();
        return noContent();
      },
    };
  }
  const methods = Object.hasOwn(routes, name) ? routes[name] : undefined;
  if (!methods) return problem(404, { detail: `no admin route ${target.path}` });
  const token = bearerToken(request.authorization);
  if (!token || hashSecret(token) !== emulator.adminHash) {
    return problem(401, { detail: "Authorization: admin routes need the emulator's admin key" });
  }
  const run = methods[method];
  if (!run) {
    return problem(405, {
      detail: `${method} is not allowed on ${target.path}`,
      headers: { allow: Object.keys(methods).join(", ") },
    });
  }
  try {
    return run();
  } catch (error) {
    if (error instanceof ProblemError) return error.response;
    throw error;
  }
}

/**
 * The range the clock may be set to: what RFC 3339 can write (years
 * 0000–9999). Beyond it timestamps cannot be formatted, and a request such
 * as `advance_seconds: 1e308` would turn into a 500 instead of a 400.
 */
const CLOCK_MIN_MS = -62_167_219_200_000; // 0000-01-01T00:00:00Z
const CLOCK_MAX_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

function setClock(emulator: Emulator, body: string): EmuResponse {
  const input = parseJsonObject(body, { allowEmpty: false });
  new BodyFields(input).onlyKnown(["advance_seconds", "now"]);
  if (input.advance_seconds !== undefined && input.now !== undefined) {
    throw badField("now", "give either now or advance_seconds, not both");
  }
  if (input.advance_seconds !== undefined) {
    if (typeof input.advance_seconds !== "number" || !Number.isFinite(input.advance_seconds)) {
      throw badField("advance_seconds", "must be a number");
    }
    const target = emulator.clock.now() + input.advance_seconds * 1000;
    if (!(target >= CLOCK_MIN_MS && target <= CLOCK_MAX_MS)) {
      throw badField("advance_seconds", "would move the clock outside the years 0000-9999");
    }
    emulator.clock.advance(input.advance_seconds);
  } else if (input.now !== undefined) {
    const ms = typeof input.now === "string" ? parseRfc3339(input.now) : undefined;
    if (ms === undefined) throw badField("now", "must be an RFC 3339 date-time");
    if (!(ms >= CLOCK_MIN_MS && ms <= CLOCK_MAX_MS)) {
      throw badField("now", "must be within the years 0000-9999");
    }
    emulator.clock.set(ms);
  } else {
    throw badField("advance_seconds", "give advance_seconds or now");
  }
  return json(200, { now: formatTime(emulator.clock.now()) });
}

function addKeys(emulator: Emulator, body: string): EmuResponse {
  const { store } = emulator;
  const input = parseJsonObject(body, { allowEmpty: true });
  new BodyFields(input).onlyKnown([
    "owner",
    "count",
    "name",
    "description",
    "expires_at",
    "status",
  ]);
  const b = store.state.bootstrap;
  const owners: Record<string, string> = {
    admin: b.admin_user_id,
    user: b.user_user_id,
    viewer: b.viewer_user_id,
  };
  const ownerValue = input.owner ?? "admin";
  const ownerId = typeof ownerValue === "string" ? owners[ownerValue] ?? ownerValue : undefined;
  if (!ownerId || !store.user(ownerId)) {
    throw badField("owner", "must be admin, user, viewer or a user ID");
  }
  const count = input.count ?? 1;
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > 100_000) {
    throw badField("count", "must be an integer from 1 to 100000");
  }
  for (const field of ["name", "description", "expires_at"]) {
    if (input[field] !== undefined && typeof input[field] !== "string") {
      throw badField(field, "must be a string");
    }
  }
  let expires: number | undefined;
  if (input.expires_at !== undefined) {
    expires = parseRfc3339(input.expires_at as string);
    if (expires === undefined) throw badField("expires_at", "must be an RFC 3339 date-time");
  }
  if (input.status !== undefined && input.status !== "active" && input.status !== "revoked") {
    throw badField("status", "must be active or revoked");
  }
  const now = emulator.clock.now();
  const created = [];
  for (let i = 1; i <= (count as number); i++) {
    const { record, secret } = issueKey(store, {
      name: (input.name as string | undefined) ?? `synthetic key ${i}`,
      description: input.description as string | undefined,
      key_type: "user",
      created_by_user_id: ownerId,
      expires_ms: expires,
      now,
    });
    if (input.status === "revoked") {
      record.status = "revoked";
      record.revoked_ms = now;
    }
    if (count as number <= MAX_RETURNED_KEYS) created.push(apiKeyCreatedView(record, secret));
  }
  emulator.changed("hard");
  return json(201, { created: count, api_keys: created });
}

function addSpace(emulator: Emulator, body: string): EmuResponse {
  const { store } = emulator;
  const input = parseJsonObject(body, { allowEmpty: false });
  new BodyFields(input).onlyKnown(["name", "description"]);
  if (typeof input.name !== "string" || input.name === "") {
    throw badField("name", "must be a non-empty string");
  }
  if (input.description !== undefined && typeof input.description !== "string") {
    throw badField("description", "must be a string");
  }
  const seq = store.nextSeq();
  const space = {
    id: encodeId("Space", seq),
    seq,
    name: input.name,
    description: (input.description as string | undefined) ?? "",
    created_ms: toWholeSecond(emulator.clock.now()),
  };
  store.addSpace(space);
  emulator.changed("hard");
  return json(201, spaceView(space));
}
