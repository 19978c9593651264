/**
 * `ax profiles list`: every profile, the one in use marked, with the base URL
 * it points at. A broken profile file is listed with a warning instead of
 * failing the whole list.
 */
import type { Command } from "@commander-js/extra-typings";
import { findProfileFile, listProfiles, readProfile } from "../../config/profile_store.ts";
import { baseUrlFromRouting } from "../../config/routing.ts";
import type { Context } from "../../runtime/context.ts";
import { AxError } from "../../runtime/errors.ts";
import { currentProfileName } from "./_current.ts";
import {
  parseProfilesOutput,
  type ProfilesOutput,
  profilesOutputOption,
  renderColumns,
  say,
  type Wiring,
} from "./_shared.ts";
import { examples } from "../../cli/help.ts";
import type { CommandSummary } from "../_stubs.ts";

/** Options of `ax profiles list`, after validation. */
export interface ListOptions {
  output: ProfilesOutput;
}

/** One profile as listed (also the JSON shape, in snake_case). */
export interface ProfileListing {
  name: string;
  active: boolean;
  /** Null when the profile file is broken. */
  base_url: string | null;
  file: string | null;
}

/** What `ax profiles --help` shows of `list`, built or not. */
export const LIST_SUMMARY: CommandSummary = {
  name: "list",
  description: "List profiles; * marks the one in use",
  options: true,
};

/** Registers `list` under `profiles`. */
export function listCommand(parent: Command, wiring: Wiring<ListOptions>): void {
  parent
    .command(LIST_SUMMARY.name)
    .description(LIST_SUMMARY.description)
    .addOption(profilesOutputOption())
    .addHelpText("after", examples(["ax profiles list", "ax profiles list -o json"]))
    .action(async (values) => {
      await wiring.run(parseList(values), wiring.ctx);
    });
}

/** Validates `list`'s options. */
export function parseList(values: { output?: string }): ListOptions {
  return { output: parseProfilesOutput(values.output) };
}

/** Prints the profiles: a table (or a note on stderr when there are none), or a JSON array. */
export async function runList(options: ListOptions, ctx: Context): Promise<void> {
  const names = await listProfiles(ctx);
  const current = await currentProfileName(ctx);
  const listings: ProfileListing[] = [];
  for (const name of names) listings.push(await describe(ctx, { name, active: name === current }));
  if (options.output === "json") {
    await ctx.stdout.write(JSON.stringify(listings, null, 2) + "\n");
    return;
  }
  if (listings.length === 0) {
    await say(ctx, "ℹ No profiles found. Create one with `ax profiles create`.");
    return;
  }
  const rows = listings.map((
    p,
  ) => [p.name, p.active ? "*" : "", p.base_url ?? "(broken, see above)"]);
  await ctx.stdout.write(renderColumns([["NAME", "ACTIVE", "BASE URL"], ...rows]));
}

async function describe(
  ctx: Context,
  entry: { name: string; active: boolean },
): Promise<ProfileListing> {
  try {
    const profile = await readProfile(ctx, entry.name);
    let baseUrl: string | null;
    try {
      baseUrl = baseUrlFromRouting(profile.routing);
    } catch (error) {
      await say(
        ctx,
        `⚠ Warning: Profile file ${profile.file} has bad [routing]: ${(error as Error).message}.`,
      );
      baseUrl = null;
    }
    return { ...entry, base_url: baseUrl, file: profile.file };
  } catch (error) {
    if (!(error instanceof AxError)) throw error;
    await say(ctx, `⚠ Warning: ${error.message}`);
    const file = await findProfileFile(ctx, entry.name).catch(() => undefined);
    return { ...entry, base_url: null, file: file ?? null };
  }
}
