/**
 * The program is built lazily: only the groups and subcommands an invocation
 * names are built, the others are stubs. These tests keep the stubs true to
 * the real commands and the `--version` fast path true to commander's own
 * answer.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Command } from "@commander-js/extra-typings";
import { buildProgram, COMMAND_GROUPS } from "../../cli/program.ts";
import { runCli } from "../../commands/mod.ts";
import { fakeContext } from "../_helpers/fake_context.ts";

/** What the root program's help and suggestions see of a top-level command. */
function surface(cmd: Command) {
  const raw = cmd as unknown as { _hidden: boolean };
  return {
    name: cmd.name(),
    description: cmd.description(),
    aliases: cmd.aliases(),
    hidden: raw._hidden,
    args: cmd.registeredArguments.map((a) => [a.name(), a.required, a.variadic]),
    usageTerm: cmd.createHelp().subcommandTerm(cmd as never),
  };
}

describe("lazily built program", () => {
  it("stubs show exactly what the real command groups register", async () => {
    const { ctx } = fakeContext();
    const full = await buildProgram(ctx);
    const stubs = await buildProgram(ctx, { words: [] });
    assert.deepEqual(
      stubs.commands.map((c) => surface(c as unknown as Command)),
      full.commands.map((c) => surface(c as unknown as Command)),
    );
    assert.equal(stubs.helpInformation(), full.helpInformation());
    assert.deepEqual(
      COMMAND_GROUPS.flatMap((g) => g.commands.map((c) => c.name)),
      full.commands.map((c) => c.name()),
    );
  });

  for (const group of ["api-keys", "profiles"]) {
    it(`stubs of ${group}' subcommands show exactly what the real ones do`, async () => {
      const { ctx } = fakeContext();
      const groupOf = (program: Command) =>
        program.commands.find((c) => c.name() === group) as unknown as Command;
      const full = groupOf(await buildProgram(ctx));
      const stubbed = groupOf(await buildProgram(ctx, { words: [group] }));
      assert.ok(stubbed.commands.every((c) => c.options.length === 0), "all stubs");
      assert.deepEqual(
        stubbed.commands.map((c) => surface(c as unknown as Command)),
        full.commands.map((c) => surface(c as unknown as Command)),
      );
      assert.equal(stubbed.helpInformation(), full.helpInformation());
    });
  }

  it("builds the commands the words name in full and stubs the rest", async () => {
    const { ctx } = fakeContext();
    const program = await buildProgram(ctx, {
      words: ["complete", "--", "profiles", "show", "-o", "json", ""],
    });
    const byName = (parent: { commands: readonly unknown[] }, name: string) =>
      (parent.commands as Command[]).find((c) => c.name() === name)!;
    const profiles = byName(program, "profiles");
    assert.equal(byName(program, "api-keys").commands.length, 0);
    assert.ok(byName(profiles, "show").options.length > 0);
    assert.deepEqual(
      (profiles.commands as Command[]).filter((c) => c.options.length > 0).map((c) => c.name()),
      ["show"],
    );
    assert.ok(byName(program, "complete").registeredArguments.length > 0);
  });

  it("answers --version and -V exactly as commander does", async () => {
    for (const flag of ["--version", "-V"]) {
      const fast = fakeContext();
      await runCli([flag], fast.ctx);
      const slow = fakeContext();
      // A second argument takes the path through commander.
      await runCli([flag, "--help"], slow.ctx);
      assert.equal(fast.stdout.text(), slow.stdout.text());
      assert.equal(fast.stdout.text(), "ax 0.0.0-test (commit test, test)\n");
    }
  });

  it("prints a group's help through the lazily built program", async () => {
    const { ctx, stdout } = fakeContext();
    await runCli(["api-keys", "--help"], ctx);
    assert.match(stdout.text(), /Usage: ax api-keys/);
    assert.match(stdout.text(), /^ {2}list \[options\] /m);
    assert.match(stdout.text(), /^ {2}revoke \[options\] <key-id> /m);
  });

  it("suggests a stubbed subcommand for a mistyped one", async () => {
    const { ctx } = fakeContext();
    await assert.rejects(
      runCli(["api-keys", "lst"], ctx),
      (error: Error & { hints?: string[] }) => {
        assert.equal(error.message, "unknown command 'lst'");
        assert.deepEqual(error.hints, [
          "Did you mean list?",
          "Run 'ax api-keys --help' for usage.",
        ]);
        return true;
      },
    );
  });

  it("runs a subcommand whose stubbed siblings were not built", async () => {
    const { ctx, stdout } = fakeContext();
    await runCli(["api-keys", "revoke", "--help"], ctx);
    assert.match(stdout.text(), /Usage: ax api-keys revoke \[options\] <key-id>/);
    assert.match(stdout.text(), /--force/);
  });
});
