/**
 * bash's quoting, both ways: splitting the command line a TAB was pressed on
 * into the words the command will receive, and quoting a candidate so bash
 * reads it back as exactly that value. Done here rather than in the shell
 * script so every case (spaces, `'`, `"`, `$`, `\`, globs, an unclosed quote)
 * is handled by one tested function instead of shell code.
 */

/** The quote a word is left open in at the cursor: none, `'` or `"`. */
export type OpenQuote = "" | "'" | '"';

/** One word of a command line. */
export interface ShellWord {
  /** The value the command receives (quotes removed, escapes applied). */
  text: string;
  /** The word as typed, from its first character to its end. */
  raw: string;
  /** The quote still open at the end of the word. */
  open: OpenQuote;
}

const BLANK = /[ \t\n]/;

/** Escapes `$'…'` understands (the common ones; others keep their letter). */
const ANSI_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  E: "\x1b",
  f: "\f",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
};

/**
 * Splits `line` into words as bash would, without expanding anything. The
 * last word is the one at the cursor: it is always present (empty when the
 * line is empty or ends in a blank) and may end inside an open quote.
 */
export function splitShellWords(line: string): ShellWord[] {
  const words: ShellWord[] = [];
  let text = "";
  let start = -1;
  let quote: OpenQuote | "$'" = "";
  const finish = (end: number) => {
    words.push({ text, raw: line.slice(start, end), open: quote === "$'" ? "'" : quote });
    text = "";
    start = -1;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "") {
      if (BLANK.test(c)) {
        if (start !== -1) finish(i);
        continue;
      }
      if (start === -1) start = i;
      if (c === "\\") {
        // A backslash before a newline joins lines; before anything else it quotes it.
        if (i + 1 < line.length && line[i + 1] !== "\n") text += line[i + 1];
        i++;
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === "$" && line[i + 1] === "'") {
        quote = "$'";
        i++;
      } else {
        text += c;
      }
    } else if (quote === "'") {
      if (c === "'") quote = "";
      else text += c;
    } else if (quote === "$'") {
      if (c === "'") quote = "";
      else if (c === "\\" && i + 1 < line.length) {
        text += ANSI_ESCAPES[line[i + 1]] ?? line[i + 1];
        i++;
      } else text += c;
    } else {
      if (c === '"') quote = "";
      else if (c === "\\" && i + 1 < line.length && '$`"\\\n'.includes(line[i + 1])) {
        if (line[i + 1] !== "\n") text += line[i + 1];
        i++;
      } else text += c;
    }
  }
  if (start === -1) start = line.length;
  finish(line.length);
  return words;
}

/** Characters that mean something to bash outside quotes (`~` and `#` only first, but always escaped). */
const SPECIAL = /[\s'"\\$`!*?[\]{}()<>|&;#~^]/;

/**
 * `text` written so that bash, continuing a word left in the `open` quote,
 * reads exactly `text`: backslashes outside quotes, `'\''` for a single quote
 * inside single quotes, and inside double quotes `\` before `$`, `` ` ``,
 * `"` and `\`, with `!` written outside the quotes (history expansion would
 * otherwise see it, and `\!` keeps its backslash inside double quotes).
 */
export function quoteForBash(text: string, open: OpenQuote): string {
  let out = "";
  for (const c of text) {
    if (open === "'") out += c === "'" ? "'\\''" : c;
    else if (open === '"') {
      if (c === "!") out += '"\\!"';
      else out += '$`"\\'.includes(c) ? `\\${c}` : c;
    } else if (c === "\n") out += "$'\\n'";
    else out += SPECIAL.test(c) ? `\\${c}` : c;
  }
  return out;
}

/** The longest common prefix of `texts` ("" for none). */
export function commonPrefix(texts: readonly string[]): string {
  if (texts.length === 0) return "";
  let prefix = texts[0];
  for (const text of texts.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < text.length && prefix[i] === text[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}
