/**
 * File-system traps for I6 and S7 tests, built from the real thing: a tiny
 * tmpfs that can be filled to the last byte or mounted read-only, and an
 * immutable directory (`chattr +i`) that even root cannot write into. Each
 * needs root and the tool; when they are missing the helper returns a
 * reason to skip instead of a trap.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";

/** A mounted tmpfs; `unmount()` is safe to call twice. */
export interface SmallDisk {
  path: string;
  /** Writes a filler file until the disk reports ENOSPC. */
  fill(): void;
  unmount(): void;
}

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: "pipe" });
}

/** Why root-only traps cannot be built here, or undefined when they can. */
export function rootTrapsUnavailable(): string | undefined {
  if (process.platform !== "linux") return "needs Linux (tmpfs, chattr)";
  if (process.getuid?.() !== 0) return "needs root to mount a tmpfs and use chattr";
  return undefined;
}

/**
 * Mounts a tmpfs of `sizeKb` at `dir` (created if missing), or returns the
 * reason it cannot. `readOnly` mounts it read-only (EROFS) after `prepare`
 * has put files on it.
 */
export function mountSmallDisk(
  dir: string,
  options: { sizeKb: number; readOnly?: boolean; prepare?: (path: string) => void },
): SmallDisk | string {
  const unavailable = rootTrapsUnavailable();
  if (unavailable) return unavailable;
  mkdirSync(dir, { recursive: true });
  try {
    run("mount", ["-t", "tmpfs", "-o", `size=${options.sizeKb}k,mode=0755`, "tmpfs", dir]);
  } catch (error) {
    return `mount -t tmpfs failed: ${(error as Error).message.split("\n")[0]}`;
  }
  let mounted = true;
  const unmount = () => {
    if (!mounted) return;
    mounted = false;
    run("umount", ["-l", dir]);
  };
  try {
    options.prepare?.(dir);
    if (options.readOnly) run("mount", ["-o", "remount,ro", dir]);
  } catch (error) {
    unmount();
    return `could not prepare the tmpfs: ${(error as Error).message.split("\n")[0]}`;
  }
  return {
    path: dir,
    fill() {
      const fd = openSync(join(dir, ".filler"), "w");
      const block = new Uint8Array(4096);
      // Bounded: a tmpfs of sizeKb holds at most sizeKb / 4 blocks.
      for (let i = 0; i <= options.sizeKb; i++) {
        try {
          writeSync(fd, block);
        } catch {
          break;
        }
      }
      // Tail bytes smaller than a block.
      for (let i = 0; i < 4096; i++) {
        try {
          writeSync(fd, block, 0, 1);
        } catch {
          break;
        }
      }
    },
    unmount,
  };
}

/** Makes `path` immutable (`chattr +i`); returns the undo, or the reason it cannot. */
export function makeImmutable(path: string): (() => void) | string {
  const unavailable = rootTrapsUnavailable();
  if (unavailable) return unavailable;
  try {
    run("chattr", ["+i", path]);
  } catch (error) {
    return `chattr +i failed (no chattr, or the file system lacks the flag): ${
      (error as Error).message.split("\n")[0]
    }`;
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    run("chattr", ["-i", path]);
  };
}

/** Removes `dir` after undoing traps inside it; never throws. */
export function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // A trap left behind must not fail the suite; the temp dir is reaped later.
  }
}
