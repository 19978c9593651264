/**
 * Which profile an invocation uses: the one named by the caller, else
 * `AX_PROFILE`, else the active profile, else `default` when it exists.
 */
import type { Context } from "../runtime/context.ts";
import { ConfigError } from "../runtime/errors.ts";
import { activeProfilePath, configDir } from "./paths.ts";
import { checkProfileName, DEFAULT_PROFILE } from "./profile_name.ts";
import { findProfileFile, profileNotFound, readActiveProfile } from "./profile_store.ts";

/** A chosen profile and why it was chosen. */
export interface ProfileChoice {
  name: string;
  /** The file that holds it. */
  file: string;
  /** `argument`, `AX_PROFILE`, `active profile` or `default`. */
  selectedBy: "argument" | "AX_PROFILE" | "active profile" | "default";
}

/**
 * Picks the profile for this invocation, or undefined when none applies.
 * A named profile (argument or `AX_PROFILE`) must exist; so must the active
 * one. With no home directory and no `AX_CONFIG_DIR`, only a named profile is
 * an error; otherwise there simply is no profile (environment variables may
 * still supply credentials).
 */
export async function selectProfile(
  ctx: Context,
  explicit?: string,
): Promise<ProfileChoice | undefined> {
  const fromEnv = ctx.env.AX_PROFILE?.trim() || undefined;
  const named = explicit !== undefined
    ? { name: checkProfileName(explicit), selectedBy: "argument" as const }
    : fromEnv !== undefined
    ? { name: checkProfileName(fromEnv, "AX_PROFILE"), selectedBy: "AX_PROFILE" as const }
    : undefined;
  if (named === undefined && !hasConfigDir(ctx)) return undefined;
  if (named) {
    const file = await findProfileFile(ctx, named.name);
    if (file) return { ...named, file };
    throw await profileNotFound(
      ctx,
      named.name,
      named.selectedBy === "AX_PROFILE" ? "AX_PROFILE" : undefined,
    );
  }
  const active = await readActiveProfile(ctx);
  if (active !== undefined) {
    const file = await findProfileFile(ctx, active);
    if (file) return { name: active, file, selectedBy: "active profile" };
    throw new ConfigError(
      `The active profile '${active}' (named in ${activeProfilePath(ctx)}) does not exist.`,
      [
        `Pick another with \`ax profiles use <name>\`, or create it with \`ax profiles create ${active}\`.`,
      ],
    );
  }
  const file = await findProfileFile(ctx, DEFAULT_PROFILE);
  return file ? { name: DEFAULT_PROFILE, file, selectedBy: "default" } : undefined;
}

function hasConfigDir(ctx: Context): boolean {
  try {
    configDir(ctx);
    return true;
  } catch (error) {
    if (error instanceof ConfigError) return false;
    throw error;
  }
}
