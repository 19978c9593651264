import type { Writable } from "node:stream";
import type { TextOutput } from "./context.ts";

/** Adapts a Node-style writable (process.stdout/stderr) to {@link TextOutput}, honouring backpressure. */
export function nodeOutput(stream: Writable & { isTTY?: boolean; columns?: number }): TextOutput {
  return {
    write(chunk) {
      return new Promise<void>((resolve, reject) => {
        const flushed = stream.write(chunk, (error) => (error ? reject(error) : undefined));
        if (flushed) resolve();
        else stream.once("drain", resolve);
      });
    },
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.isTTY ? stream.columns : undefined;
    },
  };
}
