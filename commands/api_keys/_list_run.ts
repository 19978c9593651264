/**
 * The run-time half of `ax api-keys list` (see list.ts): the requests and
 * the output. Loaded only when the command runs.
 */
import { listApiKeys, type ListApiKeysQuery } from "../../api/api_keys.ts";
import type { ApiClient } from "../../api/client.ts";
import { resolveSpaceId } from "../../api/spaces.ts";
import { type PagedRecords, paginateApiKeys } from "../../api/paginate.ts";
import type { ApiKey, Pagination } from "../../api/types.ts";
import { showPrereleaseNotice } from "../../config/notices.ts";
import { writeOutput } from "../../formats/output.ts";
import type { Context } from "../../runtime/context.ts";
import { ApiError } from "../../runtime/errors.ts";
import { API_KEY_COLUMNS, API_KEY_DISPLAY_ORDER, asRows } from "./_columns.ts";
import { announce, MORE_ITEMS } from "./_messages.ts";
import { openSession } from "../../cli/session.ts";
import { DEFAULT_LIMIT, type ListOptions, PAGE_SIZE } from "./list.ts";

/** Fetches the keys page by page and streams them into the chosen format. */
export async function fetchList(options: ListOptions, ctx: Context): Promise<void> {
  const session = await openSession(ctx, { common: options.common, output: true });
  await showPrereleaseNotice(session.ctx, "api-keys");
  // The API lists your user keys, or with space_id one space's service keys.
  const spaceId = options.space === undefined ? undefined : await session.request(
    "Looking up the space…",
    () => resolveSpaceId(session.client, options.space!),
  );
  const query = { key_type: options.keyType, status: options.status, space_id: spaceId };
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
    await writeOutput(asRows(pages.records), session.target!, {
      columns: API_KEY_COLUMNS,
      displayOrder: API_KEY_DISPLAY_ORDER,
      shape: "list",
      collection: "api_keys",
      pagination: pages.pagination,
    }, session.ctx);
  } catch (error) {
    throw withSpaceHint(error, options);
  } finally {
    await session.close();
  }
  const pagination = pages.pagination();
  // json carries the pagination in its document; every other format would
  // lose it, so the way on is said on stderr (stdout stays data).
  if (pagination?.has_more && pagination.next_cursor && session.target!.format.name !== "json") {
    await announce(ctx, MORE_ITEMS);
    await announce(ctx, `  --cursor ${pagination.next_cursor}`);
  }
}

/** The API lists service keys per space; a 400 for `--key-type service` alone says how. */
function withSpaceHint(error: unknown, options: ListOptions): unknown {
  if (
    !(error instanceof ApiError) || error.status !== 400 || options.keyType !== "service" ||
    options.space !== undefined
  ) {
    return error;
  }
  return new ApiError(error.status, error.message, {
    problem: error.problem,
    hints: ["Service keys are listed per space: add --space NAME_OR_ID.", ...error.hints],
  });
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
