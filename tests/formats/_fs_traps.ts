/**
 * Ways to make the file system fail on purpose: a read-only folder and a
 * tiny full disk. Root ignores permission bits, so as root the folder is
 * made immutable (chattr +i) and the disk is a 64 KiB tmpfs; where neither
 * works the caller skips, saying why.
 */
import { spawnSync } from "node:child_process";
import { chmodSync } from "node:fs";
import process from "node:process";

const isRoot = process.getuid?.() === 0;

function run(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: "ignore" }).status === 0;
}

/** Makes `dir` refuse new files; returns the undo, or undefined when this machine can't. */
export function makeReadOnly(dir: string): (() => void) | undefined {
  if (process.platform === "win32") return undefined;
  if (!isRoot) {
    chmodSync(dir, 0o555);
    return () => chmodSync(dir, 0o755);
  }
  if (!run("chattr", ["+i", dir])) return undefined;
  return () => void run("chattr", ["-i", dir]);
}

/** Mounts a 64 KiB tmpfs on `dir` (root only); returns the undo, or undefined. */
export function mountTinyDisk(dir: string): (() => void) | undefined {
  if (!isRoot || process.platform !== "linux") return undefined;
  if (!run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir])) return undefined;
  return () => void run("umount", [dir]);
}
