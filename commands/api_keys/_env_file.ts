/**
 * `--env-file FILE` (QUALITY.md S7): the new secret goes into a dotenv file as
 * `ARIZE_API_KEY=<key>` instead of stdout. The file is checked before the key
 * exists, so a bad path costs nothing; other lines of an existing file are
 * kept, and the file is rewritten atomically with mode 0600.
 */
import { lstat, open, readFile, unlink } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Context } from "../../runtime/context.ts";
import { FileError } from "../../runtime/errors.ts";
import { writeFileAtomic } from "../../config/atomic_file.ts";

/** The variable the key is stored under: the one `ax` itself reads. */
export const ENV_VAR = "ARIZE_API_KEY";

/** A checked destination, ready for {@link writeEnvFile}. */
export interface EnvFilePlan {
  /** The path as the user wrote it, for messages. */
  readonly shown: string;
  /** Absolute path. */
  readonly path: string;
  /** The file's current text, kept apart from our variable. */
  readonly existing: string | undefined;
}

/**
 * Checks that `file` can be written: its directory exists and accepts a new
 * file, and the file itself (if any) is a regular file, not a symlink.
 */
export async function checkEnvFile(file: string, ctx: Context): Promise<EnvFilePlan> {
  const path = resolve(ctx.cwd, file);
  const fail = (reason: string, cause?: unknown) =>
    new FileError(`Cannot write --env-file '${file}': ${reason}.`, {
      hints: ["Nothing was created. Choose a writable path and run the command again."],
      cause,
    });
  const stat = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw fail(error.code ?? error.message, error);
  });
  if (stat?.isSymbolicLink()) throw fail("it is a symbolic link (refusing to follow it)");
  if (stat && !stat.isFile()) throw fail("it is not a regular file");
  const existing = stat ? await readFile(path, "utf8").catch(() => undefined) : undefined;
  if (stat && existing === undefined) throw fail("it cannot be read");
  // A real probe file is the only reliable test: access() lies for root and on
  // some network file systems.
  const probe = `${dirname(path)}/.ax-probe-${Math.floor(ctx.random() * 1e9)}`;
  try {
    const handle = await open(probe, "wx", 0o600);
    await handle.close();
    await unlink(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" || code === "ENOTDIR"
      ? `the directory '${dirname(file)}' does not exist`
      : `the directory '${dirname(file)}' is not writable (${code ?? String(error)})`;
    throw fail(reason, error);
  }
  return { shown: file, path, existing };
}

/** Writes `key` into the planned file, keeping its other lines. */
export async function writeEnvFile(plan: EnvFilePlan, key: string): Promise<void> {
  await writeFileAtomic(plan.path, mergeDotenv(plan.existing, key), { mode: 0o600 });
}

/**
 * Sets `ARIZE_API_KEY` in dotenv text: the first existing assignment is
 * replaced in place (keeping an `export ` prefix), later ones dropped, or a
 * line is appended.
 */
export function mergeDotenv(existing: string | undefined, key: string): string {
  const assignment = `${ENV_VAR}=${dotenvValue(key)}`;
  if (existing === undefined || existing === "") return `${assignment}\n`;
  const pattern = new RegExp(`^\\s*(export\\s+)?${ENV_VAR}\\s*=`);
  let replaced = false;
  const lines = existing.split("\n").flatMap((line) => {
    const match = pattern.exec(line);
    if (!match) return [line];
    if (replaced) return [];
    replaced = true;
    return [`${match[1] ? "export " : ""}${assignment}`];
  });
  if (replaced) return lines.join("\n");
  return `${existing}${existing.endsWith("\n") ? "" : "\n"}${assignment}\n`;
}

/** Plain when safe, else double-quoted with the characters dotenv readers expand escaped. */
function dotenvValue(value: string): string {
  if (/^[A-Za-z0-9_.:@+/=~-]+$/.test(value)) return value;
  return `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`).replace(/\n/g, "\\n")}"`;
}
