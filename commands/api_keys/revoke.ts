/**
 * `ax api-keys revoke <key-id>...`: permanently revokes one key or many (IDs
 * as arguments, or `-` to read them from stdin). Asks first, once for all of
 * them, but only when there is a terminal to ask on; otherwise `--force` is
 * required and nothing is sent without it (QUALITY.md I3). `--dry-run`
 * shows what would be revoked, and which IDs no key you can list has (exit 4,
 * as the real run would end).
 */
import type { Context } from "../../runtime/context.ts";
import { ApiError, AxError, EXIT, InterruptedError, UsageError } from "../../runtime/errors.ts";
import { checkKeyId } from "./_validate.ts";
import { readProcessStdin } from "../../cli/stdin.ts";
import { revokeApiKey } from "../../api/api_keys.ts";
import type { ApiKey } from "../../api/types.ts";
import { showPrereleaseNotice } from "../../config/notices.ts";
import { announce, plural } from "../../cli/messages.ts";
import { NOT_REVOKED, REVOKE_QUESTION, REVOKE_WARNING, revokedMessage } from "./_messages.ts";
import { findKeysById, firstPageKeys } from "./_key_lookup.ts";
import { revokeCommand } from "./_revoke_command.ts";
import { openSession, type Session } from "../../cli/session.ts";
import { type CommonOptions, parseCommon, type RawCommonValues } from "../../cli/common.ts";
import { handler, PROMPT_RULE, type TtyFacts, whyNoPrompt } from "../../cli/command.ts";

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
export interface RawRevokeValues extends RawCommonValues {
  force?: true;
  dryRun?: true;
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
  const noPrompt = whyNoPrompt(io);
  if (!force && !dryRun && noPrompt !== undefined) {
    throw new UsageError(
      `Revoking needs confirmation, but ${noPrompt} (${PROMPT_RULE}): pass --force to revoke without a prompt.`,
      [
        `Nothing was revoked. To revoke, run: ${revokeCommand(ids, common)}`,
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

/** Reads the IDs, asks (unless forced), then revokes each key. */
export async function runRevoke(options: RevokeOptions, ctx: Context): Promise<void> {
  if (options.fromStdin && ctx.stdinIsTTY) {
    // Otherwise `revoke - --force` typed at a prompt just waits, silently.
    await announce(
      ctx,
      "ℹ Reading key IDs from the terminal, one per line; press Ctrl-D when done, Ctrl-C to stop.",
    );
  }
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
 * the prompt names the key when the first page of keys shows it. A key's
 * name given for its ID is refused there, with the ID (`get` takes names,
 * revoke does not: a name may be shared).
 */
async function revokeOne(id: string, run: Run): Promise<void> {
  const { session } = run;
  if (!run.options.force) {
    const keys = await session.request("Looking up the key…", () => firstPageKeys(session.client));
    const key = keys.find((candidate) => candidate.id === id);
    const named = key ? [] : keys.filter((candidate) => candidate.name === id);
    if (named.length > 0) throw nameForId(id, named, run.options.common);
    await announce(session.ctx, `${REVOKE_WARNING} '${id}'${key ? ` (${key.name})` : ""}`);
    if (!(await session.ctx.prompter.confirm(REVOKE_QUESTION, false))) {
      await announce(session.ctx, NOT_REVOKED);
      return;
    }
  }
  await session.request("Revoking API key…", () => revokeApiKey(session.client, id));
  await announce(session.ctx, revokedMessage(id));
}

/** The refusal of a key name where revoke takes an ID, with the command for each key so named. */
function nameForId(name: string, keys: readonly ApiKey[], common: CommonOptions): UsageError {
  return new UsageError(
    `'${name}' is the name of ${
      keys.length === 1 ? "an API key" : `${keys.length} API keys`
    }; revoke takes key IDs.`,
    keys.map((key) => revokeCommand([key.id], common, false)),
  );
}

/** What became of one key. */
type Outcome = "revoked" | "already revoked" | "failed";

/** Many keys: one listing and one prompt for all, every key attempted, a summary. */
async function revokeMany(ids: string[], run: Run): Promise<void> {
  const { session, options } = run;
  const lookup = await session.request(
    "Looking up the keys…",
    async () => ({
      known: await findKeysById(session.client, {
        ids,
        scope: { statuses: ["active", "revoked"], spaces: "all", userKeys: true },
      }),
      complete: true,
    }),
  ).catch(async (error) => {
    // The names are for the reader; a listing the key may not make (403 in
    // one space, a 404) must not stop the revokes. A 401 would stop each of them too.
    if (!(error instanceof ApiError) || error.status === 401) throw error;
    await announce(
      session.ctx,
      `⚠ Warning: Could not look the keys up (${error.message}); going on by ID alone.`,
    );
    return { known: new Map<string, ApiKey>(), complete: false };
  });
  const { known } = lookup;
  if (options.dryRun) {
    // The lookup stops once every ID is found, so a finished one that lacks
    // some read every listing: a revoke of those IDs would fail (404).
    const missing = lookup.complete ? ids.filter((id) => !known.has(id)) : [];
    await dryRun(ids, { known, missing, session });
    return;
  }
  const lines = ids.map((id) => `  ${describe(id, known.get(id))}`);
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
  const summary = () =>
    `${counts.revoked} revoked, ${counts["already revoked"]} already revoked, ` +
    `${counts.failed} failed`;
  let firstFailure: AxError | undefined;
  let current = 0;
  try {
    for (const [i, id] of ids.entries()) {
      current = i;
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
  } catch (error) {
    if (!(error instanceof InterruptedError) && !session.ctx.signal.aborted) throw error;
    // Stopped half-way (Ctrl-C, SIGTERM, SIGHUP, I8): say how far it got; a
    // revoke cannot be undone, but it can be repeated.
    throw new InterruptedError([
      `Stopped after ${summary()}; ${ids[current]} may or may not be revoked, and ` +
      `${ids.length - current - 1} more were not tried.`,
      "Revoking is idempotent: run the same command again to finish.",
    ]);
  }
  await session.status.stop();
  const summaryLine = summary();
  if (firstFailure) {
    throw new AxError(`Not every key was revoked: ${summaryLine}.`, {
      exitCode: firstFailure.exitCode === EXIT.USAGE ? EXIT.GENERAL : firstFailure.exitCode,
      hints: [
        "The keys listed with ✗ above are unchanged; fix the cause and run revoke for them again.",
      ],
    });
  }
  await announce(session.ctx, `✓ ${summaryLine}`);
}

/**
 * `--dry-run`: the keys a revoke would reach, by ID and name, then the IDs
 * no listing holds. Those would fail in the real run, so the dry run ends
 * with its exit code (4) too, after naming them all.
 */
async function dryRun(
  ids: readonly string[],
  found: { known: ReadonlyMap<string, ApiKey>; missing: readonly string[]; session: Session },
): Promise<void> {
  const { known, session } = found;
  const missing = new Set(found.missing);
  const toRevoke = ids.filter((id) => !missing.has(id));
  if (toRevoke.length > 0) {
    await announce(session.ctx, `ℹ Dry run: would revoke ${plural(toRevoke.length, "API key")}:`);
    for (const id of toRevoke) await announce(session.ctx, `  ${describe(id, known.get(id))}`);
  }
  if (missing.size === 0) {
    await announce(session.ctx, "ℹ Nothing was revoked.");
    return;
  }
  await announce(
    session.ctx,
    "⚠ Not found among the keys you can list, so a real revoke would fail for them:",
  );
  for (const id of missing) await announce(session.ctx, `  ${id}`);
  throw new AxError(
    `Dry run: ${missing.size} of ${plural(ids.length, "key ID")} ` +
      `${missing.size === 1 ? "was" : "were"} not found. Nothing was revoked.`,
    {
      exitCode: EXIT.API,
      hints: [
        // Arize lists another user's keys only by that user's ID, which a revoke does not know.
        "ax can list only your own user keys and your spaces' service keys; as an account " +
        "admin you may still revoke another user's key by its ID.",
      ],
    },
  );
}

/** `id (name)`, or the ID alone when the key was not found by listing. */
function describe(id: string, key: ApiKey | undefined): string {
  return key ? `${id} (${key.name})` : `${id} (name unknown)`;
}

/** `revoke`'s parse and run, for its declaration in mod.ts. */
export const REVOKE_HANDLER = handler(
  (input) => ({
    ...parseRevoke(
      { ids: input.args[0] as string[], values: input.values as RawRevokeValues },
      input.tty,
    ),
    readStdin: readProcessStdin,
  }),
  runRevoke,
);
