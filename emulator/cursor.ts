/**
 * Opaque pagination cursors: the list position of the last item served plus
 * a fingerprint of the filters, signed with an HMAC so that a malformed,
 * tampered or re-used-with-other-filters cursor is a 400, never a wrong page.
 */
import { Buffer } from "node:buffer";
import { createHmac } from "node:crypto";
import type { SortPosition } from "./store.ts";

const TAG_LENGTH = 16;

function tag(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url").slice(0, TAG_LENGTH);
}

/** Options of {@link encodeCursor} and {@link decodeCursor}. */
export interface CursorContext {
  /** The state's cursor secret. */
  secret: string;
  /** Identifies the query (filters, not the limit) the cursor belongs to. */
  filters: string;
}

/** A cursor that resumes after `position` for the same filters. */
export function encodeCursor(position: SortPosition, context: CursorContext): string {
  const payload = Buffer.from(
    JSON.stringify({ c: position.created_ms, s: position.seq, f: context.filters }),
  ).toString("base64url");
  return `${payload}.${tag(context.secret, payload)}`;
}

/** The position inside `cursor`, or a sentence saying what is wrong with it. */
export function decodeCursor(
  cursor: string,
  context: CursorContext,
): { position: SortPosition } | { error: string } {
  const dot = cursor.indexOf(".");
  const payload = cursor.slice(0, dot);
  if (dot < 1 || cursor.slice(dot + 1) !== tag(context.secret, payload)) {
    return { error: "not a cursor returned by this server (malformed or modified)" };
  }
  let value: { c?: unknown; s?: unknown; f?: unknown };
  try {
    value = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { error: "not a cursor returned by this server (malformed or modified)" };
  }
  if (!Number.isSafeInteger(value.c) || !Number.isSafeInteger(value.s)) {
    return { error: "not a cursor returned by this server (malformed or modified)" };
  }
  if (value.f !== context.filters) {
    return { error: "belongs to a query with different filters; start again without cursor" };
  }
  return { position: { created_ms: value.c as number, seq: value.s as number } };
}
