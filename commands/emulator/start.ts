/**
 * `ax emulator start`: serves a local Arize API (the api-keys and spaces
 * endpoints) for trying ax and for end-to-end tests, with no account and no
 * network. Prints one readiness line of JSON on stdout, logs requests on
 * stderr, and stops cleanly (saving `--data`) on Ctrl-C or SIGTERM.
 */
import type { Command } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import { examples } from "../cli/help.ts";
import type { Context } from "../runtime/context.ts";
import { ConfigError, FileError, NetworkError, UsageError } from "../runtime/errors.ts";
import { isAbsolute, join } from "node:path";
import { parseRfc3339 } from "../emulator/validate.ts";

/** The port used when `--port` is not given. */
export const DEFAULT_PORT = 8787;
/** The host used when `--host` is not given: loopback only. */
export const DEFAULT_HOST = "127.0.0.1";

/** Options of `ax emulator start`, after validation. */
export interface EmulatorStartOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** Absolute path of the state file, when persisting. */
  data?: string;
  adminKey?: string;
  seedKeys: number;
  faults: boolean;
  /** What the emulated clock reads at start, epoch milliseconds. */
  clock?: number;
}

/** Option values as commander hands them over. */
export interface RawEmulatorStartValues {
  port?: string;
  host?: string;
  data?: string;
  adminKey?: string;
  seedKeys?: string;
  faults?: true;
  clock?: string;
}

/** Registers `emulator` and its `start` subcommand. */
export function emulatorCommand(program: Command, ctx: Context): void {
  const group = program
    .command("emulator")
    .description("Run a local Arize API emulator (no account, no network needed)")
    .helpCommand(false);
  group
    .command("start")
    .description(
      "Serve the api-keys and spaces endpoints of the Arize REST API on this machine; " +
        "prints one JSON readiness line (url, admin_key, spaces) on stdout",
    )
    .addOption(new Option("--port <n>", `port to listen on; 0 picks a free one`).default(
      String(DEFAULT_PORT),
    ))
    .addOption(
      new Option("--host <host>", "address to listen on (loopback unless you change it)").default(
        DEFAULT_HOST,
      ),
    )
    .addOption(
      new Option(
        "--data <file>",
        "keep users, spaces and key hashes in this JSON file across runs",
      ),
    )
    .addOption(
      new Option("--admin-key <key>", "API key of the admin user (default: a new random key)"),
    )
    .addOption(
      new Option("--seed-keys <n>", "pre-create N synthetic keys for the admin (benchmarks)")
        .default("0"),
    )
    .addOption(
      new Option("--faults", "enable fault injection at /__emulator/faults (tests)"),
    )
    .addOption(
      new Option("--clock <datetime>", "start the emulated clock at this RFC 3339 date-time"),
    )
    .addHelpText(
      "after",
      [
        "",
        "The emulator is a development tool, not a security boundary: it listens on",
        "127.0.0.1 by default, and anyone who can reach its port can use it.",
        "",
      ].join("\n") + examples([
        "ax emulator start",
        "ax emulator start --port 0 --data ./emulator.json",
        "ax emulator start --admin-key ak-local-dev-admin --seed-keys 100000",
        "ARIZE_BASE_URL=http://127.0.0.1:8787 ARIZE_API_KEY=<admin_key> ax api-keys list",
      ]),
    )
    .action(async (values) => {
      await runEmulator(parseEmulatorStart({ values, cwd: ctx.cwd }), ctx);
    });
}

/** Validates `ax emulator start`'s options; relative `--data` paths are resolved against `cwd`. */
export function parseEmulatorStart(
  input: { values: RawEmulatorStartValues; cwd: string },
): EmulatorStartOptions {
  const { values, cwd } = input;
  const port = parseInteger(values.port ?? String(DEFAULT_PORT), "--port", 65_535);
  const seedKeys = parseInteger(values.seedKeys ?? "0", "--seed-keys", 10_000_000);
  const host = values.host ?? DEFAULT_HOST;
  if (!/^[A-Za-z0-9.:-]+$/.test(host)) {
    throw new UsageError(`Invalid --host '${host}': give an IP address or host name.`);
  }
  if (values.adminKey !== undefined && !/^[A-Za-z0-9._~+/=-]{8,256}$/.test(values.adminKey)) {
    throw new UsageError(
      "Invalid --admin-key: use 8 to 256 letters, digits or . _ ~ + / = - (e.g. ak-local-dev-admin).",
    );
  }
  let clock: number | undefined;
  if (values.clock !== undefined) {
    clock = parseRfc3339(values.clock);
    if (clock === undefined) {
      throw new UsageError(
        `Invalid --clock '${values.clock}': use an RFC 3339 date-time such as 2026-01-01T00:00:00Z.`,
      );
    }
  }
  if (values.data !== undefined && values.data.trim() === "") {
    throw new UsageError("Invalid --data: give a file path.");
  }
  return {
    port,
    host,
    data: values.data === undefined
      ? undefined
      : isAbsolute(values.data)
      ? values.data
      : join(cwd, values.data),
    adminKey: values.adminKey,
    seedKeys,
    faults: values.faults === true,
    clock,
  };
}

function parseInteger(value: string, option: string, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new UsageError(`Invalid ${option} '${value}': give a whole number from 0 to ${max}.`);
  }
  return Number(value);
}

/**
 * Serves until `ctx.signal` aborts (Ctrl-C or SIGTERM in main.ts), then
 * closes connections, saves the state and resolves: stopping is a clean exit.
 */
export async function runEmulator(options: EmulatorStartOptions, ctx: Context): Promise<void> {
  // Loaded here so that `ax --help` and the api-keys commands never load the server.
  const { CorruptDataError, serveEmulator, UnwritableDataError } = await import(
    "../emulator/mod.ts"
  );
  const log = (line: string) => void ctx.stderr.write(`${line}\n`);
  let serving;
  try {
    serving = await serveEmulator({
      host: options.host,
      port: options.port,
      dataFile: options.data,
      adminKey: options.adminKey,
      seedKeys: options.seedKeys,
      faults: options.faults,
      clockStart: options.clock,
      realNow: () => ctx.now().getTime(),
      log,
      onSaveError: (error) => log(`warning: could not save ${options.data}: ${error.message}`),
    });
  } catch (error) {
    if (error instanceof CorruptDataError) {
      throw new ConfigError(`Refusing to start: ${error.message}.`, [
        "The file was left unchanged. Fix it, move it away, or pass another --data file.",
      ]);
    }
    if (error instanceof UnwritableDataError) {
      throw new FileError(`Cannot start: ${error.message}.`, {
        hints: ["Check that the folder of --data exists and is writable."],
      });
    }
    throw listenError(error, options);
  }
  if (!isLoopback(options.host)) {
    log(
      `warning: listening on ${options.host}: the emulator is a development tool, not a security boundary`,
    );
  }
  await ctx.stdout.write(`${JSON.stringify(serving.readiness)}\n`);
  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) return resolve();
    ctx.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  await serving.close();
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}

function listenError(error: unknown, options: EmulatorStartOptions): unknown {
  const code = (error as { code?: string }).code;
  const where = `${options.host}:${options.port}`;
  if (code === "EADDRINUSE") {
    return new NetworkError(`Cannot listen on ${where}: the port is already in use.`, {
      hints: ["Pick another port with --port N, or --port 0 for a free one."],
    });
  }
  if (code === "EACCES") {
    return new NetworkError(`Cannot listen on ${where}: permission denied.`, {
      hints: ["Ports below 1024 need privileges; pick a higher --port."],
    });
  }
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") {
    return new NetworkError(`Cannot listen on ${where}: no such address on this machine.`, {
      hints: ["Use --host 127.0.0.1 (the default)."],
    });
  }
  return error;
}
