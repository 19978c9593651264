import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { showPrereleaseNotice } from "../../config/notices.ts";
import { fakeContext } from "../_helpers/fake_context.ts";
import { configContext, listTree, removeDir, tempDir } from "./_temp_config.ts";

const dirs: string[] = [];
after(() => dirs.forEach(removeDir));

function freshDir(): string {
  const dir = tempDir("ax-notices-");
  dirs.push(dir);
  return dir;
}

/** Runs the notice in a context whose warning is enabled (fakeContext disables it by default). */
async function notice(dir: string, env: Record<string, string | undefined> = {}) {
  const fake = configContext(dir, { env: { DISABLE_PRERELEASE_WARNING: undefined, ...env } });
  await showPrereleaseNotice(fake.ctx, "api-keys");
  return fake;
}

describe("showPrereleaseNotice", () => {
  it("warns once per machine, on stderr only", async () => {
    const dir = freshDir();
    const first = await notice(dir);
    assert.match(first.stderr.text(), /⚠ Warning: `ax api-keys` uses an ALPHA API/);
    for (const line of first.stderr.text().split("\n")) {
      assert.ok(line.length <= 80, `fits 80 columns: ${line}`);
    }
    assert.match(first.stderr.text(), /DISABLE_PRERELEASE_WARNING=true/);
    assert.equal(first.stdout.text(), "");
    const second = await notice(dir);
    assert.equal(second.stderr.text(), "");
    const state = JSON.parse(readFileSync(join(dir, "notices.json"), "utf8"));
    assert.equal(state.prerelease["api-keys"], "2026-06-01T12:00:00.000Z");
  });

  it("tracks each command group separately", async () => {
    const dir = freshDir();
    await notice(dir);
    const other = configContext(dir, { env: { DISABLE_PRERELEASE_WARNING: undefined } });
    await showPrereleaseNotice(other.ctx, "spaces");
    assert.match(other.stderr.text(), /`ax spaces`/);
    assert.equal((await notice(dir)).stderr.text(), "");
  });

  for (const value of ["true", "TRUE", "1", "yes"]) {
    it(`is silenced by DISABLE_PRERELEASE_WARNING=${value} and then writes no state`, async () => {
      const dir = freshDir();
      const { stderr } = await notice(dir, { DISABLE_PRERELEASE_WARNING: value });
      assert.equal(stderr.text(), "");
      assert.deepEqual(listTree(dir), []);
    });
  }

  it("is not silenced by DISABLE_PRERELEASE_WARNING=false", async () => {
    const { stderr } = await notice(freshDir(), { DISABLE_PRERELEASE_WARNING: "false" });
    assert.match(stderr.text(), /ALPHA/);
  });

  it("never fails when the config dir cannot be written; it just warns again", async () => {
    const parent = freshDir();
    writeFileSync(join(parent, "not-a-dir"), "");
    const dir = join(parent, "not-a-dir", "ax");
    assert.match((await notice(dir)).stderr.text(), /ALPHA/);
    assert.match((await notice(dir)).stderr.text(), /ALPHA/);
    assert.deepEqual(listTree(parent), ["not-a-dir"]);
  });

  it("never fails when notices.json is unusable (a directory)", async () => {
    const dir = freshDir();
    mkdirSync(join(dir, "notices.json"));
    assert.match((await notice(dir)).stderr.text(), /ALPHA/);
  });

  it("recovers from a corrupt state file", async () => {
    const dir = freshDir();
    writeFileSync(join(dir, "notices.json"), "{not json");
    assert.match((await notice(dir)).stderr.text(), /ALPHA/);
    assert.equal((await notice(dir)).stderr.text(), "");
  });

  it("warns without a home directory or AX_CONFIG_DIR", async () => {
    const { ctx, stderr } = fakeContext({
      homeDir: undefined,
      env: { DISABLE_PRERELEASE_WARNING: undefined },
    });
    await showPrereleaseNotice(ctx, "api-keys");
    assert.match(stderr.text(), /ALPHA/);
  });

  it("colours the label only on a terminal", async () => {
    const dir = freshDir();
    const fake = configContext(dir, { tty: true, env: { DISABLE_PRERELEASE_WARNING: undefined } });
    await showPrereleaseNotice(fake.ctx, "api-keys");
    assert.ok(fake.stderr.text().startsWith("\x1b[33m⚠ Warning:\x1b[0m "));
  });
});
