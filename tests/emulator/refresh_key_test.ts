import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertProblem, testEmulator } from "./_support.ts";

const refreshPath = (id: string) => `/v2/api-keys/${encodeURIComponent(id)}/refresh`;
const works = async (emu: ReturnType<typeof testEmulator>, key: string) =>
  (await emu.call("GET", "/v2/spaces", { key })).status === 200;

describe("POST /v2/api-keys/{id}/refresh", () => {
  it("replaces the key: same name, description, type and owner; the old key 401s at once", async () => {
    const emu = testEmulator();
    const old = await emu.createKey({ name: "rotate me", description: "d" }, emu.user);
    emu.advance(60);
    const response = await emu.call("POST", refreshPath(old.id), { key: emu.user, body: {} });
    assert.equal(response.status, 200);
    const fresh = response.json;
    assert.notEqual(fresh.id, old.id);
    assert.notEqual(fresh.key, old.key);
    assert.match(fresh.key, /^ak-[0-9A-Za-z]{40,}$/);
    for (const field of ["name", "description", "key_type", "created_by_user_id"]) {
      assert.equal(fresh[field], old[field], field);
    }
    assert.equal(fresh.status, "active");
    assert.equal(fresh.created_at, "2026-06-01T12:01:00Z");
    assert.equal(await works(emu, old.key), false);
    assert.equal(await works(emu, fresh.key), true);
    assert.equal(emu.emulator.store.key(old.id)!.status, "revoked");
  });

  it("accepts an empty body", async () => {
    const emu = testEmulator();
    const old = await emu.createKey({ name: "n" });
    const response = await emu.call("POST", refreshPath(old.id), { key: emu.admin });
    assert.equal(response.status, 200);
  });

  it("keeps the old key valid during the grace period and 401s after it", async () => {
    const emu = testEmulator();
    const old = await emu.createKey({ name: "grace" });
    const response = await emu.call("POST", refreshPath(old.id), {
      key: emu.admin,
      body: { grace_period_seconds: 300 },
    });
    const fresh = response.json;
    const listed = (await emu.call("GET", "/v2/api-keys", { key: emu.admin })).json.api_keys
      .find((k: { id: string }) => k.id === old.id);
    assert.equal(listed.status, "active");
    assert.equal(listed.expires_at, "2026-06-01T12:05:00Z");
    emu.advance(299);
    assert.equal(await works(emu, old.key), true);
    assert.equal(await works(emu, fresh.key), true);
    emu.advance(1);
    assert.equal(await works(emu, old.key), false);
    assert.equal(await works(emu, fresh.key), true);
  });

  it("gives the old key a grace expiry in whole seconds, like every other timestamp", async () => {
    const emu = testEmulator();
    const old = await emu.createKey({ name: "grace" });
    emu.advance(0.433); // a refresh mid-second
    const response = await emu.call("POST", refreshPath(old.id), {
      key: emu.admin,
      body: { grace_period_seconds: 300 },
    });
    assert.equal(response.status, 200);
    const listed = (await emu.call("GET", "/v2/api-keys", { key: emu.admin })).json.api_keys
      .find((k: { id: string }) => k.id === old.id);
    assert.equal(listed.expires_at, "2026-06-01T12:05:00Z");
    assert.equal(emu.emulator.store.key(old.id)!.expires_ms, Date.parse("2026-06-01T12:05:00Z"));
  });

  it("caps the grace period at the old key's own expiry", async () => {
    const emu = testEmulator();
    const old = await emu.createKey({ name: "n", expires_at: "2026-06-01T12:01:00Z" });
    const response = await emu.call("POST", refreshPath(old.id), {
      key: emu.admin,
      body: { grace_period_seconds: 3600, expires_at: "2026-06-01T12:01:00Z" },
    });
    assert.equal(response.status, 200);
    assert.equal(emu.emulator.store.key(old.id)!.expires_ms, Date.parse("2026-06-01T12:01:00Z"));
    emu.advance(60);
    assert.equal(await works(emu, old.key), false);
  });

  it("keeps service keys in their space and on their bot user", async () => {
    const emu = testEmulator();
    const old = await emu.createKey({
      name: "svc",
      key_type: "service",
      space_id: emu.stagingSpace,
      roles: { space_role: "admin" },
    });
    const fresh = (await emu.call("POST", refreshPath(old.id), { key: emu.admin, body: {} })).json;
    const store = emu.emulator.store;
    assert.equal(store.key(fresh.id)!.space_id, emu.stagingSpace);
    assert.equal(store.key(fresh.id)!.bot_user_id, store.key(old.id)!.bot_user_id);
    assert.equal(fresh.key_type, "service");
    const spaces = await emu.call("GET", "/v2/spaces", { key: fresh.key });
    assert.deepEqual(spaces.json.spaces.map((s: { id: string }) => s.id), [emu.stagingSpace]);
  });

  it("applies the expires_at rules with 422", async () => {
    const emu = testEmulator();
    const expiring = await emu.createKey({ name: "n", expires_at: "2026-12-31T00:00:00Z" });
    assertProblem(
      await emu.call("POST", refreshPath(expiring.id), { key: emu.admin, body: {} }),
      422,
      "expires_at",
    );
    assertProblem(
      await emu.call("POST", refreshPath(expiring.id), {
        key: emu.admin,
        body: { expires_at: "2026-12-31T00:00:01Z" },
      }),
      422,
      "expires_at",
    );
    const same = await emu.call("POST", refreshPath(expiring.id), {
      key: emu.admin,
      body: { expires_at: "2026-12-31T00:00:00Z" },
    });
    assert.equal(same.status, 200);
    assert.equal(same.json.expires_at, "2026-12-31T00:00:00Z");

    const unbounded = await emu.createKey({ name: "u" });
    const added = await emu.call("POST", refreshPath(unbounded.id), {
      key: emu.admin,
      body: { expires_at: "2030-01-01T00:00:00Z" },
    });
    assert.equal(added.json.expires_at, "2030-01-01T00:00:00Z");
    const unbounded2 = await emu.createKey({ name: "u2" });
    const stays = await emu.call("POST", refreshPath(unbounded2.id), { key: emu.admin });
    assert.equal(stays.json.expires_at, undefined);
  });

  it("answers 422 for a revoked or expired key", async () => {
    const emu = testEmulator();
    const revoked = await emu.createKey({ name: "r" });
    await emu.call("PUT", `/v2/api-keys/${encodeURIComponent(revoked.id)}/revoke`, {
      key: emu.admin,
    });
    assertProblem(await emu.call("POST", refreshPath(revoked.id), { key: emu.admin }), 422);
    const expired = await emu.createKey({ name: "e", expires_at: "2026-06-01T12:00:10Z" });
    emu.advance(10);
    assertProblem(
      await emu.call("POST", refreshPath(expired.id), {
        key: emu.admin,
        body: { expires_at: "2026-06-01T12:00:10Z" },
      }),
      // An expiry in the past is itself a bad value; the key state is checked with a valid one.
      400,
      "expires_at",
    );
    assertProblem(await emu.call("POST", refreshPath(expired.id), { key: emu.admin }), 422);
  });

  it("validates grace_period_seconds and expires_at with 400", async () => {
    const emu = testEmulator();
    const key = await emu.createKey({ name: "n" });
    const cases: [Record<string, unknown>, string][] = [
      [{ grace_period_seconds: -1 }, "grace_period_seconds"],
      [{ grace_period_seconds: 86401 }, "grace_period_seconds"],
      [{ grace_period_seconds: 1.5 }, "grace_period_seconds"],
      [{ grace_period_seconds: "60" }, "grace_period_seconds"],
      [{ grace_period_seconds: null }, "grace_period_seconds"],
      [{ expires_at: "2020-01-01T00:00:00Z" }, "expires_at"],
      [{ expires_at: "2030-02-30T00:00:00Z" }, "expires_at"],
      [{ expires_at: "2030-01-01" }, "expires_at"],
      [{ name: "renamed" }, "name"],
    ];
    for (const [body, field] of cases) {
      assertProblem(
        await emu.call("POST", refreshPath(key.id), { key: emu.admin, body }),
        400,
        field,
      );
    }
    const max = await emu.call("POST", refreshPath(key.id), {
      key: emu.admin,
      body: { grace_period_seconds: 86400 },
    });
    assert.equal(max.status, 200);
  });

  it("hides other users' keys (404) and follows the service key rules (403)", async () => {
    const emu = testEmulator();
    const admins = await emu.createKey({ name: "admin's" });
    assertProblem(await emu.call("POST", refreshPath(admins.id), { key: emu.user }), 404);
    const stagingKey = await emu.createKey({
      name: "s",
      key_type: "service",
      space_id: emu.stagingSpace,
    });
    assertProblem(await emu.call("POST", refreshPath(stagingKey.id), { key: emu.user }), 404);
    const notMine = await emu.createKey({
      name: "d",
      key_type: "service",
      space_id: emu.defaultSpace,
    });
    assertProblem(await emu.call("POST", refreshPath(notMine.id), { key: emu.user }), 403);
    const mine = await emu.createKey(
      { name: "m", key_type: "service", space_id: emu.defaultSpace },
      emu.user,
    );
    assert.equal((await emu.call("POST", refreshPath(mine.id), { key: emu.user })).status, 200);
    const users = await emu.createKey({ name: "u" }, emu.user);
    assert.equal((await emu.call("POST", refreshPath(users.id), { key: emu.admin })).status, 200);
  });

  it("needs the developer flag for user keys (403)", async () => {
    const emu = testEmulator();
    const viewerKeyId = emu.emulator.store.state.bootstrap.viewer_key_id;
    assertProblem(await emu.call("POST", refreshPath(viewerKeyId), { key: emu.viewer }), 403);
  });
});
