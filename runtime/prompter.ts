import type { Readable, Writable } from "node:stream";
import type { Prompter } from "./context.ts";
import { InterruptedError } from "./errors.ts";

/**
 * A prompter on real streams: questions go to `output` (stderr, so stdout stays
 * data), answers are read a line at a time from `input`.
 */
export function createStreamPrompter(input: Readable, output: Writable): Prompter {
  async function question(text: string, secret: boolean): Promise<string> {
    // Loaded on first use: node:readline costs start-up time in a Bun binary.
    const { createInterface } = await import("node:readline");
    const rl = createInterface({ input, output, terminal: true });
    if (secret) {
      // Echo nothing while a secret is typed; the prompt itself is still shown.
      const rlInternal = rl as unknown as { _writeToOutput?: (s: string) => void };
      rlInternal._writeToOutput = (s: string) => {
        if (s.startsWith(text)) output.write(text);
        else if (s.includes("\n")) output.write("\n");
      };
    }
    try {
      return await new Promise<string>((resolve, reject) => {
        // In terminal mode Ctrl-C reaches readline, not the process: it is an
        // interrupt all the same (exit 130). Ctrl-D (end of input) is an empty
        // answer, so a confirmation falls back to its default.
        rl.once("SIGINT", () => {
          output.write("\n");
          reject(new InterruptedError());
        });
        let answered = false;
        rl.once("close", () => {
          if (!answered) output.write("\n");
          resolve("");
        });
        rl.question(text, (answer) => {
          answered = true;
          resolve(answer);
        });
      });
    } finally {
      rl.close();
    }
  }
  return {
    async confirm(text, defaultAnswer) {
      const answer = (await question(text, false)).trim().toLowerCase();
      if (answer === "") return defaultAnswer;
      return answer === "y" || answer === "yes";
    },
    async ask(text, options = {}) {
      const shown = options.default ? `${text} [${options.default}]: ` : `${text}: `;
      const answer = (await question(shown, options.secret ?? false)).trim();
      return answer === "" ? options.default ?? "" : answer;
    },
  };
}
