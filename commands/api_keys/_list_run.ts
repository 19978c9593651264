/**
 * The run-time half of `ax api-keys list` (see list.ts): the requests and
 * the output. Loaded only when the command runs.
 */
import { apiKeyPages } from "../../api/api_keys.ts";
import { resolveSpaceId } from "../../api/spaces.ts";
import { firstPage, type PagedRecords, paginate } from "../../api/paginate.ts";
import type { ApiKey, Pagination } from "../../api/types.ts";
import { showPrereleaseNotice } from "../../config/notices.ts";
import { writeOutput } from "../../formats/output.ts";
import type { Context } from "../../runtime/context.ts";
import { shellCommand } from "../../runtime/shell_quote.ts";
import { API_KEY_COLUMNS, API_KEY_DISPLAY_ORDER, API_KEY_TABLE, asRows } from "./_columns.ts";
import { announce, MORE_ITEMS } from "./_messages.ts";
import { openSession } from "./_session.ts";
import { DEFAULT_LIMIT, type ListOptions, PAGE_SIZE } from "./list.ts";
import type { Session } from "./_session.ts";
import { keyFilter } from "./_key_filter.ts";
import { type KeyQuery, matchingKeys } from "./_matching_keys.ts";
import { sortAll } from "./_sort.ts";
import { writeIds } from "./_write_ids.ts";

/** Fetches the keys page by page and streams them into the chosen format. */
export async function fetchList(options: ListOptions, ctx: Context): Promise<void> {
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
  const local = filter !== undefined || sort !== undefined || from.skip > 0;
  const selection = local ? selectedKeys(session, { query, options, now: ctx.now() }) : undefined;
  const source = apiKeyPages(session.client, query);
  const pages = selection ??
    (want === "page"
      ? firstPage(source, { limit: DEFAULT_LIMIT, cursor: options.hygiene.from.serverCursor })
      : paginate(source, {
        want,
        cursor: options.hygiene.from.serverCursor,
        // Progress only when several pages are coming (T5); the status line is
        // a no-op off a terminal, so pipes never see it.
        onProgress: want === "all" || want > PAGE_SIZE
          ? (fetched) => session.status.show(`Fetched ${fetched} API keys…`)
          : undefined,
      }));
  session.status.spin("Fetching API keys…");
  try {
    if (quiet) await writeIds(pages.records, session.ctx);
    else {
      await writeOutput(asRows(pages.records), session.target!, {
        columns: API_KEY_COLUMNS,
        displayOrder: API_KEY_DISPLAY_ORDER,
        table: API_KEY_TABLE,
        selected: options.columns,
        shape: "list",
        collection: "api_keys",
        pagination: pages.pagination,
      }, session.ctx);
    }
  } finally {
    await session.close();
  }
  const pagination = pages.pagination();
  if (sort !== undefined && pagination?.has_more) {
    await announce(ctx, sortedMoreMessage(options, selection!.selected()));
    return;
  }
  // json carries the pagination in its document; every other format would
  // lose it, so the way on is said on stderr (stdout stays data).
  if (pagination?.has_more && pagination.next_cursor && session.target?.format.name !== "json") {
    await announce(ctx, MORE_ITEMS);
    await announce(ctx, `  ${shellCommand(["--cursor", pagination.next_cursor])}`);
  }
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
