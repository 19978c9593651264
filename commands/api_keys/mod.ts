/**
 * The `ax api-keys` command group: list, get, create, create-service-key,
 * revoke, refresh and audit. Each command's flags, help and behaviour live in
 * its own file; this file only wires them to their `run` functions.
 */
import type { Command, CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Context } from "../../runtime/context.ts";
import { addSubcommands, type BuildWords, type Subcommand } from "../_stubs.ts";
import { CREATE_SUMMARY, createCommand, runCreate } from "./create.ts";
import {
  CREATE_SERVICE_KEY_SUMMARY,
  createServiceKeyCommand,
  runCreateServiceKey,
} from "./create_service_key.ts";
import { AUDIT_SUMMARY, auditCommand, runAudit } from "./audit.ts";
import { GET_SUMMARY, getCommand, runGet } from "./get.ts";
import { LIST_SUMMARY, listCommand, runList } from "./list.ts";
import { REFRESH_SUMMARY, refreshCommand, runRefresh } from "./refresh.ts";
import { REVOKE_SUMMARY, revokeCommand, runRevoke } from "./revoke.ts";

const SUBCOMMANDS: readonly Subcommand[] = [
  { summary: LIST_SUMMARY, build: (group, ctx) => listCommand(group, { ctx, run: runList }) },
  { summary: GET_SUMMARY, build: (group, ctx) => getCommand(group, { ctx, run: runGet }) },
  { summary: CREATE_SUMMARY, build: (group, ctx) => createCommand(group, { ctx, run: runCreate }) },
  {
    summary: CREATE_SERVICE_KEY_SUMMARY,
    build: (group, ctx) => createServiceKeyCommand(group, { ctx, run: runCreateServiceKey }),
  },
  { summary: REVOKE_SUMMARY, build: (group, ctx) => revokeCommand(group, { ctx, run: runRevoke }) },
  {
    summary: REFRESH_SUMMARY,
    build: (group, ctx) => refreshCommand(group, { ctx, run: runRefresh }),
  },
  { summary: AUDIT_SUMMARY, build: (group, ctx) => auditCommand(group, { ctx, run: runAudit }) },
];

/**
 * Registers `api-keys` and its commands on the root program: those
 * `words` name in full, the others as stubs (default: all in full).
 */
export function apiKeysCommand(
  program: Command,
  ctx: Context,
  words?: BuildWords,
): CommandUnknownOpts {
  const group = program
    .command("api-keys")
    .description("Create, list, rotate and revoke API keys (ALPHA API)")
    .helpCommand(false);
  addSubcommands(group, ctx, SUBCOMMANDS, words);
  return group;
}
