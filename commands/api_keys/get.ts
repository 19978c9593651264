/**
 * `ax api-keys get <id-or-name>`: one key, in any `-o` format, without its
 * secret (the API never returns it after creation). A name works when it
 * names exactly one key, or exactly one active key; otherwise the keys are
 * refused with their IDs.
 */
import type { Context } from "../../runtime/context.ts";
import { resolveSpaceId } from "../../api/spaces.ts";
import type { ApiKey } from "../../api/types.ts";
import { showPrereleaseNotice } from "../../config/notices.ts";
import { AxError, EXIT } from "../../runtime/errors.ts";
import { API_KEY_COLUMNS, API_KEY_DISPLAY_ORDER, toRow } from "./_columns.ts";
import { keysIn, type LookupScope } from "./_key_lookup.ts";
import { openSession } from "../../cli/session.ts";
import { printRecord } from "../../cli/output.ts";
import {
  checkNotBlank,
  type CommonOptions,
  parseCommon,
  type RawCommonValues,
} from "../../cli/common.ts";
import { handler } from "../../cli/command.ts";

/** Options of `ax api-keys get`, after validation. */
export interface GetOptions {
  /** A key ID, or a key's exact name. */
  idOrName: string;
  /** Only this space's service keys (name or ID); default: your user keys, then every space's. */
  space?: string;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawGetValues extends RawCommonValues {
  space?: string;
}

/** Validates `get`'s arguments. */
export function parseGet(input: { idOrName: string; values: RawGetValues }): GetOptions {
  return {
    idOrName: checkNotBlank(input.idOrName, "The key ID or name"),
    space: input.values.space === undefined
      ? undefined
      : checkNotBlank(input.values.space, "--space"),
    common: parseCommon(input.values),
  };
}

/** Finds the key and prints it. */
export async function runGet(options: GetOptions, ctx: Context): Promise<void> {
  const session = await openSession(ctx, { common: options.common, output: true });
  try {
    await showPrereleaseNotice(session.ctx, "api-keys");
    const spaces = options.space === undefined ? "all" : [
      await session.request(
        "Looking up the space…",
        () => resolveSpaceId(session.client, options.space!),
      ),
    ];
    const scope: LookupScope = {
      statuses: ["active", "revoked"],
      spaces,
      userKeys: options.space === undefined,
    };
    session.status.spin("Looking for the key…");
    const key = await findOne(keysIn(session.client, scope), options.idOrName);
    await session.status.stop();
    await printRecord(toRow(key), {
      target: session.target!,
      info: {
        columns: API_KEY_COLUMNS,
        displayOrder: API_KEY_DISPLAY_ORDER,
        shape: "object",
        collection: "api_keys",
        pagination: () => undefined,
      },
      ctx: session.ctx,
    });
  } finally {
    await session.close();
  }
}

/**
 * The key whose ID is `wanted` (reading stops there), else the one key so
 * named, else the one active key so named: a refresh revokes the old key and
 * gives its name to the new one, and the name then means the key in use.
 * None, or several that remain, is an error naming what was found.
 */
export async function findOne(keys: AsyncIterable<ApiKey>, wanted: string): Promise<ApiKey> {
  const named: ApiKey[] = [];
  for await (const key of keys) {
    if (key.id === wanted) return key;
    if (key.name === wanted) named.push(key);
  }
  if (named.length === 1) return named[0];
  const active = named.filter((key) => key.status === "active");
  if (active.length === 1) return active[0];
  if (named.length === 0) {
    throw new AxError(`No API key with the ID or name '${wanted}' was found.`, {
      exitCode: EXIT.GENERAL,
      hints: ["Names match exactly, including case; see ax api-keys list."],
    });
  }
  throw new AxError(
    `${named.length} API keys are named '${wanted}'. Use an ID to choose one. Matching IDs: ${
      named.map((key) => key.id).join(", ")
    }`,
    { exitCode: EXIT.GENERAL },
  );
}

/** `get`'s parse and run, for its declaration in mod.ts. */
export const GET_HANDLER = handler(
  (input) => parseGet({ idOrName: input.args[0] as string, values: input.values as RawGetValues }),
  runGet,
);
