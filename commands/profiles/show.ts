/**
 * `ax profiles show [name]`: the settings a command would use with this
 * profile, each with where it comes from (environment, profile file or
 * default). The API key is masked (`ak-abc…xyz`), and so is any password in
 * the proxy URL.
 */
import { hasEnvReference } from "../../config/expand_env.ts";
import { maskSecret } from "../../config/mask.ts";
import { readProfile } from "../../config/profile_store.ts";
import { loadSettings, type Settings } from "../../config/settings.ts";
import { namedProfile } from "./_named.ts";
import type { Context } from "../../runtime/context.ts";
import { parseProfilesOutput, type ProfilesOutput, renderColumns } from "./_shared.ts";
import { handler } from "../../cli/command.ts";

/** Options of `ax profiles show`, after validation. */
export interface ShowOptions {
  /** Undefined: the profile in use. */
  name: string | undefined;
  output: ProfilesOutput;
}

/** The JSON shape of `show` (snake_case, like every record ax prints). */
export interface ProfileShown {
  profile: string | null;
  file: string | null;
  selected_by: string | null;
  api_key: string | null;
  api_key_source: string | null;
  base_url: string;
  base_url_source: string;
  output_format: string;
  output_format_source: string;
  timeout_seconds: number;
  timeout_source: string;
  proxy_url: string | null;
  no_proxy: string | null;
  ca_bundle: string | null;
}

/** Validates `show`'s arguments. */
export function parseShow(
  input: { name?: string; values: { output?: string; profile?: string } },
): ShowOptions {
  return {
    name: namedProfile(input.name, input.values.profile),
    output: parseProfilesOutput(input.values.output),
  };
}

/** Resolves the settings as a command would and prints them with their sources. */
export async function runShow(options: ShowOptions, ctx: Context): Promise<void> {
  const settings = await loadSettings(ctx, options.name ? { profile: options.name } : {});
  const shown = await describe(settings, ctx);
  if (options.output === "json") {
    await ctx.stdout.write(JSON.stringify(shown, null, 2) + "\n");
    return;
  }
  const profile = shown.profile
    ? `${shown.profile} (${shown.selected_by === "argument" ? "named" : shown.selected_by})`
    : "none (only the environment and defaults apply)";
  const rows: string[][] = [
    ["Profile:", profile, ""],
    ...(shown.file ? [["File:", shown.file, ""]] : []),
    ["API key:", shown.api_key ?? "not set", shown.api_key_source ?? ""],
    ["Base URL:", shown.base_url, shown.base_url_source],
    ["Output format:", shown.output_format, shown.output_format_source],
    ["Timeout:", `${shown.timeout_seconds} s`, shown.timeout_source],
    ...(shown.proxy_url ? [["Proxy URL:", shown.proxy_url, "profile [network]"]] : []),
    ...(shown.no_proxy ? [["No proxy:", shown.no_proxy, "profile [network]"]] : []),
    ...(shown.ca_bundle ? [["CA bundle:", shown.ca_bundle, "profile [network]"]] : []),
  ];
  // The source follows its value directly: aligning it to the longest value
  // (a file path) would push it off narrow terminals.
  await ctx.stdout.write(
    renderColumns(
      rows.map(([label, value, source]) => [label, source ? `${value}  (${source})` : value]),
    ),
  );
}

async function describe(settings: Settings, ctx: Context): Promise<ProfileShown> {
  const profile = settings.profileName ? await readProfile(ctx, settings.profileName) : undefined;
  const keyFromEnv = settings.apiKeySource === "ARIZE_API_KEY";
  const rawKey = profile?.apiKeyRaw;
  const keySource = keyFromEnv
    ? "ARIZE_API_KEY"
    : rawKey && hasEnvReference(rawKey)
    ? `profile [auth] api_key = ${rawKey}`
    : settings.apiKey
    ? "profile [auth] api_key"
    : null;
  return {
    profile: settings.profileName ?? null,
    file: settings.profileFile ?? null,
    selected_by: settings.profileSelectedBy ?? null,
    api_key: settings.apiKey ? maskSecret(settings.apiKey) : null,
    api_key_source: keySource,
    base_url: settings.baseUrl,
    base_url_source:
      settings.baseUrlSource === "ARIZE_BASE_URL" || settings.baseUrlSource === "default"
        ? settings.baseUrlSource
        : "profile [routing]",
    output_format: settings.outputFormat ?? "table",
    output_format_source: settings.outputFormat
      ? `profile ${settings.outputFormatKey ?? "[output] format"}`
      : "default",
    timeout_seconds: settings.timeoutMs / 1000,
    timeout_source: ctx.env.AX_TIMEOUT?.trim() ? "AX_TIMEOUT" : "default",
    proxy_url: settings.network.proxyUrl ? hidePassword(settings.network.proxyUrl) : null,
    no_proxy: settings.network.noProxy ?? null,
    ca_bundle: settings.network.caBundle ?? null,
  };
}

/** `http://user:secret@proxy:3128` → `http://user:****@proxy:3128`. */
function hidePassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = "****";
    return parsed.href.replace(/\/$/, url.endsWith("/") ? "/" : "");
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1:****@");
  }
}

/** `show`'s parse and run, for its declaration in mod.ts. */
export const SHOW_HANDLER = handler(
  (input) =>
    parseShow({
      name: input.args[0] as string | undefined,
      values: input.values as { output?: string; profile?: string },
    }),
  runShow,
);
