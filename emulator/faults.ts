/**
 * Fault injection (`--faults`): the next N requests matching a route get a
 * chosen status (with optional `Retry-After`), a delay, a dropped connection
 * or a truncated body. A truncated response is a real one cut short, so the
 * request took effect; a dropped one took effect only with `after_commit`.
 */
import { badField } from "./responses.ts";
import { BodyFields } from "./validate.ts";

/** One fault rule as posted to `POST /__emulator/faults`. */
export interface FaultSpec {
  /** `"POST /v2/api-keys"`, `"PUT /v2/api-keys/{id}/revoke"`, … or `"*"` for any route. */
  route: string;
  /** How many matching requests it applies to (default 1). */
  count: number;
  /** Answer with this status and a problem body instead of handling the request. */
  status?: number;
  /** `Retry-After` header value sent with `status` (seconds or an HTTP-date). */
  retry_after?: string;
  /** Wait this long before handling (or failing) the request. */
  delay_ms?: number;
  /** Close the connection without any response. */
  drop?: boolean;
  /** Handle the request, send the headers and half the body, then close the connection. */
  truncate?: boolean;
  /** With `drop`: handle the request first (the "lost response" case). */
  after_commit?: boolean;
}

const FIELDS = [
  "route",
  "count",
  "status",
  "retry_after",
  "delay_ms",
  "drop",
  "truncate",
  "after_commit",
];

/** A header value the emulator can send: printable ASCII, bounded. */
const HEADER_VALUE = /^[\x20-\x7e]{1,256}$/;

/** Validates a posted fault rule against the known route names. */
export function parseFaultSpec(
  body: Record<string, unknown>,
  routes: readonly string[],
): FaultSpec {
  new BodyFields(body).onlyKnown(FIELDS);
  const { route, count = 1, status, retry_after, delay_ms, drop, truncate, after_commit } = body;
  if (typeof route !== "string" || (route !== "*" && !routes.includes(route))) {
    throw badField("route", `must be "*" or one of: ${routes.join(", ")}`);
  }
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > 100_000) {
    throw badField("count", "must be an integer from 1 to 100000");
  }
  const spec: FaultSpec = { route, count: count as number };
  if (status !== undefined) {
    if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599) {
      throw badField("status", "must be an integer from 400 to 599");
    }
    spec.status = status as number;
  }
  if (retry_after !== undefined) {
    if (typeof retry_after !== "string" && typeof retry_after !== "number") {
      throw badField("retry_after", "must be a string (seconds or HTTP-date)");
    }
    if (spec.status === undefined) throw badField("retry_after", "needs status");
    const value = String(retry_after);
    // It becomes a header: CR, LF or other controls would be refused (or
    // worse, split the response) when the fault fires, as a 500.
    if (!HEADER_VALUE.test(value)) {
      throw badField("retry_after", "must be 1-256 printable ASCII characters (a header value)");
    }
    spec.retry_after = value;
  }
  if (delay_ms !== undefined) {
    if (!Number.isInteger(delay_ms) || (delay_ms as number) < 0 || (delay_ms as number) > 600_000) {
      throw badField("delay_ms", "must be an integer from 0 to 600000");
    }
    spec.delay_ms = delay_ms as number;
  }
  for (
    const [name, value] of [["drop", drop], ["truncate", truncate], [
      "after_commit",
      after_commit,
    ]] as const
  ) {
    if (value !== undefined && typeof value !== "boolean") {
      throw badField(name, "must be a boolean");
    }
  }
  if (drop) spec.drop = true;
  if (truncate) spec.truncate = true;
  if (after_commit) spec.after_commit = true;
  const effects = [spec.status !== undefined, spec.drop, spec.truncate].filter(Boolean).length;
  if (effects > 1) throw badField("status", "choose one of status, drop and truncate");
  if (effects === 0 && spec.delay_ms === undefined) {
    throw badField("status", "give at least one of status, delay_ms, drop, truncate");
  }
  if (spec.after_commit && !spec.drop) throw badField("after_commit", "only applies to drop");
  return spec;
}

/** Pending fault rules, consumed in the order they were added. */
export class FaultQueue {
  readonly #rules: FaultSpec[] = [];

  /** Adds a rule. */
  add(spec: FaultSpec): void {
    this.#rules.push({ ...spec });
  }

  /** Removes every pending rule. */
  clear(): void {
    this.#rules.length = 0;
  }

  /** Rules not used up yet, with their remaining counts. */
  pending(): FaultSpec[] {
    return this.#rules.map((rule) => ({ ...rule }));
  }

  /** True while a `drop` rule is pending (see `server.ts` for why that matters). */
  dropPending(): boolean {
    return this.#rules.some((rule) => rule.drop);
  }

  /** The rule that applies to this request to `route`, using one of its count. */
  take(route: string): FaultSpec | undefined {
    const index = this.#rules.findIndex((rule) => rule.route === "*" || rule.route === route);
    if (index < 0) return undefined;
    const rule = this.#rules[index];
    if (--rule.count === 0) this.#rules.splice(index, 1);
    return { ...rule };
  }
}
