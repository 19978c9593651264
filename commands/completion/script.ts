/**
 * The shell scripts of `ax completion <shell>`. bash and zsh are ax's own
 * (they quote what they insert; see _bash.ts and _zsh.ts); fish and
 * PowerShell come from @bomb.sh/tab, whose scripts already quote correctly.
 * Every script calls back `<program> complete … -- <words…>` on TAB.
 */
import { script } from "@bomb.sh/tab";
import type { Shell } from "./mod.ts";
import { bashScript } from "./_bash.ts";
import { captureConsoleLog } from "./_console_capture.ts";
import { zshScript } from "./_zsh.ts";

// tab's fish script sends the token at the cursor as typed, so after an
// opening quote (`--space "My`) ax was asked for `"My` and found nothing.
// fish inserts (and quotes) candidates for the unquoted token itself.
const FISH_RAW_TOKEN = "set -l lastArg (commandline -ct)";
const FISH_UNQUOTED_TOKEN = "set -l lastArg (commandline -ct | string unescape)";

// With one no-space candidate (`--columns name,created_at`, a folder), the
// fish script cuts its description off with `string split "\t"`: fish reads
// no escapes inside double quotes, so nothing was cut and a TAB went into the
// command line; and without `--`, a `--opt=value` candidate was taken for an
// option of `string split`, whose error landed in the command line.
const FISH_SPLIT = 'string split --max 1 "\\t" $';
const FISH_SPLIT_SAFE = "string split --max 1 -- \\t $";

/** The completion script for `shell`, for a program named `name` on PATH. */
export function completionScript(shell: Shell, name: string): string {
  if (shell === "bash") return bashScript(name);
  if (shell === "zsh") return zshScript(name);
  const text = captureConsoleLog(() => script(shell, name, name));
  return shell === "fish"
    ? text.replace(FISH_RAW_TOKEN, FISH_UNQUOTED_TOKEN).replace(FISH_SPLIT, FISH_SPLIT_SAFE)
    : text;
}
