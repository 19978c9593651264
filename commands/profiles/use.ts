/** `ax profiles use <name>`: makes an existing profile the active one. */
import { checkProfileName } from "../../config/profile_name.ts";
import {
  findProfileFile,
  profileNotFound,
  readProfile,
  setActiveProfile,
} from "../../config/profile_store.ts";
import type { Context } from "../../runtime/context.ts";
import { AxError } from "../../runtime/errors.ts";
import { announce } from "../../cli/messages.ts";
import { handler } from "../../cli/command.ts";

/** Options of `ax profiles use`, after validation. */
export interface UseOptions {
  name: string;
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
  await announce(ctx, `✓ Active profile set to '${name}'`);
  try {
    await readProfile(ctx, name);
  } catch (error) {
    if (!(error instanceof AxError)) throw error;
    await announce(ctx, `⚠ Warning: ${error.message}`);
  }
  const fromEnv = ctx.env.AX_PROFILE?.trim();
  if (fromEnv && fromEnv !== name) {
    await announce(
      ctx,
      `ℹ AX_PROFILE=${fromEnv} is set in this environment and takes precedence here.`,
    );
  }
}

/** `use`'s parse and run, for its declaration in mod.ts. */
export const USE_HANDLER = handler(
  (input) => parseUse({ name: input.args[0] as string }),
  runUse,
);
