/**
 * The run-time half of `ax api-keys audit` (see audit.ts): keys are read
 * page by page and each one's findings streamed into the chosen format, so
 * memory stays flat however many keys there are. Loaded only when the
 * command runs.
 */
import { resolveSpaceId } from "../../api/spaces.ts";
import { showPrereleaseNotice } from "../../config/notices.ts";
import { writeOutput } from "../../formats/output.ts";
import type { Row } from "../../formats/types.ts";
import type { Context } from "../../runtime/context.ts";
import { FindingsReported } from "../../runtime/errors.ts";
import {
  type AuditRules,
  type Finding,
  FINDING_COLUMNS,
  FINDING_KINDS,
  type FindingKind,
  findingsFor,
} from "./_findings.ts";
import { keysIn, type LookupScope } from "./_key_lookup.ts";
import { announce } from "./_messages.ts";
import { openSession } from "./_session.ts";
import type { StatusLine } from "./_status_line.ts";
import type { ApiKey } from "../../api/types.ts";
import { writeIds } from "./_write_ids.ts";
import type { AuditOptions } from "./audit.ts";

/** Reads the keys and reports the findings; throws FindingsReported (exit 6) when there are some. */
export async function auditKeys(options: AuditOptions, ctx: Context): Promise<void> {
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
    const found = auditedKeys(keys, { rules, tally, status: session.status });
    session.status.spin("Auditing API keys…");
    if (options.quiet) await writeIds(onePerKey(found), session.ctx);
    else {
      await writeOutput(
        found as AsyncIterable<unknown> as AsyncIterable<Row>,
        session.target!,
        {
          columns: FINDING_COLUMNS,
          shape: "list",
          collection: "findings",
          pagination: () => undefined,
        },
        session.ctx,
      );
    }
  } finally {
    await session.close();
  }
  const total = [...tally.byKind.values()].reduce((a, b) => a + b, 0);
  const keysWord = `${tally.keys} API key${tally.keys === 1 ? "" : "s"}`;
  if (total === 0) {
    await announce(ctx, `✓ No findings in ${keysWord}`);
    return;
  }
  const kinds = FINDING_KINDS.filter((kind) => tally.byKind.has(kind))
    .map((kind) => `${tally.byKind.get(kind)} ${kind}`).join(", ");
  const summary = `${total} finding${
    total === 1 ? "" : "s"
  } in ${tally.flagged} of ${keysWord}: ${kinds}`;
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
