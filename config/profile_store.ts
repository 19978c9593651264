/**
 * The profiles on disk: listing, reading, saving and deleting them, and the
 * active-profile marker. Reading never creates anything.
 */
import { link, open, readdir, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { readRegularText } from "../runtime/read_regular_file.ts";
import type { Context } from "../runtime/context.ts";
import { ConfigError, FileError } from "../runtime/errors.ts";
import { tempPathFor, writeFileAtomic } from "../runtime/atomic_file.ts";
import { errorCode, syncDirectory } from "../runtime/fs_errors.ts";
import {
  activeProfilePath,
  legacyDefaultProfilePath,
  profileFilePath,
  profilesDir,
} from "./paths.ts";
import { DEFAULT_PROFILE, isProfileName } from "./profile_name.ts";
import {
  parseProfile,
  type ProfileData,
  type ProfileInput,
  renderProfile,
} from "./profile_file.ts";

/** Names of all profiles, sorted. A missing config directory means none. */
export async function listProfiles(ctx: Context): Promise<string[]> {
  const names = new Set<string>();
  try {
    for (const entry of await readdir(profilesDir(ctx))) {
      const name = entry.endsWith(".toml") ? entry.slice(0, -5) : "";
      if (isProfileName(name)) names.add(name);
    }
  } catch (error) {
    if (!isMissing(error)) throw unreadable(profilesDir(ctx), error);
  }
  if (
    !names.has(DEFAULT_PROFILE) && (await readText(legacyDefaultProfilePath(ctx))) !== undefined
  ) {
    names.add(DEFAULT_PROFILE);
  }
  return [...names].sort();
}

/**
 * The file holding profile `name`, or undefined when there is none. For
 * `default`, an older reference CLI's `config.toml` counts when
 * `profiles/default.toml` is absent.
 */
export async function findProfileFile(ctx: Context, name: string): Promise<string | undefined> {
  for (const file of candidateFiles(ctx, name)) {
    if ((await readText(file)) !== undefined) return file;
  }
  return undefined;
}

/** Reads and parses profile `name`; a ConfigError when it is missing or broken. */
export async function readProfile(ctx: Context, name: string): Promise<ProfileData> {
  for (const file of candidateFiles(ctx, name)) {
    const text = await readText(file);
    if (text !== undefined) return parseProfile(text, { name, file, env: ctx.env });
  }
  throw await profileNotFound(ctx, name);
}

/** The error for a profile that does not exist, listing those that do. */
export async function profileNotFound(
  ctx: Context,
  name: string,
  origin?: string,
): Promise<ConfigError> {
  const available = await listProfiles(ctx).catch(() => []);
  const from = origin ? ` (from ${origin})` : "";
  return new ConfigError(`Profile '${name}'${from} not found.`, [
    available.length > 0
      ? `Available profiles: ${available.join(", ")}.`
      : "No profiles exist yet.",
    `Create it with \`ax profiles create ${name}\`.`,
  ]);
}

/**
 * Profile `profile` exists (in `file`) and `--force` was not given: found
 * before saving, or appearing while this one was being saved.
 */
export class ProfileExistsError extends ConfigError {
  constructor(readonly profile: string, readonly file: string) {
    super(`Profile '${profile}' already exists (${file}).`, [
      "Pass --force to overwrite it, or choose another name.",
    ]);
  }
}

/**
 * Writes profile `input.name` atomically (0600 in a 0700 directory); returns
 * the file. With `exclusive`, an existing profile is never replaced, even
 * one another process creates at the same moment (I9, docs/reliability.md):
 * the complete file is written under a temp name and hard-linked to its
 * name, which fails if the name exists — exactly one of several concurrent
 * creators wins, the others get a ProfileExistsError.
 */
export async function saveProfile(
  ctx: Context,
  input: ProfileInput,
  options: { exclusive?: boolean } = {},
): Promise<string> {
  const file = profileFilePath(ctx, input.name);
  const text = renderProfile(input);
  if (!options.exclusive) {
    await writeFileAtomic(file, text, { mode: 0o600, signal: ctx.signal });
    return file;
  }
  const temp = tempPathFor(file);
  await writeFileAtomic(temp, text, { mode: 0o600, signal: ctx.signal });
  try {
    await link(temp, file);
  } catch (error) {
    const code = errorCode(error);
    if (code === "EEXIST") throw new ProfileExistsError(input.name, file);
    if (!NO_HARD_LINKS.has(code ?? "")) {
      throw new FileError(`Cannot write ${file}: ${reason(error)}.`, { cause: error });
    }
    // A file system without hard links: still exclusive, though not atomic.
    await createExclusively({ name: input.name, file }, text);
  } finally {
    await unlink(temp).catch(() => {});
  }
  await syncDirectory(dirname(file));
  return file;
}

/** What link() says on file systems that have no hard links (FAT, some network shares). */
const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);

async function createExclusively(
  target: { name: string; file: string },
  text: string,
): Promise<void> {
  const { file } = target;
  let handle;
  try {
    handle = await open(file, "wx", 0o600);
  } catch (error) {
    if (errorCode(error) === "EEXIST") throw new ProfileExistsError(target.name, file);
    throw new FileError(`Cannot write ${file}: ${reason(error)}.`, { cause: error });
  }
  try {
    await handle.writeFile(text);
    await handle.chmod(0o600);
    await handle.sync();
  } catch (error) {
    await unlink(file).catch(() => {});
    throw new FileError(`Cannot write ${file}: ${reason(error)}.`, { cause: error });
  } finally {
    await handle.close();
  }
}

/** Deletes every file of profile `name`; returns the files removed. */
export async function deleteProfile(ctx: Context, name: string): Promise<string[]> {
  const removed: string[] = [];
  for (const file of candidateFiles(ctx, name)) {
    try {
      await unlink(file);
      removed.push(file);
    } catch (error) {
      if (!isMissing(error)) {
        throw new FileError(`Cannot delete ${file}: ${reason(error)}.`, { cause: error });
      }
    }
  }
  return removed;
}

/**
 * The name stored in the active-profile file, or undefined when there is
 * none. A ConfigError when the file holds something that is not a name.
 */
export async function readActiveProfile(ctx: Context): Promise<string | undefined> {
  const file = activeProfilePath(ctx);
  const text = await readText(file);
  const name = text?.trim();
  if (!name) return undefined;
  if (!isProfileName(name)) {
    throw new ConfigError(
      `The active-profile file ${file} holds '${name}', which is not a profile name.`,
      [
        "Pick a profile with `ax profiles use <name>`, or delete the file.",
      ],
    );
  }
  return name;
}

/** Makes `name` the active profile. */
export async function setActiveProfile(ctx: Context, name: string): Promise<void> {
  await writeFileAtomic(activeProfilePath(ctx), name, { mode: 0o600, signal: ctx.signal });
}

/** Removes the active-profile marker (after its profile was deleted). */
export async function clearActiveProfile(ctx: Context): Promise<void> {
  try {
    await unlink(activeProfilePath(ctx));
  } catch (error) {
    if (!isMissing(error)) {
      throw new FileError(`Cannot delete ${activeProfilePath(ctx)}: ${reason(error)}.`, {
        cause: error,
      });
    }
  }
}

function candidateFiles(ctx: Context, name: string): string[] {
  const files = [profileFilePath(ctx, name)];
  if (name === DEFAULT_PROFILE) files.push(legacyDefaultProfilePath(ctx));
  return files;
}

/** The file's text, or undefined when it does not exist. */
async function readText(file: string): Promise<string | undefined> {
  try {
    // Not readFile: a FIFO under a profile's name would block it forever (S8).
    return await readRegularText(file);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw unreadable(file, error);
  }
}

function unreadable(file: string, error: unknown): ConfigError {
  return new ConfigError(`Cannot read ${file}: ${reason(error)}.`, [
    "Check the file's permissions, or point AX_CONFIG_DIR at another directory.",
  ]);
}

function isMissing(error: unknown): boolean {
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  return code === "ENOENT" || code === "ENOTDIR";
}

function reason(error: unknown): string {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EROFS") return "read-only file system";
  return error instanceof Error ? error.message : String(error);
}
