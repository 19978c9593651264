/**
 * `ax api-keys revoke <key-id>`: permanently revokes a key. Asks first, but
 * only when there is a terminal to ask on; otherwise `--force` is required
 * and nothing is sent without it (QUALITY.md I3).
 */
import type { Context } from "../../runtime/context.ts";
import { UsageError } from "../../runtime/errors.ts";
import { type CommonOptions, parseCommon, type RawCommonValues } from "../../cli/common.ts";
import { shellCommand } from "../../runtime/shell_quote.ts";
import { checkKeyId } from "./_validate.ts";
import { revokeApiKey } from "../../api/api_keys.ts";
import { showPrereleaseNotice } from "../../config/notices.ts";
import { announce } from "../../cli/messages.ts";
import { NOT_REVOKED, REVOKE_QUESTION, REVOKE_WARNING, revokedMessage } from "./_messages.ts";
import { openSession } from "../../cli/session.ts";
import { handler, type TtyFacts } from "../../cli/command.ts";

/** Options of `ax api-keys revoke`, after validation. */
export interface RevokeOptions {
  id: string;
  /** False: ask on the terminal first (parse guarantees there is one). */
  force: boolean;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawRevokeValues extends RawCommonValues {
  force?: true;
}

/**
 * Validates `revoke`'s arguments. Without `--force` a prompt is needed, and a
 * prompt needs stdin and stdout on a terminal: otherwise this is a usage error.
 */
export function parseRevoke(
  input: { id: string; values: RawRevokeValues },
  io: TtyFacts,
): RevokeOptions {
  const id = checkKeyId(input.id);
  const force = input.values.force === true;
  const common = parseCommon(input.values);
  if (!force && !(io.stdinIsTTY && io.stdoutIsTTY)) {
    throw new UsageError(
      "Revoking needs confirmation, and there is no terminal to ask on: pass --force to revoke without a prompt.",
      [
        `Nothing was revoked. To revoke, run: ${
          shellCommand(["ax", "api-keys", "revoke", id, "--force"])
        }`,
      ],
    );
  }
  return { id, force, common };
}

/** Asks (unless forced), then revokes. */
export async function runRevoke(options: RevokeOptions, ctx: Context): Promise<void> {
  const session = await openSession(ctx, { common: options.common, output: false });
  try {
    await showPrereleaseNotice(session.ctx, "api-keys");
    if (!options.force) {
      await announce(ctx, REVOKE_WARNING);
      if (!(await ctx.prompter.confirm(REVOKE_QUESTION, false))) {
        await announce(ctx, NOT_REVOKED);
        return;
      }
    }
    await session.request("Revoking API key…", () => revokeApiKey(session.client, options.id));
    await announce(ctx, revokedMessage(options.id));
  } finally {
    await session.close();
  }
}

/** `revoke`'s parse and run, for its declaration in mod.ts. */
export const REVOKE_HANDLER = handler(
  (input) =>
    parseRevoke(
      { id: input.args[0] as string, values: input.values as RawRevokeValues },
      input.tty,
    ),
  runRevoke,
);
