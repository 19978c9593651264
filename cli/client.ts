/**
 * The API client of a command, from its resolved settings. Every command
 * that talks to the server (and live completion) builds it here, so the
 * base URL, the timeout and the profile's `[network]` proxy and CA bundle
 * apply alike everywhere.
 */
import { type ApiClient, createClient } from "../api/client.ts";
import { headerValueProblem } from "../api/header_value.ts";
import { INSECURE_TLS_WARNING, type Settings } from "../config/settings.ts";
import type { Context } from "../runtime/context.ts";
import { ConfigError, UsageError } from "../runtime/errors.ts";
import { readCaBundle } from "../runtime/network_fetch.ts";

/** How this client differs from the settings' defaults. */
export interface ClientChoices {
  /** The key to send (checked present by the caller). */
  readonly apiKey: string;
  /** Per-attempt budget; default: the settings' (AX_TIMEOUT or 30 s). */
  readonly timeoutMs?: number;
  /** Debug lines on stderr; default off. */
  readonly verbose?: boolean;
}

/**
 * A client for `settings`, with `choices` applied. Credentials that cannot
 * be used fail here, before any request, naming where they came from: an
 * API key no HTTP header can carry, a CA bundle that is unreadable (exit 5)
 * or holds no certificate. A bad value in the environment is exit 2, like
 * any bad option; one in a profile file is a configuration error, exit 1.
 */
export function clientFromSettings(
  ctx: Context,
  settings: Settings,
  choices: ClientChoices,
): ApiClient {
  checkCredentials(ctx, settings, choices.apiKey);
  return createClient(ctx, {
    baseUrl: settings.baseUrl,
    apiKey: choices.apiKey,
    timeoutMs: choices.timeoutMs ?? settings.timeoutMs,
    verbose: choices.verbose ?? false,
    network: settings.network,
  });
}

function checkCredentials(ctx: Context, settings: Settings, apiKey: string): void {
  const problem = headerValueProblem(apiKey);
  if (problem !== undefined) {
    const fromEnv = settings.apiKeySource === "ARIZE_API_KEY";
    const source = fromEnv ? "ARIZE_API_KEY" : settings.apiKeySource ?? "The API key";
    const message = `The API key from ${source} cannot be sent: ${problem}.`;
    const hint = fromEnv
      ? "Set ARIZE_API_KEY to the key exactly as Arize shows it."
      : "Fix [auth] api_key in that profile (ax profiles create NAME --api-key - --force).";
    throw fromEnv ? new UsageError(message, [hint]) : new ConfigError(message, [hint]);
  }
  const profile = settings.profileName
    ? `profile ${settings.profileName} (${settings.profileFile})`
    : "the profile";
  if (settings.network.caBundle) {
    readCaBundle(settings.network.caBundle, `[network] ca_bundle of ${profile}`);
  }
  const extra = ctx.env.NODE_EXTRA_CA_CERTS;
  if (extra) {
    try {
      readCaBundle(extra, "NODE_EXTRA_CA_CERTS");
    } catch (error) {
      // The variable is the user's input: a wrong file is a bad value (exit 2).
      if (error instanceof ConfigError) throw new UsageError(error.message, [...error.hints]);
      throw error;
    }
  }
}

/**
 * Says on stderr, once per run, that TLS verification is off, when the
 * settings turn it off (`request_verify = false`, ARIZE_REQUEST_VERIFY).
 */
export async function warnIfInsecure(ctx: Context, settings: Settings): Promise<void> {
  if (settings.network.insecureTls) await ctx.stderr.write(`${INSECURE_TLS_WARNING}\n`);
}
