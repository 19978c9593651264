/**
 * The `ax profiles` group, declared as data: saved credentials and the
 * endpoints they are used with. Each command's behaviour (parse + run) lives
 * in the file named after it, loaded only when it runs.
 */
import type { CommandSpec, GroupSpec, OptionSpec } from "../../cli/command.ts";
import { DEFAULT_PROFILE } from "../../config/profile_name.ts";
import { DEFAULT_BASE_URL } from "../../config/routing.ts";

const FORCE: OptionSpec = {
  flags: "-f, --force",
  description: "delete without asking (required when not on a terminal)",
};

/** How `show` and `validate` pick their profile. */
const NAMED_PROFILE = "Name the profile as the argument or with --profile (the same thing " +
  "here). Without a name: the one in use (AX_PROFILE, else the active profile).";

const CREATE: CommandSpec = {
  name: "create",
  description: "Create a profile: an API key and the endpoint to use it with",
  args: [{
    name: "[name]",
    description: `profile name: letters, digits, '_' and '-' (default: ${DEFAULT_PROFILE})`,
  }],
  options: [
    {
      flags: "--api-key <key>",
      description:
        "the Arize API key, '-' to read it from stdin, or a ${VAR} reference to expand at use",
    },
    {
      flags: "--api-key-stdin",
      description: "read the API key from stdin (keeps it out of shell history and process lists)",
    },
    {
      flags: "--region <region>",
      description: "Arize region, e.g. eu-west-1a (→ https://api.<region>.arize.com)",
    },
    {
      flags: "--base-url <url>",
      description:
        `API base URL, e.g. http://127.0.0.1:4010 for the emulator (default: ${DEFAULT_BASE_URL})`,
    },
    {
      flags: "--output-format <format>",
      description: "default output format of this profile (e.g. json)",
    },
    { flags: "--use", description: "make this the active profile (the first profile always is)" },
    { flags: "-f, --force", description: "overwrite an existing profile of the same name" },
  ],
  examples: [
    "ax profiles create   # on a terminal: asks for the key",
    'ax profiles create work --api-key "$ARIZE_API_KEY" --region eu-west-1a --use',
    "printf '%s' \"$KEY\" | ax profiles create ci --api-key -",
    "ax profiles create local --api-key <admin_key> --base-url http://127.0.0.1:4010",
    "ax profiles create work --api-key '${WORK_KEY}' --force   # key read from WORK_KEY at use",
  ],
  notes: "The file is written in the reference Arize CLI's format; --base-url is stored as " +
    "[routing] api_scheme + api_host, which reads back as the same URL. An output format " +
    "the reference does not know (anything but table, json, csv, parquet) is stored as " +
    "[output] ax_format, which the reference ignores.",
  handler: async () => (await import("./create.ts")).CREATE_HANDLER,
};

const LIST: CommandSpec = {
  name: "list",
  description: "List profiles; the ACTIVE column marks the one in use",
  common: ["output", "plugin"],
  examples: ["ax profiles list", "ax profiles list -o json"],
  handler: async () => (await import("./list.ts")).LIST_HANDLER,
};

const SHOW: CommandSpec = {
  name: "show",
  description: "Show a profile's settings (key masked) and where each value comes from",
  args: [{ name: "[name]", description: "profile to show (default: the one in use)" }],
  options: [{
    flags: "-o, --output <format>",
    description: "output format: table or json (default: table)",
  }],
  common: ["profile"],
  examples: [
    "ax profiles show",
    "ax profiles show work -o json",
    "AX_PROFILE=work ax profiles show",
  ],
  notes: NAMED_PROFILE,
  handler: async () => (await import("./show.ts")).SHOW_HANDLER,
};

const USE: CommandSpec = {
  name: "use",
  description: "Make a profile the active one (AX_PROFILE still wins for one shell)",
  args: [{ name: "<name>", description: "an existing profile (see `ax profiles list`)" }],
  examples: ["ax profiles use work"],
  handler: async () => (await import("./use.ts")).USE_HANDLER,
};

const DELETE: CommandSpec = {
  name: "delete",
  description: "Delete a profile's file (asks first on a terminal)",
  args: [{ name: "<name>", description: "the profile to delete" }],
  options: [FORCE],
  examples: ["ax profiles delete old", "ax profiles delete old --force"],
  handler: async () => (await import("./delete.ts")).DELETE_HANDLER,
};

const VALIDATE: CommandSpec = {
  name: "validate",
  description: "Check that a profile's API key is accepted by its endpoint",
  args: [{ name: "[name]", description: "profile to check (default: the one in use)" }],
  common: ["verbose", "timeout", "profile"],
  examples: ["ax profiles validate", "ax profiles validate work -v"],
  notes: NAMED_PROFILE + " ARIZE_API_KEY and ARIZE_BASE_URL still apply, as for every " +
    "command, and the result says when they did.",
  handler: async () => (await import("./validate.ts")).VALIDATE_HANDLER,
};

/** `ax profiles`. */
export const PROFILES: GroupSpec = {
  name: "profiles",
  description: "Manage profiles: saved API keys and the endpoints they are used with",
  commands: [CREATE, LIST, SHOW, USE, DELETE, VALIDATE],
};
