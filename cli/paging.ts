/**
 * What every paged list shares: `-l/--limit`, `--all` and `-c/--cursor`
 * declared once, their validation, and the hint after a list that stopped
 * with more to come. `ax api-keys list` and `ax spaces list` read alike.
 */
import type { Pagination } from "../api/types.ts";
import type { OutputTarget } from "../formats/output.ts";
import type { Context } from "../runtime/context.ts";
import { UsageError } from "../runtime/errors.ts";
import { shellCommand } from "../runtime/shell_quote.ts";
import type { OptionSpec } from "./command.ts";
import { checkNotBlank } from "./common.ts";
import { announce } from "./messages.ts";

/** The largest page the API serves; more records mean more pages. */
export const PAGE_SIZE = 100;

/** First line of the hint shown under a list when more pages exist. */
export const MORE_ITEMS = "More items available. To fetch the next page, add:";

/** What a list counts, for help and messages: `{ one: "key", many: "keys" }`. */
export interface Noun {
  readonly one: string;
  readonly many: string;
}

/** `--limit`, `--all` and `--cursor` of a list whose default page is `defaultLimit` records. */
export function pagingOptions(noun: Noun, defaultLimit: number): OptionSpec[] {
  return [
    {
      flags: "-l, --limit <n>",
      description: `number of ${noun.many} to fetch, in pages of up to ${PAGE_SIZE} ` +
        `(default: ${defaultLimit})`,
    },
    { flags: "--all", description: "fetch every page (not with --limit)" },
    { flags: "-c, --cursor <cursor>", description: "resume from this pagination cursor" },
  ];
}

/** Raw values of the paging options. */
export interface RawPagingValues {
  limit?: string;
  all?: true;
  cursor?: string;
}

/** The paging options, after validation. */
export interface Paging {
  /**
   * How many records to fetch (in pages of up to 100, until that many came),
   * every page, or — without --limit or --all — one default page.
   */
  want: number | "all" | "page";
  /** Resume after this cursor. */
  cursor?: string;
}

/** Validates the paging options; `--limit` and `--all` exclude each other. */
export function parsePaging(values: RawPagingValues, noun: Noun): Paging {
  if (values.all && values.limit !== undefined) {
    throw new UsageError("--limit and --all cannot be used together.", [
      `Use --limit N for N ${noun.many}, or --all for every ${noun.one}.`,
    ]);
  }
  let want: Paging["want"] = "page";
  if (values.all) want = "all";
  else if (values.limit !== undefined) want = parseLimit(values.limit);
  const cursor = values.cursor === undefined ? undefined : checkNotBlank(values.cursor, "--cursor");
  return { want, cursor };
}

/** `--limit`: a positive whole number (capped at 2^53, which means "all of them"). */
export function parseLimit(value: string): number {
  if (!/^\d+$/.test(value) || /^0+$/.test(value)) {
    throw new UsageError(
      `--limit must be a positive whole number (e.g. 15 or 250), got '${value}'.`,
      ["Use --all to fetch every page."],
    );
  }
  // Beyond 2^53 every count is "all of them" in practice; keep it exact.
  return Math.min(Number(value), Number.MAX_SAFE_INTEGER);
}

/**
 * After a list that stopped with more to come: json carries the pagination
 * in its document; every other format would lose it, so the way on is said
 * on stderr (stdout stays data).
 */
export async function announceMore(
  ctx: Context,
  list: { target: OutputTarget | undefined; pagination: Pagination | undefined },
): Promise<void> {
  const { pagination } = list;
  if (pagination?.has_more && pagination.next_cursor && list.target?.format.name !== "json") {
    await announce(ctx, MORE_ITEMS);
    await announce(ctx, `  ${shellCommand(["--cursor", pagination.next_cursor])}`);
  }
}
