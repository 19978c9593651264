/**
 * Finds format plugins on disk, in precedence order: `--plugin` paths, then
 * `AX_PLUGIN_PATH`, then `<config dir>/plugins/`, then `ax-format-<name>`
 * executables on `PATH`. Nothing is loaded here; problems found while looking
 * (a `--plugin` path that does not exist, a file that is not a plugin) are
 * returned, never thrown, so one bad entry cannot break every command.
 */
import type { Stats } from "node:fs";
import { basename, delimiter, extname, join, resolve } from "node:path";
import process from "node:process";
import { folderNames } from "./_folder_names.ts";
import type { Context } from "../../runtime/context.ts";

/** A file that may hold a plugin. */
export interface PluginCandidate {
  /** Absolute path of the file. */
  readonly path: string;
  /** A module whose default export is a Format, or an `ax-format-<name>` executable. */
  readonly kind: "module" | "executable";
  /** The format name the file name suggests; a module's own `name` is what counts. */
  readonly name: string;
}

/** A path that was meant to be a plugin but is not usable. */
export interface DiscoveryProblem {
  /** Absolute path of the file. */
  readonly path: string;
  /** The format name its file name suggests, if any. */
  readonly name: string | undefined;
  /** What is wrong, in one line. */
  readonly error: string;
}

/** Where to look, besides the environment's `AX_PLUGIN_PATH` and `PATH`. */
export interface DiscoveryOptions {
  /** The config directory; its `plugins/` folder is scanned when it exists. */
  readonly configDir: string | undefined;
  /** `--plugin` values (files or folders), relative to the working directory. */
  readonly pluginPaths?: readonly string[];
}

/** Module file extensions a plugin may have. */
export const MODULE_EXTENSIONS: readonly string[] = [".js", ".mjs", ".ts"];

/** File name prefix of executable plugins. */
export const EXECUTABLE_PREFIX = "ax-format-";

// process.platform, not node:os, whose loading costs ~1 ms of every command.
const IS_WINDOWS = process.platform === "win32";

/** What discovery found: usable-looking files and unusable ones. */
export interface DiscoveryResult {
  candidates: PluginCandidate[];
  problems: DiscoveryProblem[];
}

type Found = DiscoveryResult;

/** Every plugin candidate and every problem, in precedence order. */
export async function discoverPlugins(
  ctx: Context,
  options: DiscoveryOptions,
): Promise<DiscoveryResult> {
  const found: Found = { candidates: [], problems: [] };
  const add = (more: Found) => {
    found.candidates.push(...more.candidates);
    found.problems.push(...more.problems);
  };
  const explicit = [...(options.pluginPaths ?? []), ...splitPathList(ctx.env.AX_PLUGIN_PATH)];
  for (const entry of explicit) add(await explicitEntry(resolve(ctx.cwd, entry)));
  if (options.configDir) add(await scanFolder(join(options.configDir, "plugins")));
  found.candidates.push(...await executablesOnPath(ctx));
  return { candidates: dedupe(found.candidates), problems: found.problems };
}

function splitPathList(value: string | undefined): string[] {
  return (value ?? "").split(delimiter).filter((entry) => entry !== "");
}

async function explicitEntry(path: string): Promise<Found> {
  const info = await stat(path);
  const name = suggestedName(path);
  if (!info) return { candidates: [], problems: [{ path, name, error: "no such file or folder" }] };
  if (info.isDirectory()) return await scanFolder(path);
  const candidate = classify(path, info.mode);
  if (candidate) return { candidates: [candidate], problems: [] };
  return { candidates: [], problems: [{ path, name, error: whyNotAPlugin(path) }] };
}

function whyNotAPlugin(path: string): string {
  if (basename(path).startsWith(EXECUTABLE_PREFIX)) {
    return "the file is not executable (chmod +x it)";
  }
  return `not a plugin: expected a ${MODULE_EXTENSIONS.join("/")} module or an ` +
    `executable named ${EXECUTABLE_PREFIX}<name>`;
}

/**
 * Plugin files in a plugins folder, sorted by name. Other files (a README)
 * are ignored; an `ax-format-*` file that cannot run is reported. A missing
 * or unreadable folder has no plugins.
 */
async function scanFolder(folder: string): Promise<Found> {
  const found: Found = { candidates: [], problems: [] };
  for (const { path, mode } of await filesIn(folder)) {
    const file = basename(path);
    if (!file.startsWith(EXECUTABLE_PREFIX) && !MODULE_EXTENSIONS.includes(extname(file))) continue;
    const candidate = classify(path, mode);
    if (candidate) found.candidates.push(candidate);
    else found.problems.push({ path, name: suggestedName(path), error: whyNotAPlugin(path) });
  }
  return found;
}

/** Regular, non-hidden files in `folder`, sorted by name; none when it cannot be read. */
async function filesIn(folder: string): Promise<{ path: string; mode: number }[]> {
  const files: { path: string; mode: number }[] = [];
  for (const name of await folderNames(folder)) {
    const path = join(folder, name);
    const info = await stat(path);
    if (info?.isFile()) files.push({ path, mode: info.mode });
  }
  return files;
}

/** The file's facts, or undefined when it cannot be read. */
async function stat(path: string): Promise<Stats | undefined> {
  // Loaded only when there is something to look at (see _folder_names.ts).
  const fs = await import("node:fs/promises");
  return await fs.stat(path).catch(() => undefined);
}

/**
 * `ax-format-<name>` executables on PATH. As in a shell, the first folder
 * that has a name wins; later ones are shadowed, not reported.
 */
async function executablesOnPath(ctx: Context): Promise<PluginCandidate[]> {
  const folders = splitPathList(ctx.env.PATH ?? ctx.env.Path).map((f) => resolve(ctx.cwd, f));
  // Read every folder at once (a TAB on `-o` waits for this); PATH order still
  // decides which of two same-named executables wins.
  const listings = await Promise.all(folders.map(executablesIn));
  const seen = new Set<string>();
  const found: PluginCandidate[] = [];
  for (const candidate of listings.flat()) {
    if (seen.has(candidate.name)) continue;
    seen.add(candidate.name);
    found.push(candidate);
  }
  return found;
}

/** The `ax-format-*` executables in one folder, sorted by name; none when it cannot be read. */
async function executablesIn(folder: string): Promise<PluginCandidate[]> {
  // Only ax-format-* names are looked at: PATH folders hold thousands of files.
  const names = await folderNames(folder, EXECUTABLE_PREFIX);
  const candidates = await Promise.all(names.map(async (name) => {
    const path = join(folder, name);
    const info = await stat(path);
    const candidate = info?.isFile() ? classify(path, info.mode) : undefined;
    return candidate?.kind === "executable" ? candidate : undefined;
  }));
  return candidates.filter((c): c is PluginCandidate => c !== undefined);
}

function classify(path: string, mode: number): PluginCandidate | undefined {
  const file = basename(path);
  if (MODULE_EXTENSIONS.includes(extname(file))) {
    return { path, kind: "module", name: suggestedName(path) ?? file };
  }
  if (file.startsWith(EXECUTABLE_PREFIX) && isExecutable(file, mode)) {
    return { path, kind: "executable", name: suggestedName(path) ?? file };
  }
  return undefined;
}

function isExecutable(file: string, mode: number): boolean {
  if (!IS_WINDOWS) return (mode & 0o111) !== 0;
  return [".exe", ".com"].includes(extname(file).toLowerCase());
}

/** The format name a file name suggests: `markdown.ts` → `markdown`, `ax-format-tsv` → `tsv`. */
export function suggestedName(path: string): string | undefined {
  let file = basename(path);
  const ext = extname(file);
  if (MODULE_EXTENSIONS.includes(ext) || (IS_WINDOWS && ext !== "")) {
    file = file.slice(0, -ext.length);
  }
  if (file.startsWith(EXECUTABLE_PREFIX)) file = file.slice(EXECUTABLE_PREFIX.length);
  return file === "" ? undefined : file;
}

/** Drops a file found twice (say, in the plugins folder and on PATH); the first sighting wins. */
function dedupe(candidates: PluginCandidate[]): PluginCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    if (seen.has(candidate.path)) return false;
    seen.add(candidate.path);
    return true;
  });
}
