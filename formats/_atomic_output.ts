/**
 * An output file written atomically (I4, I6): everything goes to a temp file
 * in the same folder, which is fsynced and renamed over the target only when
 * the format has finished. On failure or Ctrl-C the temp file is removed and
 * an existing file is left as it was.
 *
 * Targets that are not regular files (`/dev/stdout`, a FIFO, `/dev/full`)
 * cannot be replaced by a rename; they are written in place.
 */
import { rmSync } from "node:fs";
import { type FileHandle, lstat, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { FileError } from "../runtime/errors.ts";
import { syncDirectory } from "../runtime/fs_errors.ts";
import { writeFailure } from "./_file_errors.ts";
import type { Sink } from "./types.ts";

/** A file being written: a sink, then either `commit()` or `discard()`. */
export interface AtomicOutput {
  readonly sink: Sink;
  /** Makes the new content visible under the target name. */
  commit(): Promise<void>;
  /** Drops the new content; the target is untouched. Never throws. */
  discard(): Promise<void>;
}

/** Options of {@link openAtomicOutput}. */
export interface AtomicOutputOptions {
  /** Ctrl-C: the temp file is removed at once, and `commit()` refuses. */
  readonly signal: AbortSignal;
  /** The content is secret (a new API key): the file is created 0600. */
  readonly secret?: boolean;
}

/** Opens `path` (absolute) for an atomic write. Failures are FileErrors naming `path`. */
export async function openAtomicOutput(
  path: string,
  options: AtomicOutputOptions,
): Promise<AtomicOutput> {
  const existing = await lstat(path).catch(() => undefined);
  // A rename would replace the link itself; README promises a refusal.
  if (existing?.isSymbolicLink()) {
    throw new FileError(`Refusing to write ${path}: it is a symbolic link.`, {
      hints: ["Write to the file it points to, or remove the link, and run the command again."],
    });
  }
  if (existing?.isDirectory()) {
    throw new FileError(`Cannot write ${path}: it is a directory.`, {
      hints: ["Give a file name, e.g. --output keys.csv."],
    });
  }
  if (existing && !existing.isFile()) return openInPlace(path);

  const temp = join(dirname(path), `.${basename(path)}.${crypto.randomUUID()}.tmp`);
  // New files get the usual 0666 less umask; a secret gets 0600; a replaced
  // file keeps its permissions.
  const mode = options.secret ? 0o600 : existing ? existing.mode & 0o777 : 0o666;
  let handle: FileHandle;
  try {
    handle = await open(temp, "wx", mode);
    if (existing || options.secret) await handle.chmod(mode);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw writeFailure(path, error);
  }
  const { signal } = options;
  // Removing the temp file synchronously inside the abort handler means no
  // temp file is left even if the process is made to exit right after.
  const onAbort = () => rmSync(temp, { force: true });
  signal.addEventListener("abort", onAbort, { once: true });
  let open_ = true;
  const close = async () => {
    if (!open_) return;
    open_ = false;
    signal.removeEventListener("abort", onAbort);
    await handle.close();
  };

  return {
    sink: handleSink(handle, { path, signal }),
    async commit() {
      try {
        await handle.sync();
        await close();
        if (signal.aborted) throw signal.reason;
        await rename(temp, path);
      } catch (error) {
        await close().catch(() => {});
        await unlink(temp).catch(() => {});
        if (signal.aborted) throw signal.reason;
        throw writeFailure(path, error);
      }
      await syncDirectory(dirname(path));
    },
    async discard() {
      await close().catch(() => {});
      await unlink(temp).catch(() => {});
    },
  };
}

async function openInPlace(path: string): Promise<AtomicOutput> {
  let handle: FileHandle;
  try {
    handle = await open(path, "w");
  } catch (error) {
    throw writeFailure(path, error);
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    sink: handleSink(handle, { path }),
    async commit() {
      try {
        await close();
      } catch (error) {
        throw writeFailure(path, error);
      }
    },
    discard: () => close().catch(() => {}),
  };
}

const encoder = new TextEncoder();

/** A sink writing to an open file; every byte is written or a FileError is thrown. */
function handleSink(handle: FileHandle, options: { path: string; signal?: AbortSignal }): Sink {
  return {
    isTerminal: false,
    async write(chunk) {
      if (options.signal?.aborted) throw options.signal.reason;
      const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
      try {
        // A write may be partial (a nearly full disk); go on until all is out.
        for (let offset = 0; offset < bytes.length;) {
          const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
          offset += bytesWritten;
        }
      } catch (error) {
        throw writeFailure(options.path, error);
      }
    },
  };
}
