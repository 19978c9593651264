/**
 * Typed errors. Code below main.ts throws these; main.ts alone turns them into
 * a message on stderr and an exit code (see `report_error.ts`).
 */

/** Process exit codes, as documented in README.md. */
export const EXIT = {
  OK: 0,
  GENERAL: 1,
  USAGE: 2,
  AUTH: 3,
  API: 4,
  FILE: 5,
  /** `ax api-keys audit` found something to report (not an error: the report is the output). */
  FINDINGS: 6,
  INTERRUPTED: 130,
} as const;

/** Base of every error ax reports on purpose: a message, hint lines and an exit code. */
export class AxError extends Error {
  /** Exit code of the process when this error ends it. */
  readonly exitCode: number;
  /** Extra lines that tell the user what to do next. */
  readonly hints: readonly string[];

  constructor(
    message: string,
    options: { exitCode?: number; hints?: string[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? EXIT.GENERAL;
    this.hints = options.hints ?? [];
  }
}

/** A bad option, argument or value; nothing was sent. Exit 2. */
export class UsageError extends AxError {
  constructor(message: string, hints: string[] = []) {
    super(message, { exitCode: EXIT.USAGE, hints });
  }
}

/** A file could not be read or written. Exit 5. */
export class FileError extends AxError {
  constructor(message: string, options: { hints?: string[]; cause?: unknown } = {}) {
    super(message, { exitCode: EXIT.FILE, ...options });
  }
}

/**
 * The reader of stdout went away (`ax … | head -1`, I5). Ending the command
 * this way is quiet and exit 0 — unless what was being written was a new
 * secret, which the commands that issue keys catch and treat as not
 * delivered (S8, docs/reliability.md).
 */
export class BrokenPipeError extends AxError {
  constructor(cause?: unknown) {
    super("The reader of standard output went away (broken pipe).", {
      exitCode: EXIT.OK,
      cause,
    });
  }
}

/** Configuration (profiles, credentials) is missing or broken. Exit 1. */
export class ConfigError extends AxError {
  constructor(message: string, hints: string[] = []) {
    super(message, { exitCode: EXIT.GENERAL, hints });
  }
}

/**
 * The user pressed Ctrl-C. Exit 130. `hints` say what the interruption may
 * have left behind (a create that may have reached the server).
 */
export class InterruptedError extends AxError {
  constructor(hints: string[] = []) {
    super("Interrupted", { exitCode: EXIT.INTERRUPTED, hints });
  }
}

/**
 * An audit reported findings. Exit 6, and nothing more is printed: the
 * findings and their summary line are already out.
 */
export class FindingsReported extends AxError {
  constructor(summary: string) {
    super(summary, { exitCode: EXIT.FINDINGS });
  }
}

/** RFC 9457 problem details as the Arize API returns them. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
}

/** A non-2xx answer from the API. Exit 3 for 401, 4 otherwise. */
export class ApiError extends AxError {
  /** HTTP status of the response. */
  readonly status: number;
  /** The parsed problem body, when the server sent one. */
  readonly problem: Problem | undefined;

  constructor(
    status: number,
    message: string,
    options: { problem?: Problem; hints?: string[] } = {},
  ) {
    super(message, { exitCode: status === 401 ? EXIT.AUTH : EXIT.API, hints: options.hints });
    this.status = status;
    this.problem = options.problem;
  }
}

/** The request never got a usable answer (DNS, refused, TLS, timeout, bad body). Exit 1. */
export class NetworkError extends AxError {
  constructor(message: string, options: { hints?: string[]; cause?: unknown } = {}) {
    super(message, { exitCode: EXIT.GENERAL, ...options });
  }
}
