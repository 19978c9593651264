/**
 * Reads a file that must be a regular file (a profile, `.active_profile`,
 * `notices.json`, an existing `--env-file`). Opening a FIFO for reading
 * blocks until something writes to it; opening without blocking and
 * checking what was opened means a FIFO or device planted under a config
 * name gives an error at once instead of a hang (S8, docs/reliability.md).
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";

/** Thrown for a path that exists but is not a regular file; `code` is `ENOTREG`. */
export class NotRegularFileError extends Error {
  /** Errno-style code, so callers can tell it apart like ENOENT. */
  readonly code = "ENOTREG";
  constructor(path: string) {
    super(`${path} is not a regular file (a FIFO, device or directory)`);
    this.name = "NotRegularFileError";
  }
}

/**
 * The bytes of the regular file at `path` (symlinks followed). ENOENT and
 * other errors are thrown as Node reports them; anything but a regular file
 * is a {@link NotRegularFileError}, thrown without waiting.
 */
export function readRegularFile(path: string): Promise<Uint8Array> {
  // Synchronous calls: these files are small and local, and each of the four
  // asynchronous ones was a round trip through the runtime's thread pool —
  // about 1 ms of every command's start-up for the three config files a
  // run without profiles looks for. Still a Promise, so a caller handles an
  // error the same way either way.
  try {
    // O_NONBLOCK only affects the open of a FIFO or device; a regular file reads as usual.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      if (!fstatSync(fd).isFile()) throw new NotRegularFileError(path);
      return Promise.resolve(new Uint8Array(readFileSync(fd)));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return Promise.reject(error);
  }
}

/** {@link readRegularFile} decoded as UTF-8. */
export async function readRegularText(path: string): Promise<string> {
  return new TextDecoder().decode(await readRegularFile(path));
}
