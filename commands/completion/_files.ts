/**
 * File path candidates for options that take a file (`-o keys.csv`,
 * `--plugin`, `--env-file`). tab's answers always switch the shells' own file
 * completion off, so ax lists the matching entries itself.
 */
import { readdir } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import type { Context } from "../../runtime/context.ts";

/** One completion candidate. */
export interface Candidate {
  value: string;
  description: string;
  /** The text the typed word is matched against, when not the value (an ID offered by name). */
  match?: string;
}

/** More entries than this in one folder are not worth a menu. */
const MAX_ENTRIES = 500;

/**
 * Entries of the folder named by `partial` (up to its last `/`) whose names
 * start with the rest of it; folders end in `/`. Hidden entries only when the
 * typed name starts with a dot. `~/` means the home directory. Never throws.
 */
export async function pathCandidates(partial: string, ctx: Context): Promise<Candidate[]> {
  const slash = partial.lastIndexOf("/");
  const folder = slash === -1 ? "" : partial.slice(0, slash + 1);
  const stem = partial.slice(slash + 1);
  const absolute = resolveFolder(folder, ctx);
  if (absolute === undefined) return [];
  try {
    const entries = await readdir(absolute, { withFileTypes: true });
    return entries
      .filter((entry) =>
        entry.name.startsWith(stem) && (stem.startsWith(".") || !entry.name.startsWith("."))
      )
      .slice(0, MAX_ENTRIES)
      .map((entry) => ({
        value: `${folder}${entry.name}${entry.isDirectory() ? "/" : ""}`,
        description: "",
      }))
      .sort((a, b) => a.value.localeCompare(b.value));
  } catch {
    return [];
  }
}

function resolveFolder(folder: string, ctx: Context): string | undefined {
  if (folder.startsWith("~/") || folder === "~") {
    return ctx.homeDir ? join(ctx.homeDir, folder.slice(1)) : undefined;
  }
  if (folder === "") return ctx.cwd;
  return isAbsolute(folder) ? folder : join(ctx.cwd, folder);
}
