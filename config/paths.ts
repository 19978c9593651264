/**
 * Where ax keeps its configuration. The layout matches the reference Arize
 * CLI so both tools can share one set of profiles:
 *
 * ```text
 * ~/.arize/                  (AX_CONFIG_DIR overrides; %USERPROFILE%\.arize on Windows)
 *   profiles/<name>.toml     one profile per file
 *   config.toml              older reference CLIs kept the `default` profile here
 *   .active_profile          the active profile's name
 *   notices.json             which one-time notices were shown
 * ```
 *
 * Nothing here touches the disk.
 */
import { isAbsolute, join, resolve } from "node:path";
import type { Context } from "../runtime/context.ts";
import { ConfigError } from "../runtime/errors.ts";

/**
 * The configuration directory: `AX_CONFIG_DIR` (relative values resolve against
 * the working directory), else `<home>/.arize`. Throws a ConfigError when
 * neither is known.
 */
export function configDir(ctx: Context): string {
  const override = ctx.env.AX_CONFIG_DIR;
  if (override !== undefined && override !== "") {
    return isAbsolute(override) ? override : resolve(ctx.cwd, override);
  }
  if (!ctx.homeDir) {
    throw new ConfigError("Cannot find your home directory, so ax cannot locate its profiles.", [
      "Set AX_CONFIG_DIR to the directory that should hold them (e.g. AX_CONFIG_DIR=$PWD/.arize),",
      "or pass credentials with ARIZE_API_KEY (and ARIZE_BASE_URL).",
    ]);
  }
  return join(ctx.homeDir, ".arize");
}

/**
 * The config directory, or undefined when there is none to find (no home and
 * no AX_CONFIG_DIR): for what only reads from it (plugins), a missing one is
 * no reason to fail.
 */
export function optionalConfigDir(ctx: Context): string | undefined {
  return ctx.env.AX_CONFIG_DIR || ctx.homeDir ? configDir(ctx) : undefined;
}

/** The folder holding one `<name>.toml` per profile. */
export function profilesDir(ctx: Context): string {
  return join(configDir(ctx), "profiles");
}

/** The file ax writes for profile `name`. */
export function profileFilePath(ctx: Context, name: string): string {
  return join(profilesDir(ctx), `${name}.toml`);
}

/**
 * Where older reference CLIs stored the profile named `default`. ax reads it
 * when `profiles/default.toml` does not exist, and never writes it.
 */
export function legacyDefaultProfilePath(ctx: Context): string {
  return join(configDir(ctx), "config.toml");
}

/** The small file naming the active profile (same name as the reference CLI's). */
export function activeProfilePath(ctx: Context): string {
  return join(configDir(ctx), ".active_profile");
}

/** State of the one-time notices. */
export function noticesPath(ctx: Context): string {
  return join(configDir(ctx), "notices.json");
}
