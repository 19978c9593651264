/**
 * `ax completion <shell>`: a script per shell that calls back `ax complete --`,
 * printed through the Context without any configuration.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { runCli } from "../../commands/mod.ts";
import { UsageError } from "../../runtime/errors.ts";
import { fakeContext } from "../_helpers/fake_context.ts";

async function script(shell: string): Promise<string> {
  // No home directory and no config: completion must not need either (I7).
  const fake = fakeContext({ homeDir: undefined });
  await runCli(["completion", shell], fake.ctx);
  assert.equal(fake.stderr.text(), "");
  return fake.stdout.text();
}

describe("ax completion <shell>", () => {
  const cases: [string, RegExp][] = [
    ["bash", /^complete -F __ax_complete ax$/m],
    ["zsh", /^compdef _ax ax$/m],
    ["fish", /^complete -c ax -e$/m],
    ["powershell", /Register-ArgumentCompleter -CommandName 'ax'/],
  ];
  for (const [shell, registration] of cases) {
    it(`prints a ${shell} script that registers ax and calls back 'ax complete --'`, async () => {
      const text = await script(shell);
      assert.match(text, registration);
      assert.match(text, /ax complete (--|'--')/);
      assert.ok(text.endsWith("\n"));
    });
  }

  it("gives bash a stand-in for bash-completion's word splitter", async () => {
    assert.match(await script("bash"), /if ! declare -F _get_comp_words_by_ref/);
  });

  it("rejects an unknown shell with a usage error naming the choices", async () => {
    const fake = fakeContext();
    await assert.rejects(runCli(["completion", "tcsh"], fake.ctx), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /tcsh/);
      assert.match(error.message, /bash, zsh, fish, powershell/);
      return true;
    });
    assert.equal(fake.stdout.text(), "");
  });
});
