/**
 * `ax api-keys revoke <key-id>...`: permanently revokes one key or many (IDs
 * as arguments, or `-` to read them from stdin). Asks first, once for all of
 * them, but only when there is a terminal to ask on; otherwise `--force` is
 * required and nothing is sent without it (QUALITY.md I3). `--dry-run`
 * shows what would be revoked.
 */
import type { Command, CommandUnknownOpts } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import type { Context } from "../../runtime/context.ts";
import { UsageError } from "../../runtime/errors.ts";
import { shellCommand } from "../../runtime/shell_quote.ts";
import { timeoutOption, verboseOption, type Wiring } from "./_options.ts";
import { examples } from "../_help.ts";
import { type CommonOptions, parseCommon } from "./_common.ts";
import { checkKeyId } from "./_validate.ts";
import type { CommandSummary } from "../_stubs.ts";
import { readProcessStdin } from "../profiles/_stdin.ts";

/** Options of `ax api-keys revoke`, after validation. */
export interface RevokeOptions {
  /** The IDs given as arguments, in order (without `-`). */
  ids: string[];
  /** `-` was given: more IDs come from stdin, one per line. */
  fromStdin: boolean;
  /** False: ask on the terminal first (parse guarantees there is one). */
  force: boolean;
  /** Show what would be revoked; send no revoke. */
  dryRun: boolean;
  /** Reads all of stdin; injected so tests never touch the real one. */
  readStdin?: () => Promise<string>;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawRevokeValues {
  force?: true;
  dryRun?: true;
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
  description: "Revoke API keys: they stop working immediately; irreversible " +
    "(revoking an already-revoked key succeeds)",
  args: "[key-id...]",
  options: true,
};

/** Registers `revoke` under `api-keys`. */
export function revokeCommand(parent: Command, wiring: Wiring<RevokeOptions>): CommandUnknownOpts {
  return parent
    .command(REVOKE_SUMMARY.name)
    .description(REVOKE_SUMMARY.description)
    .argument(
      "[key-id...]",
      "IDs of the keys (see `ax api-keys list`), or - to read IDs from stdin, one per line " +
        "(blank lines and # comments ignored)",
    )
    .addOption(new Option("-f, --force", "revoke without asking (required when not on a terminal)"))
    .addOption(new Option("--dry-run", "show which keys would be revoked; revoke nothing"))
    .addOption(verboseOption())
    .addOption(timeoutOption())
    .addHelpText(
      "after",
      examples([
        "ax api-keys revoke key_abc123",
        "ax api-keys revoke key_abc123 key_def456 --force",
        "ax api-keys list --unused-for 180d -q | ax api-keys revoke - --force",
        "ax api-keys list --name 'ci-*' -q | ax api-keys revoke - --dry-run",
      ]),
    )
    .addHelpText(
      "after",
      "\nEvery key is attempted even if one fails; a summary counts revoked, already\n" +
        "revoked and failed keys, and the exit code is non-zero if any failed.\n",
    )
    .action(async (ids, values) => {
      const io = { stdinIsTTY: wiring.ctx.stdinIsTTY, stdoutIsTTY: wiring.ctx.stdout.isTTY };
      const options = parseRevoke({ ids, values }, io);
      await wiring.run({ ...options, readStdin: readProcessStdin }, wiring.ctx);
    });
}

/**
 * Validates `revoke`'s arguments. Without `--force` (or `--dry-run`) a prompt
 * is needed, and a prompt needs stdin and stdout on a terminal, with stdin
 * not taken by `-`: otherwise this is a usage error.
 */
export function parseRevoke(
  input: { ids: string[]; values: RawRevokeValues },
  io: TtyFacts,
): RevokeOptions {
  const { values } = input;
  const fromStdin = input.ids.includes("-");
  const ids = input.ids.filter((id) => id !== "-").map(checkKeyId);
  if (ids.length === 0 && !fromStdin) {
    throw new UsageError("Give at least one key ID, or - to read IDs from stdin.", [
      "For example: ax api-keys revoke key_abc123, or ... -q | ax api-keys revoke - --force",
    ]);
  }
  const force = values.force === true;
  const dryRun = values.dryRun === true;
  const common = parseCommon(values);
  if (!force && !dryRun && fromStdin) {
    throw new UsageError(
      "Reading key IDs from stdin (-) leaves no terminal to confirm on: pass --force to revoke them, or --dry-run to see them.",
      ["Nothing was revoked."],
    );
  }
  if (!force && !dryRun && !(io.stdinIsTTY && io.stdoutIsTTY)) {
    throw new UsageError(
      "Revoking needs confirmation, and there is no terminal to ask on: pass --force to revoke without a prompt.",
      [
        `Nothing was revoked. To revoke, run: ${
          shellCommand(["ax", "api-keys", "revoke", ...ids, "--force"])
        }`,
      ],
    );
  }
  return { ids, fromStdin, force, dryRun, common };
}

/**
 * Key IDs from stdin text: one per line, surrounding blanks trimmed, blank
 * lines and lines starting with `#` ignored. A line holding anything but one
 * ID (a table row, two IDs) is refused: revoking is not a place to guess.
 */
export function idsFromText(text: string): string[] {
  const ids: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    if (/\s/.test(line)) {
      throw new UsageError(
        `Line ${i + 1} of stdin is not one key ID: '${line}'.`,
        ["Give one key ID per line (ax api-keys list -q prints them so). Nothing was revoked."],
      );
    }
    ids.push(checkKeyId(line));
  });
  return ids;
}

/**
 * Reads stdin IDs (if `-`), asks (unless forced), then revokes each key. The
 * work lives in _revoke_run.ts, loaded only now (see list.ts's runList).
 */
export async function runRevoke(options: RevokeOptions, ctx: Context): Promise<void> {
  const { revokeKeys } = await import("./_revoke_run.ts");
  await revokeKeys(options, ctx);
}
