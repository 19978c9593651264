/**
 * `ax api-keys audit`: one command for CI and cron. Reads every active user
 * key (and with `--space` / `--all-spaces` service keys) and reports one row
 * per finding: expired, expires-soon, never-expires, unused, never-used.
 * Exit 0 when there is nothing to report, 6 when there is.
 */
import type { Command, CommandUnknownOpts } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import type { Context } from "../../runtime/context.ts";
import { UsageError } from "../../runtime/errors.ts";
import {
  outputOption,
  pluginOption,
  type RawCommonValues,
  timeoutOption,
  verboseOption,
  type Wiring,
} from "./_options.ts";
import { examples } from "../_help.ts";
import { type CommonOptions, parseCommon } from "./_common.ts";
import { checkNotBlank, enumParser } from "./_validate.ts";
import type { CommandSummary } from "../_stubs.ts";
import { DURATION_FORMS, parseDuration } from "./_duration.ts";
import { FINDING_KINDS, type FindingKind } from "./_findings.ts";
import { quietOption } from "./_list_hygiene.ts";

/** `expires-soon` unless told otherwise: 14 days. */
export const DEFAULT_EXPIRES_WITHIN = "14d";
/** `unused` / `never-used` unless told otherwise: 90 days. */
export const DEFAULT_UNUSED_FOR = "90d";

/** Options of `ax api-keys audit`, after validation. */
export interface AuditOptions {
  expiresWithinMs: number;
  unusedForMs: number;
  ignore: ReadonlySet<FindingKind>;
  /** Service keys too: of one space (name or ID), or of every space you can read. */
  spaces?: { space: string } | "all";
  quiet: boolean;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawAuditValues extends RawCommonValues {
  expiresWithin?: string;
  unusedFor?: string;
  ignore?: FindingKind[];
  space?: string;
  allSpaces?: true;
  quiet?: true;
}

/** What `ax api-keys --help` shows of `audit`, built or not. */
export const AUDIT_SUMMARY: CommandSummary = {
  name: "audit",
  description: "Report keys that are expired, expire soon, never expire or go unused " +
    "(exit 6 when there are findings; for CI)",
  options: true,
};

/** Registers `audit` under `api-keys`. */
export function auditCommand(parent: Command, wiring: Wiring<AuditOptions>): CommandUnknownOpts {
  const findingParser = enumParser(FINDING_KINDS);
  return parent
    .command(AUDIT_SUMMARY.name)
    .description(AUDIT_SUMMARY.description)
    .addOption(
      new Option(
        "--expires-within <duration>",
        `report keys expiring within this time as expires-soon (${DURATION_FORMS}; ` +
          `default: ${DEFAULT_EXPIRES_WITHIN})`,
      ),
    )
    .addOption(
      new Option(
        "--unused-for <duration>",
        `report keys unused this long as unused or never-used (default: ${DEFAULT_UNUSED_FOR})`,
      ),
    )
    .addOption(
      new Option("--ignore <finding>", "do not report this kind of finding (repeatable)")
        .choices(FINDING_KINDS)
        .argParser((value: string, previous: FindingKind[] | undefined) => [
          ...(previous ?? []),
          findingParser(value),
        ]),
    )
    .addOption(
      new Option("-s, --space <name-or-id>", "also audit this space's service keys (name or ID)"),
    )
    .addOption(
      new Option("--all-spaces", "also audit the service keys of every space you can read"),
    )
    .addOption(quietOption())
    .addOption(outputOption())
    .addOption(verboseOption())
    .addOption(pluginOption())
    .addOption(timeoutOption())
    .addHelpText(
      "after",
      examples([
        "ax api-keys audit",
        "ax api-keys audit --all-spaces --expires-within 30d -o findings.csv",
        "ax api-keys audit --ignore never-expires --unused-for 180d",
        "ax api-keys audit -q --ignore expires-soon | ax api-keys revoke - --dry-run",
      ]),
    )
    .addHelpText(
      "after",
      "\nFindings: expired (active but past its expiry), expires-soon, never-expires,\n" +
        "unused (last used before the --unused-for window), never-used (older than the\n" +
        "window and never used). A key may have two. A one-line summary goes to stderr.\n" +
        "Exit codes: 0 nothing to report, 6 findings, others as for every command.\n",
    )
    .action(async (values) => {
      await wiring.run(parseAudit(values as RawAuditValues), wiring.ctx);
    });
}

/** Validates `audit`'s option values. */
export function parseAudit(values: RawAuditValues): AuditOptions {
  if (values.space !== undefined && values.allSpaces) {
    throw new UsageError("--space and --all-spaces cannot be used together.", [
      "Use --space NAME_OR_ID for one space, or --all-spaces for every space you can read.",
    ]);
  }
  if (values.quiet && values.output !== undefined) {
    throw new UsageError("-q/--quiet and -o/--output cannot be used together.", [
      "-q prints key IDs only; drop it to choose a format.",
    ]);
  }
  return {
    expiresWithinMs: parseDuration(
      values.expiresWithin ?? DEFAULT_EXPIRES_WITHIN,
      "--expires-within",
    ),
    unusedForMs: parseDuration(values.unusedFor ?? DEFAULT_UNUSED_FOR, "--unused-for"),
    ignore: new Set(values.ignore ?? []),
    spaces: values.allSpaces
      ? "all"
      : values.space === undefined
      ? undefined
      : { space: checkNotBlank(values.space, "--space") },
    quiet: values.quiet === true,
    common: parseCommon(values),
  };
}

/**
 * Reads the keys and reports the findings. The work lives in _audit_run.ts,
 * loaded only now (see list.ts's runList).
 */
export async function runAudit(options: AuditOptions, ctx: Context): Promise<void> {
  const { auditKeys } = await import("./_audit_run.ts");
  await auditKeys(options, ctx);
}
