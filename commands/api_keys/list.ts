/**
 * `ax api-keys list`: the caller's keys, one page by default, `--limit N`
 * records across as many pages as that takes, or `--all` of them; `--cursor`
 * resumes where a previous page stopped. Declared in mod.ts; this module
 * (parse + run) loads when the command runs.
 */
import { listApiKeys, type ListApiKeysQuery } from "../../api/api_keys.ts";
import type { ApiClient } from "../../api/client.ts";
import { resolveSpaceId } from "../../api/spaces.ts";
import { type PagedRecords, paginateApiKeys } from "../../api/paginate.ts";
import type { ApiKey, KeyStatus, KeyType, Pagination } from "../../api/types.ts";
import { handler } from "../../cli/command.ts";
import { type CommonOptions, parseCommon, type RawCommonValues } from "../../cli/common.ts";
import { printRecords } from "../../cli/output.ts";
import {
  announceMore,
  PAGE_SIZE,
  type Paging,
  parsePaging,
  type RawPagingValues,
} from "../../cli/paging.ts";
import { openSession } from "../../cli/session.ts";
import { showPrereleaseNotice } from "../../config/notices.ts";
import type { Context } from "../../runtime/context.ts";
import { API_KEY_COLUMNS, API_KEY_DISPLAY_ORDER, asRows } from "./_columns.ts";
import { checkNotBlank } from "./_validate.ts";
import { DEFAULT_LIMIT, KEYS } from "./mod.ts";

/** Options of `ax api-keys list`, after validation. */
export interface ListOptions {
  keyType?: KeyType;
  status?: KeyStatus;
  /** A space name or ID: list that space's service keys instead of your user keys. */
  space?: string;
  /** A user ID (API `user_id`): keys created by that user. */
  user?: string;
  /** How many records (cli/paging.ts). */
  want: Paging["want"];
  /** Resume after this cursor. */
  cursor?: string;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawListValues extends RawCommonValues, RawPagingValues {
  keyType?: KeyType;
  status?: KeyStatus;
  space?: string;
  user?: string;
}

/** Validates `list`'s option values. */
export function parseList(values: RawListValues): ListOptions {
  const paging = parsePaging(values, KEYS);
  return {
    keyType: values.keyType,
    status: values.status,
    space: values.space === undefined ? undefined : checkNotBlank(values.space, "--space"),
    user: values.user === undefined ? undefined : checkNotBlank(values.user, "--user"),
    want: paging.want,
    cursor: paging.cursor,
    common: parseCommon(values),
  };
}

/** Fetches the keys page by page and streams them into the chosen format. */
export async function runList(options: ListOptions, ctx: Context): Promise<void> {
  const session = await openSession(ctx, { common: options.common, output: true });
  await showPrereleaseNotice(session.ctx, "api-keys");
  // The API lists your user keys; with space_id one space's service keys;
  // with key_type=service alone, those of every space you may read.
  const spaceId = options.space === undefined ? undefined : await session.request(
    "Looking up the space…",
    () => resolveSpaceId(session.client, options.space!),
  );
  const query = {
    key_type: options.keyType,
    status: options.status,
    space_id: spaceId,
    user_id: options.user,
  };
  const { want } = options;
  const pages = want === "page"
    ? onePage(session.client, { ...query, limit: DEFAULT_LIMIT, cursor: options.cursor })
    : paginateApiKeys(session.client, query, {
      want,
      cursor: options.cursor,
      // Progress only when several pages are coming (T5); the status line is
      // a no-op off a terminal, so pipes never see it.
      onProgress: want === "all" || want > PAGE_SIZE
        ? (fetched) => session.status.show(`Fetched ${fetched} API keys…`)
        : undefined,
    });
  session.status.spin("Fetching API keys…");
  try {
    await printRecords(asRows(pages.records), {
      target: session.target!,
      info: {
        columns: API_KEY_COLUMNS,
        displayOrder: API_KEY_DISPLAY_ORDER,
        shape: "list",
        collection: "api_keys",
        pagination: pages.pagination,
      },
      ctx: session.ctx,
    });
  } finally {
    await session.close();
  }
  await announceMore(ctx, { target: session.target!, pagination: pages.pagination() });
}

/** Exactly one request: the default `list` shows one page and says how to get the next. */
function onePage(client: ApiClient, query: ListApiKeysQuery): PagedRecords<ApiKey> {
  let pagination: Pagination | undefined;
  async function* records(): AsyncGenerator<ApiKey> {
    const page = await listApiKeys(client, query);
    pagination = page.pagination;
    yield* page.api_keys;
  }
  return { records: records(), pagination: () => pagination };
}

/** `list`'s parse and run, for its declaration in mod.ts. */
export const LIST_HANDLER = handler(
  (input) => parseList(input.values as RawListValues),
  runList,
);
