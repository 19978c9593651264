/**
 * The one object through which commands, the API client and formats reach the
 * outside world. `main.ts` builds the real one; tests build a fake with
 * `tests/_helpers/fake_context.ts`. Nothing under commands/, api/, formats/ may
 * touch `process`, `console`, global `fetch` or `Date.now` directly.
 */

/** A writable text/byte stream such as stdout or stderr. */
export interface TextOutput {
  /** Writes a chunk; resolves once the stream has accepted it (backpressure). */
  write(chunk: string | Uint8Array): Promise<void>;
  /** True when the stream is a terminal. */
  readonly isTTY: boolean;
  /** Terminal width in columns, when known. */
  readonly columns: number | undefined;
  /**
   * True when the stream is a pipe. Its reader (`| head`, `| grep`, `| less`)
   * may write to the same terminal as stderr, so nothing may be drawn there.
   */
  readonly isPipe?: boolean;
  /**
   * True when the stream is a regular file (`> key.json`), where what is
   * written stays. Anything else that is no terminal (a pipe, a socket, a
   * device) hands it on to something ax cannot watch, which may drop it
   * unseen. Absent when unknown.
   */
  readonly isFile?: boolean;
  /**
   * True when the stream was closed before ax started (`>&-`): the runtime
   * put the null device in its place, so whatever is written is lost.
   * Absent on outputs that cannot be closed that way.
   */
  closed?(): Promise<boolean>;
}

/** Asks the user questions on the terminal. Only used when stdin and stdout are TTYs. */
export interface Prompter {
  /** Yes/no question; an empty answer takes `defaultAnswer`. */
  confirm(question: string, defaultAnswer: boolean): Promise<boolean>;
  /** Free-text question; `secret` hides the typed characters. */
  ask(question: string, options?: { default?: string; secret?: boolean }): Promise<string>;
}

/** Build facts embedded at compile time (or read from git when run from source). */
export interface VersionInfo {
  /** Semantic version of ax, e.g. `0.1.0`. */
  readonly version: string;
  /** Short git commit the binary was built from, or `unknown`. */
  readonly commit: string;
  /** Runtime that executes ax, e.g. `bun 1.4.5` or `deno 2.9.6`. */
  readonly runtime: string;
}

/** Everything a command may use from the outside world. */
export interface Context {
  /** HTTP transport; tests pass a fake that fails on unexpected requests. */
  readonly fetch: typeof fetch;
  /** Data only (T1). */
  readonly stdout: TextOutput;
  /** Messages, warnings, progress, logs. */
  readonly stderr: TextOutput;
  /** True when stdin is a terminal (prompts need stdin and stdout TTYs). */
  readonly stdinIsTTY: boolean;
  /** Environment variables of this invocation. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Current time; fixed in tests. */
  now(): Date;
  /** Waits `ms`, rejecting early with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Uniform random number in [0, 1), for retry jitter. */
  random(): number;
  /** Terminal questions (revoke confirmation, interactive profile creation). */
  readonly prompter: Prompter;
  /** Aborted when the user presses Ctrl-C; pass it to every wait. */
  readonly signal: AbortSignal;
  /** The user's home directory, when known (config lives below it). */
  readonly homeDir: string | undefined;
  /** Working directory, for resolving relative output and plugin paths. */
  readonly cwd: string;
  /** Version, commit and runtime. */
  readonly versionInfo: VersionInfo;
}
