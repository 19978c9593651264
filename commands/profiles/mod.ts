/**
 * `ax profiles`: the command group for saved credentials and endpoints. Each
 * subcommand lives in its own file; this one only wires them up.
 */
import type { Command } from "@commander-js/extra-typings";
import type { Context } from "../../runtime/context.ts";
import { createCommand, runCreate } from "./create.ts";
import { deleteCommand, runDelete } from "./delete.ts";
import { listCommand, runList } from "./list.ts";
import { runShow, showCommand } from "./show.ts";
import { runUse, useCommand } from "./use.ts";
import { runValidate, validateCommand } from "./validate.ts";

/** Registers `ax profiles` and its subcommands on `program`. Performs no I/O. */
export function profilesCommand(program: Command, ctx: Context): void {
  const group = program
    .command("profiles")
    .description("Manage profiles: saved API keys and the endpoints they are used with")
    .helpCommand(false);
  createCommand(group, { ctx, run: runCreate });
  listCommand(group, { ctx, run: runList });
  showCommand(group, { ctx, run: runShow });
  useCommand(group, { ctx, run: runUse });
  deleteCommand(group, { ctx, run: runDelete });
  validateCommand(group, { ctx, run: runValidate });
}
