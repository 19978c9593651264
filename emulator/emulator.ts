/**
 * One running emulator's parts, shared by the request dispatch and the admin
 * routes: the store, the clock, counters, pending faults and the hook that
 * persistence listens on.
 */
import type { EmulatorClock } from "./clock.ts";
import { FaultQueue } from "./faults.ts";
import { Stats } from "./stats.ts";
import type { Store } from "./store.ts";

/** What changed: `hard` for data, `soft` for `last_used_at` alone (saved lazily). */
export type ChangeKind = "hard" | "soft";

/** The emulator's parts. */
export interface Emulator {
  readonly store: Store;
  readonly clock: EmulatorClock;
  readonly stats: Stats;
  /** Pending faults; undefined unless started with `--faults`. */
  readonly faults: FaultQueue | undefined;
  /** SHA-256 of the admin key, which authenticates the `/__emulator/` routes. */
  readonly adminHash: string;
  /** Reports a change so that persistence can save it. */
  changed(kind: ChangeKind): void;
}

/** Options of {@link createEmulator}. */
export interface EmulatorOptions {
  store: Store;
  clock: EmulatorClock;
  adminHash: string;
  /** Enables the fault injection route. */
  faults: boolean;
  onChange?: (kind: ChangeKind) => void;
}

/** Assembles an emulator from its parts. */
export function createEmulator(options: EmulatorOptions): Emulator {
  const onChange = options.onChange ?? (() => {});
  return {
    store: options.store,
    clock: options.clock,
    stats: new Stats(),
    faults: options.faults ? new FaultQueue() : undefined,
    adminHash: options.adminHash,
    changed: (kind) => onChange(kind),
  };
}
