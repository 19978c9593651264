/**
 * `ax profiles delete <name>`: removes a profile's file. Asks first, but only
 * when there is a terminal to ask on; otherwise `--force` is required and
 * nothing is deleted without it (QUALITY.md I3).
 */
import type { Command } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import { checkProfileName } from "../../config/profile_name.ts";
import {
  clearActiveProfile,
  deleteProfile,
  findProfileFile,
  profileNotFound,
  readActiveProfile,
} from "../../config/profile_store.ts";
import type { Context } from "../../runtime/context.ts";
import { UsageError } from "../../runtime/errors.ts";
import { canPrompt, say, type TtyFacts, ttyFacts, type Wiring } from "./_shared.ts";
import { examples } from "../../cli/help.ts";
import type { CommandSummary } from "../_stubs.ts";

/** Options of `ax profiles delete`, after validation. */
export interface DeleteOptions {
  name: string;
  /** False: ask on the terminal first (parse guarantees there is one). */
  force: boolean;
}

/** What `ax profiles --help` shows of `delete`, built or not. */
export const DELETE_SUMMARY: CommandSummary = {
  name: "delete",
  description: "Delete a profile's file (asks first on a terminal)",
  args: "<name>",
  options: true,
};

/** Registers `delete` under `profiles`. */
export function deleteCommand(parent: Command, wiring: Wiring<DeleteOptions>): void {
  parent
    .command(DELETE_SUMMARY.name)
    .description(DELETE_SUMMARY.description)
    .argument("<name>", "the profile to delete")
    .addOption(new Option("-f, --force", "delete without asking (required when not on a terminal)"))
    .addHelpText("after", examples(["ax profiles delete old", "ax profiles delete old --force"]))
    .action(async (name, values) => {
      await wiring.run(parseDelete({ name, values }, ttyFacts(wiring.ctx)), wiring.ctx);
    });
}

/** Validates `delete`'s arguments; without `--force` a terminal is needed to ask. */
export function parseDelete(
  input: { name: string; values: { force?: true } },
  io: TtyFacts,
): DeleteOptions {
  const name = checkProfileName(input.name);
  const force = input.values.force === true;
  if (!force && !canPrompt(io)) {
    throw new UsageError(
      "Deleting a profile needs confirmation, and there is no terminal to ask on: pass --force to delete without a prompt.",
      [`Nothing was deleted. To delete, run: ax profiles delete ${name} --force`],
    );
  }
  return { name, force };
}

/** Asks (unless forced), deletes, and clears the active marker when it named this profile. */
export async function runDelete(options: DeleteOptions, ctx: Context): Promise<void> {
  const { name } = options;
  const file = await findProfileFile(ctx, name);
  if (!file) throw await profileNotFound(ctx, name);
  if (!options.force) {
    const yes = await ctx.prompter.confirm(`Delete profile '${name}' (${file})? [y/N]: `, false);
    if (!yes) {
      await say(ctx, "ℹ Profile not deleted");
      return;
    }
  }
  const wasActive = (await readActiveProfile(ctx).catch(() => undefined)) === name;
  await deleteProfile(ctx, name);
  await say(ctx, `✓ Profile '${name}' deleted`);
  if (wasActive) {
    await clearActiveProfile(ctx);
    await say(ctx, "ℹ It was the active profile; choose another with `ax profiles use <name>`.");
  }
}
