/**
 * The program is built lazily: only the groups an invocation names are
 * loaded, the others are stubs. These tests keep the stubs true to the real
 * groups and the `--version` fast path true to commander's own answer.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Command } from "@commander-js/extra-typings";
import { buildProgram, COMMAND_GROUPS, commandsNamed } from "../../commands/_program.ts";
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
    const stubs = await buildProgram(ctx, { full: [] });
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

  it("builds the named group in full and stubs the rest", async () => {
    const { ctx } = fakeContext();
    const program = await buildProgram(ctx, { full: ["profiles"] });
    const byName = (name: string) => program.commands.find((c) => c.name() === name)!;
    assert.ok(byName("profiles").commands.length > 0);
    assert.equal(byName("api-keys").commands.length, 0);
  });

  it("names the command run, and for `complete` the command completed", () => {
    assert.deepEqual(commandsNamed([]), []);
    assert.deepEqual(commandsNamed(["--help"]), []);
    assert.deepEqual(commandsNamed(["api-keys", "list", "-o", "json"]), ["api-keys"]);
    assert.deepEqual(commandsNamed(["-h", "profiles"]), ["profiles"]);
    assert.deepEqual(commandsNamed(["complete", "--", "api-keys", "list", ""]), [
      "complete",
      "api-keys",
    ]);
    assert.deepEqual(commandsNamed(["complete", "--", "--he"]), ["complete"]);
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
    assert.match(stdout.text(), /\blist\b/);
  });
});
