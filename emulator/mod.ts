/**
 * The local Arize API emulator: build one in memory (tests) or serve one over
 * HTTP (`ax emulator start`). See docs/emulator.md.
 */
import { createClock } from "./clock.ts";
import { createEmulator, type Emulator } from "./emulator.ts";
import { hashSecret } from "./ids.ts";
import { createSaver, loadState, type Saver, saveState } from "./persistence.ts";
import {
  type BootstrapSecrets,
  createInitialState,
  issueBootstrapKeys,
  seedSyntheticKeys,
} from "./seed.ts";
import { listen } from "./server.ts";
import { Store } from "./store.ts";

export { CorruptDataError, UnwritableDataError } from "./persistence.ts";
export type { Emulator } from "./emulator.ts";
export type { BootstrapSecrets } from "./seed.ts";

/** Options of {@link buildEmulator}. */
export interface BuildOptions {
  /** Load from and save to this file. */
  dataFile?: string;
  /** Secret of the admin's bootstrap key (random when absent). */
  adminKey?: string;
  /** Make sure the admin owns at least this many synthetic keys. */
  seedKeys?: number;
  /** Enable `/__emulator/faults`. */
  faults?: boolean;
  /** What the emulated clock reads at start, epoch milliseconds (default: real time). */
  clockStart?: number;
  /** The real time source (default `Date.now`). */
  realNow?: () => number;
  /** Reports failed saves of the data file. */
  onSaveError?: (error: Error) => void;
}

/** An emulator with its bootstrap secrets and, with a data file, its saver. */
export interface Built {
  emulator: Emulator;
  secrets: BootstrapSecrets;
  saver: Saver | undefined;
}

/**
 * Builds an emulator without serving it. Throws `CorruptDataError` for a data
 * file that is not emulator state (the file is left untouched), and
 * `UnwritableDataError` when the data file cannot be written.
 */
export function buildEmulator(options: BuildOptions = {}): Built {
  const realNow = options.realNow ?? Date.now;
  const clock = createClock({ realNow, start: options.clockStart });
  const loaded = options.dataFile ? loadState(options.dataFile) : undefined;
  const store = new Store(loaded ?? createInitialState(clock.now()));
  const secrets = issueBootstrapKeys(store, { now: clock.now(), adminKey: options.adminKey });
  if (options.seedKeys) seedSyntheticKeys(store, { count: options.seedKeys, now: clock.now() });
  const saver = options.dataFile
    ? createSaver({
      path: options.dataFile,
      state: () => store.state,
      onError: options.onSaveError ?? (() => {}),
    })
    : undefined;
  const emulator = createEmulator({
    store,
    clock,
    adminHash: hashSecret(secrets.admin),
    faults: options.faults ?? false,
    onChange: saver?.changed,
  });
  // Bootstrap secrets rotated: save at once so the file matches what is served,
  // and so that an unwritable path fails at start rather than at the first change.
  if (options.dataFile) saveState(options.dataFile, store.state);
  return { emulator, secrets, saver };
}

/** The readiness line's content. */
export interface Readiness {
  url: string;
  admin_key: string;
  /** Key of the second, non-admin user (developer flag, member of `default`). */
  user_key: string;
  /** Key of a third user without the developer flag (read-only in `default`). */
  viewer_key: string;
  admin_user_id: string;
  user_id: string;
  viewer_user_id: string;
  org_id: string;
  spaces: { id: string; name: string }[];
}

/** Options of {@link serveEmulator}. */
export interface ServeOptions extends BuildOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Receives one line per request. */
  log: (line: string) => void;
}

/** A serving emulator. */
export interface Serving {
  readiness: Readiness;
  emulator: Emulator;
  /** Stops serving and saves the state. */
  close(): Promise<void>;
}

/** Builds an emulator and serves it over HTTP. */
export async function serveEmulator(options: ServeOptions): Promise<Serving> {
  const { emulator, secrets, saver } = buildEmulator(options);
  const server = await listen({
    emulator,
    host: options.host,
    port: options.port,
    log: options.log,
  });
  const state = emulator.store.state;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  const readiness: Readiness = {
    url: `http://${host}:${server.port}`,
    admin_key: secrets.admin,
    user_key: secrets.user,
    viewer_key: secrets.viewer,
    admin_user_id: state.bootstrap.admin_user_id,
    user_id: state.bootstrap.user_user_id,
    viewer_user_id: state.bootstrap.viewer_user_id,
    org_id: state.org.id,
    spaces: emulator.store.spaces().map((space) => ({ id: space.id, name: space.name })),
  };
  return {
    readiness,
    emulator,
    close: async () => {
      await server.close();
      saver?.flush();
    },
  };
}
