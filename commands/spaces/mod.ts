/**
 * The `ax spaces` group, declared as data. `list` (list.ts, loaded when it
 * runs) pages through `GET /v2/spaces`.
 */
import { quietOption } from "../../cli/quiet.ts";
import { API_OUTPUT_FLAGS } from "../../cli/common.ts";
import type { GroupSpec } from "../../cli/command.ts";
import { type Noun, pagingOptions } from "../../cli/paging.ts";

/** The size of the one page `list` fetches when neither `--limit` nor `--all` is given. */
export const DEFAULT_LIMIT = 15;

/** What `list` counts, for its help and messages. */
export const SPACES_NOUN: Noun = { one: "space", many: "spaces" };

/** `ax spaces`. */
export const SPACES: GroupSpec = {
  name: "spaces",
  description: "List the spaces you can read",
  commands: [{
    name: "list",
    description: "List the spaces you can read, optionally those whose name contains a text",
    options: [
      {
        flags: "-n, --name <text>",
        description:
          "only spaces whose name contains this text (any case; * and ? are not wildcards)",
      },
      ...pagingOptions(SPACES_NOUN, DEFAULT_LIMIT),
      quietOption("space"),
    ],
    common: API_OUTPUT_FLAGS,
    examples: [
      "ax spaces list",
      'ax spaces list --name "My Space"',
      "ax spaces list --all -o spaces.csv",
      "ax spaces list --limit 250 -o json",
      "ax spaces list --all -q",
    ],
    handler: async () => (await import("./list.ts")).LIST_HANDLER,
  }],
};
