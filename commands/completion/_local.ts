/**
 * Values ax knows without the network: output format names (built-ins and
 * every discovered plugin) and profile names. Failures yield nothing, since
 * a TAB must never print an error.
 */
import { optionalConfigDir } from "../../config/paths.ts";
import { loadFormatRegistry } from "../../formats/registry.ts";
import type { Context } from "../../runtime/context.ts";
import type { Candidate } from "./_files.ts";

/** Format names for `-o`, described by their one-line description. */
export async function formatCandidates(
  ctx: Context,
  options: { pluginPaths: string[] },
): Promise<Candidate[]> {
  try {
    const registry = await loadFormatRegistry(ctx, {
      configDir: optionalConfigDir(ctx),
      pluginPaths: options.pluginPaths,
      // A TAB never runs plugin programs (as kubectl lists its plugins): an
      // executable is offered by its file name, described by that name.
      describeExecutables: false,
    });
    return registry.entries().map(({ format }) => ({
      value: format.name,
      description: format.description,
    }));
  } catch {
    return [];
  }
}

/** Profile names for `--profile`. */
export async function profileCandidates(ctx: Context): Promise<Candidate[]> {
  try {
    // The profile store brings the TOML parser: load it only for this kind of value.
    const { listProfiles } = await import("../../config/profile_store.ts");
    return (await listProfiles(ctx)).map((name) => ({ value: name, description: "profile" }));
  } catch {
    return [];
  }
}
