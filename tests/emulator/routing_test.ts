import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertProblem, testEmulator } from "./_support.ts";

describe("routing", () => {
  it("answers an unknown route with a 404 problem", async () => {
    const emu = testEmulator();
    for (const path of ["/v2/nothing", "/v1/api-keys", "/v2/api-keys/", "/", "/v2/api-keys/x/y"]) {
      assertProblem(await emu.call("GET", path, { key: emu.admin }), 404);
    }
  });

  it("answers a wrong method with 405 and Allow", async () => {
    const emu = testEmulator();
    const cases: [string, string, string][] = [
      ["DELETE", "/v2/api-keys", "GET, POST"],
      ["PATCH", "/v2/api-keys", "GET, POST"],
      ["GET", "/v2/api-keys/abc/revoke", "PUT"],
      ["POST", "/v2/api-keys/abc/revoke", "PUT"],
      ["PUT", "/v2/api-keys/abc/refresh", "POST"],
      ["POST", "/v2/spaces", "GET"],
    ];
    for (const [method, path, allow] of cases) {
      const response = await emu.call(method, path, { key: emu.admin });
      assertProblem(response, 405);
      assert.equal(response.headers.allow, allow, `${method} ${path}`);
    }
  });

  it("does not resolve dot segments or encoded slashes into another route", async () => {
    const emu = testEmulator();
    const key = await emu.createKey({ name: "target" });
    for (
      const path of [
        `/v2/api-keys/x/../${encodeURIComponent(key.id)}/revoke`,
        `/v2/api-keys/${encodeURIComponent("../spaces")}/revoke`,
      ]
    ) {
      assertProblem(await emu.call("PUT", path, { key: emu.admin }), 404);
    }
    assertProblem(await emu.call("GET", "/v2/api-keys/%E0%A4%A/revoke", { key: emu.admin }), 400);
    const list = await emu.call("GET", "/v2/api-keys", { key: emu.admin });
    assert.ok(list.json.api_keys.some((k: { id: string }) => k.id === key.id));
  });

  it("decodes percent-encoded IDs in paths", async () => {
    const emu = testEmulator();
    const key = await emu.createKey({ name: "encoded" });
    const response = await emu.call("PUT", `/v2/api-keys/${encodeURIComponent(key.id)}/revoke`, {
      key: emu.admin,
    });
    assert.equal(response.status, 204);
  });

  it("rejects bodies that are not JSON objects, naming body", async () => {
    const emu = testEmulator();
    for (const body of ["{", "[]", "42", '"name"', "null"]) {
      assertProblem(await emu.call("POST", "/v2/api-keys", { key: emu.admin, body }), 400, "body");
    }
    assertProblem(
      await emu.call("POST", "/v2/api-keys", { key: emu.admin, body: "" }),
      400,
      "body",
    );
  });

  it("requires application/json for request bodies", async () => {
    const emu = testEmulator();
    const response = await emu.call("POST", "/v2/api-keys", {
      key: emu.admin,
      body: { name: "x" },
      headers: { "content-type": "text/plain" },
    });
    assertProblem(response, 415, "Content-Type");
    const withCharset = await emu.call("POST", "/v2/api-keys", {
      key: emu.admin,
      body: { name: "x" },
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    assert.equal(withCharset.status, 201);
  });

  it("sends application/json on success and an empty 204", async () => {
    const emu = testEmulator();
    const list = await emu.call("GET", "/v2/api-keys", { key: emu.admin });
    assert.equal(list.headers["content-type"], "application/json");
    const key = await emu.createKey({ name: "to revoke" });
    const revoke = await emu.call("PUT", `/v2/api-keys/${encodeURIComponent(key.id)}/revoke`, {
      key: emu.admin,
    });
    assert.equal(revoke.status, 204);
    assert.equal(revoke.body, "");
    assert.equal(revoke.headers["content-type"], undefined);
  });

  it("answers unexpected failures with a 500 problem instead of crashing", async () => {
    const emu = testEmulator();
    emu.emulator.store.state.cursor_secret = undefined as unknown as string;
    await emu.createKey({ name: "a" });
    await emu.createKey({ name: "b" });
    await emu.createKey({ name: "c" });
    const response = await emu.call("GET", "/v2/api-keys?limit=1", { key: emu.admin });
    assertProblem(response, 500);
  });
});
