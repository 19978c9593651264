import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ProfileExistsError, readProfile, saveProfile } from "../../config/profile_store.ts";
import { configContext, listTree, removeDir, tempDir } from "./_temp_config.ts";

describe("saveProfile({ exclusive: true })", () => {
  it("of several concurrent saves of one name, exactly one wins; no temp file is left", async () => {
    const dir = tempDir();
    try {
      const { ctx } = configContext(dir);
      const results = await Promise.allSettled(
        Array.from(
          { length: 8 },
          (_, i) =>
            saveProfile(ctx, { name: "same", apiKey: `ak-writer-${i}`, routing: {} }, {
              exclusive: true,
            }),
        ),
      );
      const won = results.flatMap((r, i) => r.status === "fulfilled" ? [i] : []);
      assert.equal(won.length, 1, JSON.stringify(results.map((r) => r.status)));
      for (const r of results) {
        if (r.status === "rejected") assert.ok(r.reason instanceof ProfileExistsError, r.reason);
      }
      assert.equal((await readProfile(ctx, "same")).apiKey, `ak-writer-${won[0]}`);
      assert.deepEqual(listTree(dir), ["profiles", "profiles/same.toml"]);
    } finally {
      removeDir(dir);
    }
  });

  it("never replaces an existing profile; without exclusive it does", async () => {
    const dir = tempDir();
    try {
      const { ctx } = configContext(dir);
      const file = await saveProfile(ctx, { name: "p", apiKey: "ak-first", routing: {} });
      await assert.rejects(
        saveProfile(ctx, { name: "p", apiKey: "ak-second", routing: {} }, { exclusive: true }),
        (error) =>
          error instanceof ProfileExistsError && /Profile 'p' already exists/.test(error.message),
      );
      assert.match(readFileSync(file, "utf8"), /ak-first/);
      await saveProfile(ctx, { name: "p", apiKey: "ak-third", routing: {} });
      assert.match(readFileSync(file, "utf8"), /ak-third/);
    } finally {
      removeDir(dir);
    }
  });
});
