/**
 * Reads a file that must be a regular file (a profile, `.active_profile`,
 * `notices.json`, an existing `--env-file`). Opening a FIFO for reading
 * blocks until something writes to it; opening without blocking and
 * checking what was opened means a FIFO or device planted under a config
 * name gives an error at once instead of a hang (S8, docs/reliability.md).
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";

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
export async function readRegularFile(path: string): Promise<Uint8Array> {
  // O_NONBLOCK only affects the open of a FIFO or device; a regular file reads as usual.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw new NotRegularFileError(path);
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}

/** {@link readRegularFile} decoded as UTF-8. */
export async function readRegularText(path: string): Promise<string> {
  return new TextDecoder().decode(await readRegularFile(path));
}
