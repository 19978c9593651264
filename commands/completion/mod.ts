/**
 * `ax completion bash|zsh|fish|powershell` prints a shell completion script;
 * the hidden `ax complete -- <words…>` is what that script runs on every TAB.
 * Both load their machinery (@bomb.sh/tab, formats, the API client) only when
 * they run, so registering them costs other commands nothing.
 */
import { Argument, type Command } from "@commander-js/extra-typings";
import type { Context } from "../runtime/context.ts";

/** The shells `ax completion` writes scripts for. */
export const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;

/** A shell `ax completion` supports. */
export type Shell = typeof SHELLS[number];

const HELP_AFTER = `
Load it in the current shell:
  bash        source <(ax completion bash)
  zsh         source <(ax completion zsh)         (after compinit runs)
  fish        ax completion fish | source
  powershell  ax completion powershell | Out-String | Invoke-Expression

To load it in every new shell, add that line to ~/.bashrc, ~/.zshrc,
~/.config/fish/config.fish or $PROFILE. Completion needs no configuration;
key IDs and space names are looked up live (at most 2 s, silent on failure).

Examples:
  ax completion zsh > ~/.ax-completion.zsh && echo 'source ~/.ax-completion.zsh' >> ~/.zshrc
  ax completion fish > ~/.config/fish/completions/ax.fish
`;

/** Registers `completion <shell>` and the hidden `complete` callback on the root program. */
export function completionCommand(program: Command, ctx: Context): void {
  program
    .command("completion")
    .description("Print the shell completion script for bash, zsh, fish or PowerShell")
    .addArgument(new Argument("<shell>", "the shell to complete in").choices(SHELLS))
    .addHelpText("after", HELP_AFTER)
    .action(async (shell) => {
      const { completionScript } = await import("./completion/script.ts");
      await ctx.stdout.write(completionScript(shell, "ax"));
    });
  program
    .command("complete", { hidden: true })
    .description("Answer one completion request from a shell script (called on TAB)")
    .argument("[words...]", "the words after `ax`, the last one being completed")
    .helpOption(false)
    .allowUnknownOption()
    .action(async (words) => {
      const { completeWords } = await import("./completion/complete.ts");
      await completeWords(program, { words, ctx });
    });
}
