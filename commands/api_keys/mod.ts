/**
 * The `ax api-keys` group, declared as data: each command's name, arguments,
 * options, help and examples. Its behaviour (parse + run) lives in the file
 * named after it, loaded only when it runs.
 */
import { ACCOUNT_ROLES, KEY_STATUSES, KEY_TYPES, SPACE_ROLES } from "../../api/types.ts";
import { API_OUTPUT_FLAGS } from "../../cli/common.ts";
import type { CommandSpec, GroupSpec, OptionSpec } from "../../cli/command.ts";
import { type Noun, pagingOptions } from "../../cli/paging.ts";
import { MAX_DESCRIPTION_LENGTH, MAX_GRACE_PERIOD_SECONDS, MAX_NAME_LENGTH } from "./_validate.ts";

/** The size of the one page `list` fetches when neither `--limit` nor `--all` is given. */
export const DEFAULT_LIMIT = 15;

/** What `list` counts, for its help and messages. */
export const KEYS: Noun = { one: "key", many: "keys" };

const NAME: OptionSpec = {
  flags: "-n, --name <name>",
  description: `name of the key (1-${MAX_NAME_LENGTH} characters)`,
  required: true,
};

const DESCRIPTION: OptionSpec = {
  flags: "--description <text>",
  description: `description (at most ${MAX_DESCRIPTION_LENGTH} characters)`,
};

const NEW_KEY_EXPIRES_AT: OptionSpec = {
  flags: "--expires-at <iso8601>",
  description: "expiry as an ISO 8601 date or date-time, UTC unless an offset is given " +
    "(e.g. 2099-12-31T23:59:59); without it the key never expires",
};

const ENV_FILE: OptionSpec = {
  flags: "--env-file <file>",
  description: "write ARIZE_API_KEY=<key> to this dotenv file (mode 0600, other lines kept) " +
    "instead of printing the key",
};

const SHOWN_ONCE = "The raw key is shown once, on stdout. Save it: it cannot be retrieved again.";

const LIST: CommandSpec = {
  name: "list",
  description:
    "List your API keys; with --space one space's service keys, with --key-type service alone those of every space you can read",
  options: [
    {
      flags: "--key-type <type>",
      description: "only keys of this type",
      choices: KEY_TYPES,
    },
    {
      flags: "--status <status>",
      description: "only keys with this status (the server's default: active)",
      choices: KEY_STATUSES,
    },
    {
      flags: "-s, --space <name-or-id>",
      description: "list this space's service keys (by name or ID) instead of your user keys",
    },
    {
      flags: "--user <user-id>",
      description: "only keys created by this user (account admins: another user's keys; " +
        "with --space or --key-type service: service keys that user created)",
    },
    ...pagingOptions(KEYS, DEFAULT_LIMIT),
  ],
  common: API_OUTPUT_FLAGS,
  examples: [
    "ax api-keys list",
    "ax api-keys list --key-type service --status active",
    'ax api-keys list --key-type service --space "My Space" --status active',
    'ax api-keys list --space "My Space" --user <user-id>',
    "ax api-keys list --limit 250 -o keys.csv",
    "ax api-keys list --all -o json",
    "ax api-keys list --cursor <next_cursor>",
    "ax api-keys list --output api-keys.json",
    "ax api-keys list --profile work",
  ],
  handler: async () => (await import("./list.ts")).LIST_HANDLER,
};

const CREATE: CommandSpec = {
  name: "create",
  description: "Create a user API key (it acts as you, with your permissions; " +
    "for a space-scoped key use create-service-key)",
  options: [NAME, DESCRIPTION, NEW_KEY_EXPIRES_AT, ENV_FILE],
  common: API_OUTPUT_FLAGS,
  examples: [
    'ax api-keys create --name "CI Pipeline Key"',
    'ax api-keys create --name "Temporary Key" --expires-at "2099-12-31T23:59:59"',
    'ax api-keys create -n "Deploy bot" --description "Used by deploys" -o json',
    'ax api-keys create -n "Local dev" --env-file .env',
  ],
  notes: SHOWN_ONCE,
  handler: async () => (await import("./create.ts")).CREATE_HANDLER,
};

const CREATE_SERVICE_KEY: CommandSpec = {
  name: "create-service-key",
  description: "Create a service API key scoped to a space, backed by a dedicated bot user",
  options: [
    NAME,
    {
      flags: "-s, --space <name-or-id>",
      description: "space the key is scoped to, by name or ID",
      required: true,
    },
    DESCRIPTION,
    NEW_KEY_EXPIRES_AT,
    {
      flags: "--space-role <role>",
      description: "the bot user's role in the space (server default: member)",
      choices: SPACE_ROLES,
    },
    {
      flags: "--org-role <role>",
      description: "the bot user's role in the organization (server default: read-only)",
      choices: SPACE_ROLES,
    },
    {
      flags: "--account-role <role>",
      description: "the bot user's role in the account (server default: member)",
      choices: ACCOUNT_ROLES,
    },
    ENV_FILE,
  ],
  common: API_OUTPUT_FLAGS,
  examples: [
    'ax api-keys create-service-key --name "Staging Service Key" --space sp_abc123',
    'ax api-keys create-service-key -n "Read-Only Service Key" -s "My Space" \\',
    "    --space-role read-only --org-role read-only",
    'ax api-keys create-service-key -n "Exporter" -s "My Space" --env-file .env',
  ],
  notes: SHOWN_ONCE,
  handler: async () => (await import("./create_service_key.ts")).CREATE_SERVICE_KEY_HANDLER,
};

const REVOKE: CommandSpec = {
  name: "revoke",
  description: "Revoke an API key: it stops working immediately; irreversible " +
    "(revoking an already-revoked key succeeds)",
  args: [{ name: "<key-id>", description: "ID of the key (see `ax api-keys list`)" }],
  options: [
    {
      flags: "-f, --force",
      description: "revoke without asking (required when not on a terminal)",
    },
  ],
  common: ["verbose", "timeout", "profile"],
  examples: [
    "ax api-keys revoke key_abc123",
    "ax api-keys revoke key_abc123 --force",
  ],
  handler: async () => (await import("./revoke.ts")).REVOKE_HANDLER,
};

const REFRESH: CommandSpec = {
  name: "refresh",
  description: "Rotate an API key: revoke it and issue a replacement with the same name, " +
    "description, type and scope",
  args: [{ name: "<key-id>", description: "ID of the key to rotate (see `ax api-keys list`)" }],
  options: [
    {
      flags: "--expires-at <iso8601>",
      description: "expiry of the replacement as an ISO 8601 date or date-time, UTC unless an " +
        "offset is given; no later than the old key's expiry. Without it, the replacement of a " +
        "key that never expires never expires either, and that of an expiring key keeps the " +
        "old expiry (ax looks it up and says so)",
    },
    {
      flags: "--grace-period-seconds <n>",
      description:
        `seconds (0-${MAX_GRACE_PERIOD_SECONDS}) the old key stays valid so clients can rotate ` +
        "(default: 0, revoked immediately)",
    },
    ENV_FILE,
  ],
  common: API_OUTPUT_FLAGS,
  examples: [
    "ax api-keys refresh key_abc123",
    'ax api-keys refresh key_abc123 --expires-at "2099-12-31T23:59:59"',
    "ax api-keys refresh key_abc123 --grace-period-seconds 3600 --env-file .env",
  ],
  notes: "The new raw key is shown once, on stdout. Save it: it cannot be retrieved again.",
  handler: async () => (await import("./refresh.ts")).REFRESH_HANDLER,
};

/** `ax api-keys`. */
export const API_KEYS: GroupSpec = {
  name: "api-keys",
  description: "Create, list, rotate and revoke API keys (ALPHA API)",
  commands: [LIST, CREATE, CREATE_SERVICE_KEY, REVOKE, REFRESH],
};
