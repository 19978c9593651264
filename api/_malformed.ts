/**
 * The one error for a response ax cannot use (N6): HTML from a proxy, invalid
 * JSON, a missing field. It names the status and the first bytes of the body,
 * redacted, so a user can tell a captive portal from a server bug.
 */
import { NetworkError } from "../runtime/errors.ts";
import { sanitizeForTerminal } from "../runtime/terminal.ts";
import { redactJson, redactText } from "./redact.ts";

/** Where a body came from, for the error message. `ApiResponse` fits. */
export interface BodyOrigin {
  /** HTTP status of the response. */
  status: number;
  /** First bytes of the body, already redacted (see {@link excerptOf}). */
  excerpt?: string;
  /** Hint lines instead of the default "a proxy may be answering" one. */
  hints?: string[];
}

const EXCERPT_CHARS = 80;

/** The first ~80 characters of a raw body, secrets redacted, control characters escaped. */
export function excerptOf(text: string): string {
  let shown: string;
  try {
    shown = JSON.stringify(redactJson(JSON.parse(text)));
  } catch {
    shown = redactText(text);
  }
  shown = sanitizeForTerminal(shown.replace(/\s+/g, " ").trim());
  return shown.length > EXCERPT_CHARS ? `${shown.slice(0, EXCERPT_CHARS)}…` : shown;
}

/** The excerpt of a value that was already parsed, for readers called without an origin. */
export function excerptOfValue(value: unknown): string {
  if (value === undefined) return "";
  return excerptOf(JSON.stringify(value));
}

/**
 * `unexpected response from server (status 200, '<first bytes>')`, with the
 * precise reason (which field was wrong) as a hint.
 */
export function malformedResponse(
  origin: BodyOrigin | undefined,
  options: { reason?: string; value?: unknown; hints?: string[] } = {},
): NetworkError {
  const excerpt = origin?.excerpt ?? excerptOfValue(options.value);
  const parts = [
    ...(origin ? [`status ${origin.status}`] : []),
    excerpt === "" ? "empty body" : `'${excerpt}'`,
  ];
  const hints = [
    ...(options.reason ? [`The response did not match the API: ${options.reason}.`] : []),
    ...(options.hints ?? origin?.hints ?? [
      "A proxy or captive portal may be answering instead of Arize; check the base URL and proxy settings.",
    ]),
  ];
  return new NetworkError(`unexpected response from server (${parts.join(", ")})`, { hints });
}
