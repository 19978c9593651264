import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertProblem, type TestEmulator, testEmulator } from "./_support.ts";

type Key = { id: string; name: string; status: string; created_at: string };

async function listAll(emu: TestEmulator, key: string, query: string, limit: number) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const url = `/v2/api-keys?${query}&limit=${limit}` +
      (cursor ? `&cursor=${encodeURIComponent(cursor)}` : "");
    const response = await emu.call("GET", url, { key });
    assert.equal(response.status, 200, response.body);
    ids.push(...response.json.api_keys.map((k: Key) => k.id));
    const { has_more, next_cursor } = response.json.pagination;
    assert.equal(has_more, next_cursor !== undefined);
    cursor = next_cursor;
    pages++;
  } while (cursor);
  return { ids, pages };
}

const enc = encodeURIComponent;

describe("GET /v2/api-keys: visibility", () => {
  it("lists the caller's own user keys only", async () => {
    const emu = testEmulator();
    const mine = await emu.createKey({ name: "user's" }, emu.user);
    const admins = await emu.createKey({ name: "admin's" });
    const list = await emu.call("GET", "/v2/api-keys", { key: emu.user });
    const ids = list.json.api_keys.map((k: Key) => k.id);
    assert.ok(ids.includes(mine.id));
    assert.ok(!ids.includes(admins.id));
    for (const key of list.json.api_keys) assert.equal(key.key_type, "user");
  });

  it("lets account admins list another user's keys with user_id", async () => {
    const emu = testEmulator();
    const mine = await emu.createKey({ name: "user's" }, emu.user);
    const userId = emu.emulator.store.state.bootstrap.user_user_id;
    const list = await emu.call("GET", `/v2/api-keys?user_id=${enc(userId)}`, { key: emu.admin });
    assert.ok(list.json.api_keys.some((k: Key) => k.id === mine.id));
    for (const key of list.json.api_keys) assert.equal(key.created_by_user_id, userId);
  });

  it("forbids user_id for non-admins (403), even their own", async () => {
    const emu = testEmulator();
    const { bootstrap } = emu.emulator.store.state;
    for (const id of [bootstrap.admin_user_id, bootstrap.user_user_id]) {
      assertProblem(
        await emu.call("GET", `/v2/api-keys?user_id=${enc(id)}`, { key: emu.user }),
        403,
        "user_id",
      );
    }
  });

  it("lists a space's service keys with space_id, optionally by creator", async () => {
    const emu = testEmulator();
    const byAdmin = await emu.createKey({
      name: "a",
      key_type: "service",
      space_id: emu.defaultSpace,
    });
    const byUser = await emu.createKey(
      { name: "u", key_type: "service", space_id: emu.defaultSpace },
      emu.user,
    );
    const other = await emu.createKey({
      name: "s",
      key_type: "service",
      space_id: emu.stagingSpace,
    });
    const all = await emu.call("GET", `/v2/api-keys?space_id=${enc(emu.defaultSpace)}`, {
      key: emu.user,
    });
    assert.deepEqual(all.json.api_keys.map((k: Key) => k.id), [byUser.id, byAdmin.id]);
    const explicit = await emu.call(
      "GET",
      `/v2/api-keys?key_type=service&space_id=${enc(emu.defaultSpace)}`,
      { key: emu.user },
    );
    assert.deepEqual(explicit.json, all.json);
    const adminId = emu.emulator.store.state.bootstrap.admin_user_id;
    const byCreator = await emu.call(
      "GET",
      `/v2/api-keys?space_id=${enc(emu.defaultSpace)}&user_id=${enc(adminId)}`,
      { key: emu.user },
    );
    assert.deepEqual(byCreator.json.api_keys.map((k: Key) => k.id), [byAdmin.id]);
    const staging = await emu.call("GET", `/v2/api-keys?space_id=${enc(emu.stagingSpace)}`, {
      key: emu.admin,
    });
    assert.deepEqual(staging.json.api_keys.map((k: Key) => k.id), [other.id]);
  });

  it("lists with key_type=service alone the service keys of every readable space, paged", async () => {
    const emu = testEmulator();
    const service = (name: string, space_id: string, key = emu.admin) =>
      emu.createKey({ name, key_type: "service", space_id }, key);
    // Interleaved across the two spaces so the pages must merge them by age.
    const created: { id: string; name: string }[] = [];
    const staging = new Set<string>();
    for (let i = 0; i < 3; i++) {
      created.push(await service(`d${i}`, emu.defaultSpace));
      emu.advance(1);
      const s = await service(`s${i}`, emu.stagingSpace);
      staging.add(s.id);
      created.push(s);
      emu.advance(1);
    }
    const byUser = await service("by user", emu.defaultSpace, emu.user);
    const newestFirst = [byUser, ...created.reverse()].map((k) => k.id);
    const admin = await listAll(emu, emu.admin, "key_type=service", 2);
    assert.deepEqual(admin.ids, newestFirst);
    assert.equal(admin.pages, 4);
    // The developer reads only the default space.
    const inDefault = newestFirst.filter((id) => !staging.has(id));
    assert.deepEqual((await listAll(emu, emu.user, "key_type=service", 3)).ids, inDefault);
    const adminId = emu.emulator.store.state.bootstrap.admin_user_id;
    const userId = emu.emulator.store.state.bootstrap.user_user_id;
    assert.deepEqual(
      (await listAll(emu, emu.user, `key_type=service&user_id=${enc(userId)}`, 5)).ids,
      [byUser.id],
    );
    assert.deepEqual(
      (await listAll(emu, emu.admin, `key_type=service&user_id=${enc(adminId)}`, 5)).ids,
      newestFirst.slice(1),
    );
  });

  it("answers 403 for a space without access, 404 for an unknown one, 400 for a non-ID", async () => {
    const emu = testEmulator();
    assertProblem(
      await emu.call("GET", `/v2/api-keys?space_id=${enc(emu.stagingSpace)}`, { key: emu.user }),
      403,
      "space_id",
    );
    assertProblem(
      await emu.call("GET", `/v2/api-keys?space_id=${enc(btoa("Space:77:zzzz"))}`, {
        key: emu.admin,
      }),
      404,
      "space_id",
    );
    assertProblem(
      await emu.call("GET", "/v2/api-keys?space_id=staging", { key: emu.admin }),
      400,
      "space_id",
    );
  });

  it("needs the developer flag or account admin (403 for the viewer)", async () => {
    const emu = testEmulator();
    assertProblem(await emu.call("GET", "/v2/api-keys", { key: emu.viewer }), 403);
  });
});

describe("GET /v2/api-keys: filters and validation", () => {
  it("lists active keys by default and revoked keys with status=revoked", async () => {
    const emu = testEmulator();
    const active = await emu.createKey({ name: "active" });
    const revoked = await emu.createKey({ name: "revoked" });
    await emu.call("PUT", `/v2/api-keys/${enc(revoked.id)}/revoke`, { key: emu.admin });
    const byDefault = (await emu.call("GET", "/v2/api-keys", { key: emu.admin })).json.api_keys;
    assert.ok(byDefault.some((k: Key) => k.id === active.id));
    assert.ok(!byDefault.some((k: Key) => k.id === revoked.id));
    const onlyRevoked = await emu.call("GET", "/v2/api-keys?status=revoked", { key: emu.admin });
    assert.deepEqual(onlyRevoked.json.api_keys.map((k: Key) => [k.id, k.status]), [
      [revoked.id, "revoked"],
    ]);
  });

  it("rejects bad parameters with 400 naming them", async () => {
    const emu = testEmulator();
    const cases: [string, string][] = [
      ["key_type=USER", "key_type"],
      ["key_type=bot", "key_type"],
      ["status=ACTIVE", "status"],
      ["status=deleted", "status"],
      ["status=", "status"],
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["limit=abc", "limit"],
      ["limit=1e9", "limit"],
      ["limit=-1", "limit"],
      ["limit=5&limit=6", "limit"],
      [`key_type=user&space_id=${enc(emu.defaultSpace)}`, "space_id"],
      ["user_id=nobody", "user_id"],
      ["cursor=abc", "cursor"],
      ["cursor=", "cursor"],
    ];
    for (const [query, field] of cases) {
      assertProblem(await emu.call("GET", `/v2/api-keys?${query}`, { key: emu.admin }), 400, field);
    }
  });

  it("ignores unknown query parameters", async () => {
    const emu = testEmulator();
    assert.equal((await emu.call("GET", "/v2/api-keys?foo=bar", { key: emu.admin })).status, 200);
  });
});

describe("GET /v2/api-keys: pagination", () => {
  it("defaults to 50 per page, newest first, then by creation order", async () => {
    const emu = testEmulator();
    const created = [];
    for (let i = 0; i < 60; i++) {
      created.push((await emu.createKey({ name: `k${i}` })).id);
      if (i % 7 === 0) emu.advance(1);
    }
    const first = await emu.call("GET", "/v2/api-keys", { key: emu.admin });
    assert.equal(first.json.api_keys.length, 50);
    assert.equal(first.json.pagination.has_more, true);
    const { ids } = await listAll(emu, emu.admin, "", 50);
    const bootstrapKey = emu.emulator.store.state.bootstrap.admin_key_id;
    assert.deepEqual(ids, [...created].reverse().concat(bootstrapKey));
    const times = first.json.api_keys.map((k: Key) => k.created_at);
    assert.deepEqual(times, [...times].sort().reverse());
  });

  it("omits next_cursor on the last page", async () => {
    const emu = testEmulator();
    const response = await emu.call("GET", "/v2/api-keys?limit=100", { key: emu.admin });
    assert.deepEqual(response.json.pagination, { has_more: false });
  });

  it("has no duplicates or gaps when keys are created between pages", async () => {
    const emu = testEmulator();
    const before: string[] = [];
    for (let i = 0; i < 25; i++) {
      before.unshift((await emu.createKey({ name: `before ${i}` })).id);
      if (i % 4 === 0) emu.advance(1);
    }
    before.push(emu.emulator.store.state.bootstrap.admin_key_id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let n = 0;
    do {
      const url = `/v2/api-keys?limit=4${cursor ? `&cursor=${enc(cursor)}` : ""}`;
      const page = (await emu.call("GET", url, { key: emu.admin })).json;
      seen.push(...page.api_keys.map((k: Key) => k.id));
      cursor = page.pagination.next_cursor;
      // Keys created meanwhile, in the same second and later ones.
      await emu.createKey({ name: `during ${n++}` });
      if (n % 2 === 0) emu.advance(1);
    } while (cursor);
    assert.deepEqual(seen, before);
  });

  it("rejects a modified cursor, and a cursor reused with other filters", async () => {
    const emu = testEmulator();
    for (let i = 0; i < 3; i++) await emu.createKey({ name: `k${i}` });
    const page = await emu.call("GET", "/v2/api-keys?limit=1", { key: emu.admin });
    const cursor: string = page.json.pagination.next_cursor;
    const [payload, tag] = cursor.split(".");
    const decoded = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
    decoded.s += 1;
    const forged = `${btoa(JSON.stringify(decoded)).replace(/=+$/, "")}.${tag}`;
    for (const bad of [forged, cursor.slice(0, -1), `${cursor}x`, tag, "e30"]) {
      assertProblem(
        await emu.call("GET", `/v2/api-keys?limit=1&cursor=${enc(bad)}`, { key: emu.admin }),
        400,
        "cursor",
      );
    }
    assertProblem(
      await emu.call("GET", `/v2/api-keys?status=revoked&cursor=${enc(cursor)}`, {
        key: emu.admin,
      }),
      400,
      "cursor",
    );
    const next = await emu.call("GET", `/v2/api-keys?limit=2&cursor=${enc(cursor)}`, {
      key: emu.admin,
    });
    assert.equal(next.status, 200);
  });

  it("pages through 100k seeded keys with bounded work per page", async () => {
    const emu = testEmulator({ seedKeys: 100_000 });
    let cursor: string | undefined;
    let total = 0;
    let previous = "";
    for (let page = 0; page < 5; page++) {
      const url = `/v2/api-keys?limit=100${cursor ? `&cursor=${enc(cursor)}` : ""}`;
      const body = (await emu.call("GET", url, { key: emu.admin })).json;
      total += body.api_keys.length;
      cursor = body.pagination.next_cursor;
      const first = body.api_keys[0].id;
      assert.notEqual(first, previous);
      previous = first;
    }
    assert.equal(total, 500);
  });
});
