/**
 * Turns file-system failures into FileErrors (exit 5) that name the file and
 * say what went wrong in words, not errno codes.
 */
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { FileError } from "../runtime/errors.ts";
import { errorCode, failureReason } from "../runtime/fs_errors.ts";

/** A FileError for a failure while writing `path`. Errors that are already AxErrors pass through. */
export function writeFailure(path: string, error: unknown): FileError {
  if (error instanceof FileError) return error;
  const code = errorCode(error);
  if (code === "ENOENT") {
    const folder = dirname(path);
    // A folder that exists but takes no new files (/proc, some mounts) also
    // answers ENOENT: saying it does not exist would send the user looking.
    if (existsSync(folder)) {
      return new FileError(`Cannot write ${path}: the folder ${folder} does not take new files.`, {
        hints: ["Choose another path for --output."],
        cause: error,
      });
    }
    return new FileError(`Cannot write ${path}: the folder ${folder} does not exist.`, {
      hints: ["Create the folder first, or choose another path for --output."],
      cause: error,
    });
  }
  return new FileError(`Cannot write ${path}: ${failureReason(error)}.`, { cause: error });
}
