/**
 * The one output buffer. Small writes (a line per record) are collected and
 * passed on in chunks of about 64 KiB: an awaited write per record (a
 * promise, and at the end of the chain a system call) costs more than
 * formatting the record, while a chunk still bounds memory however many
 * records a list has. writeOutput (formats/output.ts) puts one in front of
 * every format; the text formats also keep one of their own, so they can
 * {@link BufferedSink.add} without a promise per record and escape a whole
 * chunk at once.
 */
import type { Sink } from "./types.ts";

/** Characters collected before they are passed on. */
export const CHUNK_CHARS = 64 * 1024;

/** A sink that batches its writes; call `flush()` once the format is done. */
export interface BufferedSink extends Sink {
  /**
   * Appends `text` without writing it; returns true once a chunk is full
   * (then call {@link BufferedSink.flush}).
   */
  add(text: string): boolean;
  /** Passes on whatever is still buffered. */
  flush(): Promise<void>;
}

/**
 * Wraps `inner` so that text reaches it in chunks of about 64 KiB. `finish`
 * runs once per chunk before it is written: a character-by-character rewrite
 * (escaping) gives the same text per chunk as per record, for one pass over
 * it. Bytes are passed on at once, after the text before them.
 */
export function bufferedSink(
  inner: Sink,
  finish: (text: string) => string = (text) => text,
): BufferedSink {
  let pending = "";
  const add = (text: string) => {
    pending += text;
    return pending.length >= CHUNK_CHARS;
  };
  const flush = async () => {
    if (pending === "") return;
    const text = finish(pending);
    pending = "";
    await inner.write(text);
  };
  return {
    isTerminal: inner.isTerminal,
    width: inner.width,
    add,
    async write(chunk) {
      if (typeof chunk !== "string") {
        await flush();
        await inner.write(chunk);
        return;
      }
      if (add(chunk)) await flush();
    },
    flush,
  };
}
