import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertProblem, testEmulator } from "./_support.ts";

type Space = { id: string; name: string; description: string; created_at: string };

describe("GET /v2/spaces", () => {
  it("lists the seeded spaces with IDs that are base64 of text containing ':'", async () => {
    const emu = testEmulator();
    const response = await emu.call("GET", "/v2/spaces", { key: emu.admin });
    assert.equal(response.status, 200);
    const { spaces, pagination } = response.json;
    assert.deepEqual(spaces.map((s: Space) => s.name), ["staging", "default"]);
    for (const space of spaces) {
      assert.deepEqual(Object.keys(space), ["id", "name", "description", "created_at"]);
      assert.match(atob(space.id), /^Space:\d+:/);
    }
    assert.deepEqual(pagination, { has_more: false });
  });

  it("shows each user only the spaces they can access", async () => {
    const emu = testEmulator();
    for (const key of [emu.user, emu.viewer]) {
      const response = await emu.call("GET", "/v2/spaces", { key });
      assert.deepEqual(response.json.spaces.map((s: Space) => s.name), ["default"]);
    }
  });

  it("filters by case-insensitive substring of the name", async () => {
    const emu = testEmulator();
    await emu.call("POST", "/__emulator/spaces", { key: emu.admin, body: { name: "Staging EU" } });
    const response = await emu.call("GET", "/v2/spaces?name=STAG", { key: emu.admin });
    assert.deepEqual(response.json.spaces.map((s: Space) => s.name), ["Staging EU", "staging"]);
    const none = await emu.call("GET", "/v2/spaces?name=prod", { key: emu.admin });
    assert.deepEqual(none.json.spaces, []);
  });

  it("pages with cursors and validates limit and cursor", async () => {
    const emu = testEmulator();
    for (let i = 0; i < 5; i++) {
      await emu.call("POST", "/__emulator/spaces", { key: emu.admin, body: { name: `s${i}` } });
    }
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const url = `/v2/spaces?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const body = (await emu.call("GET", url, { key: emu.admin })).json;
      names.push(...body.spaces.map((s: Space) => s.name));
      cursor = body.pagination.next_cursor;
    } while (cursor);
    assert.deepEqual(names, ["s4", "s3", "s2", "s1", "s0", "staging", "default"]);
    assertProblem(await emu.call("GET", "/v2/spaces?limit=0", { key: emu.admin }), 400, "limit");
    assertProblem(await emu.call("GET", "/v2/spaces?cursor=x", { key: emu.admin }), 400, "cursor");
  });
});
