/**
 * `ax profiles`: the command group for saved credentials and endpoints. Each
 * subcommand lives in its own file; this one only wires them up.
 */
import type { Command } from "@commander-js/extra-typings";
import type { Context } from "../../runtime/context.ts";
import { addSubcommands, type BuildWords, type Subcommand } from "../_stubs.ts";
import { CREATE_SUMMARY, createCommand, runCreate } from "./create.ts";
import { DELETE_SUMMARY, deleteCommand, runDelete } from "./delete.ts";
import { LIST_SUMMARY, listCommand, runList } from "./list.ts";
import { runShow, SHOW_SUMMARY, showCommand } from "./show.ts";
import { runUse, USE_SUMMARY, useCommand } from "./use.ts";
import { runValidate, VALIDATE_SUMMARY, validateCommand } from "./validate.ts";

const SUBCOMMANDS: readonly Subcommand[] = [
  { summary: CREATE_SUMMARY, build: (group, ctx) => createCommand(group, { ctx, run: runCreate }) },
  { summary: LIST_SUMMARY, build: (group, ctx) => listCommand(group, { ctx, run: runList }) },
  { summary: SHOW_SUMMARY, build: (group, ctx) => showCommand(group, { ctx, run: runShow }) },
  { summary: USE_SUMMARY, build: (group, ctx) => useCommand(group, { ctx, run: runUse }) },
  { summary: DELETE_SUMMARY, build: (group, ctx) => deleteCommand(group, { ctx, run: runDelete }) },
  {
    summary: VALIDATE_SUMMARY,
    build: (group, ctx) => validateCommand(group, { ctx, run: runValidate }),
  },
];

/**
 * Registers `ax profiles` and its subcommands on `program`: those `words`
 * name in full, the others as stubs (default: all in full). Performs no I/O.
 */
export function profilesCommand(program: Command, ctx: Context, words?: BuildWords): void {
  const group = program
    .command("profiles")
    .description("Manage profiles: saved API keys and the endpoints they are used with")
    .helpCommand(false);
  addSubcommands(group, ctx, SUBCOMMANDS, words);
}
