/**
 * `ax completion <shell>`: a script per shell that calls back `ax complete --`,
 * printed through the Context without any configuration.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    ["zsh", /^\s*compdef _ax ax$/m],
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

  const bash = spawnSync("bash", ["-c", "true"]).status === 0;
  it(
    "can be sourced by bash any number of times, silently",
    { skip: !bash && "no bash" },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "ax-script-"));
      try {
        const file = join(dir, "ax.bash");
        writeFileSync(file, await script("bash"));
        const result = spawnSync("bash", [
          "-c",
          `set -u; source ${file} && source ${file} && source ${file} && complete -p ax`,
        ], { encoding: "utf8" });
        assert.equal(result.stderr, "");
        assert.equal(result.status, 0);
        assert.match(result.stdout, /complete -F __ax_complete ax/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("has fish cut a lone no-space candidate at a real TAB, safe from leading dashes", async () => {
    const text = await script("fish");
    assert.match(text, /string split --max 1 -- \\t \$__ax_comp_results\[1\]/);
    assert.doesNotMatch(text, /string split[^\n]*"\\t"/, 'fish reads "\\t" as backslash-t');
  });

  it("has fish send the token at the cursor without its quotes", async () => {
    assert.match(await script("fish"), /set -l lastArg \(commandline -ct \| string unescape\)/);
  });

  it("needs nothing from the bash-completion package", async () => {
    assert.doesNotMatch(await script("bash"), /_get_comp_words_by_ref|_init_completion/);
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
