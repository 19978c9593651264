/**
 * The process's standard streams as the Context sees them. In a Bun binary,
 * merely touching `process.stdout`/`stderr`/`node:tty` sets up Node's stream
 * machinery (several milliseconds of every start-up), so there stdout and
 * stderr go through `Bun.write` and TTY facts come from Bun's `tty_wrap`
 * binding (both through runtime/adapter.ts); elsewhere (Deno, Node) the Node
 * streams are used.
 */
import process from "node:process";
import { bunStdio, isTerminal } from "./adapter.ts";
import type { TextOutput } from "./context.ts";
import { nodeOutput, streamWriteError } from "./node_output.ts";

export { isTerminal };

const pending = new Set<Promise<unknown>>();

/**
 * stdout (1) or stderr (2). A reader of stdout that went away (`ax … | head
 * -1`) rejects the write with a BrokenPipeError, which ends the command
 * quietly with status 0 (I5) — or, when the write carried a new secret, lets
 * the command revoke it (S8); any other write failure is a FileError naming
 * the stream (I6).
 */
export function standardOutput(fd: 1 | 2): TextOutput {
  const stream = () => (fd === 1 ? process.stdout : process.stderr);
  const name = fd === 1 ? "standard output" : "standard error";
  if (!bunStdio) {
    const output = nodeOutput(stream());
    // The failed write itself rejects (see nodeOutput); this listener only
    // keeps the stream's own 'error' event from crashing the process.
    stream().on("error", () => {});
    return output;
  }
  const bun = bunStdio;
  return {
    async write(chunk) {
      // Bun.write ends cleanly on EPIPE and reports ENOSPC; its FileSink
      // writer dumped an error per chunk after the reader closed.
      const written = bun.write(fd, chunk);
      pending.add(written);
      try {
        await written;
      } catch (error) {
        throw streamWriteError(error, name);
      } finally {
        pending.delete(written);
      }
    },
    get isTTY() {
      return isTerminal(fd);
    },
    get columns() {
      // Only a terminal has a width: the stream is built for terminals alone.
      return isTerminal(fd) ? stream().columns : undefined;
    },
  };
}

/**
 * Exits with `code` once everything written has reached the streams, even if
 * sockets or timers linger.
 */
export async function exitAfterFlush(code: number): Promise<never> {
  // Deno may never call the final write's callback (e.g. stdout is /dev/full):
  // the exit code must be right whichever way the process ends.
  process.exitCode = code;
  if (bunStdio) {
    await Promise.allSettled([...pending]);
    process.exit(code);
  }
  const drained = (stream: NodeJS.WriteStream) =>
    new Promise<void>((resolve) => stream.write("", () => resolve()));
  // A stream that can no longer be written never drains: give up after a moment.
  const giveUp = new Promise<void>((resolve) => setTimeout(resolve, 500).unref?.());
  await Promise.race([Promise.all([drained(process.stdout), drained(process.stderr)]), giveUp]);
  process.exit(code);
}
