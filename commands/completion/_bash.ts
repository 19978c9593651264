/**
 * bash completion: the script `ax completion bash` prints, and the replies
 * `AX_COMPLETE_SHELL=bash ax complete -- LINE WORD` gives it. The script hands ax the line up to the
 * cursor and readline's word (`$2`, which starts after an opening quote or a
 * `=`/`:` break), and puts ax's lines into COMPREPLY unchanged: all quoting is
 * done here, where it is tested, and the script needs neither the
 * bash-completion package nor any global variable, so it can be sourced any
 * number of times (T3, docs/reliability.md).
 */
import type { Candidate } from "./_files.ts";
import { commonPrefix, quoteForBash, splitShellWords } from "./_shell_words.ts";

/** readline's COMP_TYPE for menu-complete, which inserts each reply in turn. */
const MENU_COMPLETE = 37;

/** Longest description shown beside a value in bash's list. */
const MAX_DESCRIPTION = 48;

/** The bash script for a program named `name` on PATH. */
export function bashScript(name: string): string {
  const fn = `__${name.replace(/[^A-Za-z0-9_]/g, "_")}_complete`;
  return `# bash completion for ${name}; load with: source <(${name} completion bash)
${fn}() {
    local out line directive
    out=$(AX_COMPLETE_SHELL=bash COMP_TYPE="\${COMP_TYPE:-9}" \\
        ${name} complete -- "\${COMP_LINE:0:COMP_POINT}" "$2" 2>/dev/null) || return 0
    COMPREPLY=()
    directive=\${out##*:}
    out=\${out%:*}
    case $directive in '' | *[!0-9]*) directive=0 ;; esac
    while IFS= read -r line; do
        [[ -n $line ]] && COMPREPLY+=("$line")
    done <<< "$out"
    if (( directive & 2 )); then compopt -o nospace 2>/dev/null; fi
    return 0
}
complete -F ${fn} ${name}
`;
}

/** What {@link bashReplies} needs besides the candidates. */
export interface BashRequest {
  /** `COMP_LINE` up to the cursor. */
  line: string;
  /** readline's word: the end of the line being replaced by a reply. */
  cur: string;
  /** `COMP_TYPE`: 9 TAB, 63 listing, 33/64 list and insert, 37 menu-complete. */
  compType: number;
}

/**
 * COMPREPLY lines: each candidate quoted to replace `cur`. When readline will
 * only list them (several replies that share nothing beyond what is typed)
 * and the values have descriptions, the replies are written `value  (description)`
 * so the list shows them: readline inserts nothing then, so the text never
 * reaches the line. Values a reply cannot express as a continuation of the
 * typed word (another prefix) are left out.
 */
export function bashReplies(
  candidates: readonly Candidate[],
  request: BashRequest,
  options: { describe: boolean },
): string[] {
  const words = splitShellWords(request.line);
  const word = words.at(-1)!;
  if (!word.raw.endsWith(request.cur)) return [];
  const [head] = splitShellWords(word.raw.slice(0, word.raw.length - request.cur.length));
  // `--status=r`: tab answers with the value alone; the word begins with the option.
  const optionPart = word.text.startsWith("-") && word.text.includes("=")
    ? word.text.slice(0, word.text.indexOf("=") + 1)
    : "";
  const replies: { insert: string; description: string }[] = [];
  for (const candidate of candidates) {
    const full = optionPart + candidate.value;
    if (!full.startsWith(head.text)) continue;
    replies.push({
      insert: quoteForBash(full.slice(head.text.length), head.open),
      description: candidate.description,
    });
  }
  const inserts = replies.map((r) => r.insert);
  const shared = commonPrefix(inserts);
  const listOnly = replies.length > 1 && shared.length <= request.cur.length &&
    request.compType !== MENU_COMPLETE;
  if (!options.describe || !listOnly || replies.every((r) => r.description === "")) {
    return inserts;
  }
  const width = Math.max(...inserts.map((i) => i.length));
  const described = replies.map((r) =>
    r.description === "" ? r.insert : `${r.insert.padEnd(width)}  (${shorten(r.description)})`
  );
  // Padding could make the described lines share more than the values do
  // (`My Space` and `My Space 2` inside quotes); readline would insert that.
  return commonPrefix(described) === shared ? described : inserts;
}

function shorten(text: string): string {
  const chars = [...text];
  return chars.length <= MAX_DESCRIPTION
    ? text
    : `${chars.slice(0, MAX_DESCRIPTION - 1).join("")}…`;
}
