/**
 * `--data FILE`: loads state at start (refusing a corrupt file, which is then
 * never written), and saves it atomically — a temp file in the same folder,
 * fsync, rename — shortly after each change and once more at shutdown.
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import type { ChangeKind } from "./emulator.ts";
import { randomBase62 } from "./ids.ts";
import type { State } from "./model.ts";
import { checkState } from "./state_check.ts";

/** The data file exists but is not usable state. */
export class CorruptDataError extends Error {}

/** The data file cannot be written (missing folder, permissions, full disk). */
export class UnwritableDataError extends Error {}

/** Writes `state` to `path` now, or throws {@link UnwritableDataError}. */
export function saveState(path: string, state: State): void {
  try {
    writeFileAtomic(path, JSON.stringify(state));
  } catch (error) {
    throw new UnwritableDataError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

/** Reads the state in `path`; undefined when there is no such file. */
export function loadState(path: string): State | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new CorruptDataError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CorruptDataError(`${path} is not valid JSON (${(error as Error).message})`);
  }
  try {
    return checkState(value);
  } catch (error) {
    throw new CorruptDataError(`${path} is not emulator state: ${(error as Error).message}`);
  }
}

/** Writes `text` to `path` atomically: readers see the old file or the new one, never a mix. */
export function writeFileAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBase62(8)}.tmp`);
  const fd = openSync(temp, "w", 0o600);
  try {
    // writeFileSync loops until every byte is written; a bare writeSync may stop short.
    writeFileSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  try {
    // Make the rename itself durable; not every platform can fsync a folder.
    const dir = openSync(dirname(path), "r");
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // best effort
  }
}

/** Saves state after changes: data soon, `last_used_at` alone lazily. */
export interface Saver {
  /** Notes a change; a save follows after a short delay. */
  changed(kind: ChangeKind): void;
  /** Saves now if anything is unsaved (shutdown). */
  flush(): void;
}

/** Options of {@link createSaver}. */
export interface SaverOptions {
  path: string;
  state: () => State;
  /** Delay after a data change (default 20 ms: bursts of creates share one write). */
  hardDelayMs?: number;
  /** Delay after a `last_used_at` change (default 2 s). */
  softDelayMs?: number;
  /** Reports a failed save; the emulator keeps serving. */
  onError: (error: Error) => void;
}

/** A debounced saver for one data file. */
export function createSaver(options: SaverOptions): Saver {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = Infinity;
  let dirty = false;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    due = Infinity;
    if (!dirty) return;
    dirty = false;
    try {
      writeFileAtomic(options.path, JSON.stringify(options.state()));
    } catch (error) {
      dirty = true;
      options.onError(error as Error);
    }
  };
  return {
    changed(kind) {
      dirty = true;
      const delay = kind === "hard" ? options.hardDelayMs ?? 20 : options.softDelayMs ?? 2000;
      const at = Date.now() + delay;
      if (at >= due) return;
      clearTimeout(timer);
      due = at;
      timer = setTimeout(save, delay);
    },
    flush: save,
  };
}
