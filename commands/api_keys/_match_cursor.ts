/**
 * ax's own list cursor, for listings filtered on ax's side. A server cursor
 * marks the start of a server page, but a `--limit` can be reached in the
 * middle of one; ax's cursor carries the server cursor of that page (kept
 * opaque, never read), how many of its records were already examined and
 * the ID of the next match, so continuing yields exactly the matches not
 * shown yet — also when keys shown before were revoked in between (`list …
 * -q | revoke -`), which moves the rest of an active listing up the page.
 */
import { Buffer } from "node:buffer";
import { UsageError } from "../../runtime/errors.ts";

/** Where a listing resumes: a server page, and the records of it to pass over. */
export interface ListPosition {
  /** The server cursor that fetches the page; undefined for the first page. */
  serverCursor: string | undefined;
  /** Records at the start of that page already examined. */
  skip: number;
  /**
   * ID of the first key not shown, at `skip` when the cursor was printed.
   * Found on the page again, it wins over `skip` (records before it may
   * have gone or arrived since); absent from cursors of older ax versions.
   */
  key?: string;
}

const PREFIX = "ax1.";

/** The cursor ax prints for `position`. */
export function encodeListCursor(position: ListPosition): string {
  const body = JSON.stringify({
    c: position.serverCursor ?? null,
    s: position.skip,
    ...(position.key === undefined ? {} : { k: position.key }),
  });
  return PREFIX + Buffer.from(body, "utf8").toString("base64url");
}

/**
 * The position a `--cursor` value names: one of ax's own cursors, or a
 * server cursor (from an unfiltered listing), which starts at its page.
 */
export function decodeListCursor(value: string): ListPosition {
  if (!value.startsWith(PREFIX)) return { serverCursor: value, skip: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value.slice(PREFIX.length), "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const { c, s, k } = (parsed ?? {}) as { c?: unknown; s?: unknown; k?: unknown };
  if (
    (c !== null && typeof c !== "string") || typeof s !== "number" || !Number.isSafeInteger(s) ||
    s < 0 || (k !== undefined && typeof k !== "string")
  ) {
    throw new UsageError(`--cursor '${value}' is not a cursor ax printed.`, [
      "Copy the cursor from the 'More items available' hint of the previous run.",
    ]);
  }
  return { serverCursor: c ?? undefined, skip: s, ...(k === undefined ? {} : { key: k }) };
}
