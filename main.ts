/**
 * The entry point, and the only module that reads the real process: argv, env,
 * stdio, TTY facts and signals. It builds the Context, runs the CLI, and turns
 * errors into exit codes.
 */
import process from "node:process";
import type { Context, Prompter, TextOutput } from "./runtime/context.ts";
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

/** The part of Bun's FileSink used here. */
interface BunSink {
  write(chunk: string | Uint8Array): number;
  flush(): number | Promise<number>;
}
const bun =
  (globalThis as { Bun?: { stdout: { writer(): BunSink }; stderr: { writer(): BunSink } } })
    .Bun;
const bunSinks: BunSink[] = [];

/** The one function of Bun's `tty_wrap` binding used here. */
interface TtyBinding {
  isTTY(fd: number): boolean;
}
let ttyBinding: TtyBinding | null | undefined;

/**
 * True when `fd` is a terminal. In a Bun binary, `node:tty` (and
 * `process.stdout`, built on it) loads Node's stream machinery: ~4 ms of every
 * start-up, spent only to ask isatty(). Bun's `tty_wrap` binding answers
 * without it; elsewhere, and if the binding ever goes away, the streams do.
 */
function isTerminal(fd: 0 | 1 | 2): boolean {
  if (ttyBinding === undefined) {
    try {
      const bindings = process as unknown as { binding(name: string): Partial<TtyBinding> };
      const binding = bun ? bindings.binding("tty_wrap") : undefined;
      ttyBinding = typeof binding?.isTTY === "function" ? binding as TtyBinding : null;
    } catch {
      ttyBinding = null;
    }
  }
  if (ttyBinding) return ttyBinding.isTTY(fd);
  return [process.stdin, process.stdout, process.stderr][fd].isTTY === true;
}

/**
 * stdout or stderr. In a Bun binary, merely touching process.stdout/stderr
 * sets up Node stream machinery that costs several milliseconds of every
 * start-up; Bun's own writers cost nothing until used.
 */
function standardOutput(fd: 1 | 2): TextOutput {
  const stream = () => (fd === 1 ? process.stdout : process.stderr);
  if (!bun) return nodeOutput(stream());
  const sink = (fd === 1 ? bun.stdout : bun.stderr).writer();
  bunSinks.push(sink);
  return {
    async write(chunk) {
      try {
        sink.write(chunk);
        await sink.flush();
      } catch (error) {
        // A reader that went away (`ax … | head -1`) is not an error (I5).
        if ((error as { code?: string }).code === "EPIPE") process.exit(0);
        throw error;
      }
    },
    get isTTY() {
      return isTerminal(fd);
    },
    get columns() {
      // Only a terminal has a width: the stream is built for terminals alone.
      return isTerminal(fd) ? stream().columns : undefined;
    },
  };
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
  // A reader that went away (`ax … | head -1`) is not an error (I5).
  if (!bun) {
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(0);
    });
  }

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

const code = await main();
// Let pending stdout/stderr writes drain, then leave even if sockets or timers linger.
if (bun) {
  await Promise.allSettled(bunSinks.map((sink) => sink.flush()));
  process.exit(code);
} else {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
