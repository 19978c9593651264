/**
 * `ax api-keys create-service-key`: a key scoped to one space and backed by a
 * dedicated bot user, with optional roles (the server defaults them to
 * member / read-only / member). `--space` takes a name or an ID.
 */
import type { Command, CommandUnknownOpts } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import {
  ACCOUNT_ROLES,
  type AccountRole,
  type OrgRole,
  SPACE_ROLES,
  type SpaceRole,
} from "../../api/types.ts";
import type { Context } from "../../runtime/context.ts";
import {
  descriptionOption,
  enumOption,
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

/** Options of `ax api-keys create-service-key`, after validation. */
export interface CreateServiceKeyOptions {
  name: string;
  /** A space name or ID, resolved just before the key is created. */
  space: string;
  description?: string;
  expiresAt?: string;
  spaceRole?: SpaceRole;
  orgRole?: OrgRole;
  accountRole?: AccountRole;
  envFile?: string;
  common: CommonOptions;
}

/** Option values as commander hands them over. */
export interface RawCreateServiceKeyValues extends RawCommonValues {
  name: string;
  space: string;
  description?: string;
  expiresAt?: string;
  spaceRole?: SpaceRole;
  orgRole?: OrgRole;
  accountRole?: AccountRole;
  envFile?: string;
}

/** What `ax api-keys --help` shows of `create-service-key`, built or not. */
export const CREATE_SERVICE_KEY_SUMMARY: CommandSummary = {
  name: "create-service-key",
  description: "Create a service API key scoped to a space, backed by a dedicated bot user",
  options: true,
};

/** Registers `create-service-key` under `api-keys`. */
export function createServiceKeyCommand(
  parent: Command,
  wiring: Wiring<CreateServiceKeyOptions>,
): CommandUnknownOpts {
  return parent
    .command(CREATE_SERVICE_KEY_SUMMARY.name)
    .description(CREATE_SERVICE_KEY_SUMMARY.description)
    .addOption(nameOption())
    .addOption(
      new Option("-s, --space <name-or-id>", "space the key is scoped to, by name or ID")
        .makeOptionMandatory(),
    )
    .addOption(descriptionOption())
    .addOption(newKeyExpiresAtOption())
    .addOption(enumOption("--space-role <role>", {
      description: "the bot user's role in the space (server default: member)",
      values: SPACE_ROLES,
    }))
    .addOption(enumOption("--org-role <role>", {
      description: "the bot user's role in the organization (server default: read-only)",
      values: SPACE_ROLES,
    }))
    .addOption(enumOption("--account-role <role>", {
      description: "the bot user's role in the account (server default: member)",
      values: ACCOUNT_ROLES,
    }))
    .addOption(envFileOption())
    .addOption(outputOption())
    .addOption(verboseOption())
    .addOption(pluginOption())
    .addOption(timeoutOption())
    .addHelpText(
      "after",
      examples([
        'ax api-keys create-service-key --name "Staging Service Key" --space sp_abc123',
        'ax api-keys create-service-key -n "Read-Only Service Key" -s "My Space" \\',
        "    --space-role read-only --org-role read-only",
        'ax api-keys create-service-key -n "Exporter" -s "My Space" --env-file .env',
      ]),
    )
    .addHelpText("after", SHOWN_ONCE_HELP)
    .action(async (values) => {
      await wiring.run(parseCreateServiceKey(values), wiring.ctx);
    });
}

/** Validates `create-service-key`'s option values. */
export function parseCreateServiceKey(
  values: RawCreateServiceKeyValues,
): CreateServiceKeyOptions {
  return {
    name: checkName(values.name),
    space: checkNotBlank(values.space, "--space"),
    description: checkDescription(values.description),
    expiresAt: values.expiresAt === undefined ? undefined : parseExpiresAt(values.expiresAt),
    spaceRole: values.spaceRole,
    orgRole: values.orgRole,
    accountRole: values.accountRole,
    envFile: values.envFile === undefined ? undefined : checkNotBlank(values.envFile, "--env-file"),
    common: parseCommon(values),
  };
}

/**
 * Resolves the space, creates the key and hands its secret over once. The
 * work lives in _create_service_key_run.ts, loaded only now (see list.ts's runList).
 */
export async function runCreateServiceKey(
  options: CreateServiceKeyOptions,
  ctx: Context,
): Promise<void> {
  const { issueServiceKey } = await import("./_create_service_key_run.ts");
  await issueServiceKey(options, ctx);
}
