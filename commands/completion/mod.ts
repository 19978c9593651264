/**
 * `ax completion bash|zsh|fish|powershell` prints a shell completion script;
 * the hidden `ax complete -- <words…>` is what that script runs on every TAB.
 * Both load their machinery (@bomb.sh/tab, formats, the API client) only when
 * they run, so declaring them costs other commands nothing.
 */
import { type CommandSpec, handler } from "../../cli/command.ts";

/** The shells `ax completion` writes scripts for. */
export const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;

/** A shell `ax completion` supports. */
export type Shell = typeof SHELLS[number];

const NOTES = `Load it in the current shell:
  bash        source <(ax completion bash)
  zsh         source <(ax completion zsh)         (after compinit runs)
  fish        ax completion fish | source
  powershell  ax completion powershell | Out-String | Invoke-Expression

To load it in every new shell, add that line to ~/.bashrc, ~/.zshrc,
~/.config/fish/config.fish or $PROFILE. Completion needs no configuration;
key IDs and space names are looked up live (at most 2 s, silent on failure).`;

/** `ax completion <shell>`. */
export const COMPLETION: CommandSpec = {
  name: "completion",
  description: "Print the shell completion script for bash, zsh, fish or PowerShell",
  args: [{ name: "<shell>", description: "the shell to complete in", choices: SHELLS }],
  notes: NOTES,
  examples: [
    "ax completion zsh > ~/.ax-completion.zsh && echo 'source ~/.ax-completion.zsh' >> ~/.zshrc",
    "ax completion fish > ~/.config/fish/completions/ax.fish",
  ],
  handler: async () => {
    const { completionScript } = await import("./script.ts");
    return handler(
      (input) => input.args[0] as Shell,
      async (shell, ctx) => await ctx.stdout.write(completionScript(shell, "ax")),
    );
  },
};

/** `ax complete -- <words…>`: one TAB's answer, for the scripts above. */
export const COMPLETE: CommandSpec = {
  name: "complete",
  description: "Answer one completion request from a shell script (called on TAB)",
  args: [{ name: "[words...]", description: "the words after `ax`, the last one being completed" }],
  hidden: true,
  passThrough: true,
  handler: async () => {
    const { completeWords } = await import("./complete.ts");
    return handler(
      (input) => ({ words: input.args[0] as string[], program: input.program }),
      async ({ words, program }, ctx) => {
        // The bash script says so in the environment (AX_COMPLETE_SHELL=bash,
        // COMP_TYPE): options would change this hidden command's help surface.
        const shell = ctx.env.AX_COMPLETE_SHELL === "bash" ? "bash" : undefined;
        const compType = Number(ctx.env.COMP_TYPE ?? 9);
        await completeWords(program, { words, ctx, shell, compType });
      },
    );
  },
};
