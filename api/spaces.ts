/**
 * `GET /v2/spaces` and the `--space NAME_OR_ID` lookup (arize-api.md, "Space
 * name → ID"): an ID is used as is, a name must match exactly one space.
 */
import { AxError, EXIT } from "../runtime/errors.ts";
import type { ApiClient } from "./client.ts";
import { type PageFetcher, paginate } from "./paginate.ts";
import { readSpaceList, type Space, type SpaceListResponse } from "./types.ts";

/** Filters and page position of `GET /v2/spaces`; unset ones are not sent. */
export interface ListSpacesQuery {
  /** Case-insensitive substring filter, applied by the server. */
  name?: string;
  /** 1–100. */
  limit?: number;
  cursor?: string;
}

/** One page of spaces, retried on transient failures. */
export async function listSpaces(
  client: ApiClient,
  query: ListSpacesQuery,
  options: { onBody?: (text: string) => void } = {},
): Promise<SpaceListResponse> {
  const response = await client.request({
    method: "GET",
    path: "/v2/spaces",
    query: { ...query },
    idempotent: true,
    onBody: options.onBody,
  });
  return readSpaceList(response.body, response);
}

/** The pages of `GET /v2/spaces` matching `query`, for `paginate` (api/paginate.ts). */
export function spacePages(
  client: ApiClient,
  query: Omit<ListSpacesQuery, "limit" | "cursor">,
): PageFetcher<Space> {
  return async (page, hooks) => {
    const answer = await listSpaces(client, { ...query, ...page }, hooks);
    return { items: answer.spaces, pagination: answer.pagination };
  };
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * True when `value` is a space ID rather than a name: Arize IDs are base64
 * (standard or URL-safe, padding optional) of UTF-8 text containing `:`,
 * such as `Space:1:bFuL`.
 */
export function isSpaceId(value: string): boolean {
  if (!BASE64.test(value) || value.length % 4 === 1) return false;
  const standard = value.replaceAll("-", "+").replaceAll("_", "/").replace(/=+$/, "");
  const padded = standard + "=".repeat((4 - (standard.length % 4)) % 4);
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  } catch {
    return false;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).includes(":");
  } catch {
    return false;
  }
}

/**
 * The ID of the space `nameOrId` names. An ID is returned as is, without a
 * request; a name is looked up page by page and must match exactly
 * (case-sensitive) one space. Not found and ambiguous names are an AxError
 * with exit code 1: the request worked, the user's value did not match. A
 * pagination that would not end fails with exit 4 (N7, docs/reliability.md).
 */
export async function resolveSpaceId(client: ApiClient, nameOrId: string): Promise<string> {
  if (isSpaceId(nameOrId)) return nameOrId;
  const matches: string[] = [];
  const spaces = paginate(spacePages(client, { name: nameOrId }), { want: "all" });
  for await (const space of spaces.records) {
    if (space.name === nameOrId) matches.push(space.id);
  }
  if (matches.length === 0) {
    throw new AxError(`space '${nameOrId}' not found`, {
      exitCode: EXIT.GENERAL,
      hints: [
        "Check the spelling (names match exactly, including case), or pass the space ID.",
        // The API lists only the spaces the caller may read.
        "A space you have no access to is not found either: ax spaces list shows yours.",
      ],
    });
  }
  if (matches.length > 1) {
    throw new AxError(
      `Multiple spaces named '${nameOrId}' found. Use a space ID to disambiguate. Matching IDs: ${
        matches.join(", ")
      }`,
      { exitCode: EXIT.GENERAL },
    );
  }
  return matches[0];
}
