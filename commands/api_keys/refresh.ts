/**
 * `ax api-keys refresh <key-id>`: atomically revokes a key and issues a
 * replacement with the same name, description, type and scope. With a grace
 * period the old key keeps working a little longer so clients can rotate.
 */
import type { Command, CommandUnknownOpts } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import type { Context } from "../../runtime/context.ts";
import {
  envFileOption,
  expiresAtOption,
  outputOption,
  pluginOption,
  type RawCommonValues,
  timeoutOption,
  verboseOption,
  type Wiring,
} from "../../cli/options.ts";
import { examples } from "../../cli/help.ts";
import { type CommonOptions, parseCommon } from "../../cli/common.ts";
import {
  checkKeyId,
  checkNotBlank,
  MAX_GRACE_PERIOD_SECONDS,
  parseExpiresAt,
  parseGracePeriod,
} from "./_validate.ts";
import type { CommandSummary } from "../_stubs.ts";

/** Options of `ax api-keys refresh`, after validation. */
export interface RefreshOptions {
  id: string;
  expiresAt?: string;
  gracePeriodSeconds?: number;
  envFile?: string;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawRefreshValues extends RawCommonValues {
  expiresAt?: string;
  gracePeriodSeconds?: string;
  envFile?: string;
}

/** What `ax api-keys --help` shows of `refresh`, built or not. */
export const REFRESH_SUMMARY: CommandSummary = {
  name: "refresh",
  description: "Rotate an API key: revoke it and issue a replacement with the same name, " +
    "description, type and scope",
  args: "<key-id>",
  options: true,
};

/** Registers `refresh` under `api-keys`. */
export function refreshCommand(
  parent: Command,
  wiring: Wiring<RefreshOptions>,
): CommandUnknownOpts {
  return parent
    .command(REFRESH_SUMMARY.name)
    .description(REFRESH_SUMMARY.description)
    .argument("<key-id>", "ID of the key to rotate (see `ax api-keys list`)")
    .addOption(expiresAtOption(
      "expiry of the replacement as an ISO 8601 date or date-time, UTC unless an offset is " +
        "given; required (and no later than the old expiry) when the old key expires; " +
        "without it the replacement never expires",
    ))
    .addOption(
      new Option(
        "--grace-period-seconds <n>",
        `seconds (0-${MAX_GRACE_PERIOD_SECONDS}) the old key stays valid so clients can rotate ` +
          "(default: 0, revoked immediately)",
      ),
    )
    .addOption(envFileOption())
    .addOption(outputOption())
    .addOption(verboseOption())
    .addOption(pluginOption())
    .addOption(timeoutOption())
    .addHelpText(
      "after",
      examples([
        "ax api-keys refresh key_abc123",
        'ax api-keys refresh key_abc123 --expires-at "2026-12-31T23:59:59"',
        "ax api-keys refresh key_abc123 --grace-period-seconds 3600 --env-file .env",
      ]),
    )
    .addHelpText(
      "after",
      "The new raw key is shown once, on stdout. Save it: it cannot be retrieved again.\n",
    )
    .action(async (id, values) => {
      await wiring.run(parseRefresh({ id, values }), wiring.ctx);
    });
}

/** Validates `refresh`'s arguments. */
export function parseRefresh(
  input: { id: string; values: RawRefreshValues },
): RefreshOptions {
  const { values } = input;
  return {
    id: checkKeyId(input.id),
    expiresAt: values.expiresAt === undefined ? undefined : parseExpiresAt(values.expiresAt),
    gracePeriodSeconds: values.gracePeriodSeconds === undefined
      ? undefined
      : parseGracePeriod(values.gracePeriodSeconds),
    envFile: values.envFile === undefined ? undefined : checkNotBlank(values.envFile, "--env-file"),
    common: parseCommon(values),
  };
}

/**
 * Refreshes the key and hands the replacement's secret over once. The work
 * lives in _refresh_run.ts, loaded only now (see list.ts's runList).
 */
export async function runRefresh(options: RefreshOptions, ctx: Context): Promise<void> {
  const { refreshKey } = await import("./_refresh_run.ts");
  await refreshKey(options, ctx);
}

/** What happened, and the one command that recovers, when a refreshed secret was not saved. */
export function lostRefreshHints(options: RefreshOptions, newId: string): string[] {
  const grace = options.gracePeriodSeconds ?? 0;
  const oldKey = grace > 0
    ? `The old key '${options.id}' stays valid for up to ${grace} seconds (grace period).`
    : `The old key '${options.id}' is revoked.`;
  const flags = [
    ...(options.expiresAt ? ["--expires-at", options.expiresAt] : []),
    ...(options.envFile ? ["--env-file", options.envFile] : []),
    ...(options.common.output ? ["-o", options.common.output] : []),
  ];
  return [
    `The key was refreshed, but its replacement '${newId}' could not be saved. ${oldKey}`,
    "To recover, fix the problem, then rotate the unsaved replacement (same name, description and scope):",
    `  ax api-keys refresh ${[newId, ...flags].map(shellWord).join(" ")}`,
  ];
}

/** Quotes a word for a POSIX shell when it needs it, so the hint can be pasted. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
