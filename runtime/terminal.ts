/**
 * Terminal conventions (T2): colour only on a terminal, switched off by
 * NO_COLOR, CLICOLOR=0 or TERM=dumb, forced by CLICOLOR_FORCE=1; spinners and
 * cursor movement only on a terminal that can do them (not TERM=dumb).
 */
import type { TextOutput } from "./context.ts";

/** The environment variables the terminal checks read. */
type Env = Readonly<Record<string, string | undefined>>;

/** True when colour escapes may be written to `out`. */
export function colorEnabled(out: TextOutput, env: Env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.CLICOLOR_FORCE !== undefined && env.CLICOLOR_FORCE !== "" && env.CLICOLOR_FORCE !== "0") {
    return true;
  }
  if (env.CLICOLOR === "0" || env.TERM === "dumb") return false;
  return out.isTTY;
}

/**
 * True when a transient line (spinner, progress) may be drawn on `out`: a
 * terminal that understands cursor movement. A dumb terminal (TERM=dumb, as
 * in Emacs shells and some CI logs) would print every frame as text.
 */
export function animationEnabled(out: TextOutput, env: Env): boolean {
  return out.isTTY && env.TERM !== "dumb";
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, dim: 2, bold: 1 } as const;

/** A colour name understood by {@link paint}. */
export type ColorName = keyof typeof CODES;

/** Wraps `text` in an SGR colour when `enabled`. */
export function paint(text: string, color: ColorName, enabled: boolean): string {
  return enabled ? `\x1b[${CODES[color]}m${text}\x1b[0m` : text;
}

// Control characters (C0, DEL, C1), and the invisible and bidi formatting
// characters: zero-width space/joiners and marks (U+200B–U+200F), embeddings
// and overrides (U+202A–U+202E), line/paragraph separators (U+2028/9),
// isolates (U+2066–U+2069) and the BOM / zero-width no-break space (U+FEFF).
// The latter change nothing but how text looks: a right-to-left override can
// make `evil.exe` read `exe.live` and a zero-width space hides inside a name.
const UNSAFE_CHARACTERS =
  "[\\u0000-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u202a-\\u202e\\u2028\\u2029\\u2066-\\u2069\\ufeff]";
const UNSAFE = new RegExp(UNSAFE_CHARACTERS, "g");
const HAS_UNSAFE = new RegExp(UNSAFE_CHARACTERS);

/** True when {@link sanitizeForTerminal} would change `text`. */
export function needsSanitizing(text: string): boolean {
  return HAS_UNSAFE.test(text);
}

/**
 * Escapes control characters (C0, DEL, C1 — ESC and CSI among them) so server
 * strings cannot drive the terminal (S4), and invisible and bidi formatting
 * characters so they cannot disguise text (T6): `\x1b`, `\u202e`. Newlines
 * and tabs are escaped too: one value stays on one line.
 */
export function sanitizeForTerminal(text: string): string {
  if (!HAS_UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    if (c === "\n") return "\\n";
    if (c === "\t") return "\\t";
    if (c === "\r") return "\\r";
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
