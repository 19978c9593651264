/**
 * `--data FILE`: loads state at start (refusing a corrupt file, which is then
 * never written), and saves it atomically (runtime/atomic_file.ts: a temp
 * file in the same folder, fsync, rename) shortly after each change and once
 * more at shutdown.
 */
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { writeFileAtomicSync } from "../runtime/atomic_file.ts";
import { errorCode, failureReason } from "../runtime/fs_errors.ts";
import type { ChangeKind } from "./emulator.ts";
import type { State } from "./model.ts";
import { checkState } from "./state_check.ts";

/** The data file exists but is not usable state. */
export class CorruptDataError extends Error {}

/** The data file cannot be written (missing folder, permissions, full disk). */
export class UnwritableDataError extends Error {}

/** Writes `state` to `path` now, or throws {@link UnwritableDataError}. */
export function saveState(path: string, state: State): void {
  try {
    writeFileAtomicSync(path, JSON.stringify(state));
  } catch (error) {
    // In words, naming --data's path rather than the temp file beside it.
    const reason = errorCode(error) === "ENOENT"
      ? `the folder ${dirname(path)} does not exist`
      : failureReason(error);
    throw new UnwritableDataError(`cannot write ${path}: ${reason}`);
  }
}

/** Reads the state in `path`; undefined when there is no such file. */
export function loadState(path: string): State | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new CorruptDataError(`cannot read ${path}: ${failureReason(error)}`);
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
      writeFileAtomicSync(options.path, JSON.stringify(options.state()));
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
