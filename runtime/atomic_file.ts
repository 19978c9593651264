/**
 * The one way ax replaces a file (S3, I4, I6, S8, docs/reliability.md):
 * profiles, `.active_profile`, `notices.json`, `--env-file`, `-o` output
 * files and the emulator's `--data` file. Everything goes to a temp file
 * created exclusively in the same folder, is fsynced and renamed over the
 * target, so a reader sees the old file or the new one, never a mix. A
 * symbolic link as the target is refused (a rename would replace the link,
 * not what it points to). The temp file is removed on any failure, and at
 * once — synchronously, so no later exit can skip it — when the signal
 * aborts.
 */
import {
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  type Stats,
  writeFileSync,
} from "node:fs";
import { chmod, type FileHandle, lstat, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { FileError } from "./errors.ts";
import { errorCode, failureReason, syncDirectory } from "./fs_errors.ts";

/** Options of {@link openAtomicFile} and {@link writeFileAtomic}. */
export interface AtomicFileOptions {
  /**
   * Permission bits of the new file, set exactly (whatever the umask): 0600
   * for anything secret. `"inherit"`: a replaced file keeps its bits, a new
   * one gets the usual 0666 less umask. Default 0600.
   */
  readonly mode?: number | "inherit";
  /** Aborting removes the temp file at once, and `commit()` refuses. */
  readonly signal?: AbortSignal;
  /**
   * Create missing folders (mode 0700), as config files need. Default: true
   * for {@link writeFileAtomic}, false for {@link openAtomicFile}.
   */
  readonly createFolders?: boolean;
  /** How a file-system failure is reported; default `Cannot write <path>: <reason>.` */
  readonly failure?: (path: string, error: unknown) => FileError;
}

/** A replacement in progress: write bytes, then `commit()` or `discard()`. */
export interface AtomicFile {
  /** Writes every byte of `bytes` (a short write is continued), or throws. */
  write(bytes: Uint8Array): Promise<void>;
  /** fsync, rename over the target, sync the folder. */
  commit(): Promise<void>;
  /** Drops the new content; the target is untouched. Never throws. */
  discard(): Promise<void>;
}

/** The temp file beside `target`; dot-named, ending in `.tmp` (tests look for these). */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${crypto.randomUUID()}.tmp`);
}

/** The FileError for a target that is a symbolic link. */
export function symlinkRefused(path: string): FileError {
  return new FileError(`Refusing to write ${path}: it is a symbolic link.`, {
    hints: ["Write to the file it points to, or remove the link, and run the command again."],
  });
}

function defaultFailure(path: string, error: unknown): FileError {
  if (error instanceof FileError) return error;
  return new FileError(`Cannot write ${path}: ${failureReason(error)}.`, { cause: error });
}

/**
 * Writes all of `bytes` to `handle`: a write may be partial (a nearly full
 * disk, a device), so it goes on until everything is out.
 */
export async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

/**
 * Starts replacing `path` (made absolute). Refuses a symlink or a directory
 * as the target; failures are FileErrors naming `path`.
 */
export async function openAtomicFile(
  path: string,
  options: AtomicFileOptions = {},
): Promise<AtomicFile> {
  const target = resolve(path);
  const fail = options.failure ?? defaultFailure;
  const existing = await targetInfo(target, fail);
  if (options.createFolders) await ensureFolder(dirname(target), fail);
  const wanted = options.mode ?? 0o600;
  const mode = wanted === "inherit" ? (existing ? existing.mode & 0o777 : 0o666) : wanted;
  // The umask filters open()'s mode; set it exactly unless a new file should follow the umask.
  const exact = wanted !== "inherit" || existing !== undefined;
  const temp = tempPathFor(target);
  let handle: FileHandle;
  try {
    handle = await open(temp, "wx", mode);
  } catch (error) {
    throw fail(target, error);
  }
  const { signal } = options;
  const onAbort = () => rmSync(temp, { force: true });
  signal?.addEventListener("abort", onAbort, { once: true });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    signal?.removeEventListener("abort", onAbort);
    await handle.close();
  };
  const drop = async () => {
    await close().catch(() => {});
    await unlink(temp).catch(() => {});
  };
  try {
    if (exact) await handle.chmod(mode);
  } catch (error) {
    await drop();
    throw fail(target, error);
  }
  return {
    async write(bytes) {
      if (signal?.aborted) throw signal.reason;
      try {
        await writeAll(handle, bytes);
      } catch (error) {
        throw fail(target, error);
      }
    },
    async commit() {
      try {
        await handle.sync();
        await close();
        if (signal?.aborted) throw signal.reason;
        // A symlink could have appeared since the first check: say so rather than replace it.
        await targetInfo(target, fail);
        await rename(temp, target);
      } catch (error) {
        await drop();
        if (signal?.aborted) throw signal.reason;
        throw fail(target, error);
      }
      await syncDirectory(dirname(target));
    },
    discard: drop,
  };
}

/**
 * Replaces `path` with `data` atomically (see {@link openAtomicFile}); mode
 * 0600 and missing folders created 0700 unless `options` say otherwise.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicFileOptions = {},
): Promise<void> {
  const file = await openAtomicFile(path, { createFolders: true, ...options });
  try {
    await file.write(typeof data === "string" ? new TextEncoder().encode(data) : data);
    await file.commit();
  } catch (error) {
    await file.discard();
    throw error;
  }
}

/**
 * The synchronous twin of {@link writeFileAtomic} (mode 0600, no folders
 * created), for the emulator's data file, which is also saved from exit
 * handlers where nothing asynchronous runs. Throws Node's errors as they are.
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const target = resolve(path);
  const refuseLink = () => {
    const info = lstatOrUndefined(target);
    if (info?.isSymbolicLink()) throw symlinkRefused(target);
  };
  refuseLink();
  const temp = tempPathFor(target);
  const fd = openSync(temp, "wx", 0o600);
  try {
    // writeFileSync loops until every byte is written; a bare writeSync may stop short.
    writeFileSync(fd, data);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    refuseLink();
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  try {
    // Make the rename itself durable; not every platform can fsync a folder.
    const dir = openSync(dirname(target), "r");
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // best effort
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
}

/** The target's lstat (undefined when absent); refuses a symlink or a directory. */
async function targetInfo(
  target: string,
  fail: (path: string, error: unknown) => FileError,
): Promise<Stats | undefined> {
  let info: Stats;
  try {
    info = await lstat(target);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw fail(target, error);
  }
  if (info.isSymbolicLink()) throw symlinkRefused(target);
  if (info.isDirectory()) {
    throw new FileError(`Cannot write ${target}: it is a directory.`, {
      hints: ["Give a file name instead."],
    });
  }
  return info;
}

/** Creates `dir` and any missing parents with mode 0700. */
async function ensureFolder(
  dir: string,
  fail: (path: string, error: unknown) => FileError,
): Promise<void> {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    try {
      const info = await stat(current);
      if (!info.isDirectory()) {
        throw new FileError(`Cannot write into ${current}: it is not a directory.`);
      }
      break;
    } catch (error) {
      if (error instanceof FileError) throw error;
      if (errorCode(error) !== "ENOENT") throw fail(current, error);
      missing.push(current);
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
    }
  }
  if (missing.length === 0) return;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for (const created of missing) await chmod(created, 0o700);
  } catch (error) {
    throw fail(dir, error);
  }
}
