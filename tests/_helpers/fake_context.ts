/**
 * A fake Context for tests: captured stdout/stderr, chosen TTY facts, a fixed
 * clock, scripted prompt answers and an injected fetch.
 */
import type { Context, Prompter, TextOutput } from "../../runtime/context.ts";

/** Options of {@link fakeContext}; everything has a safe default. */
export interface FakeContextOptions {
  fetch?: typeof fetch;
  env?: Record<string, string | undefined>;
  /** Applies to stdin, stdout and stderr unless overridden. */
  tty?: boolean;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  stdinTTY?: boolean;
  /**
   * What a stdout that is no terminal is: a pipe or a regular file. Unset,
   * it says neither (an in-memory stream cannot tell).
   */
  stdoutIs?: "pipe" | "file";
  columns?: number;
  now?: Date;
  /** Answers for confirm() and ask(), consumed in order. */
  answers?: (string | boolean)[];
  homeDir?: string;
  cwd?: string;
  signal?: AbortSignal;
}

/** A captured output stream. */
export interface CapturedOutput extends TextOutput {
  /** Everything written so far, decoded as UTF-8. */
  text(): string;
  /** Everything written so far, as bytes. */
  bytes(): Uint8Array;
}

/**
 * Creates an in-memory {@link TextOutput}; `is` makes it claim to be a pipe
 * or a file. A terminal, like a real one, is neither.
 */
export function captureOutput(
  isTTY: boolean,
  columns?: number,
  is?: "pipe" | "file",
): CapturedOutput {
  const chunks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  return {
    isTTY,
    columns: isTTY ? columns ?? 120 : undefined,
    ...((isTTY || is) && { isPipe: is === "pipe", isFile: is === "file" }),
    write(chunk) {
      chunks.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk.slice());
      return Promise.resolve();
    },
    bytes() {
      const total = chunks.reduce((n, c) => n + c.length, 0);
      const out = new Uint8Array(total);
      let offset = 0;
      for (const c of chunks) {
        out.set(c, offset);
        offset += c.length;
      }
      return out;
    },
    text() {
      return new TextDecoder().decode(this.bytes());
    },
  };
}

/** A fake context plus handles on what it captured. */
export interface FakeContext {
  ctx: Context;
  stdout: CapturedOutput;
  stderr: CapturedOutput;
  /** Questions the prompter was asked, in order. */
  questions: string[];
  /** Sleeps requested through ctx.sleep, in milliseconds (they return at once). */
  sleeps: number[];
}

/** Builds a fake context. `fetch` defaults to one that fails every request. */
export function fakeContext(options: FakeContextOptions = {}): FakeContext {
  const tty = options.tty ?? false;
  const stdout = captureOutput(options.stdoutTTY ?? tty, options.columns, options.stdoutIs);
  const stderr = captureOutput(options.stderrTTY ?? tty, options.columns);
  const questions: string[] = [];
  const sleeps: number[] = [];
  const answers = [...(options.answers ?? [])];
  const nextAnswer = (question: string) => {
    questions.push(question);
    if (answers.length === 0) throw new Error(`unexpected prompt: ${question}`);
    return answers.shift()!;
  };
  const prompter: Prompter = {
    confirm: (question) => {
      const answer = nextAnswer(question);
      return Promise.resolve(answer === true || answer === "y" || answer === "yes");
    },
    ask: (question) => Promise.resolve(String(nextAnswer(question))),
  };
  const now = options.now ?? new Date("2026-06-01T12:00:00Z");
  const ctx: Context = {
    fetch: options.fetch ?? (() => Promise.reject(new Error("unexpected network request in test"))),
    stdout,
    stderr,
    stdinIsTTY: options.stdinTTY ?? tty,
    env: { DISABLE_PRERELEASE_WARNING: "true", ...options.env },
    now: () => now,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    },
    random: () => 0.5,
    prompter,
    signal: options.signal ?? new AbortController().signal,
    homeDir: options.homeDir,
    cwd: options.cwd ?? "/nonexistent-test-cwd",
    versionInfo: { version: "0.0.0-test", commit: "test", runtime: "test" },
  };
  return { ctx, stdout, stderr, questions, sleeps };
}
