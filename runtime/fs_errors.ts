/**
 * File-system failures in words, and the one durability step every atomic
 * write shares. Config files, output files and the standard streams all
 * report errno codes the same way: "no space left on device", not ENOSPC.
 */
import { open } from "node:fs/promises";

/** The errno code of `error`, if it has one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error ? String(error.code) : undefined;
}

const ERRNO_WORDS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
  EISDIR: "it is a directory",
  ENOTDIR: "a parent is not a directory",
  ENOENT: "no such file or directory",
  ENAMETOOLONG: "the name is too long",
  EIO: "input/output error",
  EBADF: "it is closed",
  EPIPE: "broken pipe (its reader went away)",
};

/** What went wrong, in words: the errno code's meaning, else the error's own message. */
export function failureReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const words = typeof code === "string" ? ERRNO_WORDS[code] : undefined;
  if (words) return words;
  if (error instanceof Error) return error.message;
  return typeof code === "string" ? code : String(error);
}

/**
 * Makes a rename in `dir` durable by syncing the folder. Not every OS can
 * open a folder for that (Windows cannot), so this is best effort: the
 * rename itself is atomic either way.
 */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort, see above.
  }
}
