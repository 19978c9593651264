/**
 * `ax api-keys revoke <key-id>`: permanently revokes a key. Asks first, but
 * only when there is a terminal to ask on; otherwise `--force` is required
 * and nothing is sent without it (QUALITY.md I3).
 */
import type { Command, CommandUnknownOpts } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import type { Context } from "../../runtime/context.ts";
import { UsageError } from "../../runtime/errors.ts";
import { timeoutOption, verboseOption, type Wiring } from "../../cli/options.ts";
import { examples } from "../../cli/help.ts";
import { type CommonOptions, parseCommon } from "../../cli/common.ts";
import { checkKeyId } from "./_validate.ts";
import type { CommandSummary } from "../_stubs.ts";

/** Options of `ax api-keys revoke`, after validation. */
export interface RevokeOptions {
  id: string;
  /** False: ask on the terminal first (parse guarantees there is one). */
  force: boolean;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawRevokeValues {
  force?: true;
  verbose?: true;
  timeout?: string;
}

/** What parsing needs to know about the terminal. */
export interface TtyFacts {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
}

/** What `ax api-keys --help` shows of `revoke`, built or not. */
export const REVOKE_SUMMARY: CommandSummary = {
  name: "revoke",
  description: "Revoke an API key: it stops working immediately; irreversible " +
    "(revoking an already-revoked key succeeds)",
  args: "<key-id>",
  options: true,
};

/** Registers `revoke` under `api-keys`. */
export function revokeCommand(parent: Command, wiring: Wiring<RevokeOptions>): CommandUnknownOpts {
  return parent
    .command(REVOKE_SUMMARY.name)
    .description(REVOKE_SUMMARY.description)
    .argument("<key-id>", "ID of the key (see `ax api-keys list`)")
    .addOption(new Option("-f, --force", "revoke without asking (required when not on a terminal)"))
    .addOption(verboseOption())
    .addOption(timeoutOption())
    .addHelpText(
      "after",
      examples([
        "ax api-keys revoke key_abc123",
        "ax api-keys revoke key_abc123 --force",
      ]),
    )
    .action(async (id, values) => {
      const io = { stdinIsTTY: wiring.ctx.stdinIsTTY, stdoutIsTTY: wiring.ctx.stdout.isTTY };
      await wiring.run(parseRevoke({ id, values }, io), wiring.ctx);
    });
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
      [`Nothing was revoked. To revoke, run: ax api-keys revoke ${id} --force`],
    );
  }
  return { id, force, common };
}

/**
 * Asks (unless forced), then revokes. The work lives in _revoke_run.ts,
 * loaded only now (see list.ts's runList).
 */
export async function runRevoke(options: RevokeOptions, ctx: Context): Promise<void> {
  const { revokeKey } = await import("./_revoke_run.ts");
  await revokeKey(options, ctx);
}
