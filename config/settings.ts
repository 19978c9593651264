/**
 * The settings of one invocation, resolved from the environment and the
 * chosen profile. Precedence, highest first:
 *
 * | setting | sources |
 * |---|---|
 * | API key | `ARIZE_API_KEY` > profile `[auth] api_key` |
 * | base URL | `ARIZE_BASE_URL` > profile `[routing]` > `https://api.arize.com` |
 * | output format | (`--output`, applied by the command) > profile `[output] format` |
 * | TLS verification | `ARIZE_REQUEST_VERIFY` > profile `[security] request_verify` > on |
 * | timeout | `AX_TIMEOUT` (seconds) > 30 s |
 * | profile | argument > `AX_PROFILE` > active profile > `default` if it exists |
 */
import type { Context } from "../runtime/context.ts";
import { ConfigError, UsageError } from "../runtime/errors.ts";
import { selectProfile } from "./profile_select.ts";
import { brokenProfile, type ProfileData, sdkBoolean } from "./profile_file.ts";
import { listProfiles, readProfile } from "./profile_store.ts";
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_SECONDS, parseTimeoutSeconds } from "./timeout.ts";
import { baseUrlFromRouting, DEFAULT_BASE_URL, normalizeBaseUrl, RoutingError } from "./routing.ts";

export { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_SECONDS, parseTimeoutSeconds };

/** Proxy and TLS settings from the profile's `[network]` and `[security]` sections. */
export interface NetworkSettings {
  proxyUrl?: string;
  noProxy?: string;
  caBundle?: string;
  /**
   * True when `request_verify` is false (profile or ARIZE_REQUEST_VERIFY):
   * server certificates are not checked. `ca_bundle` is the safe way.
   */
  insecureTls?: boolean;
}

/** The stderr line of every run that does not verify TLS certificates. */
export const INSECURE_TLS_WARNING =
  "⚠ Warning: TLS certificate verification is off (request_verify = false); use [network] ca_bundle to trust your server's certificate instead.";

/** Everything a command needs to reach the API, with where it came from. */
export interface Settings {
  apiKey: string | undefined;
  /** No trailing slash; paths (`/v2/...`) are appended. */
  baseUrl: string;
  /** The profile's `[output] format`; `--output` wins over it, `table` is the fallback. */
  outputFormat: string | undefined;
  /** The profile key it came from (`[output] ax_format` or `[output] format`), for messages. */
  outputFormatKey?: string;
  network: NetworkSettings;
  timeoutMs: number;
  profileName: string | undefined;
  /** The profile's `[auth] auth_method`, lower-cased (`api-key`, `oauth`), when it names one. */
  authMethod?: string;
  /** Where the api key came from, for messages: "ARIZE_API_KEY" | "profile <name> (<file>)". */
  apiKeySource: string | undefined;
  /** "ARIZE_BASE_URL" | "profile <name> (<file>)" | "default". */
  baseUrlSource: string;
  /**
   * When no profile is in use and no ARIZE_API_KEY is set: the profiles that
   * exist all the same (say, after the active one was deleted), so the
   * "no API key" error can say `ax profiles use` instead of "create one".
   */
  idleProfiles?: readonly string[];
  /** The chosen profile's file, when a profile is in use. */
  profileFile: string | undefined;
  /** Why that profile was chosen: "argument" | "AX_PROFILE" | "active profile" | "default". */
  profileSelectedBy: string | undefined;
}

/**
 * Resolves the settings of this invocation. `options.profile` names a profile
 * explicitly (it must exist). Reads files only; never creates any. Throws
 * ConfigError for broken or missing profiles, UsageError for bad environment
 * values (`AX_TIMEOUT`, `ARIZE_BASE_URL`, `AX_PROFILE`).
 */
export async function loadSettings(
  ctx: Context,
  options: { profile?: string } = {},
): Promise<Settings> {
  const timeoutMs = timeoutFromEnv(ctx.env.AX_TIMEOUT);
  const envKey = ctx.env.ARIZE_API_KEY?.trim() || undefined;
  const envBaseUrl = baseUrlFromEnv(ctx.env.ARIZE_BASE_URL);
  const choice = await selectProfile(ctx, options.profile);
  const profile = choice ? await readProfile(ctx, choice.name) : undefined;
  const label = profile ? `profile ${profile.name} (${profile.file})` : undefined;
  const profileBaseUrl = profile ? routedBaseUrl(profile) : undefined;
  // An unexpandable profile key matters only when ARIZE_API_KEY does not replace it.
  if (!envKey && profile?.apiKeyProblem) throw profile.apiKeyProblem;
  const apiKey = envKey ?? profile?.apiKey;
  const verify = verifyFromEnv(ctx.env.ARIZE_REQUEST_VERIFY) ?? profile?.requestVerify ?? true;
  // Only for the message of a run that has no key; an unreadable folder is not this run's problem.
  const idleProfiles = !choice && !envKey ? await listProfiles(ctx).catch(() => []) : [];
  return {
    ...(idleProfiles.length > 0 ? { idleProfiles } : {}),
    apiKey,
    authMethod: profile?.authMethod,
    apiKeySource: envKey ? "ARIZE_API_KEY" : profile?.apiKey ? label : undefined,
    baseUrl: envBaseUrl ?? profileBaseUrl ?? DEFAULT_BASE_URL,
    baseUrlSource: envBaseUrl ? "ARIZE_BASE_URL" : profile ? label! : "default",
    outputFormat: profile?.outputFormat,
    ...(profile?.outputFormat ? { outputFormatKey: profile.outputFormatKey } : {}),
    network: { ...profile?.network, ...(verify ? {} : { insecureTls: true }) },
    timeoutMs,
    profileName: profile?.name,
    profileFile: profile?.file,
    profileSelectedBy: choice?.selectedBy,
  };
}

/**
 * The API key, or a ConfigError (exit 1) saying how to get one: create a
 * profile, set ARIZE_API_KEY, or try the local emulator.
 */
export function requireApiKey(settings: Settings): string {
  if (settings.apiKey) return settings.apiKey;
  if (settings.authMethod === "oauth") {
    throw new ConfigError(
      `Profile '${settings.profileName}' (${settings.profileFile}) uses OAuth, which ax does not support yet.`,
      [
        "Create an API-key profile:  ax profiles create <name> --use   (asks for the key; in scripts pipe it: --api-key -)",
        "or, for one command:        ARIZE_API_KEY=<key> ax …",
      ],
    );
  }
  const where = settings.profileName
    ? [`Profile '${settings.profileName}' (${settings.profileFile}) has no [auth] api_key.`]
    : [];
  const idle = settings.idleProfiles ?? [];
  if (idle.length > 0) {
    throw new ConfigError(
      `No API key found: no profile is active (profiles: ${idle.join(", ")}).`,
      [
        `Choose one:            ax profiles use ${idle[0]}   (or --profile NAME, AX_PROFILE=NAME)`,
        "or, for one command:   ARIZE_API_KEY=<key> ax …",
      ],
    );
  }
  throw new ConfigError("No API key found.", [
    ...where,
    "Create a profile:      ax profiles create   (asks for the key; in scripts: printf '%s' \"$KEY\" | ax profiles create NAME --api-key -)",
    "or, for one command:   ARIZE_API_KEY=<key> ax …",
    "To try ax without an Arize account, start the local emulator with `ax emulator start`,",
    "then run commands with ARIZE_BASE_URL=<url> ARIZE_API_KEY=<admin_key> from its output.",
  ]);
}

function timeoutFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_TIMEOUT_MS;
  return parseTimeoutSeconds(value, "AX_TIMEOUT");
}

/** ARIZE_REQUEST_VERIFY read as Arize's SDK reads it; undefined when unset or blank. */
function verifyFromEnv(value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  return sdkBoolean(value);
}

function baseUrlFromEnv(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  try {
    return normalizeBaseUrl(value);
  } catch (error) {
    if (error instanceof RoutingError) {
      throw new UsageError(`Invalid ARIZE_BASE_URL: ${error.message}.`);
    }
    throw error;
  }
}

function routedBaseUrl(profile: ProfileData): string {
  try {
    return baseUrlFromRouting(profile.routing);
  } catch (error) {
    if (error instanceof RoutingError) {
      throw brokenProfile(profile, `has bad [routing]: ${error.message}`);
    }
    throw error;
  }
}
