/**
 * Identifiers and secrets: opaque base64 IDs shaped like Arize's (base64 of
 * text containing `:`), API key secrets from a CSPRNG, their SHA-256 hashes
 * and their redacted display form.
 */
import { createHash } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Number of random base62 characters after `ak-` in a new key. */
export const KEY_RANDOM_LENGTH = 48;

/** The kinds of object the emulator names, as they appear inside decoded IDs. */
export type IdKind = "Account" | "Organization" | "User" | "Space" | "ApiKey";

/** `length` characters of base62 from `crypto.getRandomValues`, without modulo bias. */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    // getRandomValues fills at most 64 KiB per call.
    const bytes = new Uint8Array(Math.min(65_536, (length - out.length) * 2 + 8));
    crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      // 248 = 4 × 62: bytes above it would favour the first characters.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** A new raw API key: `ak-` and {@link KEY_RANDOM_LENGTH} random base62 characters. */
export function newKeySecret(): string {
  return `ak-${randomBase62(KEY_RANDOM_LENGTH)}`;
}

/** The only form in which a secret is kept: its SHA-256, hex encoded. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** `ak-abc...xyz`: the first and last three characters of the random part. */
export function redactSecret(secret: string): string {
  const random = secret.startsWith("ak-") ? secret.slice(3) : secret;
  if (random.length < 6) return "ak-***";
  return `ak-${random.slice(0, 3)}...${random.slice(-3)}`;
}

/**
 * An opaque ID like the real API's: standard base64 (with `+`, `/` and `=`
 * possible, so clients must URL-encode IDs in paths) of `Kind:seq:random`.
 */
export function encodeId(kind: IdKind, seq: number): string {
  return btoa(`${kind}:${seq}:${randomBase62(4)}`);
}

/** The kind and sequence number inside an ID of the emulator's shape, if it is one. */
export function decodeId(id: string): { kind: string; seq: number } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id) || id.length % 4 !== 0) return undefined;
  let text: string;
  try {
    text = atob(id);
  } catch {
    return undefined;
  }
  // Arize's own examples omit the random part (`User:12345`); accept both shapes.
  const match = /^([A-Za-z]+):(\d{1,15})(:[0-9A-Za-z]+)?$/.exec(text);
  if (!match) return undefined;
  return { kind: match[1], seq: Number(match[2]) };
}
