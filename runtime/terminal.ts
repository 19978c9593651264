/**
 * Terminal conventions (T2): colour only on a terminal, switched off by
 * NO_COLOR, CLICOLOR=0 or TERM=dumb, forced by CLICOLOR_FORCE=1.
 */
import type { TextOutput } from "./context.ts";

/** True when colour escapes may be written to `out`. */
export function colorEnabled(
  out: TextOutput,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.CLICOLOR_FORCE !== undefined && env.CLICOLOR_FORCE !== "" && env.CLICOLOR_FORCE !== "0") {
    return true;
  }
  if (env.CLICOLOR === "0" || env.TERM === "dumb") return false;
  return out.isTTY;
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, dim: 2, bold: 1 } as const;

/** A colour name understood by {@link paint}. */
export type ColorName = keyof typeof CODES;

/** Wraps `text` in an SGR colour when `enabled`. */
export function paint(text: string, color: ColorName, enabled: boolean): string {
  return enabled ? `\x1b[${CODES[color]}m${text}\x1b[0m` : text;
}

/**
 * Escapes control characters (C0, DEL, C1 — ESC and CSI among them) so server
 * strings cannot drive the terminal (S4). Newlines and tabs are escaped too:
 * one value stays on one line.
 */
export function sanitizeForTerminal(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    if (c === "\n") return "\\n";
    if (c === "\t") return "\\t";
    if (c === "\r") return "\\r";
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : c;
  });
}
