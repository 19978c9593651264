import type { Writable } from "node:stream";
import type { TextOutput } from "./context.ts";
import { FileError } from "./errors.ts";

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
  EIO: "input/output error",
  EACCES: "permission denied",
  EBADF: "it is closed",
};

/**
 * What a failed write to stdout or stderr becomes: a FileError (exit 5)
 * naming the stream, e.g. `ax … > /dev/full`. EPIPE (the reader went away,
 * I5) and errors without a code are returned unchanged for the caller to
 * handle.
 */
export function streamWriteError(error: unknown, name: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || code === "EPIPE") return error;
  const reason = REASONS[code] ?? (error instanceof Error ? error.message : code);
  return new FileError(`Cannot write to ${name}: ${reason}.`, { cause: error });
}

/** Adapts a Node-style writable (process.stdout/stderr) to {@link TextOutput}, honouring backpressure. */
export function nodeOutput(
  stream: Writable & { isTTY?: boolean; columns?: number; fd?: number },
): TextOutput {
  const name = stream.fd === 1
    ? "standard output"
    : stream.fd === 2
    ? "standard error"
    : "the output stream";
  return {
    write(chunk) {
      return new Promise<void>((resolve, reject) => {
        const fail = (error: unknown) => reject(streamWriteError(error, name));
        let flushed: boolean;
        try {
          flushed = stream.write(chunk, (error) => (error ? fail(error) : undefined));
        } catch (error) {
          // Deno's stdout writes synchronously and may throw (ENOSPC) right here.
          return fail(error);
        }
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
