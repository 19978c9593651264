/**
 * User format plugins: discovery plus loading, tolerant of failure. Every
 * plugin comes back either loaded or broken with the reason; nothing here
 * throws, so a broken plugin only matters to a command that asks for it.
 */
import type { Format } from "../types.ts";
import type { Context } from "../../runtime/context.ts";
import { discoverPlugins, type DiscoveryOptions, type PluginCandidate } from "./discover.ts";
import { describeExecutable, executableFormat } from "./executable.ts";
import { loadModulePlugin } from "./load_module.ts";
import { validateFormat } from "./validate.ts";

/** A plugin that loaded: its format and the file it came from. */
export interface LoadedPlugin {
  readonly ok: true;
  readonly format: Format;
  /** Absolute path of the plugin file. */
  readonly origin: string;
}

/** A plugin that could not be used, and why. */
export interface BrokenPlugin {
  readonly ok: false;
  /** Absolute path of the plugin file. */
  readonly origin: string;
  /** The format name it provides or, when it could not be loaded, its file name suggests. */
  readonly name: string | undefined;
  /** One line saying what is wrong. */
  readonly error: string;
}

/** The outcome of one plugin file. */
export type PluginResult = LoadedPlugin | BrokenPlugin;

export type { DiscoveryOptions } from "./discover.ts";

/** How to load plugins, besides where to find them. */
export interface LoadOptions extends DiscoveryOptions {
  /**
   * Run each executable plugin with `--ax-describe` for its description,
   * extensions and binary flag (default true). Without it an executable is
   * known by its file name only: what a TAB needs, where running programs
   * would cost milliseconds each and run user code on every key press.
   */
  readonly describeExecutables?: boolean;
}

/** Finds and loads every plugin, in precedence order (see discover.ts). */
export async function loadPlugins(
  ctx: Context,
  options: LoadOptions,
): Promise<PluginResult[]> {
  const { candidates, problems } = await discoverPlugins(ctx, options);
  const broken: PluginResult[] = problems.map((p) => ({
    ok: false,
    origin: p.path,
    name: p.name,
    error: p.error,
  }));
  // Loading is independent per file; starting every import and describe at
  // once keeps several plugins from adding up.
  const describe = options.describeExecutables ?? true;
  const loaded = await Promise.all(
    candidates.map((candidate) => loadOne(candidate, ctx, describe)),
  );
  return [...broken, ...loaded];
}

async function loadOne(
  candidate: PluginCandidate,
  ctx: Context,
  describe: boolean,
): Promise<PluginResult> {
  try {
    const format = candidate.kind === "module"
      ? await loadModulePlugin(candidate.path)
      : validateFormat(executableFormat({
        name: candidate.name,
        path: candidate.path,
        description: describe ? await describeExecutable(candidate.path, ctx) : undefined,
      }, ctx));
    return { ok: true, format, origin: candidate.path };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, origin: candidate.path, name: candidate.name, error: message };
  }
}
