/**
 * The `ax api-keys` command group: list, create, create-service-key, revoke
 * and refresh. Each command's flags, help and behaviour live in its own file;
 * this file only wires them to their `run` functions.
 */
import type { Command, CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Context } from "../../runtime/context.ts";
import { createCommand, runCreate } from "./create.ts";
import { createServiceKeyCommand, runCreateServiceKey } from "./create_service_key.ts";
import { listCommand, runList } from "./list.ts";
import { refreshCommand, runRefresh } from "./refresh.ts";
import { revokeCommand, runRevoke } from "./revoke.ts";

/** Registers `api-keys` and its five commands on the root program. */
export function apiKeysCommand(program: Command, ctx: Context): CommandUnknownOpts {
  const group = program
    .command("api-keys")
    .description("Create, list, rotate and revoke API keys (ALPHA API)")
    .helpCommand(false);
  listCommand(group, { ctx, run: runList });
  createCommand(group, { ctx, run: runCreate });
  createServiceKeyCommand(group, { ctx, run: runCreateServiceKey });
  revokeCommand(group, { ctx, run: runRevoke });
  refreshCommand(group, { ctx, run: runRefresh });
  return group;
}
