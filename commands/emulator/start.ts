/**
 * `ax emulator start`: serves a local Arize API (the api-keys and spaces
 * endpoints) for trying ax and for end-to-end tests, with no account and no
 * network. Prints one readiness line of JSON on stdout, logs requests on
 * stderr, and stops cleanly (saving `--data`) on Ctrl-C or SIGTERM.
 */
import { isAbsolute, join } from "node:path";
import { handler } from "../../cli/command.ts";
import { parseRfc3339 } from "../../emulator/validate.ts";
import type { Context } from "../../runtime/context.ts";
import { ConfigError, FileError, NetworkError, UsageError } from "../../runtime/errors.ts";
import { DEFAULT_HOST, DEFAULT_PORT } from "./mod.ts";

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
    "../../emulator/mod.ts"
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

/** `emulator start`'s parse and run, for its declaration in mod.ts. */
export const START_HANDLER = handler(
  (input) => parseEmulatorStart({ values: input.values as RawEmulatorStartValues, cwd: input.cwd }),
  runEmulator,
);
