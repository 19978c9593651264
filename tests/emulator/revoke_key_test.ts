import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertProblem, testEmulator } from "./_support.ts";

const revokePath = (id: string) => `/v2/api-keys/${encodeURIComponent(id)}/revoke`;

describe("PUT /v2/api-keys/{id}/revoke", () => {
  it("revokes immediately and is idempotent (204 each time)", async () => {
    const emu = testEmulator();
    const created = await emu.createKey({ name: "r" });
    for (let i = 0; i < 2; i++) {
      const response = await emu.call("PUT", revokePath(created.id), { key: emu.admin });
      assert.equal(response.status, 204);
      assert.equal(response.body, "");
    }
    const record = emu.emulator.store.key(created.id)!;
    assert.equal(record.status, "revoked");
    assertProblem(await emu.call("GET", "/v2/spaces", { key: created.key }), 401);
  });

  it("revokes service keys and other users' keys for an account admin", async () => {
    const emu = testEmulator();
    const svc = await emu.createKey(
      { name: "s", key_type: "service", space_id: emu.defaultSpace },
      emu.user,
    );
    const users = await emu.createKey({ name: "u" }, emu.user);
    for (const key of [svc, users]) {
      assert.equal((await emu.call("PUT", revokePath(key.id), { key: emu.admin })).status, 204);
      assertProblem(await emu.call("GET", "/v2/spaces", { key: key.key }), 401);
    }
  });

  it("answers 404 for unknown or malformed IDs", async () => {
    const emu = testEmulator();
    for (const id of [btoa("ApiKey:999:abcd"), "nope", "%%"]) {
      assertProblem(await emu.call("PUT", revokePath(id), { key: emu.admin }), 404);
    }
  });

  it("needs the developer flag and the account admin role (403), as Arize documents", async () => {
    const emu = testEmulator();
    const own = await emu.createKey({ name: "own" }, emu.user);
    const admins = await emu.createKey({ name: "admin's" });
    for (const [key, id] of [[emu.user, own.id], [emu.user, admins.id], [emu.viewer, own.id]]) {
      assertProblem(await emu.call("PUT", revokePath(id), { key }), 403);
    }
    assert.equal(emu.emulator.store.key(own.id)!.status, "active");
  });

  it("refuses a bot even with the account admin role: it has no developer flag (403)", async () => {
    const emu = testEmulator();
    const bot = await emu.createKey({
      name: "bot",
      key_type: "service",
      space_id: emu.defaultSpace,
      roles: { account_role: "admin" },
    });
    // A bot has no developer flag, so even an account-admin bot may not revoke.
    const target = await emu.createKey({ name: "t" });
    assertProblem(await emu.call("PUT", revokePath(target.id), { key: bot.key }), 403);
  });
});
