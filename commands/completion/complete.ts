/**
 * Answers one completion request: `ax complete -- <words…>`, where the last
 * word is the one being completed (empty after a space). Prints tab's
 * protocol on stdout: one `value<TAB>description` line per candidate, then
 * `:<directive>` (cobra's bit flags; 4 = no file completion, 2 = no space).
 *
 * tab's value handlers are synchronous, while format plugins, files and the
 * server are not. So the request is answered in two passes: the first records
 * which kinds of values the shell is asking for, those are loaded (the server
 * within a 2 s budget), and the second pass answers with them.
 *
 * The bash script says it is asking (AX_COMPLETE_SHELL=bash) and gets its
 * replies already quoted (see _bash.ts). ax adds one directive bit of its own,
 * {@link DIRECTIVE_NOT_PREFIX}, which zsh reads and the other shells ignore.
 */
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { RootCommand } from "@bomb.sh/tab";
import type { Context } from "../../runtime/context.ts";
import type { Candidate } from "./_files.ts";
import { buildTabTree, type ValueRequest } from "./_tree.ts";
import { splitShellWords } from "./_shell_words.ts";
import { helpCandidates, isHelpArgument } from "./_help.ts";

/** What {@link completeWords} answers. */
export interface CompletionRequest {
  /** The words after `ax`; the last one is being completed. */
  words: readonly string[];
  ctx: Context;
  /**
   * The shell asking. For bash, `words` are `COMP_LINE` up to the cursor and
   * readline's word (`$2`), and `compType` is `COMP_TYPE`.
   */
  shell?: "bash";
  compType?: number;
}

/** Kinds of values that need loading before the answer. */
type Source = "formats" | "files" | "profiles" | "keys" | "spaces";

const DIRECTIVE_NO_SPACE = 2;
const DIRECTIVE_NO_FILE_COMP = 4;
/**
 * ax's own bit: some candidates do not start with the typed text (two spaces
 * share a name: their IDs are offered for it), so zsh must let them replace it.
 */
export const DIRECTIVE_NOT_PREFIX = 128;

/** Prints the candidates for the last of `words`, in tab's protocol. */
export async function completeWords(
  program: CommandUnknownOpts,
  request: CompletionRequest,
): Promise<void> {
  const { ctx } = request;
  const words = request.shell === "bash"
    ? splitShellWords(request.words[0] ?? "").slice(1).map((word) => word.text)
    : request.words.length === 0
    ? [""]
    : [...request.words];
  if (words.length === 0) words.push("");
  const partial = valuePart(words.at(-1)!);
  const wanted = new Set<Source>();
  const loaded = new Map<Source, Candidate[]>();
  /** Whether the value asked for is a comma-separated list (no space after a name). */
  let listValue = false;
  /** Values given by a provider (not commands or options), with the text they match by. */
  const values = new Map<string, string>();

  const root = buildTabTree(program, (value, add) => {
    for (const choice of value.choices) {
      values.set(choice, choice);
      add(choice, "");
    }
    if (value.kind === "option" && value.listOf.length > 0) {
      // `--columns name,i`: the names not yet in the list, after what is typed.
      const head = partial.slice(0, partial.lastIndexOf(",") + 1);
      const taken = new Set(head.split(","));
      for (const name of value.listOf.filter((n) => !taken.has(n))) {
        values.set(head + name, head + name);
        add(head + name, "");
      }
      listValue = true;
    }
    if (isHelpArgument(value)) {
      for (const c of helpCandidates(program, { request: value, words })) {
        values.set(c.value, c.value);
        add(c.value, c.description);
      }
    }
    for (const source of sourcesOf(value, partial)) {
      const candidates = loaded.get(source);
      if (candidates === undefined) wanted.add(source);
      else if (source !== "files" || showFiles(value, { partial, loaded })) {
        for (const c of candidates) {
          values.set(c.value, c.match ?? c.value);
          add(c.value, c.description);
        }
      }
    }
  });

  let answer = answerOnce(root, words, values);
  if (wanted.size > 0) {
    const options = { ctx, words, partial };
    await Promise.all([...wanted].map(async (source) => {
      loaded.set(source, await load(source, options));
    }));
    answer = answerOnce(root, words, values);
  }
  // tab answers a lone `-` with the short flags only, hiding every option
  // without one (`--all`, `--profile`); show both, as cobra does.
  if (words.at(-1) === "-") {
    answer = [...answer, ...answerOnce(root, [...words.slice(0, -1), "--"], values)];
  }
  // A folder or a list item: the user goes on typing (`/name`, `,id`).
  const noSpace = listValue || answer.some((c) => c.value.endsWith("/"));
  const notPrefix = answer.some((c) => !c.value.startsWith(partial));
  const directive = DIRECTIVE_NO_FILE_COMP | (noSpace ? DIRECTIVE_NO_SPACE : 0) |
    (notPrefix ? DIRECTIVE_NOT_PREFIX : 0);
  let lines: string[];
  if (request.shell === "bash") {
    const { bashReplies } = await import("./_bash.ts");
    const replies = bashReplies(answer, {
      line: request.words[0] ?? "",
      cur: request.words[1] ?? "",
      compType: request.compType ?? 9,
    }, { describe: answer.every((c) => values.has(c.value)) });
    lines = replies.map((reply) => `${reply}\n`);
  } else {
    lines = answer.map((c) => `${c.value}\t${c.description}\n`);
  }
  await ctx.stdout.write(`${lines.join("")}:${directive}\n`);
}

/** The value typed so far: after `=` in `--flag=value`. */
function valuePart(word: string): string {
  return word.startsWith("-") && word.includes("=") ? word.slice(word.indexOf("=") + 1) : word;
}

/** Positional arguments that name an existing profile (`create` names a new one). */
const PROFILE_ARGUMENTS = new Set(
  ["use", "show", "delete", "validate"].map((command) => `profiles ${command} name`),
);

/** Which loaded values answer a request, besides its `.choices()`. */
function sourcesOf(value: ValueRequest, partial: string): Source[] {
  if (value.kind === "argument") {
    if (value.name === "key-id") return ["keys"];
    return PROFILE_ARGUMENTS.has(`${value.command} ${value.name}`) ? ["profiles"] : [];
  }
  const sources: Source[] = [];
  if (value.name === "output") sources.push("formats");
  if (value.name === "space") sources.push("spaces");
  if (value.name === "profile") sources.push("profiles");
  // `-o` with nothing typed shows formats only (see showFiles): reading the
  // folder would be wasted time on every TAB.
  const filesHidden = value.name === "output" && partial === "";
  if (/\b(file|path|dir)\b/.test(value.placeholder) && !filesHidden) sources.push("files");
  return sources;
}

/**
 * `-o` takes a format or a file. Files would bury the few format names, so
 * they are offered once the typed text is not the start of a format name
 * (`-o ./`, `-o keys`), or always for options that take only files.
 */
function showFiles(
  value: ValueRequest,
  state: { partial: string; loaded: Map<Source, Candidate[]> },
): boolean {
  if (value.kind !== "option" || value.name !== "output") return true;
  if (state.partial === "") return false;
  const formats = state.loaded.get("formats") ?? [];
  return !formats.some((f) => f.value.startsWith(state.partial));
}

/**
 * Loads one kind of value. Each kind's module (and what it imports: the API
 * client, the config files, the format registry) is imported only when that
 * kind is asked for, so most TABs do not pay for them.
 */
async function load(
  source: Source,
  options: { ctx: Context; words: string[]; partial: string },
): Promise<Candidate[]> {
  const { ctx, words, partial } = options;
  switch (source) {
    case "formats": {
      const { formatCandidates } = await import("./_local.ts");
      return await formatCandidates(ctx, { pluginPaths: optionValues(words, "--plugin") });
    }
    case "files": {
      const { pathCandidates } = await import("./_files.ts");
      return await pathCandidates(partial, ctx);
    }
    case "profiles": {
      const { profileCandidates } = await import("./_local.ts");
      return await profileCandidates(ctx);
    }
    case "keys": {
      const { liveKeyIds } = await import("./_live.ts");
      return await liveKeyIds(ctx, { profile: optionValues(words, "--profile").at(-1), partial });
    }
    case "spaces": {
      const { liveSpaceNames } = await import("./_live.ts");
      return await liveSpaceNames(ctx, {
        profile: optionValues(words, "--profile").at(-1),
        partial,
      });
    }
  }
}

/** Values given to `flag` earlier on the line (`--flag v` and `--flag=v`). */
function optionValues(words: readonly string[], flag: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < words.length - 1; i++) {
    const word = words[i];
    if (word === flag && i + 1 < words.length - 1) values.push(words[i + 1]);
    else if (word.startsWith(`${flag}=`)) values.push(word.slice(flag.length + 1));
  }
  return values;
}

/**
 * Runs tab's matcher over `words` and returns its candidates, filtered and
 * de-duplicated as tab does. tab prints with console.log; its `complete` step
 * is replaced on this instance so the answer goes through the Context instead.
 */
function answerOnce(
  root: RootCommand,
  words: readonly string[],
  matchText: ReadonlyMap<string, string>,
): Candidate[] {
  let answer: Candidate[] = [];
  const target = root as unknown as { complete(partial: string): void };
  target.complete = (typed: string) => {
    const prefix = valuePart(typed);
    const seen = new Set<string>();
    answer = root.completions
      .map((c) => ({
        value: clean(c.value),
        description: clean(c.description ?? ""),
        match: clean(matchText.get(c.value) ?? c.value),
      }))
      .filter((c) => {
        const matches = c.value.startsWith(prefix) || c.match.startsWith(prefix);
        if (c.value === "" || !matches || seen.has(c.value)) return false;
        seen.add(c.value);
        return true;
      });
  };
  root.parse([...words]);
  return answer;
}

/**
 * Control characters would break the line protocol and the terminal. Server
 * text arrives escaped already (_live.ts); this covers the rest (file names,
 * plugin descriptions).
 */
function clean(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/[\x00-\x1f\x7f-\x9f]/g, " ").trim();
}
