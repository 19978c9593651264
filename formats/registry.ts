/**
 * The format registry: built-ins and user plugins, joined the same way, looked
 * up by name or file extension. Conflicts (a plugin reusing a built-in's or
 * another plugin's name or extension) are refused with a message naming both
 * files; the refused plugin is kept as broken, like one that failed to load.
 */
import type { Context } from "../runtime/context.ts";
import { extname } from "node:path";
import {
  type BrokenPlugin,
  type LoadOptions,
  loadPlugins,
  type PluginResult,
} from "./plugins/mod.ts";
import { validateFormat } from "./plugins/validate.ts";
import { BUILT_IN_ALIASES, BUILT_IN_FORMATS } from "./built_ins.ts";
import type { Format } from "./types.ts";

export type { BrokenPlugin } from "./plugins/mod.ts";

/** A registered format and where it came from. */
export interface FormatEntry {
  readonly format: Format;
  /** `built-in`, or the absolute path of the plugin file. */
  readonly origin: "built-in" | string;
}

/** Every usable format, plus the plugins that are not usable. */
export interface FormatRegistry {
  /** Usable formats: built-ins first, then plugins in precedence order. */
  entries(): readonly FormatEntry[];
  /** The format called `name` (case-insensitive; aliases such as `jsonl` too). */
  get(name: string): FormatEntry | undefined;
  /** The format that owns file extension `ext` (`.csv` or `csv`, case-insensitive). */
  byExtension(ext: string): FormatEntry | undefined;
  /** Plugins that failed to load or were refused, in discovery order. */
  broken(): readonly BrokenPlugin[];
}

/**
 * Built-ins plus discovered plugins. Plugin discovery reads
 * `<configDir>/plugins/`, `pluginPaths` (from `--plugin`, repeatable) and
 * `AX_PLUGIN_PATH` (path-delimiter separated), and `ax-format-<name>`
 * executables on PATH. A broken plugin never breaks the registry: it is
 * recorded in `broken()`, and only a command that asks for it fails.
 */
export async function loadFormatRegistry(
  ctx: Context,
  options: LoadOptions,
): Promise<FormatRegistry> {
  return createFormatRegistry(await loadPlugins(ctx, options));
}

/**
 * The registry that resolves `wanted`, a format name or (when `asFile`) a
 * file name: the built-ins alone when they answer it, else built-ins plus
 * every plugin. A plugin can never take a built-in's name or extension, so
 * loading plugins could not change a built-in answer; skipping them spares
 * `-o json` and the default table the folder scans and plugin runs.
 */
export async function registryFor(
  wanted: string,
  load: { ctx: Context; asFile: boolean; options: LoadOptions },
): Promise<FormatRegistry> {
  const builtIns = createFormatRegistry();
  const name = wanted.trim();
  const ext = extname(name);
  if (builtIns.get(name) || (load.asFile && ext !== "" && builtIns.byExtension(ext))) {
    return builtIns;
  }
  return await loadFormatRegistry(load.ctx, load.options);
}

/** A registry of the built-ins plus already-loaded `plugins` (no I/O). */
export function createFormatRegistry(plugins: readonly PluginResult[] = []): FormatRegistry {
  const entries: FormatEntry[] = [];
  const broken: BrokenPlugin[] = [];
  const byName = new Map<string, FormatEntry>();
  const byExtension = new Map<string, FormatEntry>();

  const add = (entry: FormatEntry): string | undefined => {
    const { format } = entry;
    const nameOwner = byName.get(format.name) ?? aliasOwner(format.name);
    if (nameOwner) {
      return `format name '${format.name}' is already taken by ${describeOrigin(nameOwner)}`;
    }
    for (const ext of format.extensions) {
      const extOwner = byExtension.get(ext.toLowerCase());
      if (extOwner) {
        return `extension '${ext}' is already taken by format '${extOwner.format.name}' ` +
          `(${describeOrigin(extOwner)})`;
      }
    }
    entries.push(entry);
    byName.set(format.name, entry);
    for (const ext of format.extensions) byExtension.set(ext.toLowerCase(), entry);
    return undefined;
  };
  const aliasOwner = (name: string) => {
    const target = BUILT_IN_ALIASES[name];
    return target === undefined ? undefined : byName.get(target);
  };

  for (const format of BUILT_IN_FORMATS) {
    const conflict = add({ format: validateFormat(format), origin: "built-in" });
    if (conflict) throw new Error(`built-in formats conflict: ${conflict}`);
  }
  for (const plugin of plugins) {
    if (!plugin.ok) {
      broken.push(plugin);
      continue;
    }
    const conflict = add({ format: plugin.format, origin: plugin.origin });
    if (conflict) {
      broken.push({ ok: false, origin: plugin.origin, name: plugin.format.name, error: conflict });
    }
  }

  return {
    entries: () => entries,
    get: (name) => {
      const key = name.toLowerCase();
      return byName.get(key) ?? aliasOwner(key);
    },
    byExtension: (ext) => {
      const key = ext.toLowerCase();
      return byExtension.get(key.startsWith(".") ? key : `.${key}`);
    },
    broken: () => broken,
  };
}

function describeOrigin(entry: FormatEntry): string {
  return entry.origin === "built-in" ? "a built-in format" : entry.origin;
}
