/**
 * Runs `ax` as a live process the test can watch and signal (Ctrl-C tests),
 * plus small tools the hardening tests share: a private sandbox (home and
 * config dir), a bounded poll, a real shell pipeline, and a scan for
 * leftover temp files.
 *
 * ```ts
 * const run = startAx(["api-keys", "list", "--all", "-o", "keys.csv"], { env, cwd });
 * await waitFor(() => run.stderr().includes("Fetched"), { what: "progress" });
 * run.kill("SIGINT");
 * const result = await run.done;   // { code: 130, … }
 * ```
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import type { EmulatorHandle } from "./emulator_process.ts";
import { axCommand, type AxResult, runProcess, runtimeEnv } from "./run_ax.ts";

/** A running ax process. */
export interface AxProcess {
  pid: number;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Sends a signal to the process (the runtime itself: no shell in between). */
  kill(signal: "SIGINT" | "SIGTERM" | "SIGHUP" | "SIGKILL"): void;
  /** Settles when the process has exited. */
  done: Promise<AxResult>;
}

/** Options of {@link startAx}. */
export interface StartAxOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Killed with SIGKILL after this long (default 30 s), so a hang fails the test instead of the suite. */
  timeoutMs?: number;
}

/** Starts ax (source or `AX_BIN`) with stdin closed and stdout/stderr captured. */
export function startAx(args: string[], options: StartAxOptions = {}): AxProcess {
  const [cmd, ...prefix] = axCommand();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ PATH: process.env.PATH, ...options.env })) {
    if (v !== undefined) env[k] = v;
  }
  const child = spawn(cmd, [...prefix, ...args], { env, cwd: options.cwd, stdio: "pipe" });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (b: Buffer) => out.push(b));
  child.stderr.on("data", (b: Buffer) => err.push(b));
  child.stdin.end();
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
  const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString("utf8");
  const done = new Promise<AxResult>((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: text(out), stderr: text(err) });
    });
  });
  return {
    pid: child.pid!,
    stdout: () => text(out),
    stderr: () => text(err),
    // process.kill, not child.kill: Deno's child.kill reports the signal as
    // the cause of exit even when the process handled it and exited itself.
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal);
    },
    done,
  };
}

/**
 * Polls `check` every `intervalMs` (default 25) until it returns true; throws
 * naming `what` after `timeoutMs` (default 15 s). Never a fixed sleep.
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  options: { what: string; timeoutMs?: number; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}

/** A private home directory for one test file, with ax's config dir inside it. */
export interface Sandbox {
  home: string;
  configDir: string;
  /** A new empty directory inside the sandbox. */
  dir(name: string): string;
  remove(): void;
}

/** Creates a sandbox under the system temp dir. */
export function makeSandbox(prefix: string): Sandbox {
  const home = mkdtempSync(join(tmpdir(), `ax-hardening-${prefix}-`));
  let n = 0;
  return {
    home,
    configDir: join(home, ".arize"),
    dir(name) {
      const path = mkdtempSync(join(home, `${name}-${n++}-`));
      return path;
    },
    remove: () => rmSync(home, { recursive: true, force: true }),
  };
}

/**
 * The environment of one ax process against `emu` as its admin user, with a
 * private config dir, no colour and no ALPHA notice; `extra` overrides (an
 * undefined value removes a variable). A scripted test server serves as
 * `emu` too, given as its URL and the token ax should send.
 */
export function emulatorEnv(
  emu: Pick<EmulatorHandle, "url" | "adminKey">,
  box: Sandbox,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    ...runtimeEnv(),
    ARIZE_BASE_URL: emu.url,
    ARIZE_API_KEY: emu.adminKey,
    AX_CONFIG_DIR: box.configDir,
    HOME: box.home,
    NO_COLOR: "1",
    DISABLE_PRERELEASE_WARNING: "true",
    ...extra,
  };
}

/** Files in `dir` (recursively) that look like ax's temp or probe files. */
export function leftoverTempFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((name) =>
    /(^|\/)\.[^/]*\.tmp$|(^|\/)\.ax-probe-/.test(name)
  );
}

/** The argv of `ax` as one shell-quoted string, for `sh -c` pipelines. */
export function axShellWords(args: string[]): string {
  return [...axCommand(), ...args].map((word) => `'${word.replaceAll("'", `'\\''`)}'`).join(" ");
}

/** Runs `script` with `sh -c`; resolves with its exit code and output. */
export function runShell(
  script: string,
  options: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {},
): Promise<AxResult> {
  return runProcess(["sh", "-c", script], options);
}

/**
 * The one argv parser of the tests for printed command lines: what `sh`
 * makes of `line` (run in `cwd`, so anything it would execute lands there),
 * as its words. Fails unless sh reads it cleanly.
 */
export async function shellWords(line: string, cwd?: string): Promise<string[]> {
  const result = await runShell(`printf '%s\\0' ${line}`, { cwd });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.split("\0").slice(0, -1);
}

/** True when util-linux `script` (a pseudo-terminal runner) is installed. */
export async function hasScript(): Promise<boolean> {
  return (await runShell("script --version")).code === 0;
}

/**
 * Runs ax on a pseudo-terminal (stdin, stdout and stderr all on it, via
 * `script -qec`) and returns everything it wrote there as `stdout`; `code` is
 * ax's exit code.
 */
export function runOnTerminal(
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<AxResult> {
  const command = axShellWords(args);
  return runShell(`script -qec '${command.replaceAll("'", `'\\''`)}' /dev/null`, {
    env: { TERM: "xterm-256color", ...options.env },
    cwd: options.cwd,
    timeoutMs: 20_000,
  });
}

/**
 * Starts counting `emu`'s requests per route; the returned function gives the
 * routes whose count changed since, with the difference.
 */
export async function requestsSince(
  emu: Pick<EmulatorHandle, "stats">,
): Promise<() => Promise<Record<string, number>>> {
  const before = (await emu.stats()).by_route;
  return async () => {
    const out: Record<string, number> = {};
    for (const [route, n] of Object.entries((await emu.stats()).by_route)) {
      if (n !== (before[route] ?? 0)) out[route] = n - (before[route] ?? 0);
    }
    return out;
  };
}

/** ax running on a pseudo-terminal whose keyboard the test types on. */
export interface TerminalSession {
  /** Everything shown on the terminal so far. */
  screen(): string;
  /** Types `keys` (e.g. `"y\r"`, or `"\x03"` for Ctrl-C). */
  type(keys: string): void;
  /** Settles with ax's exit code and the whole screen. */
  done: Promise<AxResult>;
}

/** Options of {@link startOnTerminal}. */
export interface TerminalOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  timeoutMs?: number;
  /** Pipe ax's stdout through `cat` (stdin and stderr stay on the terminal). */
  pipeStdout?: boolean;
}

/** Starts ax on a pseudo-terminal (`script -qec`) with a keyboard the test controls. */
export function startOnTerminal(args: string[], options: TerminalOptions = {}): TerminalSession {
  const env: Record<string, string> = {};
  for (
    const [k, v] of Object.entries({
      PATH: process.env.PATH,
      TERM: "xterm-256color",
      ...options.env,
    })
  ) {
    if (v !== undefined) env[k] = v;
  }
  // Through a pipe, the shell's status would be cat's: ax's own goes via a file.
  const statusFile = join(mkdtempSync(join(tmpdir(), "ax-pty-")), "status");
  const command = options.pipeStdout
    ? `{ ${axShellWords(args)}; echo $? > '${statusFile}'; } | cat; exit $(cat '${statusFile}')`
    : axShellWords(args);
  const child = spawn("script", ["-qec", command, "/dev/null"], {
    env,
    cwd: options.cwd,
    stdio: "pipe",
  });
  const out: Buffer[] = [];
  child.stdout.on("data", (b: Buffer) => out.push(b));
  child.stderr.on("data", (b: Buffer) => out.push(b));
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 20_000);
  const screen = () => Buffer.concat(out).toString("utf8");
  return {
    screen,
    type: (keys) => void child.stdin.write(keys),
    done: new Promise((resolve) => {
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout: screen(), stderr: "" });
      });
    }),
  };
}
