/**
 * The entry point, and the only module that reads the real process: argv, env,
 * stdio, TTY facts and signals. It builds the Context, runs the CLI, and turns
 * errors into exit codes.
 */
import process from "node:process";
import type { Context, Prompter } from "./runtime/context.ts";
import { InterruptedError } from "./runtime/errors.ts";
import { bestEffortOutput, exitAfterFlush, isTerminal, standardOutput } from "./runtime/stdio.ts";
import { createStreamPrompter } from "./runtime/prompter.ts";
import { reportError } from "./runtime/report_error.ts";
import { runtimeName } from "./runtime/adapter.ts";
import { AX_VERSION, buildCommit } from "./runtime/version.ts";
import { runCli } from "./commands/mod.ts";

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

/**
 * The signals that stop ax, with their exit codes (128 + signal number, I8
 * in docs/reliability.md). Each aborts ctx.signal: temp files are removed
 * and partial output discarded on the way out, as for Ctrl-C.
 */
const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

async function main(): Promise<number> {
  const interrupt = new AbortController();
  /** The exit code of the first stop signal received. */
  let stoppedWith: number | undefined;
  for (const [name, code] of Object.entries(STOP_SIGNALS)) {
    const onSignal = () => {
      if (interrupt.signal.aborted) process.exit(stoppedWith ?? code);
      stoppedWith = code;
      interrupt.abort(new InterruptedError());
      // Cleanup (temp files, sockets) runs through the abort; if something still
      // hangs, do not keep the user waiting.
      setTimeout(() => process.exit(code), 2000).unref?.();
    };
    try {
      process.on(name as NodeJS.Signals, onSignal);
    } catch {
      // A platform without this signal (SIGHUP on some Windows runtimes).
    }
  }
  const stderr = bestEffortOutput(standardOutput(2));
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
    const code = await reportError(error, {
      stderr,
      env: process.env,
      verbose,
      interrupted: interrupt.signal.aborted,
    });
    // Whatever failed after a stop signal, the exit code names the signal.
    return stoppedWith ?? code;
  }
}

await exitAfterFlush(await main());
