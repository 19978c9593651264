/**
 * `--env-file FILE` (S7, S8, docs/reliability.md): the new secret goes into
 * a dotenv file as `ARIZE_API_KEY=<key>` instead of stdout. The file is
 * checked before the key exists, so a bad path costs nothing, and rewritten
 * atomically with mode 0600. The rewrite works on bytes and changes one
 * assignment and nothing else: other lines (not UTF-8 too), CRLF line ends,
 * `export` prefixes, comments and multi-line quoted values survive exactly.
 */
import { lstat, open, unlink } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Context } from "../../runtime/context.ts";
import { FileError } from "../../runtime/errors.ts";
import { readRegularFile } from "../../runtime/read_regular_file.ts";
import { writeFileAtomic } from "../../runtime/atomic_file.ts";

/** The variable the key is stored under: the one `ax` itself reads. */
export const ENV_VAR = "ARIZE_API_KEY";

/** A checked destination, ready for {@link writeEnvFile}. */
export interface EnvFilePlan {
  /** The path as the user wrote it, for messages. */
  readonly shown: string;
  /** Absolute path. */
  readonly path: string;
  /** The file's current bytes, kept apart from our variable. */
  readonly existing: Uint8Array | undefined;
}

/**
 * Checks that `file` can be written: its directory exists and accepts a new
 * file, and the file itself (if any) is a regular file, not a symlink.
 */
export async function checkEnvFile(file: string, ctx: Context): Promise<EnvFilePlan> {
  const path = resolve(ctx.cwd, file);
  const fail = (reason: string, cause?: unknown) =>
    new FileError(`Cannot write --env-file '${file}': ${reason}.`, {
      hints: ["Nothing was created. Choose a writable path and run the command again."],
      cause,
    });
  const stat = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw fail(error.code ?? error.message, error);
  });
  if (stat?.isSymbolicLink()) throw fail("it is a symbolic link (refusing to follow it)");
  if (stat && !stat.isFile()) throw fail("it is not a regular file");
  // readRegularFile, not readFile: a FIFO swapped in since lstat must not hang us.
  const existing = stat ? await readRegularFile(path).catch(() => undefined) : undefined;
  if (stat && existing === undefined) throw fail("it cannot be read");
  // A real probe file is the only reliable test: access() lies for root and on
  // some network file systems.
  const probe = `${dirname(path)}/.ax-probe-${Math.floor(ctx.random() * 1e9)}`;
  try {
    const handle = await open(probe, "wx", 0o600);
    await handle.close();
    await unlink(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" || code === "ENOTDIR"
      ? `the directory '${dirname(file)}' does not exist`
      : `the directory '${dirname(file)}' is not writable (${code ?? String(error)})`;
    throw fail(reason, error);
  }
  return { shown: file, path, existing };
}

/** Writes `key` into the planned file, keeping its other lines byte for byte. */
export async function writeEnvFile(
  plan: EnvFilePlan,
  key: string,
  signal?: AbortSignal,
): Promise<void> {
  await writeFileAtomic(plan.path, mergeDotenv(plan.existing, key), { mode: 0o600, signal });
}

/**
 * Sets `ARIZE_API_KEY` in dotenv bytes: the first assignment is replaced in
 * place (keeping its `export ` prefix and its line end), later ones dropped,
 * or a line is appended (with the file's own line end). Only a line that
 * starts an entry counts: text inside another variable's quoted value, even
 * across lines, is never taken for an assignment.
 */
export function mergeDotenv(existing: Uint8Array | undefined, key: string): Uint8Array {
  // One char per byte: regular expressions can run, and every byte comes back.
  const text = existing ? bytesToChars(existing) : "";
  const value = bytesToChars(new TextEncoder().encode(dotenvValue(key)));
  const assignment = `${ENV_VAR}=${value}`;
  const ours = entries(text).filter((entry) => entry.name === ENV_VAR);
  if (ours.length === 0) {
    if (text === "") return charsToBytes(`${assignment}\n`);
    const eol = /\r\n/.test(text.slice(0, text.indexOf("\n") + 1)) ? "\r\n" : "\n";
    const separator = text.endsWith("\n") ? "" : eol;
    return charsToBytes(`${text}${separator}${assignment}${eol}`);
  }
  let out = "";
  let at = 0;
  ours.forEach((entry, index) => {
    out += text.slice(at, index === 0 ? entry.start : entry.lineStart);
    if (index === 0) {
      out += `${entry.exported ? "export " : ""}${assignment}`;
      out += text.slice(entry.valueEnd, entry.end);
      at = entry.end;
    } else {
      // A later duplicate goes, with its line end.
      at = text[entry.end] === "\n" ? entry.end + 1 : entry.end;
    }
  });
  return charsToBytes(out + text.slice(at));
}

interface Entry {
  name: string;
  exported: boolean;
  /** Offset of the line the entry starts on. */
  lineStart: number;
  /** Offset of the entry's first character after leading blanks. */
  start: number;
  /** Offset just after its value (a closing quote included). */
  valueEnd: number;
  /** Offset of its `\r\n` or `\n`, or of the end of the text. */
  end: number;
}

const ASSIGNMENT = /^[ \t]*(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*/;

/** The assignments in dotenv text, each spanning its whole (maybe multi-line) value. */
function entries(text: string): Entry[] {
  const found: Entry[] = [];
  for (let pos = 0; pos < text.length;) {
    const lineEnd = lineEndAt(text, pos);
    const match = ASSIGNMENT.exec(text.slice(pos, lineEnd));
    let end = lineEnd;
    let valueEnd = lineEnd;
    if (match) {
      const valueStart = pos + match[0].length;
      const close = closingQuote(text, valueStart);
      if (close !== undefined) {
        valueEnd = close + 1;
        end = Math.max(lineEndAt(text, close), valueEnd);
      } else {
        valueEnd = text[lineEnd - 1] === "\r" ? lineEnd - 1 : lineEnd;
        // A comment after an unquoted value stays as it was.
        const comment = text.slice(valueStart, valueEnd).search(/[ \t]#/);
        if (comment >= 0) valueEnd = valueStart + comment;
      }
      found.push({
        name: match[2],
        exported: match[1] !== undefined,
        lineStart: pos,
        start: pos + /^[ \t]*/.exec(match[0])![0].length,
        valueEnd,
        end,
      });
    }
    pos = end + 1;
  }
  return found;
}

/** Offset of the `\n` ending the line that holds `pos`, or the text's length. */
function lineEndAt(text: string, pos: number): number {
  const next = text.indexOf("\n", pos);
  return next < 0 ? text.length : next;
}

/** For a quoted value starting at `at`, the offset of its closing quote; undefined if unquoted or unclosed. */
function closingQuote(text: string, at: number): number | undefined {
  const quote = text[at];
  if (quote !== '"' && quote !== "'" && quote !== "`") return undefined;
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === "\\" && quote !== "'") i++;
    else if (text[i] === quote) return i;
  }
  return undefined;
}

function bytesToChars(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}

function charsToBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

/** Plain when safe, else double-quoted with the characters dotenv readers expand escaped. */
function dotenvValue(value: string): string {
  if (/^[A-Za-z0-9_.:@+/=~-]+$/.test(value)) return value;
  return `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`).replace(/\n/g, "\\n")}"`;
}
