import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseUse, runUse } from "../../../commands/profiles/use.ts";
import { ConfigError, UsageError } from "../../../runtime/errors.ts";
import {
  configContext,
  listTree,
  removeDir,
  tempDir,
  writeProfileFile,
} from "../../config/_temp_config.ts";

const dirs: string[] = [];
after(() => dirs.forEach(removeDir));
function freshDir(): string {
  const dir = tempDir("ax-use-");
  dirs.push(dir);
  return dir;
}

describe("ax profiles use", () => {
  it("rejects an invalid name", () => assert.throws(() => parseUse({ name: "a b" }), UsageError));

  it("makes an existing profile active", async () => {
    const dir = freshDir();
    writeProfileFile(dir, "work", `[auth]\napi_key = "k"\n`);
    const { ctx, stderr } = configContext(dir);
    await runUse({ name: "work" }, ctx);
    assert.equal(readFileSync(join(dir, ".active_profile"), "utf8"), "work");
    assert.equal(stderr.text(), "✓ Active profile set to 'work'\n");
  });

  it("refuses a missing profile, listing those that exist, and writes nothing", async () => {
    const dir = freshDir();
    writeProfileFile(dir, "work", `[auth]\napi_key = "k"\n`);
    const { ctx } = configContext(dir);
    await assert.rejects(runUse({ name: "nope" }, ctx), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.hints.join(" "), /Available profiles: work/);
      return true;
    });
    assert.deepEqual(listTree(dir), ["profiles", join("profiles", "work.toml")]);
  });

  it("activates a broken profile but warns about it", async () => {
    const dir = freshDir();
    writeProfileFile(dir, "wip", "[auth\n");
    const { ctx, stderr } = configContext(dir);
    await runUse({ name: "wip" }, ctx);
    assert.equal(readFileSync(join(dir, ".active_profile"), "utf8"), "wip");
    assert.match(stderr.text(), /⚠ Warning: Profile file .*wip\.toml is not valid TOML/);
  });

  it("notes when AX_PROFILE overrides the choice", async () => {
    const dir = freshDir();
    writeProfileFile(dir, "work", `[auth]\napi_key = "k"\n`);
    const { ctx, stderr } = configContext(dir, { env: { AX_PROFILE: "other" } });
    await runUse({ name: "work" }, ctx);
    assert.match(stderr.text(), /AX_PROFILE=other is set/);
  });
});
