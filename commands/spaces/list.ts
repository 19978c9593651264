/**
 * `ax spaces list`: the spaces the caller can read, one page by default,
 * `--limit N` across pages, or `--all`; `--name` filters on the server.
 * Declared in mod.ts; this module (parse + run) loads when the command runs.
 */
import { firstPage, paginate } from "../../api/paginate.ts";
import { spacePages } from "../../api/spaces.ts";
import type { Space } from "../../api/types.ts";
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
import type { Column, Row } from "../../formats/types.ts";
import type { Context } from "../../runtime/context.ts";
import { UsageError } from "../../runtime/errors.ts";
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
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawSpacesListValues extends RawCommonValues, RawPagingValues {
  name?: string;
}

/** Validates `list`'s option values. */
export function parseSpacesList(values: RawSpacesListValues): SpacesListOptions {
  if (values.name !== undefined && values.name.trim() === "") {
    throw new UsageError("--name must not be empty.");
  }
  return { name: values.name, ...parsePaging(values, SPACES_NOUN), common: parseCommon(values) };
}

/** Fetches the spaces page by page and streams them into the chosen format. */
export async function runSpacesList(options: SpacesListOptions, ctx: Context): Promise<void> {
  const session = await openSession(ctx, { common: options.common, output: true });
  const source = spacePages(session.client, { name: options.name });
  const { want, cursor } = options;
  const pages = want === "page" ? firstPage(source, { limit: DEFAULT_LIMIT, cursor }) : paginate(
    source,
    {
      want,
      cursor,
      onProgress: want === "all" || want > PAGE_SIZE
        ? (fetched) => session.status.show(`Fetched ${fetched} spaces…`)
        : undefined,
    },
  );
  session.status.spin("Fetching spaces…");
  try {
    await printRecords(rows(pages.records), {
      target: session.target!,
      info: {
        columns: SPACE_COLUMNS,
        displayOrder: SPACE_COLUMNS.map((c) => c.name),
        shape: "list",
        collection: "spaces",
        pagination: pages.pagination,
      },
      ctx: session.ctx,
    });
  } finally {
    await session.close();
  }
  await announceMore(ctx, { target: session.target!, pagination: pages.pagination() });
}

function rows(spaces: AsyncIterable<Space>): AsyncIterable<Row> {
  return spaces as unknown as AsyncIterable<Row>;
}

/** `spaces list`'s parse and run, for its declaration in mod.ts. */
export const LIST_HANDLER = handler(
  (input) => parseSpacesList(input.values as RawSpacesListValues),
  runSpacesList,
);
