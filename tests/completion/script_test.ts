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
import { UsageError } from "../../runtime/errors.ts";
import { runCommand } from "../_helpers/run_command.ts";

async function script(shell: string): Promise<string> {
  // No home directory and no config: completion must not need either (I7).
  const run = await runCommand(["completion", shell], { homeDir: undefined });
  assert.equal(run.error, undefined);
  assert.equal(run.stderr, "");
  return run.stdout;
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
    const run = await runCommand(["completion", "tcsh"]);
    assert.ok(run.error instanceof UsageError);
    assert.match(run.error.message, /tcsh/);
    assert.match(run.error.message, /bash, zsh, fish, powershell/);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, "");
  });
});
