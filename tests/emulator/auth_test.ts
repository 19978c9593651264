import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertProblem, testEmulator } from "./_support.ts";

describe("authentication", () => {
  it("answers 401 for a missing, malformed or unknown bearer key on every route", async () => {
    const emu = testEmulator();
    const routes: [string, string][] = [
      ["GET", "/v2/api-keys"],
      ["POST", "/v2/api-keys"],
      ["PUT", "/v2/api-keys/abc/revoke"],
      ["POST", "/v2/api-keys/abc/refresh"],
      ["GET", "/v2/spaces"],
    ];
    const headers: Record<string, string>[] = [
      {},
      { authorization: emu.admin },
      { authorization: `Basic ${emu.admin}` },
      { authorization: "Bearer" },
      { authorization: "Bearer ak-unknownunknownunknownunknownunknownunknown" },
      { authorization: `Bearer ${emu.admin}x` },
    ];
    for (const [method, path] of routes) {
      for (const h of headers) {
        const response = await emu.call(method, path, { headers: h, body: { name: "x" } });
        assertProblem(response, 401, "Authorization");
      }
    }
    assert.equal(
      emu.emulator.store.scope(`user:${emu.emulator.store.state.bootstrap.admin_user_id}`).length,
      1,
    );
  });

  it("accepts the scheme in any case", async () => {
    const emu = testEmulator();
    const response = await emu.call("GET", "/v2/spaces", {
      headers: { authorization: `bearer ${emu.admin}` },
    });
    assert.equal(response.status, 200);
  });

  it("answers 401 for a revoked key, at once", async () => {
    const emu = testEmulator();
    const created = await emu.createKey({ name: "soon revoked" });
    assert.equal((await emu.call("GET", "/v2/spaces", { key: created.key })).status, 200);
    await emu.call("PUT", `/v2/api-keys/${encodeURIComponent(created.id)}/revoke`, {
      key: emu.admin,
    });
    assertProblem(await emu.call("GET", "/v2/spaces", { key: created.key }), 401);
  });

  it("answers 401 for a key past its expiry on the emulated clock", async () => {
    const emu = testEmulator();
    const expires = new Date(emu.emulator.clock.now() + 3600_000).toISOString();
    const created = await emu.createKey({ name: "expiring", expires_at: expires });
    emu.advance(3599);
    assert.equal((await emu.call("GET", "/v2/spaces", { key: created.key })).status, 200);
    emu.advance(1);
    assertProblem(await emu.call("GET", "/v2/spaces", { key: created.key }), 401);
  });

  it("records last_used_at when a key authenticates", async () => {
    const emu = testEmulator();
    const created = await emu.createKey({ name: "used later" });
    assert.equal(created.last_used_at, undefined);
    emu.advance(90);
    await emu.call("GET", "/v2/spaces", { key: created.key });
    const list = await emu.call("GET", "/v2/api-keys", { key: emu.admin });
    const listed = list.json.api_keys.find((k: { id: string }) => k.id === created.id);
    assert.equal(listed.last_used_at, "2026-06-01T12:01:30Z");
  });

  it("keeps no raw secret anywhere in the state", async () => {
    const emu = testEmulator();
    const created = await emu.createKey({ name: "secret" });
    const state = JSON.stringify(emu.emulator.store.state);
    for (const secret of [created.key, emu.admin, emu.user, emu.viewer]) {
      assert.ok(!state.includes(secret));
      assert.ok(!state.includes(secret.slice(3)));
    }
  });
});
