/**
 * The program built from the declarations: help where people look (`ax`,
 * `ax help …`, `ax <group> help …`), wrapping at any width, examples that
 * cannot go stale, handlers loaded only when their command runs, and the
 * `--version` fast path true to commander's own answer.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Command } from "@commander-js/extra-typings";
import { type CommandSpec, isGroup, type Spec } from "../../cli/command.ts";
import { buildProgram as buildFrom, GET_STARTED } from "../../cli/program.ts";
import { HELP_TOPICS } from "../../cli/topics.ts";
import { buildProgram, COMMANDS } from "../../commands/mod.ts";
import { EXIT, UsageError } from "../../runtime/errors.ts";
import { fakeContext } from "../_helpers/fake_context.ts";
import { fetchStub } from "../_helpers/fetch_stub.ts";
import { runCommand } from "../_helpers/run_command.ts";

/** Every declared command with its path, e.g. `api-keys list`. */
function leaves(specs: readonly Spec[]): [string, CommandSpec][] {
  return specs.flatMap((spec): [string, CommandSpec][] =>
    isGroup(spec) ? spec.commands.map((c) => [`${spec.name} ${c.name}`, c]) : [[spec.name, spec]]
  );
}

describe("the program built from the declarations", () => {
  it("has every declared command, and loads no handler to build it", () => {
    let loaded = 0;
    const spied = COMMANDS.map((spec): Spec => {
      const spy = (c: CommandSpec): CommandSpec => ({
        ...c,
        handler: () => {
          loaded++;
          return c.handler();
        },
      });
      return isGroup(spec) ? { ...spec, commands: spec.commands.map(spy) } : spy(spec);
    });
    const program = buildFrom(fakeContext().ctx, { commands: spied });
    for (const [path] of leaves(COMMANDS)) {
      let cmd: Command | undefined = program;
      for (const word of path.split(" ")) {
        cmd = cmd?.commands.find((c) => c.name() === word) as Command | undefined;
      }
      assert.ok(cmd, `${path} is built`);
    }
    program.helpInformation();
    assert.equal(loaded, 0);
  });

  it("builds a group's commands only when the command line names the group", () => {
    const { ctx } = fakeContext();
    const commandsOf = (program: Command, name: string) =>
      program.commands.find((c) => c.name() === name)!.commands.length;
    const bare = buildFrom(ctx, { commands: COMMANDS, words: ["--help"] });
    const full = buildFrom(ctx, { commands: COMMANDS });
    assert.equal(commandsOf(bare, "api-keys"), 0);
    assert.ok(commandsOf(full, "api-keys") > 0);
    // What the root shows of a group comes from its declaration either way.
    assert.equal(bare.helpInformation(), full.helpInformation());
    const named = buildFrom(ctx, { commands: COMMANDS, words: ["help", "api-keys", "list"] });
    assert.equal(commandsOf(named, "api-keys"), commandsOf(full, "api-keys"));
    assert.equal(commandsOf(named, "profiles"), 0);
    // The bash completion script sends the whole line as one word.
    const line = buildFrom(ctx, { commands: COMMANDS, words: ["ax profiles use w", "w"] });
    assert.equal(commandsOf(line, "profiles"), commandsOf(full, "profiles"));
  });

  it("builds only the invoked command of a group run as `ax <group> <command>`", () => {
    const { ctx } = fakeContext();
    const namesIn = (program: Command, group: string) =>
      program.commands.find((c) => c.name() === group)!.commands.map((c) => c.name());
    const run = buildFrom(ctx, { commands: COMMANDS, words: ["api-keys", "list", "-o", "json"] });
    assert.deepEqual(namesIn(run, "api-keys"), ["list"]);
    // Every other line that names the group needs all its commands: its help,
    // `help <command>`, an unknown command's suggestions, completion.
    const full = buildFrom(ctx, { commands: COMMANDS });
    for (
      const words of [
        ["api-keys", "--help"],
        ["api-keys", "help", "list"],
        ["api-keys", "lst"],
        ["complete", "--", "api-keys", "create"],
      ]
    ) {
      const built = buildFrom(ctx, { commands: COMMANDS, words });
      assert.deepEqual(namesIn(built, "api-keys"), namesIn(full, "api-keys"), words.join(" "));
    }
    // Its help matches `ax help api-keys list` (built in full): see the
    // "ax help <path> … print its --help" tests below.
  });

  it("answers --version and -V exactly as commander does", async () => {
    for (const flag of ["--version", "-V"]) {
      const fast = await runCommand([flag]);
      // A second argument takes the path through commander.
      const slow = await runCommand([flag, "--help"]);
      assert.equal(fast.stdout, slow.stdout);
      assert.equal(fast.stdout, "ax 0.0.0-test (commit test, test)\n");
    }
  });

  it("prints a group's help", async () => {
    const { stdout } = await runCommand(["api-keys", "--help"]);
    assert.match(stdout, /Usage: ax api-keys/);
    assert.match(stdout, /^ {2}list \[options\] /m);
    assert.match(stdout, /^ {2}revoke \[options\] \[key-id\.\.\.\] /m);
  });

  it("suggests a subcommand for a mistyped one", async () => {
    const { error } = await runCommand(["api-keys", "lst"]);
    assert.ok(error instanceof UsageError);
    assert.equal(error.message, "unknown command 'lst'");
    assert.deepEqual(error.hints, ["Did you mean list?", "Run 'ax api-keys --help' for usage."]);
  });

  it("runs a subcommand's --help", async () => {
    const { stdout } = await runCommand(["api-keys", "revoke", "--help"]);
    assert.match(stdout, /Usage: ax api-keys revoke \[options\] \[key-id\.\.\.\]/);
    assert.match(stdout, /--force/);
  });
});

describe("help where people look", () => {
  it("bare `ax` prints the root help on stdout, without an error", async () => {
    const bare = await runCommand([]);
    const flag = await runCommand(["--help"]);
    assert.equal(bare.error, undefined);
    assert.equal(bare.stderr, "");
    assert.equal(bare.stdout, flag.stdout);
    assert.match(bare.stdout, /^Usage: ax \[options\] \[command\]/);
  });

  it("the root help lists the topics and ends with how to get started", async () => {
    const { stdout } = await runCommand(["--help"]);
    for (const topic of Object.keys(HELP_TOPICS)) {
      assert.match(stdout, new RegExp(`^ {2}${topic} `, "m"));
    }
    assert.ok(stdout.trimEnd().endsWith(GET_STARTED), stdout);
    assert.match(GET_STARTED, /ax profiles create/);
  });

  for (const path of leaves(COMMANDS).filter(([, c]) => !c.hidden).map(([p]) => p)) {
    it(`ax help ${path} and ax ${path.replace(" ", " help ")} print its --help`, async () => {
      const words = path.split(" ");
      const expected = (await runCommand([...words, "--help"])).stdout;
      assert.match(expected, new RegExp(`^Usage: ax ${path}`));
      assert.equal((await runCommand(["help", ...words])).stdout, expected);
      if (words.length === 2) {
        assert.equal((await runCommand([words[0], "help", words[1]])).stdout, expected);
      }
    });
  }

  it("ax help <group> prints the group's help", async () => {
    assert.equal(
      (await runCommand(["help", "profiles"])).stdout,
      (await runCommand(["profiles", "--help"])).stdout,
    );
  });

  for (const topic of ["environment", "exit-codes", "formats"]) {
    it(`ax help ${topic} prints the topic offline`, async () => {
      // An empty stub: any request fails the run, and verify() names it.
      const stub = fetchStub();
      const { stdout, error } = await runCommand(["help", topic], { stub });
      stub.verify();
      assert.equal(error, undefined);
      assert.ok(stdout.startsWith(`ax help ${topic}: ${HELP_TOPICS[topic].summary}\n`));
      assert.ok(stdout.includes(HELP_TOPICS[topic].body.trim().split("\n")[0]));
    });
  }

  it("exit-codes names every exit code ax has", () => {
    for (const code of Object.values(EXIT)) {
      assert.match(
        HELP_TOPICS["exit-codes"].body,
        new RegExp(`^ {2}${code} `, "m"),
        `exit ${code}`,
      );
    }
  });

  it("the topics say what the code does", () => {
    assert.match(HELP_TOPICS["exit-codes"].body, /^ {2}2 +usage error/m);
    assert.match(HELP_TOPICS.environment.body, /AX_PROFILE/);
    assert.match(HELP_TOPICS.formats.body, /parquet/);
  });

  it('no topic line breaks off after a possessive ("overrides the profile\'s")', () => {
    for (const [name, topic] of Object.entries(HELP_TOPICS)) {
      const dangling = topic.body.split("\n").filter((line) => /'s$/.test(line.trimEnd()));
      assert.deepEqual(dangling, [], name);
    }
  });

  it("environment says which profile setting ARIZE_API_KEY overrides", () => {
    const entry = HELP_TOPICS.environment.body.match(/^ {2}ARIZE_API_KEY .*\n(?: {20,}.*\n)*/m);
    assert.ok(entry, "an ARIZE_API_KEY entry");
    assert.match(entry[0].replace(/\s+/g, " "), /overrides the profile's key \(\[auth\] api_key\)/);
  });

  it("an unknown help word is a usage error naming it", async () => {
    const { error } = await runCommand(["help", "api-keys", "lst"]);
    assert.ok(error instanceof UsageError);
    assert.match(error.message, /unknown command or topic 'lst'/);
    assert.ok(error.hints.some((h) => h.includes("list")));
  });

  it("wraps every help page at word boundaries at 40 columns", async () => {
    const narrow = { stdoutTTY: true, columns: 40 };
    const pages = [[], ...leaves(COMMANDS).filter(([, c]) => !c.hidden).map(([p]) => p.split(" "))];
    for (const words of pages) {
      const { stdout } = await runCommand([...words, "--help"], narrow);
      const wide = await runCommand([...words, "--help"], { stdoutTTY: true, columns: 200 });
      // Same words: nothing was cut, only line breaks moved (examples gain
      // ` \` continuations and comments above them, checked below).
      const wordsOf = (text: string) =>
        text.split(/\s+/).filter((w) => w && w !== "\\" && w !== "#").sort();
      assert.deepEqual(wordsOf(stdout), wordsOf(wide.stdout), words.join(" "));
      for (const line of stdout.split("\n")) {
        // A line may pass 40 columns only when it is a single unbreakable word.
        if (line.length > 40) assert.doesNotMatch(line.trim(), /\s/, `${words.join(" ")}: ${line}`);
      }
    }
  });

  for (const columns of [40, 80]) {
    it(`examples wrapped at ${columns} columns still paste as the same commands`, async () => {
      const joined = (lines: string[]) => {
        const commands: string[] = [];
        let pending = "";
        for (const line of lines) {
          pending += (pending ? " " : "") + line.trim();
          if (pending.endsWith(" \\")) pending = pending.slice(0, -2);
          else {
            commands.push(pending.replace(/\s+/g, " "));
            pending = "";
          }
        }
        return commands;
      };
      const withoutComments = (lines: string[]) => lines.map((l) => l.replace(/ +#.*$/, ""));
      for (const [path, spec] of leaves(COMMANDS).filter(([, c]) => c.examples?.length)) {
        const { stdout } = await runCommand([...path.split(" "), "--help"], {
          stdoutTTY: true,
          columns,
        });
        const block = stdout.split("\nExamples:\n")[1].split("\n\n")[0].split("\n");
        for (const line of block) {
          if (line.length <= columns) continue;
          // Only an unbreakable word (with its continuation) may pass the width.
          assert.doesNotMatch(line.trim().replace(/ \\$/, ""), /\s/, `${path}: ${line}`);
        }
        const shown = joined(
          withoutComments(block.filter((line) => !line.trimStart().startsWith("#"))),
        );
        assert.deepEqual(shown, joined(withoutComments([...spec.examples!])), path);
      }
    });
  }

  it("no example names a date in the past", () => {
    const now = new Date();
    for (const [path, spec] of leaves(COMMANDS)) {
      for (const example of spec.examples ?? []) {
        for (const [date] of example.matchAll(/\d{4}-\d{2}-\d{2}/g)) {
          assert.ok(new Date(date) > now, `${path}: ${example}`);
        }
      }
    }
  });
});

describe("buildProgram (commands/mod.ts)", () => {
  it("builds the registry's commands in its order, then help", async () => {
    const program = await buildProgram(fakeContext().ctx);
    assert.deepEqual(program.commands.map((c) => c.name()), [
      ...COMMANDS.map((s) => s.name),
      "help",
    ]);
  });
});
