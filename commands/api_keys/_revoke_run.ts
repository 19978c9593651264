/**
 * The run-time half of `ax api-keys revoke` (see revoke.ts): the IDs from
 * stdin, the names for the prompt, the prompt and the requests. Loaded only
 * when the command runs.
 */
import { revokeApiKey } from "../../api/api_keys.ts";
import type { ApiKey } from "../../api/types.ts";
import { showPrereleaseNotice } from "../../config/notices.ts";
import type { Context } from "../../runtime/context.ts";
import { AxError, EXIT, InterruptedError, UsageError } from "../../runtime/errors.ts";
import {
  announce,
  NOT_REVOKED,
  REVOKE_QUESTION,
  REVOKE_WARNING,
  revokedMessage,
} from "./_messages.ts";
import { findKeysById, findOnFirstPage } from "./_key_lookup.ts";
import { openSession, type Session } from "./_session.ts";
import { idsFromText, type RevokeOptions } from "./revoke.ts";

/** Reads the IDs, asks (unless forced), then revokes each key. */
export async function revokeKeys(options: RevokeOptions, ctx: Context): Promise<void> {
  const ids = await allIds(options);
  const session = await openSession(ctx, { common: options.common, output: false });
  try {
    await showPrereleaseNotice(session.ctx, "api-keys");
    if (ids.length === 1 && !options.fromStdin && !options.dryRun) {
      await revokeOne(ids[0], { options, session });
    } else {
      await revokeMany(ids, { options, session });
    }
  } finally {
    await session.close();
  }
}

/** The IDs to revoke, stdin's after the arguments', each once; none is a usage error. */
async function allIds(options: RevokeOptions): Promise<string[]> {
  const ids = [...options.ids];
  if (options.fromStdin) {
    const text = await options.readStdin!();
    ids.push(...idsFromText(text));
    if (ids.length === 0) {
      throw new UsageError("No key IDs on stdin: '-' read nothing but blank lines and comments.", [
        "Nothing was revoked.",
      ]);
    }
  }
  return [...new Set(ids)];
}

interface Run {
  options: RevokeOptions;
  session: Session;
}

/**
 * One key by argument: as before, one request with --force; on a terminal
 * the prompt names the key when the first page of keys shows it.
 */
async function revokeOne(id: string, run: Run): Promise<void> {
  const { session } = run;
  if (!run.options.force) {
    const key = await session.request(
      "Looking up the key…",
      () => findOnFirstPage(session.client, id),
    );
    await announce(session.ctx, `${REVOKE_WARNING} '${id}'${key ? ` (${key.name})` : ""}`);
    if (!(await session.ctx.prompter.confirm(REVOKE_QUESTION, false))) {
      await announce(session.ctx, NOT_REVOKED);
      return;
    }
  }
  await session.request("Revoking API key…", () => revokeApiKey(session.client, id));
  await announce(session.ctx, revokedMessage(id));
}

/** What became of one key. */
type Outcome = "revoked" | "already revoked" | "failed";

/** Many keys: one listing and one prompt for all, every key attempted, a summary. */
async function revokeMany(ids: string[], run: Run): Promise<void> {
  const { session, options } = run;
  const known = await session.request(
    "Looking up the keys…",
    () =>
      findKeysById(session.client, {
        ids,
        scope: { statuses: ["active", "revoked"], spaces: "all", userKeys: true },
      }),
  );
  const lines = ids.map((id) => `  ${describe(id, known.get(id))}`);
  if (options.dryRun) {
    await announce(session.ctx, `ℹ Dry run: would revoke ${plural(ids.length, "API key")}:`);
    for (const line of lines) await announce(session.ctx, line);
    await announce(session.ctx, "ℹ Nothing was revoked.");
    return;
  }
  if (!options.force) {
    await announce(
      session.ctx,
      `⚠ Warning: This will permanently revoke ${plural(ids.length, "API key")}:`,
    );
    for (const line of lines) await announce(session.ctx, line);
    if (!(await session.ctx.prompter.confirm(REVOKE_QUESTION, false))) {
      await announce(session.ctx, "ℹ No API keys revoked");
      return;
    }
  }
  const counts: Record<Outcome, number> = { revoked: 0, "already revoked": 0, failed: 0 };
  let firstFailure: AxError | undefined;
  for (const [i, id] of ids.entries()) {
    const key = known.get(id);
    session.status.show(`Revoking API keys… ${i + 1}/${ids.length}`);
    if (key?.status === "revoked") {
      counts["already revoked"]++;
      await announce(session.ctx, `ℹ ${describe(id, key)}: already revoked`);
      continue;
    }
    try {
      await revokeApiKey(session.client, id);
      counts.revoked++;
      await announce(session.ctx, `✓ Revoked ${describe(id, key)}`);
    } catch (error) {
      if (error instanceof InterruptedError || !(error instanceof AxError)) throw error;
      counts.failed++;
      firstFailure ??= error;
      await announce(session.ctx, `✗ ${describe(id, key)}: ${error.message}`);
    }
  }
  await session.status.stop();
  const summary = `${counts.revoked} revoked, ${counts["already revoked"]} already revoked, ` +
    `${counts.failed} failed`;
  if (firstFailure) {
    throw new AxError(`Not every key was revoked: ${summary}.`, {
      exitCode: firstFailure.exitCode === EXIT.USAGE ? EXIT.GENERAL : firstFailure.exitCode,
      hints: [
        "The keys listed with ✗ above are unchanged; fix the cause and run revoke for them again.",
      ],
    });
  }
  await announce(session.ctx, `✓ ${summary}`);
}

/** `id (name)`, or the ID alone when the key was not found by listing. */
function describe(id: string, key: ApiKey | undefined): string {
  return key ? `${id} (${key.name})` : `${id} (name unknown)`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
