/**
 * Timestamps the lines of a growing log (the emulator's stderr, one line per
 * request as it is answered), so a test can measure the gap between two
 * requests on the server's side instead of timing a whole process, whose
 * start-up time would blur the measurement.
 */

/** One log line and when the watcher first saw it (ms since the epoch). */
export interface TimedLine {
  at: number;
  line: string;
}

/** A running watcher. */
export interface LogTimeline {
  /** Complete lines seen so far that match `pattern`. */
  matching(pattern: RegExp): TimedLine[];
  /** Stops polling. */
  stop(): void;
}

/**
 * Polls `read()` every `intervalMs` (default 5) and records each new complete
 * line with the time it was seen; text present at the start is ignored.
 */
export function watchLog(read: () => string, intervalMs = 5): LogTimeline {
  let offset = read().length;
  let partial = "";
  const seen: TimedLine[] = [];
  const poll = () => {
    const text = read();
    const fresh = partial + text.slice(offset);
    offset = text.length;
    const lines = fresh.split("\n");
    partial = lines.pop() ?? "";
    const at = Date.now();
    for (const line of lines) seen.push({ at, line });
  };
  const timer = setInterval(poll, intervalMs);
  return {
    matching(pattern) {
      poll();
      return seen.filter(({ line }) => pattern.test(line));
    },
    stop: () => clearInterval(timer),
  };
}
