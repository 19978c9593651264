/**
 * Command lines printed for the user to paste (revoke hints, recovery
 * commands, `--cursor` hints) are quoted here and nowhere else, so a value
 * the server or the user chose can never run as shell syntax (S8,
 * docs/reliability.md).
 */

/** Characters a POSIX shell (sh, bash, zsh, fish) takes literally in an unquoted word. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One word for a POSIX shell: as is when every character is literal, else
 * in single quotes (a `'` inside becomes `'\''`). The empty word is `''`.
 */
export function shellQuote(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** A command line from its words, each quoted by {@link shellQuote}. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(" ");
}
