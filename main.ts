/**
 * The entry point, and the only module that reads the real process: argv, env,
 * stdio, TTY facts and signals. It builds the Context, runs the CLI, and turns
 * errors into exit codes.
 */
import process from "node:process";
import { homedir } from "node:os";
import type { Context } from "./runtime/context.ts";
import { InterruptedError } from "./runtime/errors.ts";
import { nodeOutput } from "./runtime/node_output.ts";
import { createStreamPrompter } from "./runtime/prompter.ts";
import { reportError } from "./runtime/report_error.ts";
import { AX_VERSION, buildCommit } from "./runtime/version.ts";
import { runCli } from "./commands/mod.ts";

function runtimeName(): string {
  const g = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string } } };
  if (g.Bun) return `bun ${g.Bun.version}`;
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  return `node ${process.versions.node}`;
}

function safeHomeDir(): string | undefined {
  try {
    return process.env.HOME || process.env.USERPROFILE || homedir() || undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const interrupt = new AbortController();
  const onSignal = () => {
    if (interrupt.signal.aborted) process.exit(130);
    interrupt.abort(new InterruptedError());
    // Cleanup (temp files, sockets) runs through the abort; if something still
    // hangs, do not keep the user waiting.
    setTimeout(() => process.exit(130), 2000).unref?.();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // A reader that went away (`ax … | head -1`) is not an error (I5).
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
  });

  const stderr = nodeOutput(process.stderr);
  const ctx: Context = {
    fetch: globalThis.fetch.bind(globalThis),
    stdout: nodeOutput(process.stdout),
    stderr,
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
    now: () => new Date(),
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(signal.reason);
        }, { once: true });
      }),
    random: Math.random,
    prompter: createStreamPrompter(process.stdin, process.stderr),
    signal: interrupt.signal,
    homeDir: safeHomeDir(),
    cwd: process.cwd(),
    versionInfo: { version: AX_VERSION, commit: buildCommit(), runtime: runtimeName() },
  };

  try {
    await runCli(process.argv.slice(2), ctx);
    return 0;
  } catch (error) {
    const verbose = process.argv.includes("--verbose") || process.argv.includes("-v");
    return await reportError(error, {
      stderr,
      env: process.env,
      verbose,
      interrupted: interrupt.signal.aborted,
    });
  }
}

const code = await main();
// Let pending stdout/stderr writes drain, then leave even if sockets or timers linger.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
