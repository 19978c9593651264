/**
 * Starts a real emulator process (`ax emulator start --port 0`) for
 * end-to-end tests: from source, or from the compiled binary when `AX_BIN`
 * is set. The handle knows the readiness line and drives the admin routes.
 *
 * ```ts
 * const emu = await startEmulator({ faults: true });
 * try {
 *   await emu.fault({ route: "POST /v2/api-keys", count: 1, drop: true, after_commit: true });
 *   // … run ax with ARIZE_BASE_URL=emu.url ARIZE_API_KEY=emu.adminKey …
 *   assert.equal((await emu.stats()).by_route["POST /v2/api-keys"], 1);
 * } finally {
 *   await emu.stop();
 * }
 * ```
 */
import { type ChildProcess, spawn } from "node:child_process";
import process from "node:process";
import type { FaultSpec } from "../../emulator/faults.ts";
import { axCommand } from "./run_ax.ts";

/** Options of {@link startEmulator}. */
export interface StartEmulatorOptions {
  /** Extra arguments for `ax emulator start` (e.g. `["--admin-key", "ak-…"]`). */
  args?: string[];
  /** Pass `--faults` (enables {@link EmulatorHandle.fault}). */
  faults?: boolean;
  /** Pass `--data FILE`. */
  data?: string;
  /** Pass `--seed-keys N`. */
  seedKeys?: number;
  /** Give up waiting for the readiness line after this long (default 30 s). */
  timeoutMs?: number;
}

/**
 * A fault rule for `POST /__emulator/faults`: the emulator's own rule, with
 * `count` optional as on the wire (default 1).
 */
export type FaultRule = Omit<FaultSpec, "count"> & { count?: number };

/** Request counters of the emulator since it started (admin routes excluded). */
export interface EmulatorStats {
  requests: number;
  by_route: Record<string, number>;
}

/** How the emulator process ended. */
export interface EmulatorExit {
  code: number | null;
  signal: string | null;
}

/** A running emulator process. */
export interface EmulatorHandle {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Key of the admin user (account admin, developer flag); also authenticates admin routes. */
  adminKey: string;
  /** Key of the second user: developer flag, not admin, member of `default`, no access to `staging`. */
  userKey: string;
  /** Key of a third user: no developer flag, read-only in `default`. */
  viewerKey: string;
  adminUserId: string;
  /** ID of the second (non-admin) user. */
  userId: string;
  viewerUserId: string;
  /** Seeded spaces, `default` first. */
  spaces: { id: string; name: string }[];
  /** The whole readiness line, parsed. */
  readiness: Record<string, unknown>;
  /** Request counters (`GET /__emulator/stats`). */
  stats(): Promise<EmulatorStats>;
  /** Moves the emulated clock forward (`POST /__emulator/clock`). */
  advanceClock(seconds: number): Promise<void>;
  /** Sets the emulated clock to an RFC 3339 date-time. */
  setClock(iso: string): Promise<void>;
  /** Adds a fault rule; the emulator must have been started with `faults: true`. */
  fault(rule: FaultRule): Promise<void>;
  /** Removes pending fault rules. */
  clearFaults(): Promise<void>;
  /** Calls an admin route and returns its parsed JSON body (undefined for 204). */
  admin(method: string, path: string, body?: unknown): Promise<unknown>;
  /** Sends SIGTERM (or `signal`) and waits for the process to end (it saves `--data` first). */
  stop(signal?: "SIGTERM" | "SIGINT"): Promise<EmulatorExit>;
  /** Process ID of the emulator (the deno or binary process). */
  pid: number;
  /** Everything the process wrote to stderr so far (request logs). */
  stderr(): string;
  /** Everything the process wrote to stdout so far (the readiness line, and nothing else). */
  stdout(): string;
  /** Same as {@link stop}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** Spawns `ax emulator start --port 0 …` and waits for its readiness line. */
export function startEmulator(options: StartEmulatorOptions = {}): Promise<EmulatorHandle> {
  const args = ["emulator", "start", "--port", "0", ...(options.args ?? [])];
  if (options.faults) args.push("--faults");
  if (options.data !== undefined) args.push("--data", options.data);
  if (options.seedKeys !== undefined) args.push("--seed-keys", String(options.seedKeys));
  const [cmd, ...prefix] = axCommand();
  const env: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "TMPDIR", "DENO_DIR", "SYSTEMROOT"]) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  const child = spawn(cmd, [...prefix, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (text: string) => stderr += text);
  const exited = new Promise<EmulatorExit>((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal }));
  });

  return new Promise<EmulatorHandle>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`emulator not ready after ${options.timeoutMs ?? 30_000} ms:\n${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.stdout!.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
      const newline = stdout.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      try {
        const readiness = JSON.parse(stdout.slice(0, newline));
        resolve(makeHandle(child, readiness, {
          exited,
          stderr: () => stderr,
          stdout: () => stdout,
        }));
      } catch (error) {
        child.kill("SIGKILL");
        reject(new Error(`bad readiness line ${JSON.stringify(stdout)}: ${error}`));
      }
    });
    exited.then((exit) => {
      clearTimeout(timer);
      reject(
        new Error(`emulator exited before ready (${exit.code ?? exit.signal}):\n${stderr}`),
      );
    });
  });
}

function makeHandle(
  child: ChildProcess,
  readiness: Record<string, unknown>,
  io: { exited: Promise<EmulatorExit>; stderr: () => string; stdout: () => string },
): EmulatorHandle {
  const url = readiness.url as string;
  const adminKey = readiness.admin_key as string;
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}/__emulator/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /__emulator/${path}: ${response.status} ${text}`);
    return text === "" ? undefined : JSON.parse(text);
  };
  let stopping: Promise<EmulatorExit> | undefined;
  const stop = (signal: "SIGTERM" | "SIGINT" = "SIGTERM") => {
    if (!stopping) {
      // process.kill, not child.kill: after child.kill, Deno's node:child_process
      // reports the signal as the cause of exit even when the child exited 0.
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal);
      stopping = io.exited;
    }
    return stopping;
  };
  return {
    url,
    adminKey,
    userKey: readiness.user_key as string,
    viewerKey: readiness.viewer_key as string,
    adminUserId: readiness.admin_user_id as string,
    userId: readiness.user_id as string,
    viewerUserId: readiness.viewer_user_id as string,
    spaces: readiness.spaces as { id: string; name: string }[],
    readiness,
    stats: () => admin("GET", "stats") as Promise<EmulatorStats>,
    advanceClock: async (seconds) =>
      void await admin("POST", "clock", { advance_seconds: seconds }),
    setClock: async (iso) => void await admin("POST", "clock", { now: iso }),
    fault: async (rule) => void await admin("POST", "faults", rule),
    clearFaults: async () => void await admin("DELETE", "faults"),
    admin,
    stop,
    pid: child.pid!,
    stderr: io.stderr,
    stdout: io.stdout,
    [Symbol.asyncDispose]: async () => void await stop(),
  };
}
