/** Shared helpers of the `ax profiles` command tests. */
import type { Prompter } from "../../../runtime/context.ts";

/** A question the recording prompter was asked, with its options. */
export interface AskedQuestion {
  kind: "ask" | "confirm";
  question: string;
  secret?: boolean;
  default?: string | boolean;
}

/**
 * A prompter that answers from a script and records each question with its
 * options (to prove the key is asked with `secret: true`). Fails on any
 * question beyond the script.
 */
export function scriptedPrompter(answers: (string | boolean)[]): {
  prompter: Prompter;
  asked: AskedQuestion[];
} {
  const queue = [...answers];
  const asked: AskedQuestion[] = [];
  const next = (q: AskedQuestion) => {
    asked.push(q);
    if (queue.length === 0) throw new Error(`unexpected prompt: ${q.question}`);
    return queue.shift()!;
  };
  return {
    asked,
    prompter: {
      confirm: (question, defaultAnswer) =>
        Promise.resolve(next({ kind: "confirm", question, default: defaultAnswer }) === true),
      ask: (question, options = {}) => {
        const answer = String(next({ kind: "ask", question, ...options }));
        return Promise.resolve(answer === "" ? options.default ?? "" : answer);
      },
    },
  };
}
