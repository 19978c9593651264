/**
 * `ax spaces list`: the spaces the caller can read, one page by default,
 * `--limit N` across pages, or `--all`; `--name` filters on the server; `-q`
 * prints only the IDs.
 * Declared in mod.ts; this module (parse + run) loads when the command runs.
 */
import { spacePages } from "../../api/spaces.ts";
import type { Space } from "../../api/types.ts";
import { handler } from "../../cli/command.ts";
import {
  checkNotBlank,
  type CommonOptions,
  parseCommon,
  type RawCommonValues,
} from "../../cli/common.ts";
import { printRecords } from "../../cli/output.ts";
import { listPages } from "../../cli/list_pages.ts";
import { announceMore, type Paging, parsePaging, type RawPagingValues } from "../../cli/paging.ts";
import { parseQuiet, writeIds } from "../../cli/quiet.ts";
import { openSession } from "../../cli/session.ts";
import type { Column, Row } from "../../formats/types.ts";
import type { Context } from "../../runtime/context.ts";
import { DEFAULT_LIMIT, SPACES_NOUN } from "./mod.ts";

/** Columns of a space, in the API's own names and order. */
export const SPACE_COLUMNS: readonly Column[] = [
  { name: "id", type: "string", nullable: false },
  { name: "name", type: "string", nullable: false },
  { name: "description", type: "string", nullable: true },
  { name: "created_at", type: "timestamp", nullable: true },
];

/** Options of `ax spaces list`, after validation. */
export interface SpacesListOptions extends Paging {
  /** Substring of the name, matched by the server. */
  name?: string;
  /** `-q`: IDs only, one per line. */
  quiet: boolean;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawSpacesListValues extends RawCommonValues, RawPagingValues {
  name?: string;
  quiet?: true;
}

/** Validates `list`'s option values. */
export function parseSpacesList(values: RawSpacesListValues): SpacesListOptions {
  const name = values.name === undefined ? undefined : checkNotBlank(values.name, "--name");
  return {
    name,
    quiet: parseQuiet(values, "space"),
    ...parsePaging(values, SPACES_NOUN),
    common: parseCommon(values),
  };
}

/** Fetches the spaces page by page and streams them into the chosen format. */
export async function runSpacesList(options: SpacesListOptions, ctx: Context): Promise<void> {
  const session = await openSession(ctx, { common: options.common, output: !options.quiet });
  const pages = listPages(spacePages(session.client, { name: options.name }), {
    paging: options,
    defaultLimit: DEFAULT_LIMIT,
    // The status line is a no-op off a terminal, so pipes never see it.
    progress: (fetched) => session.status.show(`Fetched ${fetched} spaces…`),
  });
  session.status.spin("Fetching spaces…");
  try {
    if (options.quiet) await writeIds(pages.records, session.ctx);
    else {
      await printRecords(rows(pages.records), {
        target: session.target!,
        info: {
          columns: SPACE_COLUMNS,
          // The name first, as in every ax list: it is what --space takes.
          displayOrder: ["name", "id", "description", "created_at"],
          // A narrow terminal drops the description and the time before the
          // name is cut (a cut name cannot be typed back).
          table: {
            cuttable: ["name", "description"],
            dropOrder: ["description", "created_at"],
            empty: emptyLine(options.name),
          },
          shape: "list",
          collection: "spaces",
          pagination: pages.pagination,
        },
        ctx: session.ctx,
      });
    }
  } finally {
    await session.close();
  }
  await announceMore(ctx, { target: session.target, pagination: pages.pagination() });
}

/**
 * What an empty table says. The server matches `--name` as text, so a `*`
 * or `?` (wildcards in `api-keys list --name`) finds nothing: say why.
 */
function emptyLine(name: string | undefined): string | undefined {
  if (name === undefined || !/[*?]/.test(name)) return undefined;
  return "No spaces found: --name matches text in names; * and ? are not wildcards here.";
}

function rows(spaces: AsyncIterable<Space>): AsyncIterable<Row> {
  return spaces as unknown as AsyncIterable<Row>;
}

/** `spaces list`'s parse and run, for its declaration in mod.ts. */
export const LIST_HANDLER = handler(
  (input) => parseSpacesList(input.values as RawSpacesListValues),
  runSpacesList,
);
