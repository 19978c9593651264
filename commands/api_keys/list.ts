/**
 * `ax api-keys list`: the caller's keys, one page by default, `--limit N`
 * records across as many pages as that takes, or `--all` of them; `--cursor`
 * resumes where a previous page stopped.
 */
import type { Command, CommandUnknownOpts } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import { KEY_STATUSES, KEY_TYPES, type KeyStatus, type KeyType } from "../../api/types.ts";
import type { Context } from "../../runtime/context.ts";
import { UsageError } from "../../runtime/errors.ts";
import {
  enumOption,
  outputOption,
  pluginOption,
  type RawCommonValues,
  timeoutOption,
  verboseOption,
  type Wiring,
} from "../../cli/options.ts";
import { examples } from "../../cli/help.ts";
import { type CommonOptions, parseCommon } from "../../cli/common.ts";
import { checkNotBlank, parseLimit } from "./_validate.ts";
import type { CommandSummary } from "../_stubs.ts";

/** The size of the one page fetched when neither `--limit` nor `--all` is given. */
export const DEFAULT_LIMIT = 15;

/** The largest page the API serves; more records mean more pages. */
export const PAGE_SIZE = 100;

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

/** What `ax api-keys --help` shows of `list`, built or not. */
export const LIST_SUMMARY: CommandSummary = {
  name: "list",
  description: "List your API keys, or with --space one space's service keys",
  options: true,
};

/** Registers `list` under `api-keys`. */
export function listCommand(parent: Command, wiring: Wiring<ListOptions>): CommandUnknownOpts {
  return parent
    .command(LIST_SUMMARY.name)
    .description(LIST_SUMMARY.description)
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

/**
 * Fetches the keys page by page and streams them into the chosen format. The
 * work lives in _list_run.ts, loaded only now: `--help` and shell completion
 * register this command without loading the API client or the formats.
 */
export async function runList(options: ListOptions, ctx: Context): Promise<void> {
  const { fetchList } = await import("./_list_run.ts");
  await fetchList(options, ctx);
}
