/**
 * The entry point, and the only module that reads the real process: argv, env,
 * stdio, TTY facts and signals. It builds the Context, runs the CLI, and turns
 * errors into exit codes.
 */
import process from "node:process";
import type { Context, Prompter } from "./runtime/context.ts";
import { InterruptedError } from "./runtime/errors.ts";
import { exitAfterFlush, isTerminal, standardOutput } from "./runtime/stdio.ts";
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

async function safeHomeDir(): Promise<string | undefined> {
  const fromEnv = process.env.HOME || process.env.USERPROFILE;
  if (fromEnv) return fromEnv;
  try {
    // node:os costs ~1 ms of start-up; HOME is nearly always set.
    const { homedir } = await import("node:os");
    return homedir() || undefined;
  } catch {
    return undefined;
  }
}

/** Builds the stdin prompter on first use: stdin's stream costs start-up time too. */
function lazyPrompter(): Prompter {
  let prompter: Prompter | undefined;
  const get = () => (prompter ??= createStreamPrompter(process.stdin, process.stderr));
  return {
    confirm: (question, defaultAnswer) => get().confirm(question, defaultAnswer),
    ask: (question, options) => get().ask(question, options),
  };
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
  const stderr = standardOutput(2);
  const ctx: Context = {
    fetch: globalThis.fetch.bind(globalThis),
    stdout: standardOutput(1),
    stderr,
    stdinIsTTY: isTerminal(0),
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
    prompter: lazyPrompter(),
    signal: interrupt.signal,
    homeDir: await safeHomeDir(),
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

await exitAfterFlush(await main());
