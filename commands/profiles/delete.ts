/**
 * `ax profiles delete <name>`: removes a profile's file. Asks first, but only
 * when there is a terminal to ask on; otherwise `--force` is required and
 * nothing is deleted without it (QUALITY.md I3).
 */
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
import { announce } from "../../cli/messages.ts";
import { handler, PROMPT_RULE, type TtyFacts, whyNoPrompt } from "../../cli/command.ts";
import { shellCommand } from "../../runtime/shell_quote.ts";

/** Options of `ax profiles delete`, after validation. */
export interface DeleteOptions {
  name: string;
  /** False: ask on the terminal first (parse guarantees there is one). */
  force: boolean;
}

/** Validates `delete`'s arguments; without `--force` a terminal is needed to ask. */
export function parseDelete(
  input: { name: string; values: { force?: true } },
  io: TtyFacts,
): DeleteOptions {
  const name = checkProfileName(input.name);
  const force = input.values.force === true;
  const noPrompt = whyNoPrompt(io);
  if (!force && noPrompt !== undefined) {
    throw new UsageError(
      `Deleting a profile needs confirmation, but ${noPrompt} (${PROMPT_RULE}): pass --force to delete without a prompt.`,
      [
        `Nothing was deleted. To delete, run: ${
          shellCommand(["ax", "profiles", "delete", name, "--force"])
        }`,
      ],
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
      await announce(ctx, "ℹ Profile not deleted");
      return;
    }
  }
  const wasActive = (await readActiveProfile(ctx).catch(() => undefined)) === name;
  await deleteProfile(ctx, name);
  await announce(ctx, `✓ Profile '${name}' deleted`);
  if (wasActive) {
    await clearActiveProfile(ctx);
    await announce(
      ctx,
      "ℹ It was the active profile; choose another with `ax profiles use <name>`.",
    );
  }
}

/** `delete`'s parse and run, for its declaration in mod.ts. */
export const DELETE_HANDLER = handler(
  (input) =>
    parseDelete(
      { name: input.args[0] as string, values: input.values as { force?: true } },
      input.tty,
    ),
  runDelete,
);
