/**
 * Redaction of secrets in anything ax might print for diagnosis (S1): JSON
 * bodies, raw body text and HTTP headers. Verbose logs, error excerpts and any
 * other module that echoes server data run it through these helpers first.
 */

/** What replaces a secret value. */
export const REDACTED = "[REDACTED]";

// Exact names, compared case-insensitively with `-` read as `_`. A pattern such
// as /key/ would also hide `key_type` and `redacted_key`, which users need to see.
const SECRET_FIELDS = new Set([
  "key",
  "api_key",
  "apikey",
  "x_api_key",
  "token",
  "access_token",
  "refresh_token",
  "id_token",
  "session_token",
  "bearer",
  "secret",
  "client_secret",
  "private_key",
  "password",
  "passwd",
  "authorization",
  "proxy_authorization",
  "cookie",
  "set_cookie",
]);

/** True when a JSON field or header of this name holds a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_FIELDS.has(name.toLowerCase().replaceAll("-", "_"));
}

/**
 * A deep copy of `value` with every value under a secret field name replaced
 * by {@link REDACTED}, whatever its type. Arrays and nested objects are walked.
 */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(value)) {
    out[name] = isSecretName(name) ? REDACTED : redactJson(inner);
  }
  return out;
}

// `"name": "value"` pairs in text that is not valid JSON (a truncated body,
// an HTML page embedding JSON). The closing quote may be missing when the
// text was cut inside the value.
const QUOTED_PAIR = /"([A-Za-z_-]+)"(\s*:\s*)"(?:[^"\\]|\\.)*(?:"|\\?$)/g;

/**
 * Redacts secret `"name": "value"` pairs in arbitrary text. Used for bodies
 * that do not parse as JSON; parsed bodies go through {@link redactJson}.
 */
export function redactText(text: string): string {
  return text.replace(
    QUOTED_PAIR,
    (pair, name: string, colon: string) =>
      isSecretName(name) ? `"${name}"${colon}"${REDACTED}"` : pair,
  );
}

/**
 * The headers as `[name, value]` pairs for display, secret values (such as
 * `Authorization`, `Cookie`, `Set-Cookie`) replaced by {@link REDACTED}.
 */
export function redactHeaders(
  headers: Headers | Record<string, string>,
): [string, string][] {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  return entries.map(([name, value]) => [name, isSecretName(name) ? REDACTED : value]);
}

/**
 * Replaces every occurrence of the given secret strings in `text` (defence in
 * depth: a server that echoes the bearer token in an odd place still cannot
 * make it reach a log). Secrets shorter than 8 characters are ignored so that
 * a tiny test key cannot blank out ordinary words.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.replaceAll(secret, REDACTED);
  }
  return out;
}
