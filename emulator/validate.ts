/**
 * Input checks shared by the routes. Each failure is a 400 whose detail names
 * the field. The emulator is strict on purpose: a lenient emulator would let
 * a client bug pass every test.
 */
import { instantMs, parseRfc3339 as parseInstant } from "../runtime/rfc3339.ts";
import { badField } from "./responses.ts";

/**
 * Epoch milliseconds of an RFC 3339 date-time (offset required, calendar
 * checked: `2024-02-30T00:00:00Z` is rejected), or undefined. The parser is
 * the CLI's too (runtime/rfc3339.ts).
 */
export function parseRfc3339(value: string): number | undefined {
  const instant = parseInstant(value);
  return instant && instantMs(instant);
}

/** Length in Unicode code points: the unit of the name and description limits. */
export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** Parses a JSON request body that must be an object (an empty body is `{}` if allowed). */
export function parseJsonObject(
  body: string,
  options: { allowEmpty: boolean },
): Record<string, unknown> {
  if (body.trim() === "") {
    if (options.allowEmpty) return {};
    throw badField("body", "a JSON object is required");
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw badField("body", "is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badField("body", "must be a JSON object");
  }
  return value as Record<string, unknown>;
}

/**
 * Reads the members of a JSON object (a request body or a nested part of one),
 * naming each failure after the member, with `prefix` for nested objects
 * (`roles.space_role`).
 */
export class BodyFields {
  readonly #object: Record<string, unknown>;
  readonly #prefix: string;

  constructor(object: Record<string, unknown>, prefix = "") {
    this.#object = object;
    this.#prefix = prefix;
  }

  /** True when the member is present (even if null). */
  has(field: string): boolean {
    return Object.hasOwn(this.#object, field);
  }

  /** The raw value of a member. */
  raw(field: string): unknown {
    return this.#object[field];
  }

  /** Rejects members other than `allowed`, naming the first unknown one. */
  onlyKnown(allowed: readonly string[]): void {
    for (const name of Object.keys(this.#object)) {
      if (!allowed.includes(name)) {
        throw badField(this.label(name), `unknown field; allowed: ${allowed.join(", ")}`);
      }
    }
  }

  /** An optional string member; null and other types are rejected. */
  string(field: string): string | undefined {
    if (!this.has(field)) return undefined;
    const value = this.#object[field];
    if (typeof value !== "string") throw badField(this.label(field), "must be a string");
    return value;
  }

  /** An optional enum member: exact (lower-case) values only. */
  enumOf<T extends string>(field: string, values: readonly T[]): T | undefined {
    const value = this.string(field);
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) {
      throw badField(this.label(field), `must be one of ${values.join(", ")} (got '${value}')`);
    }
    return value as T;
  }

  /** An optional RFC 3339 date-time member later than `now`, as epoch milliseconds. */
  futureTime(field: string, now: number): number | undefined {
    const value = this.string(field);
    if (value === undefined) return undefined;
    const ms = parseRfc3339(value);
    if (ms === undefined) {
      throw badField(
        this.label(field),
        "must be an RFC 3339 date-time with offset, e.g. 2026-12-31T23:59:59Z",
      );
    }
    if (ms <= now) throw badField(this.label(field), "must be in the future");
    return ms;
  }

  /** The name a failure reports: the member with its prefix. */
  label(field: string): string {
    return `${this.#prefix}${field}`;
  }
}

/**
 * Reads query parameters: each at most once (400 otherwise); parameters not
 * asked for are ignored, as a real server does.
 */
export class QueryParams {
  readonly #values: Record<string, string | undefined> = {};

  constructor(params: URLSearchParams, names: readonly string[]) {
    for (const name of names) {
      const all = params.getAll(name);
      if (all.length > 1) throw badField(name, "given more than once");
      this.#values[name] = all[0];
    }
  }

  /** The value of a parameter, if given. */
  get(name: string): string | undefined {
    return this.#values[name];
  }

  /** An enum parameter: exact (lower-case) values only. */
  enumOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.#values[name];
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) {
      throw badField(name, `must be one of ${values.join(", ")} (got '${value}')`);
    }
    return value as T;
  }

  /** The `limit` parameter (see {@link queryLimit}). */
  limit(): number {
    return queryLimit(this.#values.limit);
  }
}

/** `limit`: an integer 1–100 written in plain digits; 50 when absent. */
export function queryLimit(value: string | undefined): number {
  if (value === undefined) return 50;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > 100) {
    throw badField("limit", `must be an integer from 1 to 100 (got '${value}')`);
  }
  return Number(value);
}
