/**
 * The `--verbose` log of the HTTP client (S1): `[debug]` lines on stderr,
 * every header, body and URL redacted before it is written, the bearer token
 * scrubbed from whatever is left, control characters escaped.
 */
import type { Context } from "../runtime/context.ts";
import { sanitizeForTerminal } from "../runtime/terminal.ts";
import { redactHeaders, redactJson, redactText, scrubSecrets } from "./redact.ts";

/** Writes debug lines, or nothing when verbose is off. */
export interface DebugLog {
  readonly enabled: boolean;
  /** One line per element, each prefixed with `[debug]`. */
  lines(...lines: string[]): Promise<void>;
}

const PREFIX = "[debug]";
const MAX_BODY_CHARS = 4_000;

/** A logger for `ctx.stderr` that never prints any of `secrets`. */
export function createDebugLog(
  ctx: Context,
  options: { verbose: boolean; secrets: string[] },
): DebugLog {
  return {
    enabled: options.verbose,
    async lines(...lines) {
      if (!options.verbose || lines.length === 0) return;
      const text = lines
        .map((line) => `${PREFIX} ${sanitizeForTerminal(scrubSecrets(line, options.secrets))}`)
        .join("\n");
      await ctx.stderr.write(`${text}\n`);
    },
  };
}

/** `Name: value` lines of headers, secrets redacted, prefixed with `marker`. */
export function headerLines(
  headers: Headers | Record<string, string>,
  marker: string,
): string[] {
  return redactHeaders(headers).map(([name, value]) => `${marker} ${name}: ${value}`);
}

/** A body for the log: JSON re-serialised with secret fields redacted, else redacted text. */
export function bodyForLog(text: string): string {
  let shown: string;
  try {
    shown = JSON.stringify(redactJson(JSON.parse(text)));
  } catch {
    shown = redactText(text);
  }
  return shown.length > MAX_BODY_CHARS
    ? `${shown.slice(0, MAX_BODY_CHARS)}… (${shown.length} characters in all)`
    : shown;
}

/** A URL for the log, with any user:password part hidden. */
export function urlForLog(url: URL): string {
  if (url.username === "" && url.password === "") return url.href;
  const copy = new URL(url.href);
  copy.username = "REDACTED";
  copy.password = "";
  return copy.href;
}
