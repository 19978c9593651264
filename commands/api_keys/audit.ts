/**
 * `ax api-keys audit`: one command for CI and cron. Reads every active user
 * key (and with `--space` / `--all-spaces` service keys) and reports one row
 * per finding: expired, expires-soon, never-expires, unused, never-used.
 * Exit 0 when there is nothing to report, 6 when there is.
 */
import type { Context } from "../../runtime/context.ts";
import { BrokenPipeError, FindingsReported, UsageError } from "../../runtime/errors.ts";
import { DEFAULT_EXPIRES_WITHIN, DEFAULT_UNUSED_FOR } from "./mod.ts";
import { parseDuration } from "./_duration.ts";
import {
  type AuditRules,
  type Finding,
  FINDING_COLUMNS,
  FINDING_KINDS,
  type FindingKind,
  findingsFor,
} from "./_findings.ts";
import { resolveSpaceId } from "../../api/spaces.ts";
import { showPrereleaseNotice } from "../../config/notices.ts";
import { printRecords } from "../../cli/output.ts";
import type { Row } from "../../formats/types.ts";
import { keysIn, type LookupScope } from "./_key_lookup.ts";
import { announce, plural } from "../../cli/messages.ts";
import { openSession } from "../../cli/session.ts";
import type { StatusLine } from "../../cli/status_line.ts";
import type { ApiKey } from "../../api/types.ts";
import { parseQuiet, writeIds } from "../../cli/quiet.ts";
import {
  checkNotBlank,
  type CommonOptions,
  parseCommon,
  type RawCommonValues,
} from "../../cli/common.ts";
import { handler } from "../../cli/command.ts";

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

/** Validates `audit`'s option values. */
export function parseAudit(values: RawAuditValues): AuditOptions {
  if (values.space !== undefined && values.allSpaces) {
    throw new UsageError("--space and --all-spaces cannot be used together.", [
      "Use --space NAME_OR_ID for one space, or --all-spaces for every space you can read.",
    ]);
  }
  const quiet = parseQuiet(values, "key");
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
    quiet,
    common: parseCommon(values),
  };
}

/** Reads the keys and reports the findings; throws FindingsReported (exit 6) when there are some. */
export async function runAudit(options: AuditOptions, ctx: Context): Promise<void> {
  const session = await openSession(ctx, { common: options.common, output: !options.quiet });
  const tally: Tally = { keys: 0, flagged: 0, byKind: new Map<FindingKind, number>() };
  try {
    await showPrereleaseNotice(session.ctx, "api-keys");
    let spaces: LookupScope["spaces"] = [];
    if (options.spaces === "all") spaces = "all";
    else if (options.spaces !== undefined) {
      const { space } = options.spaces;
      spaces = [
        await session.request(
          "Looking up the space…",
          () => resolveSpaceId(session.client, space),
        ),
      ];
    }
    const rules: AuditRules = {
      now: ctx.now(),
      expiresWithinMs: options.expiresWithinMs,
      unusedForMs: options.unusedForMs,
      ignore: options.ignore,
    };
    const keys = keysIn(session.client, { statuses: ["active"], spaces, userKeys: true });
    const audit = auditedKeys(keys, { rules, tally, status: session.status })[
      Symbol.asyncIterator
    ]();
    // The writers may stop reading (a reader of stdout that went away) and
    // close what they read; the audit itself must not stop with them.
    const found: AsyncIterable<Finding> = {
      [Symbol.asyncIterator]: () => ({ next: () => audit.next() }),
    };
    session.status.spin("Auditing API keys…");
    try {
      if (options.quiet) await writeIds(onePerKey(found), session.ctx);
      else {
        await printRecords(found as AsyncIterable<unknown> as AsyncIterable<Row>, {
          target: session.target!,
          info: {
            columns: FINDING_COLUMNS,
            shape: "list",
            collection: "findings",
            pagination: () => undefined,
          },
          ctx: session.ctx,
        });
      }
    } catch (error) {
      if (!(error instanceof BrokenPipeError)) throw error;
      // `audit | head -5` in CI: the exit code is what the job reads, so it
      // must still say whether there are findings (6), not the pipe's 0 (I5).
      while (!(await audit.next()).done);
    }
  } catch (error) {
    // `audit | head`: the reader stopped after seeing findings. The command
    // still fails for CI (exit 6), as it would with the whole list read.
    if (!(error instanceof BrokenPipeError) || tally.flagged === 0) throw error;
    throw new FindingsReported("findings reported; the reader of the output stopped early");
  } finally {
    await session.close();
  }
  const total = [...tally.byKind.values()].reduce((a, b) => a + b, 0);
  const keysWord = plural(tally.keys, "API key");
  if (total === 0) {
    await announce(ctx, `✓ No findings in ${keysWord}`);
    return;
  }
  const kinds = FINDING_KINDS.filter((kind) => tally.byKind.has(kind))
    .map((kind) => `${tally.byKind.get(kind)} ${kind}`).join(", ");
  const summary = `${plural(total, "finding")} in ${tally.flagged} of ${keysWord}: ${kinds}`;
  await announce(ctx, `⚠ ${summary}`);
  throw new FindingsReported(summary);
}

/** Counts of one audit, for its summary line. */
interface Tally {
  keys: number;
  flagged: number;
  byKind: Map<FindingKind, number>;
}

/** The findings of each key as it arrives, counted into `tally`. */
async function* auditedKeys(
  keys: AsyncIterable<ApiKey>,
  run: { rules: AuditRules; tally: Tally; status: StatusLine },
): AsyncGenerator<Finding> {
  const { tally } = run;
  for await (const key of keys) {
    tally.keys++;
    if (tally.keys % 100 === 0) run.status.show(`Audited ${tally.keys} API keys…`);
    const found = findingsFor(key, run.rules);
    if (found.length > 0) tally.flagged++;
    for (const finding of found) {
      tally.byKind.set(finding.finding, (tally.byKind.get(finding.finding) ?? 0) + 1);
      yield finding;
    }
  }
}

/** Each flagged key once (its findings come together). */
async function* onePerKey(findings: AsyncIterable<Finding>): AsyncGenerator<Finding> {
  let last: string | undefined;
  for await (const finding of findings) {
    if (finding.id !== last) yield finding;
    last = finding.id;
  }
}

/** `audit`'s parse and run, for its declaration in mod.ts. */
export const AUDIT_HANDLER = handler(
  (input) => parseAudit(input.values as RawAuditValues),
  runAudit,
);
