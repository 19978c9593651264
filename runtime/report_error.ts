import type { TextOutput } from "./context.ts";
import {
  ApiError,
  AxError,
  BrokenPipeError,
  EXIT,
  FindingsReported,
  InterruptedError,
} from "./errors.ts";
import { colorEnabled, paint, sanitizeForTerminal } from "./terminal.ts";

/** What {@link reportError} needs to know about the process. */
export interface ReportOptions {
  stderr: TextOutput;
  env: Readonly<Record<string, string | undefined>>;
  verbose: boolean;
  /** True when the user pressed Ctrl-C: whatever failed after that is an interrupt. */
  interrupted: boolean;
}

/**
 * Prints an error the way users see every failure (`✗ Error: …` plus hint
 * lines) and returns the exit code. Unknown errors get exit 1 and a stack
 * trace only with `--verbose`.
 */
export async function reportError(error: unknown, options: ReportOptions): Promise<number> {
  const { stderr, verbose } = options;
  // Nobody reads stdout any more: end quietly (I5).
  if (error instanceof BrokenPipeError && !options.interrupted) return EXIT.OK;
  if (options.interrupted || error instanceof InterruptedError) {
    // After ^C the cursor sits behind it; start a fresh line, and say what may
    // be left over only when there is something to say.
    const hints = error instanceof InterruptedError ? error.hints : [];
    await stderr.write(["", ...hints.map(sanitizeForTerminal)].join("\n") + "\n").catch(() => {});
    return EXIT.INTERRUPTED;
  }
  // The audit printed its findings and summary; the exit code says the rest.
  if (error instanceof FindingsReported) return error.exitCode;
  const color = colorEnabled(stderr, options.env);
  const lines: string[] = [];
  let exitCode: number = EXIT.GENERAL;
  if (error instanceof AxError) {
    lines.push(`${paint("✗ Error:", "red", color)} ${sanitizeForTerminal(error.message)}`);
    lines.push(...error.hints.map(sanitizeForTerminal));
    if (error instanceof ApiError && verbose && error.problem) {
      lines.push(`Problem details: ${sanitizeForTerminal(JSON.stringify(error.problem))}`);
    }
    if (error instanceof ApiError && !verbose) {
      lines.push("Run with --verbose for technical details.");
    }
    exitCode = error.exitCode;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    lines.push(`${paint("✗ Error:", "red", color)} ${sanitizeForTerminal(message)}`);
    if (verbose && error instanceof Error && error.stack) lines.push(error.stack);
    else lines.push("Run with --verbose for technical details.");
  }
  // A stderr that cannot be written must not change the exit code (S8).
  await stderr.write(lines.join("\n") + "\n").catch(() => {});
  return exitCode;
}
