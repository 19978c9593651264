/**
 * `ax api-keys get <id-or-name>`: one key, in any `-o` format, without its
 * secret (the API never returns it after creation). A name works when it
 * names exactly one key; several are refused with their IDs.
 */
import type { Command, CommandUnknownOpts } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import type { Context } from "../../runtime/context.ts";
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
import { checkNotBlank } from "./_validate.ts";
import type { CommandSummary } from "../_stubs.ts";

/** Options of `ax api-keys get`, after validation. */
export interface GetOptions {
  /** A key ID, or a key's exact name. */
  idOrName: string;
  /** Only this space's service keys (name or ID); default: your user keys, then every space's. */
  space?: string;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawGetValues extends RawCommonValues {
  space?: string;
}

/** What `ax api-keys --help` shows of `get`, built or not. */
export const GET_SUMMARY: CommandSummary = {
  name: "get",
  description:
    "Show one API key (by ID, or by its name when that names one key), without its secret",
  args: "<key-id>",
  options: true,
};

/** Registers `get` under `api-keys`. */
export function getCommand(parent: Command, wiring: Wiring<GetOptions>): CommandUnknownOpts {
  return parent
    .command(GET_SUMMARY.name)
    .description(GET_SUMMARY.description)
    .argument("<key-id>", "ID of the key, or its exact name")
    .addOption(
      new Option(
        "-s, --space <name-or-id>",
        "look only among this space's service keys (default: your user keys, then every space's)",
      ),
    )
    .addOption(outputOption())
    .addOption(verboseOption())
    .addOption(pluginOption())
    .addOption(timeoutOption())
    .addHelpText(
      "after",
      examples([
        "ax api-keys get key_abc123",
        'ax api-keys get "CI pipeline key" -o json',
        "ax api-keys get Exporter --space staging",
      ]),
    )
    .addHelpText(
      "after",
      "\nThe API has no request for one key, so ax finds it by listing: active and\n" +
        "revoked user keys, then service keys space by space (a name reads them all).\n",
    )
    .action(async (idOrName, values) => {
      await wiring.run(parseGet({ idOrName, values }), wiring.ctx);
    });
}

/** Validates `get`'s arguments. */
export function parseGet(input: { idOrName: string; values: RawGetValues }): GetOptions {
  return {
    idOrName: checkNotBlank(input.idOrName, "The key ID or name"),
    space: input.values.space === undefined
      ? undefined
      : checkNotBlank(input.values.space, "--space"),
    common: parseCommon(input.values),
  };
}

/**
 * Finds the key and prints it. The work lives in _get_run.ts, loaded only
 * now (see list.ts's runList).
 */
export async function runGet(options: GetOptions, ctx: Context): Promise<void> {
  const { showKey } = await import("./_get_run.ts");
  await showKey(options, ctx);
}
