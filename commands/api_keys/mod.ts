/**
 * The `ax api-keys` group, declared as data: list, get, create,
 * create-service-key, revoke, refresh and audit — each command's name,
 * arguments, options, help and examples. Its behaviour (parse + run) lives in the file
 * named after it, loaded only when it runs.
 */
import { ACCOUNT_ROLES, KEY_STATUSES, KEY_TYPES, SPACE_ROLES } from "../../api/types.ts";
import { API_OUTPUT_FLAGS } from "../../cli/common.ts";
import type { CommandSpec, GroupSpec, OptionSpec } from "../../cli/command.ts";
import { type Noun, pagingOptions } from "../../cli/paging.ts";
import { API_KEY_COLUMNS } from "./_columns.ts";
import { DURATION_FORMS } from "./_duration.ts";
import { expiresInOption } from "./_expiry.ts";
import { FINDING_KINDS } from "./_findings.ts";
import { LIST_HYGIENE_OPTIONS, QUIET_OPTION } from "./_list_hygiene.ts";
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
    '(e.g. 2099-12-31T23:59:59 or "2099-12-31 23:59"); without it (and --expires-in) ' +
    "the key never expires",
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
    {
      flags: "--columns <names>",
      description: "comma-separated columns for table, wide and csv output, in this order " +
        `(${API_KEY_COLUMNS.map((c) => c.name).join(", ")})`,
      listOf: API_KEY_COLUMNS.map((c) => c.name),
    },
    ...LIST_HYGIENE_OPTIONS,
  ],
  common: API_OUTPUT_FLAGS,
  examples: [
    "ax api-keys list",
    "ax api-keys list --expires-within 14d --sort expires_at",
    "ax api-keys list --unused-for 180d -q | ax api-keys revoke - --force",
    "ax api-keys list --all --name 'ci-*' -o keys.csv",
    "ax api-keys list --key-type service --status active",
    'ax api-keys list --key-type service --space "My Space" --status active',
    'ax api-keys list --space "My Space" --user <user-id>',
    "ax api-keys list --limit 250 -o keys.csv",
    "ax api-keys list -o wide",
    "ax api-keys list --columns name,id,created_at",
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
  options: [NAME, DESCRIPTION, NEW_KEY_EXPIRES_AT, expiresInOption(), ENV_FILE],
  common: API_OUTPUT_FLAGS,
  examples: [
    'ax api-keys create --name "CI Pipeline Key"',
    'ax api-keys create --name "Temporary Key" --expires-in 90d',
    'ax api-keys create --name "Until 2099" --expires-at "2099-12-31 23:59"',
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
    expiresInOption(),
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
  description: "Revoke API keys: they stop working immediately; irreversible " +
    "(revoking an already-revoked key succeeds)",
  args: [{
    name: "[key-id...]",
    description: "IDs of the keys (see `ax api-keys list`), or - to read IDs from stdin, " +
      "one per line (blank lines and # comments ignored)",
  }],
  options: [
    {
      flags: "-f, --force",
      description: "revoke without asking (required when not on a terminal)",
    },
    { flags: "--dry-run", description: "show which keys would be revoked; revoke nothing" },
  ],
  common: ["verbose", "timeout", "profile"],
  examples: [
    "ax api-keys revoke key_abc123",
    "ax api-keys revoke key_abc123 key_def456 --force",
    "ax api-keys list --unused-for 180d -q | ax api-keys revoke - --force",
    "ax api-keys list --name 'ci-*' -q | ax api-keys revoke - --dry-run",
  ],
  notes: "Every key is attempted even if one fails; a summary counts revoked, already " +
    "revoked and failed keys, and the exit code is non-zero if any failed.",
  handler: async () => (await import("./revoke.ts")).REVOKE_HANDLER,
};

const GET: CommandSpec = {
  name: "get",
  description:
    "Show one API key (by ID, or by its name when that names one key), without its secret",
  args: [{ name: "<key-id>", description: "ID of the key, or its exact name" }],
  options: [{
    flags: "-s, --space <name-or-id>",
    description:
      "look only among this space's service keys (default: your user keys, then every space's)",
  }],
  common: API_OUTPUT_FLAGS,
  examples: [
    "ax api-keys get key_abc123",
    'ax api-keys get "CI pipeline key" -o json',
    "ax api-keys get Exporter --space staging",
  ],
  notes: "The API has no request for one key, so ax finds it by listing: active and " +
    "revoked user keys, then service keys space by space (a name reads them all). " +
    "A name shared with revoked keys, as after a refresh, means the one active key.",
  handler: async () => (await import("./get.ts")).GET_HANDLER,
};

/** The windows `audit` uses when none is given. */
export const DEFAULT_EXPIRES_WITHIN = "14d";
/** See {@link DEFAULT_EXPIRES_WITHIN}. */
export const DEFAULT_UNUSED_FOR = "90d";

const AUDIT: CommandSpec = {
  name: "audit",
  description: "Report keys that are expired, expire soon, never expire or go unused " +
    "(exit 6 when there are findings; for CI)",
  options: [
    {
      flags: "--expires-within <duration>",
      description: "report keys expiring within this time as expires-soon " +
        `(${DURATION_FORMS}; default: ${DEFAULT_EXPIRES_WITHIN})`,
    },
    {
      flags: "--unused-for <duration>",
      description:
        `report keys unused this long as unused or never-used (default: ${DEFAULT_UNUSED_FOR})`,
    },
    {
      flags: "--ignore <finding>",
      description: "do not report this kind of finding (repeatable)",
      choices: FINDING_KINDS,
      repeatable: true,
    },
    {
      flags: "-s, --space <name-or-id>",
      description: "also audit this space's service keys (name or ID)",
    },
    {
      flags: "--all-spaces",
      description: "also audit the service keys of every space you can read",
    },
    QUIET_OPTION,
  ],
  common: API_OUTPUT_FLAGS,
  examples: [
    "ax api-keys audit",
    "ax api-keys audit --all-spaces --expires-within 30d -o findings.csv",
    "ax api-keys audit --ignore never-expires --unused-for 180d",
    "ax api-keys audit -q --ignore expires-soon | ax api-keys revoke - --dry-run",
  ],
  notes: "Findings: expired (active but past its expiry), expires-soon, never-expires, " +
    "unused (last used before the --unused-for window), never-used (older than the window " +
    "and never used). A key may have two. A one-line summary goes to stderr.\n" +
    "Exit codes: 0 nothing to report, 6 findings, others as for every command.",
  handler: async () => (await import("./audit.ts")).AUDIT_HANDLER,
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
    expiresInOption("the replacement"),
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
    "ax api-keys refresh key_abc123 --expires-in 90d",
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
  commands: [LIST, GET, CREATE, CREATE_SERVICE_KEY, REVOKE, REFRESH, AUDIT],
};
