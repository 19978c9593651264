/**
 * @bomb.sh/tab 0.0.22 prints its shell scripts with the global `console.log`
 * and offers no writer to print elsewhere. This is the one place ax touches
 * `console`: for the length of one synchronous call, `console.log` collects
 * lines instead of printing them, and is restored before returning, so the
 * text can go through the Context's stdout like every other output.
 */

/** Runs `fn` (synchronous) and returns what it printed with `console.log`. */
export function captureConsoleLog(fn: () => void): string {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  try {
    fn();
  } finally {
    console.log = original;
  }
  return lines.map((line) => `${line}\n`).join("");
}
