import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertProblem, testEmulator } from "./_support.ts";

const FUTURE = "2027-01-01T00:00:00Z";

describe("POST /v2/api-keys: user keys", () => {
  it("creates a key with the documented fields and shows the secret once", async () => {
    const emu = testEmulator();
    const response = await emu.call("POST", "/v2/api-keys", {
      key: emu.user,
      body: { name: "CI pipeline key", description: "uploads", expires_at: FUTURE },
    });
    assert.equal(response.status, 201);
    assert.equal(response.headers["content-type"], "application/json");
    const created = response.json;
    assert.deepEqual(Object.keys(created), [
      "id",
      "name",
      "description",
      "key_type",
      "status",
      "redacted_key",
      "created_at",
      "expires_at",
      "created_by_user_id",
      "key",
    ]);
    assert.equal(created.name, "CI pipeline key");
    assert.equal(created.description, "uploads");
    assert.equal(created.key_type, "user");
    assert.equal(created.status, "active");
    assert.equal(created.created_at, "2026-06-01T12:00:00Z");
    assert.equal(created.expires_at, FUTURE);
    assert.equal(created.created_by_user_id, emu.emulator.store.state.bootstrap.user_user_id);
    assert.match(created.key, /^ak-[0-9A-Za-z]{40,}$/);
    assert.equal(created.redacted_key, `ak-${created.key.slice(3, 6)}...${created.key.slice(-3)}`);
    assert.match(atob(created.id), /^ApiKey:\d+:/);
    const listed = await emu.call("GET", "/v2/api-keys", { key: emu.user });
    const again = listed.json.api_keys.find((k: { id: string }) => k.id === created.id);
    assert.equal(again.key, undefined);
    assert.equal(again.redacted_key, created.redacted_key);
  });

  it("omits absent optional fields rather than sending null", async () => {
    const emu = testEmulator();
    const created = await emu.createKey({ name: "bare" });
    for (const field of ["description", "expires_at", "last_used_at"]) {
      assert.ok(!(field in created), field);
    }
  });

  it("the new key authenticates as its creator", async () => {
    const emu = testEmulator();
    const created = await emu.createKey({ name: "mine" }, emu.user);
    const list = await emu.call("GET", "/v2/api-keys", { key: created.key });
    assert.ok(list.json.api_keys.some((k: { id: string }) => k.id === created.id));
  });

  it("counts name and description length in code points", async () => {
    const emu = testEmulator();
    const ok = [
      { name: "a" },
      { name: "x".repeat(256) },
      { name: "😀".repeat(256) },
      { name: "n", description: "d".repeat(1000) },
      { name: "n", description: "😀".repeat(1000) },
      { name: "n", description: "" },
      { name: "\u001b[31m=cmd()" },
    ];
    for (const body of ok) {
      assert.equal((await emu.call("POST", "/v2/api-keys", { key: emu.admin, body })).status, 201);
    }
    const bad: [Record<string, unknown>, string][] = [
      [{}, "name"],
      [{ name: "" }, "name"],
      [{ name: "x".repeat(257) }, "name"],
      [{ name: "😀".repeat(257) }, "name"],
      [{ name: null }, "name"],
      [{ name: 5 }, "name"],
      [{ name: "n", description: "d".repeat(1001) }, "description"],
      [{ name: "n", description: null }, "description"],
    ];
    for (const [body, field] of bad) {
      assertProblem(await emu.call("POST", "/v2/api-keys", { key: emu.admin, body }), 400, field);
    }
  });

  it("requires expires_at to be a future RFC 3339 date-time", async () => {
    const emu = testEmulator();
    for (
      const value of [
        "2026-12-31",
        "2026-12-31T23:59:59",
        "2027-02-30T00:00:00Z",
        "31/12/2026",
        "2026-06-01T12:00:00Z",
        "2020-01-01T00:00:00Z",
        "",
        42,
        null,
      ]
    ) {
      const response = await emu.call("POST", "/v2/api-keys", {
        key: emu.admin,
        body: { name: "n", expires_at: value },
      });
      assertProblem(response, 400, "expires_at");
    }
    const offset = await emu.createKey({ name: "n", expires_at: "2027-01-01T02:00:00+02:00" });
    assert.equal(offset.expires_at, "2027-01-01T00:00:00Z");
  });

  it("accepts only lower-case key_type values", async () => {
    const emu = testEmulator();
    for (const keyType of ["USER", "Service", "bot", ""]) {
      const response = await emu.call("POST", "/v2/api-keys", {
        key: emu.admin,
        body: { name: "n", key_type: keyType },
      });
      assertProblem(response, 400, "key_type");
    }
  });

  it("rejects space_id, roles and unknown fields on user keys", async () => {
    const emu = testEmulator();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "n", space_id: emu.defaultSpace }, "space_id"],
      [{ name: "n", key_type: "user", roles: {} }, "roles"],
      [{ name: "n", keyType: "service" }, "keyType"],
    ];
    for (const [body, field] of cases) {
      assertProblem(await emu.call("POST", "/v2/api-keys", { key: emu.admin, body }), 400, field);
    }
  });

  it("needs the developer flag for user keys (403)", async () => {
    const emu = testEmulator();
    const response = await emu.call("POST", "/v2/api-keys", {
      key: emu.viewer,
      body: { name: "n" },
    });
    assertProblem(response, 403, /developer/);
  });
});

describe("POST /v2/api-keys: service keys", () => {
  it("creates a key scoped to a space with default roles", async () => {
    const emu = testEmulator();
    const created = await emu.createKey({
      name: "svc",
      key_type: "service",
      space_id: emu.defaultSpace,
    });
    assert.equal(created.key_type, "service");
    assert.equal(created.created_by_user_id, emu.emulator.store.state.bootstrap.admin_user_id);
    const record = emu.emulator.store.key(created.id)!;
    const bot = emu.emulator.store.user(record.bot_user_id!)!;
    assert.equal(bot.bot, true);
    assert.deepEqual(
      [bot.space_roles[emu.defaultSpace], bot.org_role, bot.account_role],
      ["member", "read-only", "member"],
    );
    assert.deepEqual(Object.keys(bot.space_roles), [emu.defaultSpace]);
  });

  it("gives each service key its own bot user with the requested roles", async () => {
    const emu = testEmulator();
    const roles = { space_role: "admin", org_role: "member", account_role: "admin" };
    const a = await emu.createKey({
      name: "a",
      key_type: "service",
      space_id: emu.stagingSpace,
      roles,
    });
    const b = await emu.createKey({ name: "b", key_type: "service", space_id: emu.stagingSpace });
    const store = emu.emulator.store;
    const botA = store.user(store.key(a.id)!.bot_user_id!)!;
    const botB = store.user(store.key(b.id)!.bot_user_id!)!;
    assert.notEqual(botA.id, botB.id);
    assert.deepEqual(
      [botA.space_roles[emu.stagingSpace], botA.org_role, botA.account_role],
      ["admin", "member", "admin"],
    );
  });

  it("authenticates as its bot, which sees only its own space", async () => {
    const emu = testEmulator();
    const created = await emu.createKey({
      name: "svc",
      key_type: "service",
      space_id: emu.stagingSpace,
    });
    const spaces = await emu.call("GET", "/v2/spaces", { key: created.key });
    assert.deepEqual(spaces.json.spaces.map((s: { id: string }) => s.id), [emu.stagingSpace]);
    // A bot has no developer flag: api-keys endpoints need it (or account admin).
    assertProblem(await emu.call("GET", "/v2/api-keys", { key: created.key }), 403);
  });

  it("lets a bot with the account admin role list keys", async () => {
    const emu = testEmulator();
    const created = await emu.createKey({
      name: "svc",
      key_type: "service",
      space_id: emu.stagingSpace,
      roles: { account_role: "admin" },
    });
    const list = await emu.call(
      "GET",
      `/v2/api-keys?space_id=${encodeURIComponent(emu.stagingSpace)}`,
      {
        key: created.key,
      },
    );
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.api_keys.map((k: { id: string }) => k.id), [created.id]);
  });

  it("validates space_id and roles, naming the field", async () => {
    const emu = testEmulator();
    const base = { name: "svc", key_type: "service" };
    const cases: [Record<string, unknown>, string][] = [
      [base, "space_id"],
      [{ ...base, space_id: "default" }, "space_id"],
      [{ ...base, space_id: btoa("User:1:abcd") }, "space_id"],
      [{ ...base, space_id: emu.defaultSpace, roles: "admin" }, "roles"],
      [{ ...base, space_id: emu.defaultSpace, roles: { space_role: "ADMIN" } }, "roles.space_role"],
      [{ ...base, space_id: emu.defaultSpace, roles: { org_role: "owner" } }, "roles.org_role"],
      [
        { ...base, space_id: emu.defaultSpace, roles: { account_role: "read-only" } },
        "roles.account_role",
      ],
      [{ ...base, space_id: emu.defaultSpace, roles: { team_role: "admin" } }, "roles.team_role"],
    ];
    for (const [body, field] of cases) {
      assertProblem(await emu.call("POST", "/v2/api-keys", { key: emu.admin, body }), 400, field);
    }
  });

  it("answers 404 for an unknown space", async () => {
    const emu = testEmulator();
    const response = await emu.call("POST", "/v2/api-keys", {
      key: emu.admin,
      body: { name: "svc", key_type: "service", space_id: btoa("Space:999:abcd") },
    });
    assertProblem(response, 404, "space_id");
  });

  it("rejects roles above the caller's own (400)", async () => {
    const emu = testEmulator();
    const base = { name: "svc", key_type: "service", space_id: emu.defaultSpace };
    const cases: [Record<string, string>, string][] = [
      [{ space_role: "admin" }, "roles.space_role"],
      [{ org_role: "admin" }, "roles.org_role"],
      [{ account_role: "admin" }, "roles.account_role"],
    ];
    for (const [roles, field] of cases) {
      const response = await emu.call("POST", "/v2/api-keys", {
        key: emu.user,
        body: { ...base, roles },
      });
      assertProblem(response, 400, field);
    }
    const atOwnLevel = await emu.call("POST", "/v2/api-keys", {
      key: emu.user,
      body: {
        ...base,
        roles: { space_role: "member", org_role: "member", account_role: "member" },
      },
    });
    assert.equal(atOwnLevel.status, 201);
  });

  it("needs the member role or above in the space (403)", async () => {
    const emu = testEmulator();
    const cases: [string, string][] = [
      [emu.user, emu.stagingSpace],
      [emu.viewer, emu.defaultSpace],
    ];
    for (const [key, space] of cases) {
      const response = await emu.call("POST", "/v2/api-keys", {
        key,
        body: { name: "svc", key_type: "service", space_id: space },
      });
      assertProblem(response, 403, "space_id");
    }
  });
});
