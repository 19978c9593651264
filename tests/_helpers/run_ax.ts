/**
 * Runs `ax` as a real process, the way users meet it. By default from source
 * (`deno run main.ts`); set `AX_BIN` to a compiled binary to run the same
 * end-to-end tests against it.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

/** The argv prefix that starts ax: the binary, or deno running main.ts. */
export function axCommand(): string[] {
  const bin = process.env.AX_BIN;
  if (bin) return [bin];
  return [Deno.execPath(), "run", "--allow-all", "--quiet", "--no-check", MAIN];
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
