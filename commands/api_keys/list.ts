/**
 * `ax api-keys list`: the caller's keys, one page by default, `--limit N`
 * records across as many pages as that takes, or `--all` of them; `--cursor`
 * resumes where a previous page stopped.
 */
import { type ApiKey, type KeyStatus, type KeyType, type Pagination } from "../../api/types.ts";
import type { Context } from "../../runtime/context.ts";
import { UsageError } from "../../runtime/errors.ts";
import { API_KEY_COLUMNS, API_KEY_DISPLAY_ORDER, API_KEY_TABLE, asRows } from "./_columns.ts";
import { parseColumnSelection } from "../../formats/select_columns.ts";
import { type ListHygiene, parseListHygiene, type RawListHygieneValues } from "./_list_hygiene.ts";
import { apiKeyPages } from "../../api/api_keys.ts";
import { resolveSpaceId } from "../../api/spaces.ts";
import type { PagedRecords } from "../../api/paginate.ts";
import { showPrereleaseNotice } from "../../config/notices.ts";
import { printRecords } from "../../cli/output.ts";
import { listPages } from "../../cli/list_pages.ts";
import { announce } from "../../cli/messages.ts";
import { announceMore, type Paging, parsePaging, type RawPagingValues } from "../../cli/paging.ts";
import { DEFAULT_LIMIT, KEYS } from "./mod.ts";
import { openSession, type Session } from "../../cli/session.ts";
import { keyFilter } from "./_key_filter.ts";
import { type KeyQuery, matchingKeys } from "./_matching_keys.ts";
import { sortAll } from "./_sort.ts";
import { writeIds } from "../../cli/quiet.ts";
import {
  checkNotBlank,
  type CommonOptions,
  parseCommon,
  type RawCommonValues,
} from "../../cli/common.ts";
import { handler } from "../../cli/command.ts";

/** Options of `ax api-keys list`, after validation. */
export interface ListOptions {
  keyType?: KeyType;
  status?: KeyStatus;
  /** A space name or ID: list that space's service keys instead of your user keys. */
  space?: string;
  /** A user ID (API `user_id`): keys created by that user. */
  user?: string;
  /**
   * How many records to fetch (in pages of up to 100, until that many came),
   * every page, or — without --limit or --all — one page of 15, as the
   * reference CLI does.
   */
  want: Paging["want"];
  /** Resume after this cursor. */
  cursor?: string;
  /** `--columns`: the columns table, wide and csv print, in this order. */
  columns?: string[];
  /** Local filters, `--sort`, `-q` (issue 14). */
  hygiene: ListHygiene;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawListValues extends RawCommonValues, RawListHygieneValues, RawPagingValues {
  keyType?: KeyType;
  status?: KeyStatus;
  space?: string;
  user?: string;
  columns?: string;
}

/** Validates `list`'s option values. */
export function parseList(values: RawListValues): ListOptions {
  const { want, cursor } = parsePaging(values, KEYS);
  // The API answers 400 after the space lookup; say it before any request (I1).
  if (values.space !== undefined && values.keyType === "user") {
    throw new UsageError(
      "--space lists a space's service keys; it cannot be used with --key-type user.",
      [
        "Drop --space to list your user keys, or use --key-type service with it.",
      ],
    );
  }
  return {
    keyType: values.keyType,
    status: values.status,
    space: values.space === undefined ? undefined : checkNotBlank(values.space, "--space"),
    user: values.user === undefined ? undefined : checkNotBlank(values.user, "--user"),
    want,
    cursor,
    ...(values.columns === undefined ? {} : {
      columns: parseColumnSelection(values.columns, {
        columns: API_KEY_COLUMNS,
        option: "--columns",
      }),
    }),
    hygiene: parseListHygiene(values),
    common: parseCommon(values),
  };
}

/** Fetches the keys page by page and streams them into the chosen format. */
export async function runList(options: ListOptions, ctx: Context): Promise<void> {
  const { quiet } = options.hygiene;
  const session = await openSession(ctx, { common: options.common, output: !quiet });
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
  const { filter, sort, from } = options.hygiene;
  const local = filter !== undefined || sort !== undefined || from.skip > 0 ||
    from.key !== undefined;
  const selection = local ? selectedKeys(session, { query, options, now: ctx.now() }) : undefined;
  const pages = selection ?? listPages(apiKeyPages(session.client, query), {
    paging: { want, cursor: from.serverCursor },
    defaultLimit: DEFAULT_LIMIT,
    // The status line is a no-op off a terminal, so pipes never see it.
    progress: (fetched) => session.status.show(`Fetched ${fetched} API keys…`),
  });
  session.status.spin("Fetching API keys…");
  try {
    if (quiet) await writeIds(pages.records, session.ctx);
    else {
      await printRecords(asRows(pages.records), {
        target: session.target!,
        info: {
          columns: API_KEY_COLUMNS,
          displayOrder: API_KEY_DISPLAY_ORDER,
          table: API_KEY_TABLE,
          selected: options.columns,
          shape: "list",
          collection: "api_keys",
          pagination: pages.pagination,
        },
        ctx: session.ctx,
      });
    }
  } finally {
    await session.close();
  }
  const pagination = pages.pagination();
  if (sort !== undefined && pagination?.has_more) {
    await announce(ctx, sortedMoreMessage(options, selection!.selected()));
    return;
  }
  await announceMore(ctx, { target: session.target, pagination });
}

/**
 * The keys ax itself selects: filtered as pages arrive (`--limit` and the
 * default page count matches), or with `--sort` all of them read, sorted,
 * and the first `--limit` kept.
 */
function selectedKeys(
  session: Session,
  input: { query: KeyQuery; options: ListOptions; now: Date },
): PagedRecords<ApiKey> & { selected(): number } {
  const { options } = input;
  const { filter, sort, from } = options.hygiene;
  const want = options.want === "page" ? DEFAULT_LIMIT : options.want;
  const match = filter === undefined ? undefined : keyFilter(filter, input.now);
  const onProgress = (read: number, matched: number) =>
    session.status.show(
      match === undefined
        ? `Fetched ${read} API keys…`
        : `Fetched ${read} API keys, ${matched} matching…`,
    );
  const matches = matchingKeys(session.client, input.query, {
    from,
    want: sort === undefined ? want : "all",
    match,
    onProgress,
  });
  if (sort === undefined) return { ...matches, selected: () => 0 };
  let selected = 0;
  let pagination: Pagination | undefined;
  async function* sorted(): AsyncGenerator<ApiKey> {
    const all = await sortAll(matches.records, sort!);
    selected = all.total;
    const shown = want === "all" ? all.total : Math.min(want, all.total);
    pagination = { has_more: shown < all.total };
    yield* all.first(shown);
  }
  return { records: sorted(), pagination: () => pagination, selected: () => selected };
}

/** After a sorted listing that showed only the first keys. */
function sortedMoreMessage(options: ListOptions, selected: number): string {
  const shown = options.want === "page" ? DEFAULT_LIMIT : options.want;
  return `ℹ Showing the first ${shown} of ${selected} keys in this order; ` +
    "use --limit N or --all for more.";
}

/** `list`'s parse and run, for its declaration in mod.ts. */
export const LIST_HANDLER = handler(
  (input) => parseList(input.values as RawListValues),
  runList,
);
