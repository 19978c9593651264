/**
 * The checks a new secret's destinations must pass before the key exists
 * (S8, docs/reliability.md): each failure here costs nothing, where the same
 * failure after the request would cost a revoked key (or, for refresh, a
 * recovery). `-o FILE` must be a new or regular file, and it must not be the
 * `--env-file` under another name; a key printed to stdout needs a stdout
 * that was not closed.
 */
import { lstat, realpath, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { OutputTarget } from "../../formats/output.ts";
import { FileError, UsageError } from "../../runtime/errors.ts";
import type { EnvFilePlan } from "./_env_file.ts";
import type { TextOutput } from "../../runtime/context.ts";

/**
 * Refuses (FileError, exit 5) an output file that exists but is not a
 * regular file — a FIFO could block forever, a device swallows the key —
 * and (UsageError, exit 2) an output file that is the env file: through
 * `./`, `..`, a symlinked folder or a hard link alike. With neither file,
 * the key goes to `stdout`: closed (`>&-`), it would swallow the key
 * (FileError, exit 5).
 */
export async function checkSecretDestinations(
  target: OutputTarget,
  envFile: EnvFilePlan | undefined,
  stdout: TextOutput,
): Promise<void> {
  const path = target.path;
  if (path === undefined) {
    if (envFile === undefined && await stdout.closed?.()) {
      throw new FileError("Cannot print the new key: standard output is closed.", {
        hints: [
          "Nothing was created. Redirect stdout to a file (> key.json), or use -o FILE or",
          "--env-file FILE, and run the command again.",
        ],
      });
    }
    return;
  }
  const info = await lstat(path).catch(() => undefined);
  if (info && !info.isFile()) {
    throw new FileError(
      `Cannot write the new key to --output '${path}': it is not a regular file.`,
      {
        hints: [
          "Nothing was created. A new key is only written to a regular file (or to stdout);",
          "choose another path, or leave out -o FILE and redirect stdout.",
        ],
      },
    );
  }
  if (envFile && await sameFile(path, envFile.path)) {
    throw new UsageError(
      `--env-file '${envFile.shown}' and --output '${path}' name the same file.`,
      [
        "Nothing was created. The key goes to --env-file and its details to --output:",
        "give them different files (or leave out -o to print the details).",
      ],
    );
  }
}

/** True when `a` and `b` are one file: the same real folder and name, or the same inode. */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [realA, realB] = await Promise.all([canonical(a), canonical(b)]);
  if (realA === realB) return true;
  const [statA, statB] = await Promise.all([
    stat(a).catch(() => undefined),
    stat(b).catch(() => undefined),
  ]);
  return statA !== undefined && statB !== undefined && statA.dev === statB.dev &&
    statA.ino === statB.ino;
}

/** The path with its folder's symlinks, `.` and `..` resolved; the name itself kept. */
async function canonical(path: string): Promise<string> {
  const folder = await realpath(dirname(path)).catch(() => dirname(path));
  return join(folder, basename(path));
}
