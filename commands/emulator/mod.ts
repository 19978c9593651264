/**
 * The `ax emulator` group, declared as data: `start` serves a local Arize API
 * (the api-keys and spaces endpoints) for trying ax and for end-to-end tests,
 * with no account and no network. Its behaviour lives in start.ts, loaded
 * only when it runs.
 */
import type { GroupSpec } from "../../cli/command.ts";

/** The port used when `--port` is not given. */
export const DEFAULT_PORT = 8787;
/** The host used when `--host` is not given: loopback only. */
export const DEFAULT_HOST = "127.0.0.1";

/** `ax emulator`. */
export const EMULATOR: GroupSpec = {
  name: "emulator",
  description: "Run a local Arize API emulator (no account, no network needed)",
  commands: [{
    name: "start",
    description: "Serve the api-keys and spaces endpoints of the Arize REST API on this machine; " +
      "prints one JSON readiness line (url, admin_key, spaces) on stdout",
    options: [
      {
        flags: "--port <n>",
        description: "port to listen on; 0 picks a free one",
        default: { value: String(DEFAULT_PORT) },
      },
      {
        flags: "--host <host>",
        description: "address to listen on (loopback unless you change it)",
        default: { value: DEFAULT_HOST },
      },
      {
        flags: "--data <file>",
        description: "keep users, spaces and key hashes in this JSON file across runs",
      },
      {
        flags: "--admin-key <key>",
        description: "API key of the admin user (default: a new random key)",
      },
      {
        flags: "--seed-keys <n>",
        description: "pre-create N synthetic keys for the admin (benchmarks)",
        default: { value: "0" },
      },
      { flags: "--faults", description: "enable fault injection at /__emulator/faults (tests)" },
      {
        flags: "--clock <datetime>",
        description: "start the emulated clock at this RFC 3339 date-time",
      },
    ],
    notes: "The emulator is a development tool, not a security boundary: it listens on " +
      "127.0.0.1 by default, and anyone who can reach its port can use it.",
    examples: [
      "ax emulator start",
      "ax emulator start --port 0 --data ./emulator.json",
      "ax emulator start --admin-key ak-local-dev-admin --seed-keys 100000",
      "ARIZE_BASE_URL=http://127.0.0.1:8787 ARIZE_API_KEY=<admin_key> ax api-keys list",
    ],
    handler: async () => (await import("./start.ts")).START_HANDLER,
  }],
};
