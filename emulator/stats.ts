/**
 * Request counters for `GET /__emulator/stats`: every request to a non-admin
 * route since start, faulted ones included. Tests use them to prove that bad
 * input sent nothing.
 */

/** The stats route's body. */
export interface StatsSnapshot {
  requests: number;
  /** `"GET /v2/api-keys"` → count; unknown paths appear as sent. */
  by_route: Record<string, number>;
}

/** Counts requests per route. */
export class Stats {
  #requests = 0;
  readonly #byRoute = new Map<string, number>();

  /** Counts one request to `route`. */
  record(route: string): void {
    this.#requests++;
    this.#byRoute.set(route, (this.#byRoute.get(route) ?? 0) + 1);
  }

  /** The counts so far. */
  snapshot(): StatsSnapshot {
    return { requests: this.#requests, by_route: Object.fromEntries(this.#byRoute) };
  }
}
