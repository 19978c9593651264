/**
 * Turns file-system failures into FileErrors (exit 5) that name the file and
 * say what went wrong in words, not errno codes.
 */
import { dirname } from "node:path";
import { FileError } from "../runtime/errors.ts";

/** The errno code of `error`, if it has one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error ? String(error.code) : undefined;
}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
  EISDIR: "it is a directory",
  ENOTDIR: "a parent is not a directory",
  ENAMETOOLONG: "the name is too long",
  EIO: "input/output error",
};

/** A FileError for a failure while writing `path`. Errors that are already AxErrors pass through. */
export function writeFailure(path: string, error: unknown): FileError {
  if (error instanceof FileError) return error;
  const code = errorCode(error);
  if (code === "ENOENT") {
    return new FileError(`Cannot write ${path}: the folder ${dirname(path)} does not exist.`, {
      hints: ["Create the folder first, or choose another path for --output."],
      cause: error,
    });
  }
  const reason = (code && REASONS[code]) ??
    (error instanceof Error ? error.message : String(error));
  return new FileError(`Cannot write ${path}: ${reason}.`, { cause: error });
}
