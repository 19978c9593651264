import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { seedSyntheticKeys } from "../../emulator/seed.ts";
import { testEmulator } from "./_support.ts";

describe("seeding", () => {
  it("creates the org, spaces default and staging, and three users with working keys", async () => {
    const emu = testEmulator();
    const { state } = emu.emulator.store;
    assert.deepEqual(state.spaces.map((s) => s.name), ["default", "staging"]);
    assert.match(atob(state.org.id), /^Organization:/);
    const [admin, user, viewer] = state.users;
    assert.deepEqual([admin.account_role, admin.developer], ["admin", true]);
    assert.deepEqual([user.account_role, user.developer], ["member", true]);
    assert.deepEqual([viewer.account_role, viewer.developer], ["member", false]);
    for (const key of [emu.admin, emu.user, emu.viewer]) {
      assert.match(key, /^ak-[0-9A-Za-z]{48}$/);
      assert.equal((await emu.call("GET", "/v2/spaces", { key })).status, 200);
    }
  });

  it("uses --admin-key as the admin's key", async () => {
    const emu = testEmulator({ adminKey: "ak-my-chosen-admin-key" });
    assert.equal(emu.admin, "ak-my-chosen-admin-key");
    const list = await emu.call("GET", "/v2/api-keys", { key: "ak-my-chosen-admin-key" });
    assert.equal(list.json.api_keys[0].redacted_key, "ak-my-...key");
  });

  it("--seed-keys gives the admin N synthetic keys that list but never authenticate", async () => {
    const emu = testEmulator({ seedKeys: 100_000 });
    const seeded = emu.emulator.store.state.keys.filter((k) => k.seeded);
    assert.equal(seeded.length, 100_000);
    assert.ok(seeded.every((k) => k.hash === null));
    assert.equal(new Set(seeded.map((k) => k.id)).size, 100_000);
    const page = await emu.call("GET", "/v2/api-keys?limit=3", { key: emu.admin });
    assert.deepEqual(page.json.api_keys.map((k: { name: string }) => k.name), [
      "emulator admin key",
      "seed key 100000",
      "seed key 099999",
    ]);
    for (const key of page.json.api_keys.slice(1)) {
      assert.match(key.redacted_key, /^ak-\w{3}\.\.\.\w{3}$/);
    }
  });

  it("seeds last-used times spread over the past, never after the seeding instant", () => {
    const emu = testEmulator({ seedKeys: 5000 });
    const now = emu.emulator.clock.now();
    const used = emu.emulator.store.state.keys.filter((k) => k.seeded && k.last_used_ms);
    assert.equal(used.length, 2500);
    const late = used.filter((k) => k.last_used_ms! > now);
    assert.deepEqual(late.map((k) => k.name), []);
    assert.ok(used.every((k) => k.last_used_ms! >= k.created_ms));
    // The spread the seed intends survives: up to an hour after creation, in many steps.
    assert.ok(new Set(used.map((k) => k.last_used_ms! - k.created_ms)).size > 1000);
  });

  it("tops up to N rather than adding N again", () => {
    const emu = testEmulator({ seedKeys: 10 });
    const now = emu.emulator.clock.now();
    assert.equal(seedSyntheticKeys(emu.emulator.store, { count: 10, now }), 0);
    assert.equal(seedSyntheticKeys(emu.emulator.store, { count: 15, now }), 5);
    assert.equal(emu.emulator.store.state.keys.filter((k) => k.seeded).length, 15);
  });
});
