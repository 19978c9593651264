/**
 * Text formats collect their output into chunks of about 64 KiB and write
 * each chunk once. An awaited write per record (a promise, and at the end of
 * the chain a system call) costs more than formatting the record; a chunk
 * still bounds memory however many records a list has.
 */
import type { Sink } from "./types.ts";

/** Characters collected before a chunk is written. */
export const CHUNK_CHARS = 64 * 1024;

/** Text waiting to be written to a sink. */
export interface TextBatch {
  /** Appends `text`; returns true once a chunk is full (call {@link TextBatch.flush}). */
  add(text: string): boolean;
  /** Writes whatever has been collected, if anything. */
  flush(): Promise<void>;
}

/**
 * A batch writing to `sink`. `finish` runs once per chunk before it is
 * written: a character-by-character rewrite (escaping) gives the same text
 * per chunk as per record, for one pass over it.
 */
export function textBatch(
  sink: Sink,
  finish: (text: string) => string = (text) => text,
): TextBatch {
  let pending = "";
  return {
    add(text) {
      pending += text;
      return pending.length >= CHUNK_CHARS;
    },
    async flush() {
      if (pending === "") return;
      const text = finish(pending);
      pending = "";
      await sink.write(text);
    },
  };
}
