/**
 * The API client of a command, from its resolved settings. Every command
 * that talks to the server (and live completion) builds it here, so the
 * base URL, the timeout and the profile's `[network]` proxy and CA bundle
 * apply alike everywhere.
 */
import { type ApiClient, createClient } from "../api/client.ts";
import { INSECURE_TLS_WARNING, type Settings } from "../config/settings.ts";
import type { Context } from "../runtime/context.ts";

/** How this client differs from the settings' defaults. */
export interface ClientChoices {
  /** The key to send (checked present by the caller). */
  readonly apiKey: string;
  /** Per-attempt budget; default: the settings' (AX_TIMEOUT or 30 s). */
  readonly timeoutMs?: number;
  /** Debug lines on stderr; default off. */
  readonly verbose?: boolean;
}

/** A client for `settings`, with `choices` applied. */
export function clientFromSettings(
  ctx: Context,
  settings: Settings,
  choices: ClientChoices,
): ApiClient {
  return createClient(ctx, {
    baseUrl: settings.baseUrl,
    apiKey: choices.apiKey,
    timeoutMs: choices.timeoutMs ?? settings.timeoutMs,
    verbose: choices.verbose ?? false,
    network: settings.network,
  });
}

/**
 * Says on stderr, once per run, that TLS verification is off, when the
 * settings turn it off (`request_verify = false`, ARIZE_REQUEST_VERIFY).
 */
export async function warnIfInsecure(ctx: Context, settings: Settings): Promise<void> {
  if (settings.network.insecureTls) await ctx.stderr.write(`${INSECURE_TLS_WARNING}\n`);
}
