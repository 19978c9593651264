/**
 * The process's standard streams as the Context sees them. In a Bun binary,
 * merely touching `process.stdout`/`stderr`/`node:tty` sets up Node's stream
 * machinery (several milliseconds of every start-up), so there stdout and
 * stderr go through `Bun.write` and TTY facts come from Bun's `tty_wrap`
 * binding (both through runtime/adapter.ts); elsewhere (Deno, Node) the Node
 * streams are used.
 */
import { fstatSync, readFileSync, type Stats, statSync } from "node:fs";
import process from "node:process";
import { bunStdio, isTerminal, runtimeKind } from "./adapter.ts";
import type { TextOutput } from "./context.ts";
import { nodeOutput, stderrReaderGone, streamWriteError } from "./node_output.ts";

export { isTerminal };

/** What `fd` is, or undefined when that cannot be told. */
function statOf(fd: 1 | 2): Stats | undefined {
  try {
    return fstatSync(fd);
  } catch {
    return undefined;
  }
}

/** Whether `fd` is a pipe (FIFO); false when that cannot be told. */
export function isPipe(fd: 1 | 2): boolean {
  return statOf(fd)?.isFIFO() ?? false;
}

/** Whether `fd` is a regular file; false when that cannot be told. */
function isRegularFile(fd: 1 | 2): boolean {
  return statOf(fd)?.isFile() ?? false;
}

const pending = new Set<Promise<unknown>>();

/** O_CLOEXEC as /proc/self/fdinfo's octal `flags` shows it. */
const O_CLOEXEC = 0o2000000;

/**
 * True when `fd` was closed when ax started (`ax … >&-`). The runtime then
 * opens the null device in its place, so writes "succeed" and are lost: a
 * new secret printed there would be gone with exit 0 (S8,
 * docs/reliability.md). Linux shows it in /proc: Bun's replacement carries
 * O_CLOEXEC, which no descriptor inherited through exec can have; Deno's
 * is opened read-write, where a shell's `>/dev/null` is write-only (a
 * parent passing the null device read-write looks the same, and a secret
 * would be lost there too). An explicit `>/dev/null` is the user's choice.
 */
function closedAtStart(fd: 1 | 2): boolean {
  if (process.platform !== "linux") return false;
  try {
    const info = fstatSync(fd);
    if (!info.isCharacterDevice() || info.rdev !== statSync("/dev/null").rdev) return false;
    const match = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, "utf8"));
    const flags = match ? parseInt(match[1], 8) : 0;
    return (flags & O_CLOEXEC) !== 0 || (runtimeKind !== "bun" && (flags & 3) === 2);
  } catch {
    return false;
  }
}

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
    output.closed = () => Promise.resolve(closedAtStart(fd));
    return Object.defineProperties(output, {
      isPipe: { get: () => isPipe(fd) },
      isFile: { get: () => isRegularFile(fd) },
    });
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
        if (stderrReaderGone(error, name)) return;
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
    get isPipe() {
      return isPipe(fd);
    },
    get isFile() {
      return isRegularFile(fd);
    },
    closed: () => Promise.resolve(closedAtStart(fd)),
  };
}

/**
 * `out` whose writes never fail: what cannot be written is dropped. stderr
 * carries messages, and a message that cannot be shown (`2>/dev/full`) must
 * not stop the work it describes — a bulk revoke half-way, an audit's exit
 * code, data already on stdout (S8, I5, docs/reliability.md).
 */
export function bestEffortOutput(out: TextOutput): TextOutput {
  return {
    write: (chunk) => out.write(chunk).catch(() => {}),
    get isTTY() {
      return out.isTTY;
    },
    get columns() {
      return out.columns;
    },
    get isPipe() {
      return out.isPipe;
    },
    get isFile() {
      return out.isFile;
    },
    closed: () => out.closed?.() ?? Promise.resolve(false),
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
