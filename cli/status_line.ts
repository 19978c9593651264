/**
 * One transient line at the bottom of a terminal's stderr: a spinner while a
 * request is in flight and a record count during multi-page reads (T5). It is
 * erased before anything else is written, and does nothing when stderr is not
 * a terminal that can move its cursor (a pipe, a log, TERM=dumb), so those
 * never see it (T2).
 */
import type { TextOutput } from "../runtime/context.ts";
import { animationEnabled, paint } from "../runtime/terminal.ts";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const ERASE = "\r\x1b[2K";

/** The timer functions a status line uses; tests pass fakes. */
export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of {@link createStatusLine}. */
export interface StatusLineOptions {
  /** Dim the line (only when colour is allowed on stderr). */
  color: boolean;
  /** False turns the line off even on a terminal (e.g. while verbose logs stream). */
  enabled?: boolean;
  /** The environment: TERM=dumb turns the line off. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Defaults to the global timers. */
  timers?: Timers;
  /** A spinner appears only after this long, so quick requests show nothing. */
  delayMs?: number;
  /** Time between spinner frames. */
  intervalMs?: number;
}

/** The transient line; every method is a no-op off a terminal. */
export interface StatusLine {
  /** Shows `label` with a spinner once the request has taken longer than the delay. */
  spin(label: string): void;
  /** Shows `text` at once (progress), replacing whatever the line showed. */
  show(text: string): void;
  /** Erases the line; a later `show` or spinner frame draws it again. */
  clear(): Promise<void>;
  /** Erases the line and stops the spinner (a later `spin` starts a new one). */
  stop(): Promise<void>;
  /** Wraps `out` so the line is erased before each write to it. */
  guard(out: TextOutput): TextOutput;
}

/** Creates the status line for `out` (stderr). */
export function createStatusLine(out: TextOutput, options: StatusLineOptions): StatusLine {
  const timers: Timers = options.timers ?? globalThis as unknown as Timers;
  const enabled = animationEnabled(out, options.env ?? {}) && options.enabled !== false;
  let label = "";
  let frame = 0;
  let visible = false;
  let delay: unknown;
  let interval: unknown;
  let queue: Promise<void> = Promise.resolve();

  function enqueue(text: string): void {
    queue = queue.then(() => out.write(text)).catch(() => {});
  }
  function draw(text: string): void {
    visible = true;
    enqueue(`${ERASE}${paint(text, "dim", options.color)}`);
  }
  function tick(): void {
    draw(`${FRAMES[frame++ % FRAMES.length]} ${label}`);
  }
  function stopTimers(): void {
    if (delay !== undefined) timers.clearTimeout(delay);
    if (interval !== undefined) timers.clearInterval(interval);
    delay = interval = undefined;
  }
  async function clear(): Promise<void> {
    if (visible) {
      visible = false;
      enqueue(ERASE);
    }
    await queue;
  }

  return {
    spin(text) {
      if (!enabled) return;
      label = text;
      if (delay !== undefined || interval !== undefined) return;
      delay = timers.setTimeout(() => {
        delay = undefined;
        tick();
        interval = timers.setInterval(tick, options.intervalMs ?? 80);
        unref(interval);
      }, options.delayMs ?? 150);
      unref(delay);
    },
    show(text) {
      if (!enabled) return;
      label = text;
      draw(`${FRAMES[frame % FRAMES.length]} ${text}`);
    },
    clear,
    async stop() {
      stopTimers();
      await clear();
    },
    guard(target) {
      // A file or pipe never shares the screen with the line.
      if (!enabled || !target.isTTY) return target;
      return {
        async write(chunk) {
          await clear();
          return target.write(chunk);
        },
        get isTTY() {
          return target.isTTY;
        },
        get columns() {
          return target.columns;
        },
      };
    },
  };
}

/** A pending spinner must never keep the process alive. */
function unref(handle: unknown): void {
  (handle as { unref?: () => void } | undefined)?.unref?.();
}
