/**
 * `ax api-keys list`: the caller's keys, one page by default, `--limit N`
 * records across as many pages as that takes, or `--all` of them; `--cursor`
 * resumes where a previous page stopped.
 */
import type { Command, CommandUnknownOpts } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import { listApiKeys, type ListApiKeysQuery } from "../../api/api_keys.ts";
import type { ApiClient } from "../../api/client.ts";
import { resolveSpaceId } from "../../api/spaces.ts";
import { type PagedRecords, paginateApiKeys } from "../../api/paginate.ts";
import {
  type ApiKey,
  KEY_STATUSES,
  KEY_TYPES,
  type KeyStatus,
  type KeyType,
  type Pagination,
} from "../../api/types.ts";
import { showPrereleaseNotice } from "../../config/notices.ts";
import { writeOutput } from "../../formats/output.ts";
import type { Context } from "../../runtime/context.ts";
import { ApiError, UsageError } from "../../runtime/errors.ts";
import { API_KEY_COLUMNS, API_KEY_DISPLAY_ORDER, asRows } from "./_columns.ts";
import { announce, MORE_ITEMS } from "./_messages.ts";
import {
  enumOption,
  outputOption,
  pluginOption,
  type RawCommonValues,
  timeoutOption,
  verboseOption,
  type Wiring,
} from "./_options.ts";
import { examples } from "../_help.ts";
import { type CommonOptions, openSession, parseCommon } from "./_session.ts";
import { checkNotBlank, parseLimit } from "./_validate.ts";

/** The size of the one page fetched when neither `--limit` nor `--all` is given. */
export const DEFAULT_LIMIT = 15;

/** The largest page the API serves; more records mean more pages. */
const PAGE_SIZE = 100;

/** Options of `ax api-keys list`, after validation. */
export interface ListOptions {
  keyType?: KeyType;
  status?: KeyStatus;
  /** A space name or ID: list that space's service keys instead of your user keys. */
  space?: string;
  /**
   * How many records to fetch (in pages of up to 100, until that many came),
   * every page, or — without --limit or --all — one page of 15, as the
   * reference CLI does.
   */
  want: number | "all" | "page";
  /** Resume after this cursor. */
  cursor?: string;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawListValues extends RawCommonValues {
  keyType?: KeyType;
  status?: KeyStatus;
  space?: string;
  limit?: string;
  all?: true;
  cursor?: string;
}

/** Registers `list` under `api-keys`. */
export function listCommand(parent: Command, wiring: Wiring<ListOptions>): CommandUnknownOpts {
  return parent
    .command("list")
    .description("List your API keys, or with --space one space's service keys")
    .addOption(enumOption("--key-type <type>", {
      description: "only keys of this type",
      values: KEY_TYPES,
    }))
    .addOption(enumOption("--status <status>", {
      description: "only keys with this status (the server's default: active)",
      values: KEY_STATUSES,
    }))
    .addOption(
      new Option(
        "-s, --space <name-or-id>",
        "list this space's service keys (by name or ID) instead of your user keys",
      ),
    )
    .addOption(
      new Option(
        "-l, --limit <n>",
        `number of keys to fetch, in pages of up to ${PAGE_SIZE} (default: ${DEFAULT_LIMIT})`,
      ),
    )
    .addOption(new Option("--all", "fetch every page (not with --limit)"))
    .addOption(new Option("-c, --cursor <cursor>", "resume from this pagination cursor"))
    .addOption(outputOption())
    .addOption(verboseOption())
    .addOption(pluginOption())
    .addOption(timeoutOption())
    .addHelpText(
      "after",
      examples([
        "ax api-keys list",
        'ax api-keys list --key-type service --space "My Space" --status active',
        "ax api-keys list --limit 250 -o keys.csv",
        "ax api-keys list --all -o json",
        "ax api-keys list --cursor <next_cursor>",
        "ax api-keys list --output api-keys.json",
      ]),
    )
    .action(async (values) => {
      await wiring.run(parseList(values), wiring.ctx);
    });
}

/** Validates `list`'s option values. */
export function parseList(values: RawListValues): ListOptions {
  if (values.all && values.limit !== undefined) {
    throw new UsageError("--limit and --all cannot be used together.", [
      "Use --limit N for N keys, or --all for every key.",
    ]);
  }
  let want: ListOptions["want"] = "page";
  if (values.all) want = "all";
  else if (values.limit !== undefined) want = parseLimit(values.limit);
  return {
    keyType: values.keyType,
    status: values.status,
    space: values.space === undefined ? undefined : checkNotBlank(values.space, "--space"),
    want,
    cursor: values.cursor === undefined ? undefined : checkNotBlank(values.cursor, "--cursor"),
    common: parseCommon(values),
  };
}

/** Fetches the keys page by page and streams them into the chosen format. */
export async function runList(options: ListOptions, ctx: Context): Promise<void> {
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
