/**
 * `ax profiles list`: every profile, the one in use marked, with the base URL
 * it points at. A broken profile file is listed with a warning instead of
 * failing the whole list.
 */
import { handler } from "../../cli/command.ts";
import { type CommonOptions, parseCommon, type RawCommonValues } from "../../cli/common.ts";
import { announce } from "../../cli/messages.ts";
import { openOutput, printRecords } from "../../cli/output.ts";
import { findProfileFile, listProfiles, readProfile } from "../../config/profile_store.ts";
import { baseUrlFromRouting } from "../../config/routing.ts";
import type { Column, Row } from "../../formats/types.ts";
import type { Context } from "../../runtime/context.ts";
import { AxError } from "../../runtime/errors.ts";
import { currentProfileName } from "./_current.ts";

/** Options of `ax profiles list`, after validation. */
export interface ListOptions {
  common: CommonOptions;
}

/** One profile as listed (also the record every format prints, in snake_case). */
export interface ProfileListing {
  name: string;
  active: boolean;
  /** Null when the profile file is broken. */
  base_url: string | null;
  file: string | null;
}

/** Columns of a profile listing. */
export const PROFILE_COLUMNS: readonly Column[] = [
  { name: "name", type: "string", nullable: false },
  { name: "active", type: "boolean", nullable: false },
  { name: "base_url", type: "string", nullable: true },
  { name: "file", type: "string", nullable: true },
];

/** Validates `list`'s options. */
export function parseList(values: RawCommonValues): ListOptions {
  return { common: parseCommon(values) };
}

/**
 * Prints the profiles through the output path every list shares (`-o`
 * table, json, csv, … or a file). With none, the table says on stderr how to
 * create one (instead of `No items to display`); json and the other data
 * formats print an empty list and nothing else.
 */
export async function runList(options: ListOptions, ctx: Context): Promise<void> {
  // A bad -o fails before any profile file is read.
  const target = await openOutput(ctx, {
    output: options.common.output,
    plugins: options.common.plugins,
  });
  const names = await listProfiles(ctx);
  const current = await currentProfileName(ctx);
  const listings: ProfileListing[] = [];
  for (const name of names) listings.push(await describe(ctx, { name, active: name === current }));
  await printRecords(rows(listings), {
    target,
    info: {
      columns: PROFILE_COLUMNS,
      displayOrder: PROFILE_COLUMNS.map((c) => c.name),
      shape: "list",
      collection: "profiles",
      pagination: () => undefined,
      // On a terminal the columns people scan, long ones cut rather than
      // wrapped; `-o wide` adds the file.
      table: {
        summary: ["name", "active", "base_url"],
        cuttable: ["name", "base_url", "file"],
        empty: "No profiles found. Create one with `ax profiles create`.",
      },
    },
    ctx,
  });
}

async function* rows(listings: readonly ProfileListing[]): AsyncGenerator<Row> {
  for (const listing of listings) yield { ...listing };
}

async function describe(
  ctx: Context,
  entry: { name: string; active: boolean },
): Promise<ProfileListing> {
  try {
    const profile = await readProfile(ctx, entry.name);
    if (profile.apiKeyProblem) await announce(ctx, `⚠ Warning: ${profile.apiKeyProblem.message}`);
    let baseUrl: string | null;
    try {
      baseUrl = baseUrlFromRouting(profile.routing);
    } catch (error) {
      await announce(
        ctx,
        `⚠ Warning: Profile file ${profile.file} has bad [routing]: ${(error as Error).message}.`,
      );
      baseUrl = null;
    }
    return { ...entry, base_url: baseUrl, file: profile.file };
  } catch (error) {
    if (!(error instanceof AxError)) throw error;
    await announce(ctx, `⚠ Warning: ${error.message}`);
    const file = await findProfileFile(ctx, entry.name).catch(() => undefined);
    return { ...entry, base_url: null, file: file ?? null };
  }
}

/** `list`'s parse and run, for its declaration in mod.ts. */
export const LIST_HANDLER = handler(
  (input) => parseList(input.values as RawCommonValues),
  runList,
);
