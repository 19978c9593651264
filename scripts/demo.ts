/**
 * `deno task demo`: a short tour of `ax api-keys` against a local emulator.
 * Starts `ax emulator start --port 0`, runs real `ax` processes (printing each
 * command line and its output), then stops the emulator. Needs no account and
 * no network; config goes to a temporary directory that is removed at the end.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import process from "node:process";

const MAIN = new URL("../main.ts", import.meta.url).pathname;
const AX = [Deno.execPath(), "run", "--allow-all", "--quiet", MAIN];
const configDir = mkdtempSync(join(tmpdir(), "ax-demo-"));

interface Readiness {
  url: string;
  admin_key: string;
  spaces: { id: string; name: string }[];
}

/** Starts the emulator and resolves with its readiness line. */
function startEmulator(): Promise<{ ready: Readiness; stop: () => void }> {
  const child = spawn(AX[0], [...AX.slice(1), "emulator", "start", "--port", "0"], {
    stdio: ["ignore", "pipe", "ignore"],
    env: { ...process.env, AX_CONFIG_DIR: configDir },
  });
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`emulator exited early (code ${code})`)));
    lines.once("line", (line) => {
      resolve({ ready: JSON.parse(line), stop: () => child.kill("SIGTERM") });
    });
  });
}

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

/** Shows a command line, runs ax with it and returns its stdout (also shown). */
function ax(
  args: string[],
  env: Record<string, string>,
  options: { capture?: boolean } = {},
): string {
  const shown = args.map((
    a,
  ) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`));
  console.log(`\n${bold(`$ ax ${shown.join(" ")}`)}`);
  const result = spawnSync(AX[0], [...AX.slice(1), ...args], {
    env: { ...process.env, ...env },
    stdio: options.capture ? ["ignore", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
  });
  if (options.capture) process.stdout.write(result.stdout);
  if (result.status !== 0) throw new Error(`ax ${args.join(" ")} exited with ${result.status}`);
  return result.stdout ?? "";
}

/** A date `days` from today as YYYY-MM-DD, so the tour never uses a past expiry. */
function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const { ready, stop } = await startEmulator();
try {
  console.log(`Emulator running at ${ready.url} (admin key from its readiness line).`);
  const env = {
    ARIZE_BASE_URL: ready.url,
    ARIZE_API_KEY: ready.admin_key,
    AX_CONFIG_DIR: configDir,
  };
  ax([
    "api-keys",
    "create",
    "--name",
    "CI pipeline key",
    "--description",
    "Uploads evaluation results",
  ], env);
  const temp = JSON.parse(
    ax(
      ["api-keys", "create", "-n", "Temporary key", "--expires-at", daysFromNow(365), "-o", "json"],
      env,
      {
        capture: true,
      },
    ),
  );
  ax(["api-keys", "list"], env);
  ax(["api-keys", "list", "-o", "json", "--limit", "1"], env);
  ax([
    "api-keys",
    "create-service-key",
    "--name",
    "Staging service key",
    "--space",
    "staging",
    "--space-role",
    "read-only",
  ], env);
  ax([
    "api-keys",
    "refresh",
    temp.id,
    "--expires-at",
    daysFromNow(180),
    "--grace-period-seconds",
    "300",
  ], env);
  ax(["api-keys", "revoke", temp.id, "--force"], env);
  ax(["api-keys", "list", "--status", "revoked"], env);
  console.log("\nDone. The emulator is stopped and its data discarded.");
} finally {
  stop();
  rmSync(configDir, { recursive: true, force: true });
}
