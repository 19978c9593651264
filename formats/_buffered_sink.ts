/**
 * Coalesces small writes (one line per record) into large ones: a system
 * call or a promise per record would dominate the cost of a long list.
 */
import type { Sink } from "./types.ts";

/** Characters collected before they are passed on. */
const FLUSH_AT = 64 * 1024;

/** A sink that batches `inner`'s writes; call `flush()` once the format is done. */
export interface BufferedSink extends Sink {
  /** Passes on whatever is still buffered. */
  flush(): Promise<void>;
}

/** Wraps `inner` so that text is written in chunks of about 64 KiB. */
export function bufferedSink(inner: Sink): BufferedSink {
  let pending = "";
  const flush = async () => {
    if (pending === "") return;
    const text = pending;
    pending = "";
    await inner.write(text);
  };
  return {
    isTerminal: inner.isTerminal,
    width: inner.width,
    async write(chunk) {
      if (typeof chunk !== "string") {
        await flush();
        await inner.write(chunk);
        return;
      }
      pending += chunk;
      if (pending.length >= FLUSH_AT) await flush();
    },
    flush,
  };
}
