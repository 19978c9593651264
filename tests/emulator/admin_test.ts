import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertProblem, testEmulator } from "./_support.ts";

describe("admin routes", () => {
  it("need the admin key", async () => {
    const emu = testEmulator({ faults: true });
    for (const path of ["stats", "clock", "faults"]) {
      assertProblem(await emu.call("GET", `/__emulator/${path}`), 401);
      assertProblem(await emu.call("GET", `/__emulator/${path}`, { key: emu.user }), 401);
    }
  });

  it("keep working when the admin revoked its own API key", async () => {
    const emu = testEmulator();
    const adminKeyId = emu.emulator.store.state.bootstrap.admin_key_id;
    await emu.call("PUT", `/v2/api-keys/${encodeURIComponent(adminKeyId)}/revoke`, {
      key: emu.admin,
    });
    assertProblem(await emu.call("GET", "/v2/spaces", { key: emu.admin }), 401);
    assert.equal((await emu.call("GET", "/__emulator/stats", { key: emu.admin })).status, 200);
  });

  it("answer 404 for unknown admin paths and 405 with Allow for wrong methods", async () => {
    const emu = testEmulator();
    assertProblem(await emu.call("GET", "/__emulator/nothing", { key: emu.admin }), 404);
    const wrong = await emu.call("DELETE", "/__emulator/stats", { key: emu.admin });
    assertProblem(wrong, 405);
    assert.equal(wrong.headers.allow, "GET");
  });
});

describe("GET /__emulator/stats", () => {
  it("counts every non-admin request by route, failures included, admin requests excluded", async () => {
    const emu = testEmulator();
    await emu.call("GET", "/v2/api-keys", { key: emu.admin });
    await emu.call("GET", "/v2/api-keys?limit=0", { key: emu.admin });
    await emu.call("POST", "/v2/api-keys", { key: "bad", body: {} });
    await emu.call("PUT", "/v2/api-keys/abc/revoke", { key: emu.admin });
    await emu.call("GET", "/v2/unknown?secret=x");
    await emu.call("GET", "/__emulator/stats", { key: emu.admin });
    const stats = (await emu.call("GET", "/__emulator/stats", { key: emu.admin })).json;
    assert.deepEqual(stats, {
      requests: 5,
      by_route: {
        "GET /v2/api-keys": 2,
        "POST /v2/api-keys": 1,
        "PUT /v2/api-keys/{id}/revoke": 1,
        "GET /v2/unknown": 1,
      },
    });
  });
});

describe("/__emulator/clock", () => {
  it("advances and sets the emulated clock, which dates new keys", async () => {
    const emu = testEmulator();
    const read = async () => (await emu.call("GET", "/__emulator/clock", { key: emu.admin })).json;
    assert.deepEqual(await read(), { now: "2026-06-01T12:00:00Z" });
    const advanced = await emu.call("POST", "/__emulator/clock", {
      key: emu.admin,
      body: { advance_seconds: 3600 },
    });
    assert.deepEqual(advanced.json, { now: "2026-06-01T13:00:00Z" });
    const set = await emu.call("POST", "/__emulator/clock", {
      key: emu.admin,
      body: { now: "2030-01-01T00:00:00+01:00" },
    });
    assert.deepEqual(set.json, { now: "2029-12-31T23:00:00Z" });
    assert.equal((await emu.createKey({ name: "n" })).created_at, "2029-12-31T23:00:00Z");
  });

  it("validates its body", async () => {
    const emu = testEmulator();
    const cases: [unknown, string][] = [
      [{}, "advance_seconds"],
      [{ advance_seconds: "10" }, "advance_seconds"],
      [{ now: "tomorrow" }, "now"],
      [{ now: "2030-01-01T00:00:00Z", advance_seconds: 1 }, "now"],
      [{ when: 1 }, "when"],
      // Out of range: the clock cannot leave the years RFC 3339 can write.
      [{ advance_seconds: 1e308 }, "advance_seconds"],
      [{ advance_seconds: -1e308 }, "advance_seconds"],
      [{ advance_seconds: 400_000 * 365 * 86_400 }, "advance_seconds"],
    ];
    for (const [body, field] of cases) {
      assertProblem(
        await emu.call("POST", "/__emulator/clock", { key: emu.admin, body }),
        400,
        field,
      );
    }
  });
});

describe("/__emulator/faults", () => {
  const route = "POST /v2/api-keys";

  it("does not exist without --faults", async () => {
    const emu = testEmulator();
    const response = await emu.call("POST", "/__emulator/faults", {
      key: emu.admin,
      body: { route, status: 503 },
    });
    assertProblem(response, 404);
  });

  it("answers the next N matching requests with a status and Retry-After, then stops", async () => {
    const emu = testEmulator({ faults: true });
    const added = await emu.call("POST", "/__emulator/faults", {
      key: emu.admin,
      body: { route, count: 2, status: 429, retry_after: "7" },
    });
    assert.equal(added.status, 201);
    const listed = await emu.call("GET", "/v2/api-keys", { key: emu.admin });
    assert.equal(listed.status, 200);
    for (let i = 0; i < 2; i++) {
      const response = await emu.call("POST", "/v2/api-keys", {
        key: emu.admin,
        body: { name: "n" },
      });
      assertProblem(response, 429);
      assert.equal(response.headers["retry-after"], "7");
    }
    assert.equal((await emu.createKey({ name: "n" })).name, "n");
    const stats = (await emu.call("GET", "/__emulator/stats", { key: emu.admin })).json;
    assert.equal(stats.by_route[route], 3);
    const names = emu.emulator.store.state.keys.map((k) => k.name);
    assert.equal(names.filter((n) => n === "n").length, 1);
  });

  it("drops the connection before or after the create took effect", async () => {
    const emu = testEmulator({ faults: true });
    const count = () => emu.emulator.store.state.keys.length;
    const before = count();
    await emu.call("POST", "/__emulator/faults", { key: emu.admin, body: { route, drop: true } });
    const lost = await emu.send("POST", "/v2/api-keys", { key: emu.admin, body: { name: "a" } });
    assert.deepEqual(lost, { kind: "drop", committed: false });
    assert.equal(count(), before);
    await emu.call("POST", "/__emulator/faults", {
      key: emu.admin,
      body: { route, drop: true, after_commit: true },
    });
    const committed = await emu.send("POST", "/v2/api-keys", {
      key: emu.admin,
      body: { name: "b" },
    });
    assert.deepEqual(committed, { kind: "drop", committed: true });
    assert.equal(count(), before + 1);
  });

  it("truncates a real response, which took effect", async () => {
    const emu = testEmulator({ faults: true });
    await emu.call("POST", "/__emulator/faults", {
      key: emu.admin,
      body: { route: "*", truncate: true },
    });
    const outcome = await emu.send("POST", "/v2/api-keys", {
      key: emu.admin,
      body: { name: "t" },
    });
    assert.equal(outcome.kind, "truncate");
    if (outcome.kind === "truncate") assert.equal(outcome.response.status, 201);
    assert.ok(emu.emulator.store.state.keys.some((k) => k.name === "t"));
  });

  it("delays, lists pending rules and clears them", async () => {
    const emu = testEmulator({ faults: true });
    await emu.call("POST", "/__emulator/faults", {
      key: emu.admin,
      body: { route: "GET /v2/spaces", count: 3, delay_ms: 10 },
    });
    assert.equal((await emu.call("GET", "/v2/spaces", { key: emu.admin })).status, 200);
    assert.deepEqual(emu.waits, [10]);
    const pending = await emu.call("GET", "/__emulator/faults", { key: emu.admin });
    assert.deepEqual(pending.json.faults, [{ route: "GET /v2/spaces", count: 2, delay_ms: 10 }]);
    const cleared = await emu.call("DELETE", "/__emulator/faults", { key: emu.admin });
    assert.equal(cleared.status, 204);
    const none = await emu.call("GET", "/__emulator/faults", { key: emu.admin });
    assert.deepEqual(none.json.faults, []);
  });

  it("validates rules", async () => {
    const emu = testEmulator({ faults: true });
    const cases: [unknown, string][] = [
      [{ route: "GET /nothing", status: 503 }, "route"],
      [{ route, status: 200 }, "status"],
      [{ route }, "status"],
      [{ route, status: 503, drop: true }, "status"],
      [{ route, count: 0, status: 503 }, "count"],
      [{ route, retry_after: "1" }, "retry_after"],
      [{ route, truncate: true, after_commit: true }, "after_commit"],
      [{ route, drop: "yes" }, "drop"],
      [{ route, status: 503, extra: 1 }, "extra"],
      // Header values the emulator could not send: never a 500 later.
      [{ route, status: 503, retry_after: "5\r\nX-Evil: 1" }, "retry_after"],
      [{ route, status: 503, retry_after: "5\n" }, "retry_after"],
      [{ route, status: 503, retry_after: "caf\u00e9" }, "retry_after"],
      [{ route, status: 503, retry_after: "" }, "retry_after"],
      [{ route, status: 503, retry_after: "9".repeat(257) }, "retry_after"],
      [{ route, delay_ms: 1e12 }, "delay_ms"],
      [{ route, delay_ms: 1e308 }, "delay_ms"],
      [{ route, count: 1e308, status: 503 }, "count"],
    ];
    for (const [body, field] of cases) {
      assertProblem(
        await emu.call("POST", "/__emulator/faults", { key: emu.admin, body }),
        400,
        field,
      );
    }
  });
});

describe("POST /__emulator/keys and /__emulator/spaces", () => {
  it("add keys with any name, for any seeded user, returning usable secrets", async () => {
    const emu = testEmulator();
    const hostile = "\u001b[2J\u001b]8;;http://x\u0007=cmd|' /C calc'!A0";
    const response = await emu.call("POST", "/__emulator/keys", {
      key: emu.admin,
      body: { owner: "user", count: 3, name: hostile, status: "revoked" },
    });
    assert.equal(response.status, 201);
    assert.equal(response.json.created, 3);
    assert.equal(response.json.api_keys.length, 3);
    const revoked = await emu.call("GET", "/v2/api-keys?status=revoked", { key: emu.user });
    assert.deepEqual(revoked.json.api_keys.map((k: { name: string }) => k.name), [
      hostile,
      hostile,
      hostile,
    ]);
    const usable = await emu.call("POST", "/__emulator/keys", { key: emu.admin, body: {} });
    const secret = usable.json.api_keys[0].key;
    assert.equal((await emu.call("GET", "/v2/spaces", { key: secret })).status, 200);
  });

  it("add spaces, so that duplicate names can be tested", async () => {
    const emu = testEmulator();
    const response = await emu.call("POST", "/__emulator/spaces", {
      key: emu.admin,
      body: { name: "default" },
    });
    assert.equal(response.status, 201);
    assert.match(atob(response.json.id), /^Space:\d+:/);
    const list = await emu.call("GET", "/v2/spaces?name=default", { key: emu.admin });
    assert.equal(list.json.spaces.length, 2);
  });
});
