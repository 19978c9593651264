import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDelete, runDelete } from "../../../commands/profiles/delete.ts";
import { ConfigError, UsageError } from "../../../runtime/errors.ts";
import { fakeContext } from "../../_helpers/fake_context.ts";
import {
  configContext,
  listTree,
  removeDir,
  tempDir,
  writeProfileFile,
} from "../../config/_temp_config.ts";
import { parseArgv } from "../../_helpers/parse_argv.ts";
import { scriptedPrompter } from "./_harness.ts";

const TTY = { stdinIsTTY: true, stdoutIsTTY: true };
const dirs: string[] = [];
after(() => dirs.forEach(removeDir));
function dirWithWork(): string {
  const dir = tempDir("ax-delete-");
  dirs.push(dir);
  writeProfileFile(dir, "work", `[auth]\napi_key = "k"\n`);
  return dir;
}

describe("parseDelete", () => {
  const cases: [string, { force?: true }, typeof TTY, boolean | RegExp][] = [
    ["terminal, no --force: will ask", {}, TTY, false],
    ["terminal, --force", { force: true }, TTY, true],
    ["pipe, --force", { force: true }, { stdinIsTTY: false, stdoutIsTTY: false }, true],
    [
      "pipe, no --force",
      {},
      { stdinIsTTY: false, stdoutIsTTY: false },
      /, but neither stdin nor stdout is a terminal .*: pass --force/,
    ],
    [
      "stdout piped, no --force",
      {},
      { stdinIsTTY: true, stdoutIsTTY: false },
      /, but stdout is not a terminal .*: pass --force/,
    ],
    [
      "stdin piped, no --force",
      {},
      { stdinIsTTY: false, stdoutIsTTY: true },
      /, but stdin is not a terminal .*: pass --force/,
    ],
  ];
  for (const [name, values, io, expected] of cases) {
    it(name, () => {
      if (typeof expected === "boolean") {
        assert.deepEqual(parseDelete({ name: "work", values }, io), {
          name: "work",
          force: expected,
        });
      } else {
        assert.throws(() => parseDelete({ name: "work", values }, io), (error: unknown) => {
          assert.ok(error instanceof UsageError);
          assert.equal(error.exitCode, 2);
          assert.match(error.message, expected);
          assert.match(error.hints.join(" "), /Nothing was deleted/);
          return true;
        });
      }
    });
  }
  it("takes -f through commander", async () => {
    const { ctx } = fakeContext();
    assert.deepEqual(await parseArgv(["profiles", "delete", "work", "-f"], { ctx }), {
      name: "work",
      force: true,
    });
  });
});

describe("runDelete", () => {
  it("asks on a terminal (default No) and keeps the profile on No", async () => {
    const dir = dirWithWork();
    const { prompter, asked } = scriptedPrompter([false]);
    const { ctx, stderr } = configContext(dir, { tty: true, env: { NO_COLOR: "1" } });
    await runDelete({ name: "work", force: false }, { ...ctx, prompter });
    assert.equal(asked.length, 1);
    assert.equal(asked[0].default, false);
    assert.match(asked[0].question, /^Delete profile 'work' \(.*work\.toml\)\? \[y\/N\]: $/);
    assert.ok(existsSync(join(dir, "profiles", "work.toml")));
    assert.equal(stderr.text(), "ℹ Profile not deleted\n");
  });

  it("deletes on Yes", async () => {
    const dir = dirWithWork();
    const { prompter } = scriptedPrompter([true]);
    const { ctx } = configContext(dir, { tty: true });
    await runDelete({ name: "work", force: false }, { ...ctx, prompter });
    assert.deepEqual(listTree(dir), ["profiles"]);
  });

  it("deletes with --force without asking, and clears the active marker", async () => {
    const dir = dirWithWork();
    writeFileSync(join(dir, ".active_profile"), "work");
    const { ctx, stderr } = configContext(dir);
    await runDelete({ name: "work", force: true }, ctx);
    assert.deepEqual(listTree(dir), ["profiles"]);
    assert.equal(
      stderr.text(),
      "✓ Profile 'work' deleted\nℹ It was the active profile; choose another with `ax profiles use <name>`.\n",
    );
  });

  it("keeps the active marker when another profile is deleted", async () => {
    const dir = dirWithWork();
    writeProfileFile(dir, "old", `[auth]\napi_key = "k"\n`);
    writeFileSync(join(dir, ".active_profile"), "work");
    const { ctx } = configContext(dir);
    await runDelete({ name: "old", force: true }, ctx);
    assert.ok(existsSync(join(dir, ".active_profile")));
  });

  it("deletes the reference CLI's legacy default too", async () => {
    const dir = dirWithWork();
    writeFileSync(join(dir, "config.toml"), `[auth]\napi_key = "k"\n`);
    writeProfileFile(dir, "default", `[auth]\napi_key = "k"\n`);
    const { ctx } = configContext(dir);
    await runDelete({ name: "default", force: true }, ctx);
    assert.deepEqual(listTree(dir), ["profiles", join("profiles", "work.toml")]);
  });

  it("a missing profile is a ConfigError", async () => {
    const { ctx } = configContext(dirWithWork());
    await assert.rejects(runDelete({ name: "nope", force: true }, ctx), ConfigError);
  });
});
