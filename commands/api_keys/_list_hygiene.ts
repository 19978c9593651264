/**
 * The key-hygiene options of `ax api-keys list` (issue 14): the local
 * filters, `--sort` and `-q`, declared here (as data, for mod.ts) and
 * validated here so list.ts stays a list of its options.
 */
import type { OptionSpec } from "../../cli/command.ts";
import { parseQuiet, quietOption } from "../../cli/quiet.ts";
import { UsageError } from "../../runtime/errors.ts";
import { DURATION_FORMS } from "./_duration.ts";
import { type KeyFilterSpec, parseKeyFilter, type RawKeyFilterValues } from "./_key_filter.ts";
import { decodeListCursor, type ListPosition } from "./_match_cursor.ts";
import { SORT_CHOICES, SORT_VALUES, type SortSpec, sortSpec } from "./_sort.ts";

/** The hygiene options of `list`, validated. */
export interface ListHygiene {
  /** Tested on ax's side as pages arrive; undefined when no local filter was given. */
  filter?: KeyFilterSpec;
  sort?: SortSpec;
  /** `-q`: key IDs only, one per line. */
  quiet: boolean;
  /** Where `--cursor` resumes (ax's own cursors point inside a page). */
  from: ListPosition;
}

/** Raw values of the hygiene options. */
export interface RawListHygieneValues extends RawKeyFilterValues {
  sort?: string;
  quiet?: true;
  cursor?: string;
  output?: string;
}

/** `-q, --quiet`: key IDs only (list, audit). */
export const QUIET_OPTION: OptionSpec = quietOption("key");

/** The local filters, `--sort` and `-q` of `list`. */
export const LIST_HYGIENE_OPTIONS: readonly OptionSpec[] = [
  {
    flags: "--expires-within <duration>",
    description:
      `only keys that expire within this time (${DURATION_FORMS}); expired ones included`,
  },
  { flags: "--never-expires", description: "only keys without an expiry date" },
  {
    flags: "--unused-for <duration>",
    description: `only keys not used for this long, or never used and older (${DURATION_FORMS})`,
  },
  {
    flags: "--name <pattern>",
    description: "only keys whose name matches this glob, any case ('ci-*')",
  },
  {
    flags: "--sort <field[:asc|:desc]>",
    description: "sort by this field, absent values last; reads every page first",
    choices: SORT_CHOICES,
    accepts: SORT_VALUES,
  },
  QUIET_OPTION,
];

/** Validates the hygiene options of `list`. */
export function parseListHygiene(values: RawListHygieneValues): ListHygiene {
  const filter = parseKeyFilter(values);
  const sort = values.sort === undefined ? undefined : sortSpec(values.sort);
  if (sort && values.cursor !== undefined) {
    throw new UsageError("--sort and --cursor cannot be used together.", [
      "A sorted listing reads every page; use --limit N or --all instead of a cursor.",
    ]);
  }
  const quiet = parseQuiet(values, "key");
  const from = values.cursor === undefined
    ? { serverCursor: undefined, skip: 0 }
    : decodeListCursor(values.cursor);
  return { filter, sort, quiet, from };
}
