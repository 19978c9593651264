/** Shared helpers of the `ax profiles` command tests. */
import { Command } from "@commander-js/extra-typings";
import { addSpec } from "../../../cli/build.ts";
import { PROFILES } from "../../../commands/profiles/mod.ts";
import type { Context, Prompter } from "../../../runtime/context.ts";

/**
 * Runs `argv` (after `ax profiles`) through the commands built from the
 * group's declarations and returns the options the handler's parse produced
 * (run is never called).
 */
export async function parseArgv<T>(input: { argv: string[]; ctx: Context }): Promise<T> {
  const program = new Command("ax") as unknown as Command;
  let recorded: T | undefined;
  addSpec(program, PROFILES, input.ctx, {
    invoke: (handler, parsed) => Promise.resolve(void (recorded = handler.parse(parsed) as T)),
  });
  const all = [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)];
  for (const cmd of all) {
    cmd.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  }
  await program.parseAsync(["profiles", ...input.argv], { from: "user" });
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
