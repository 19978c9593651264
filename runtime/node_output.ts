import type { Writable } from "node:stream";
import type { TextOutput } from "./context.ts";
import { BrokenPipeError, FileError } from "./errors.ts";
import { failureReason } from "./fs_errors.ts";

/**
 * What a failed write to stdout or stderr becomes: a FileError (exit 5)
 * naming the stream, e.g. `ax … > /dev/full`; EPIPE on stdout (the reader went
 * away, I5) a BrokenPipeError. Errors without a code are returned unchanged.
 */
export function streamWriteError(error: unknown, name: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "EPIPE" && name === "standard output") return new BrokenPipeError(error);
  if (typeof code !== "string") return error;
  return new FileError(`Cannot write to ${name}: ${failureReason(error)}.`, { cause: error });
}

/**
 * True when a write to stderr failed because its reader went away (`ax … 2>&1
 * | head -1`). Nobody can read that message any more, and losing it must not
 * change the outcome (exit 0, or 6 for audit findings), so such writes are
 * dropped instead of failing the command with exit 5.
 */
export function stderrReaderGone(error: unknown, name: string): boolean {
  return name === "standard error" && (error as { code?: unknown } | null)?.code === "EPIPE";
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
        const fail = (error: unknown) =>
          stderrReaderGone(error, name) ? resolve() : reject(streamWriteError(error, name));
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
