/**
 * Runs `ax` as a real process, the way users meet it. By default from source
 * (`deno run main.ts`); set `AX_BIN` to a compiled binary to run the same
 * end-to-end tests against it.
 */
import { execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

/** The argv prefix that starts ax: the binary, or deno running main.ts. */
export function axCommand(): string[] {
  const bin = process.env.AX_BIN;
  if (bin) return [bin];
  return [Deno.execPath(), "run", "--allow-all", "--quiet", "--no-check", MAIN];
}

let denoDir: string | undefined;

/**
 * Variables the runtime itself needs whatever HOME says. Run from source,
 * Deno looks for its npm cache under HOME: with a sandbox HOME it would build
 * a new cache and ask registry.npmjs.org for package metadata on every run —
 * network traffic beyond 127.0.0.1, and through any proxy a test sets. The
 * real DENO_DIR keeps it offline. DENO_NO_UPDATE_CHECK stops Deno's own
 * daily check for a newer Deno, a CONNECT to dl.deno.land that a test's
 * recording proxy would otherwise see now and then (it failed CI once). A
 * compiled binary needs nothing.
 */
export function runtimeEnv(): Record<string, string> {
  if (process.env.AX_BIN) return {};
  denoDir ??= process.env.DENO_DIR ??
    JSON.parse(execFileSync(Deno.execPath(), ["info", "--json"], { encoding: "utf8" })).denoDir;
  return { DENO_DIR: denoDir!, DENO_NO_UPDATE_CHECK: "1" };
}

/** Options of {@link runAx}. */
export interface RunAxOptions {
  /** Environment of the process; HOME/AX_CONFIG_DIR should point at a temp dir. */
  env?: Record<string, string | undefined>;
  /** Text fed to stdin; stdin is closed (no terminal) either way. */
  stdin?: string;
  cwd?: string;
  /** Kill the process after this many milliseconds (default 30 s). */
  timeoutMs?: number;
}

/** What a finished ax process did. */
export interface AxResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Runs ax with `args` and collects its output. Never throws on a non-zero exit. */
export function runAx(args: string[], options: RunAxOptions = {}): Promise<AxResult> {
  // runtimeEnv(): from source, Deno keeps using its npm cache whatever HOME the test sets.
  return runProcess([...axCommand(), ...args], {
    ...options,
    env: { ...runtimeEnv(), ...options.env },
  });
}

/**
 * Runs any program as runAx runs ax: PATH plus `options.env` (undefined values
 * left out), stdin fed and closed, stdout and stderr collected, killed after
 * `timeoutMs`. Never throws on a non-zero exit.
 */
export function runProcess(argv: string[], options: RunAxOptions = {}): Promise<AxResult> {
  const [cmd, ...rest] = argv;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ PATH: process.env.PATH, ...options.env })) {
    if (v !== undefined) env[k] = v;
  }
  const child = spawn(cmd, rest, { env, cwd: options.cwd, stdio: "pipe" });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (b: Buffer) => out.push(b));
  child.stderr.on("data", (b: Buffer) => err.push(b));
  child.stdin.end(options.stdin ?? "");
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}
