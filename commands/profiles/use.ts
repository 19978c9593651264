/** `ax profiles use <name>`: makes an existing profile the active one. */
import type { Command } from "@commander-js/extra-typings";
import { checkProfileName } from "../../config/profile_name.ts";
import {
  findProfileFile,
  profileNotFound,
  readProfile,
  setActiveProfile,
} from "../../config/profile_store.ts";
import type { Context } from "../../runtime/context.ts";
import { AxError } from "../../runtime/errors.ts";
import { say, type Wiring } from "./_shared.ts";
import { examples } from "../../cli/help.ts";
import type { CommandSummary } from "../_stubs.ts";

/** Options of `ax profiles use`, after validation. */
export interface UseOptions {
  name: string;
}

/** What `ax profiles --help` shows of `use`, built or not. */
export const USE_SUMMARY: CommandSummary = {
  name: "use",
  description: "Make a profile the active one (AX_PROFILE still wins for one shell)",
  args: "<name>",
};

/** Registers `use` under `profiles`. */
export function useCommand(parent: Command, wiring: Wiring<UseOptions>): void {
  parent
    .command(USE_SUMMARY.name)
    .description(USE_SUMMARY.description)
    .argument("<name>", "an existing profile (see `ax profiles list`)")
    .addHelpText("after", examples(["ax profiles use work"]))
    .action(async (name) => {
      await wiring.run(parseUse({ name }), wiring.ctx);
    });
}

/** Validates `use`'s argument. */
export function parseUse(input: { name: string }): UseOptions {
  return { name: checkProfileName(input.name) };
}

/**
 * Activates the profile. A profile whose file has a problem is still
 * activated (the user may be about to fix it), with a warning naming it.
 */
export async function runUse(options: UseOptions, ctx: Context): Promise<void> {
  const { name } = options;
  if (!(await findProfileFile(ctx, name))) throw await profileNotFound(ctx, name);
  await setActiveProfile(ctx, name);
  await say(ctx, `✓ Active profile set to '${name}'`);
  try {
    await readProfile(ctx, name);
  } catch (error) {
    if (!(error instanceof AxError)) throw error;
    await say(ctx, `⚠ Warning: ${error.message}`);
  }
  const fromEnv = ctx.env.AX_PROFILE?.trim();
  if (fromEnv && fromEnv !== name) {
    await say(ctx, `ℹ AX_PROFILE=${fromEnv} is set in this environment and takes precedence here.`);
  }
}
