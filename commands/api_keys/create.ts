/**
 * `ax api-keys create`: a new user key, which acts as the caller with the
 * caller's permissions. The secret is shown once (or written to --env-file).
 */
import type { Command, CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Context } from "../../runtime/context.ts";
import {
  descriptionOption,
  envFileOption,
  nameOption,
  newKeyExpiresAtOption,
  outputOption,
  pluginOption,
  type RawCommonValues,
  SHOWN_ONCE_HELP,
  timeoutOption,
  verboseOption,
  type Wiring,
} from "../../cli/options.ts";
import { examples } from "../../cli/help.ts";
import { type CommonOptions, parseCommon } from "../../cli/common.ts";
import { checkDescription, checkName, checkNotBlank, parseExpiresAt } from "./_validate.ts";
import type { CommandSummary } from "../_stubs.ts";

/** Options of `ax api-keys create`, after validation. */
export interface CreateOptions {
  name: string;
  description?: string;
  /** `YYYY-MM-DDTHH:MM:SSZ`, or undefined for a key that never expires. */
  expiresAt?: string;
  envFile?: string;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawCreateValues extends RawCommonValues {
  name: string;
  description?: string;
  expiresAt?: string;
  envFile?: string;
}

/** What `ax api-keys --help` shows of `create`, built or not. */
export const CREATE_SUMMARY: CommandSummary = {
  name: "create",
  description: "Create a user API key (it acts as you, with your permissions; " +
    "for a space-scoped key use create-service-key)",
  options: true,
};

/** Registers `create` under `api-keys`. */
export function createCommand(parent: Command, wiring: Wiring<CreateOptions>): CommandUnknownOpts {
  return parent
    .command(CREATE_SUMMARY.name)
    .description(CREATE_SUMMARY.description)
    .addOption(nameOption())
    .addOption(descriptionOption())
    .addOption(newKeyExpiresAtOption())
    .addOption(envFileOption())
    .addOption(outputOption())
    .addOption(verboseOption())
    .addOption(pluginOption())
    .addOption(timeoutOption())
    .addHelpText(
      "after",
      examples([
        'ax api-keys create --name "CI Pipeline Key"',
        'ax api-keys create --name "Temporary Key" --expires-at "2025-12-31T23:59:59"',
        'ax api-keys create -n "Deploy bot" --description "Used by deploys" -o json',
        'ax api-keys create -n "Local dev" --env-file .env',
      ]),
    )
    .addHelpText("after", SHOWN_ONCE_HELP)
    .action(async (values) => {
      await wiring.run(parseCreate(values), wiring.ctx);
    });
}

/** Validates `create`'s option values. */
export function parseCreate(values: RawCreateValues): CreateOptions {
  return {
    name: checkName(values.name),
    description: checkDescription(values.description),
    expiresAt: values.expiresAt === undefined ? undefined : parseExpiresAt(values.expiresAt),
    envFile: values.envFile === undefined ? undefined : checkNotBlank(values.envFile, "--env-file"),
    common: parseCommon(values),
  };
}

/**
 * Creates the key and hands its secret over once. The work lives in
 * _create_run.ts, loaded only now (see list.ts's runList).
 */
export async function runCreate(options: CreateOptions, ctx: Context): Promise<void> {
  const { issueUserKey } = await import("./_create_run.ts");
  await issueUserKey(options, ctx);
}
