/**
 * QUALITY.md I9 through real processes: several `ax profiles create` of the
 * same name at once, without --force — exactly one wins, every other one
 * fails saying the profile exists, the file holds the winner's key whole,
 * no temp file is left, and the active-profile pointer names one profile.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type AxResult, runAx } from "../../_helpers/run_ax.ts";
import { leftoverTempFiles, makeSandbox, type Sandbox } from "../../_helpers/ax_process.ts";

const WRITERS = 6;

let box: Sandbox;

function create(args: string[]): Promise<AxResult> {
  return runAx(["profiles", "create", ...args, "--base-url", "http://127.0.0.1:9"], {
    cwd: box.home,
    env: { AX_CONFIG_DIR: box.configDir, HOME: box.home, NO_COLOR: "1" },
  });
}

describe("concurrent profiles create (I9)", () => {
  before(() => void (box = makeSandbox("concurrent-profiles")));
  after(() => box.remove());

  it(`${WRITERS} processes create the same profile: exactly one wins`, async () => {
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => create(["same", "--api-key", `ak-writer-${i}`])),
    );
    const winners = results.flatMap((r, i) => r.code === 0 ? [i] : []);
    assert.equal(winners.length, 1, results.map((r) => `${r.code}: ${r.stderr}`).join("\n"));
    for (const [i, result] of results.entries()) {
      if (i === winners[0]) continue;
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /^✗ Error: Profile 'same' already exists \(/);
    }
    const text = readFileSync(join(box.configDir, "profiles", "same.toml"), "utf8");
    assert.match(text, new RegExp(`api_key = "ak-writer-${winners[0]}"`));
    assert.deepEqual(leftoverTempFiles(box.configDir), []);
    assert.equal(readFileSync(join(box.configDir, ".active_profile"), "utf8").trim(), "same");
  });

  it("concurrent --use of different profiles: the pointer names one of them, whole", async () => {
    const names = Array.from({ length: WRITERS }, (_, i) => `p${i}`);
    const results = await Promise.all(
      names.map((name) => create([name, "--api-key", `ak-${name}`, "--use"])),
    );
    for (const result of results) assert.equal(result.code, 0, result.stderr);
    const active = readFileSync(join(box.configDir, ".active_profile"), "utf8").trim();
    assert.ok(names.includes(active), `active profile '${active}'`);
    assert.deepEqual(leftoverTempFiles(box.configDir), []);
    assert.deepEqual(
      readdirSync(join(box.configDir, "profiles")).sort(),
      ["same.toml", ...names.map((n) => `${n}.toml`)].sort(),
    );
  });
});
