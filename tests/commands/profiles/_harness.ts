/** Shared helpers of the `ax profiles` command tests. */
import { Command } from "@commander-js/extra-typings";
import type { Wiring } from "../../../commands/profiles/_shared.ts";
import type { Context, Prompter } from "../../../runtime/context.ts";

/**
 * Runs `argv` through one command's commander registration and returns the
 * options its parse function produced (run is replaced by a recorder).
 */
export async function parseArgv<T>(
  register: (parent: Command, wiring: Wiring<T>) => void,
  input: { argv: string[]; ctx: Context },
): Promise<T> {
  const parent = new Command("profiles").exitOverride().configureOutput({
    writeOut: () => {},
    writeErr: () => {},
  });
  let recorded: T | undefined;
  register(parent, {
    ctx: input.ctx,
    run: (options) => {
      recorded = options;
      return Promise.resolve();
    },
  });
  for (const sub of parent.commands) sub.exitOverride();
  await parent.parseAsync(input.argv, { from: "user" });
  if (recorded === undefined) throw new Error("the command did not run");
  return recorded;
}

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

/** A fetch that serves `responses` in order, records requests, and fails on extras. */
export function scriptedFetch(responses: (() => Response)[]): {
  fetch: typeof fetch;
  requests: Request[];
  unused(): number;
} {
  const queue = [...responses];
  const requests: Request[] = [];
  return {
    requests,
    unused: () => queue.length,
    fetch: (input, init) => {
      const request = new Request(input, init);
      requests.push(request);
      const next = queue.shift();
      if (!next) {
        return Promise.reject(new Error(`unexpected request ${request.method} ${request.url}`));
      }
      return Promise.resolve(next());
    },
  };
}
