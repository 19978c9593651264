/**
 * Values only the server knows: active key IDs (for `revoke` and `refresh`)
 * and space names (for `--space`). A TAB must never hang or print errors, so
 * every lookup shares one budget of {@link LIVE_BUDGET_MS} and any failure (no
 * credentials, broken profile, network down, slow server) yields nothing.
 *
 * Server text reaches a completion menu as it reaches a table: descriptions
 * are escaped by the same {@link sanitizeForTerminal} (S4, docs/reliability.md),
 * so `safe\u202eexe.txt` shows as typed here. A value is inserted into the
 * command line, where an escape would change it: one that needs escaping is
 * never offered raw (it could not be typed either); a space so named is
 * offered by its ID instead, a key ID so made is left out.
 */
import { listApiKeys } from "../../api/api_keys.ts";
import type { ApiClient } from "../../api/client.ts";
import { clientFromSettings } from "../../cli/client.ts";
import { listSpaces } from "../../api/spaces.ts";
import { loadSettings } from "../../config/settings.ts";
import type { Context, TextOutput } from "../../runtime/context.ts";
import { needsSanitizing, sanitizeForTerminal } from "../../runtime/terminal.ts";
import type { Candidate } from "./_files.ts";

/** The longest a TAB waits for the server, in milliseconds (QUALITY.md T3). */
export const LIVE_BUDGET_MS = 2000;

/** The page size of the lookups: one request, the API's maximum. */
const PAGE_SIZE = 100;

const SILENT: TextOutput = { isTTY: false, columns: undefined, write: () => Promise.resolve() };

/** What a lookup needs besides the Context. */
export interface LiveOptions {
  /** `--profile NAME` from the command line, if the user typed one. */
  profile?: string;
  /** The word being completed (space lookups filter by it on the server). */
  partial: string;
}

/** Active key IDs, described by the key's name; IDs that need escaping are left out. */
export function liveKeyIds(ctx: Context, options: LiveOptions): Promise<Candidate[]> {
  return withinBudget(ctx, options, async (client) => {
    const page = await listApiKeys(client, { limit: PAGE_SIZE, status: "active" });
    return page.api_keys
      .filter((key) => insertable(key.id))
      .map((key) => ({ value: key.id, description: sanitizeForTerminal(key.name) }));
  });
}

/**
 * Space names, described by the space's ID. A name two spaces share would
 * be ambiguous: those spaces are offered by ID, described (and matched) by
 * the name. When no name starts with the typed text it may be an ID: the
 * first page of spaces is asked for IDs that start with it. A name that
 * needs escaping is treated like a shared one: offered by the space's ID.
 */
export function liveSpaceNames(ctx: Context, options: LiveOptions): Promise<Candidate[]> {
  return withinBudget(ctx, options, async (client) => {
    const { partial } = options;
    const page = await listSpaces(client, {
      limit: PAGE_SIZE,
      name: partial === "" ? undefined : partial,
    });
    const named = page.spaces.filter((space) => space.name.startsWith(partial));
    if (named.length > 0 || partial === "") return spaceCandidates(named);
    const all = await listSpaces(client, { limit: PAGE_SIZE });
    return all.spaces
      .filter((space) => space.id.startsWith(partial) && insertable(space.id))
      .map((space) => ({ value: space.id, description: sanitizeForTerminal(space.name) }));
  });
}

/**
 * Each space by its name, or by its ID when the name would be ambiguous or
 * needs escaping (described and matched by the name then); a space that
 * neither can name is left out.
 */
function spaceCandidates(spaces: readonly { id: string; name: string }[]): Candidate[] {
  const count = new Map<string, number>();
  for (const space of spaces) count.set(space.name, (count.get(space.name) ?? 0) + 1);
  const candidates: Candidate[] = [];
  for (const space of spaces) {
    if (count.get(space.name) === 1 && insertable(space.name)) {
      candidates.push({ value: space.name, description: sanitizeForTerminal(space.id) });
    } else if (insertable(space.id)) {
      candidates.push({
        value: space.id,
        description: sanitizeForTerminal(space.name),
        match: space.name,
      });
    }
  }
  return candidates;
}

/** True when `value` can go on the command line as the server sent it: nothing in it needs escaping. */
function insertable(value: string): boolean {
  return !needsSanitizing(value);
}

/**
 * Runs `work` with a quiet client whose requests abort when the budget ends.
 * Resolves to an empty list on timeout or any error.
 */
async function withinBudget(
  ctx: Context,
  options: LiveOptions,
  work: (client: ApiClient) => Promise<Candidate[]>,
): Promise<Candidate[]> {
  const budget = new AbortController();
  const quiet: Context = {
    ...ctx,
    stdout: SILENT,
    stderr: SILENT,
    signal: AbortSignal.any([ctx.signal, budget.signal]),
  };
  const lookup = (async () => {
    const settings = await loadSettings(quiet, { profile: options.profile });
    if (!settings.apiKey) return [];
    const client = clientFromSettings(quiet, settings, {
      apiKey: settings.apiKey,
      timeoutMs: LIVE_BUDGET_MS,
    });
    return await work(client);
  })().catch(() => [] as Candidate[]);
  const deadline = ctx.sleep(LIVE_BUDGET_MS, budget.signal).then(() => [] as Candidate[], () => []);
  try {
    return await Promise.race([lookup, deadline]);
  } finally {
    // Ends whichever is still running: the request on timeout, the timer on success.
    budget.abort();
  }
}
