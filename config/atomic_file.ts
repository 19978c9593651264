/**
 * Atomic file writes for files that may hold secrets (profiles, `--env-file`)
 * and for any output that must never be left half-written (S3, I6).
 */
import { chmod, lstat, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { FileError } from "../runtime/errors.ts";
import { errorCode, failureReason, syncDirectory } from "../runtime/fs_errors.ts";

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** Permission bits of the written file; default 0600 (owner read/write only). */
  mode?: number;
  /** Checked before the final rename: an aborted write leaves the old file untouched. */
  signal?: AbortSignal;
}

/**
 * Writes `data` to `path` atomically: a temp file in the same directory
 * (created exclusively with `mode`, default 0600), fsync, then rename over the
 * target, so readers see the old file or the new one, never a mix. Missing
 * directories are created 0700. Refuses to write through a symlink or onto a
 * directory. The temp file is removed on any failure. Failures are FileErrors
 * naming the path.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const target = resolve(path);
  const mode = options.mode ?? 0o600;
  await refuseSpecialTarget(target);
  await ensureDirectory(dirname(target));
  const temp = join(dirname(target), `.${basename(target)}.${crypto.randomUUID()}.tmp`);
  let created = false;
  try {
    const handle = await open(temp, "wx", mode);
    created = true;
    try {
      await handle.writeFile(data);
      // The mode given to open() is filtered by the umask; set it exactly.
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.signal?.aborted) throw options.signal.reason;
    // A symlink could have appeared since the first check; rename would
    // replace the link itself, not its target, but say so rather than guess.
    await refuseSpecialTarget(target);
    await rename(temp, target);
    created = false;
    await syncDirectory(dirname(target));
  } catch (error) {
    if (created) await unlink(temp).catch(() => {});
    if (error instanceof FileError || !(error instanceof Error && "code" in error)) throw error;
    throw fileError(target, error);
  }
}

async function refuseSpecialTarget(target: string): Promise<void> {
  let info;
  try {
    info = await lstat(target);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return;
    throw fileError(target, error);
  }
  if (info.isSymbolicLink()) {
    throw new FileError(`Refusing to write ${target}: it is a symbolic link.`, {
      hints: ["Remove the link (or write to the file it points to) and try again."],
    });
  }
  if (info.isDirectory()) {
    throw new FileError(`Cannot write ${target}: it is a directory.`);
  }
}

/** Creates `dir` and any missing parents with mode 0700. */
async function ensureDirectory(dir: string): Promise<void> {
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
      if (errorCode(error) !== "ENOENT") throw fileError(current, error);
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
    throw fileError(dir, error);
  }
}

function fileError(path: string, error: unknown): FileError {
  return new FileError(`Cannot write ${path}: ${failureReason(error)}.`, { cause: error });
}
