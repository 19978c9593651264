/** Temp config directories for config and profiles tests. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fakeContext, type FakeContextOptions } from "../_helpers/fake_context.ts";

/** A fresh empty directory; remove it with {@link removeDir}. */
export function tempDir(prefix = "ax-config-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a directory made by {@link tempDir}. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A fake context whose AX_CONFIG_DIR is `dir` (env entries may be added or overridden). */
export function configContext(dir: string, options: FakeContextOptions = {}) {
  return fakeContext({ ...options, env: { AX_CONFIG_DIR: dir, ...options.env } });
}

/** Writes `<dir>/profiles/<name>.toml`. */
export function writeProfileFile(dir: string, name: string, text: string): string {
  mkdirSync(join(dir, "profiles"), { recursive: true });
  const file = join(dir, "profiles", `${name}.toml`);
  writeFileSync(file, text);
  return file;
}

/** Every path under `dir`, relative, sorted (to prove what was or was not created). */
export function listTree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).sort();
}
