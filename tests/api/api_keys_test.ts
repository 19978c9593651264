import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createApiKey, listApiKeys, refreshApiKey, revokeApiKey } from "../../api/api_keys.ts";
import { createClient } from "../../api/client.ts";
import { NetworkError, UsageError } from "../../runtime/errors.ts";
import { fakeContext } from "../_helpers/fake_context.ts";
import { fail, fetchStub, json, raw, type Reply } from "../_helpers/fetch_stub.ts";
import { sampleKey } from "./_sample_key.ts";

const TOKEN = "ak-bearer-token-abcdef0123456789";
const RAW_KEY = "ak-NEWLY-CREATED-SECRET-9f8e7d6c5b4a";

function setup(steps: Reply[], verbose = false) {
  const script = fetchStub().any(...steps);
  const fake = fakeContext({ fetch: script.fetch });
  const client = createClient(fake.ctx, {
    baseUrl: "https://api.example.test/",
    apiKey: TOKEN,
    timeoutMs: 5_000,
    verbose,
  });
  return { client, script, ...fake };
}

describe("listApiKeys", () => {
  it("sends only the set filters and reads the page", async () => {
    const page = { api_keys: [sampleKey()], pagination: { has_more: true, next_cursor: "c2" } };
    const { client, script } = setup([json(200, page)]);
    const result = await listApiKeys(client, { key_type: "service", status: "revoked", limit: 15 });
    const url = script.seen[0].url;
    assert.equal(script.seen[0].method, "GET");
    assert.equal(url.pathname, "/v2/api-keys");
    assert.equal(url.search, "?key_type=service&status=revoked&limit=15");
    assert.equal(result.api_keys[0].id, "QXBpS2V5OjE6YWJj");
    assert.deepEqual(result.pagination, { has_more: true, next_cursor: "c2" });
    script.verify();
  });

  it("sends no query at all when nothing is set", async () => {
    const { client, script } = setup([
      json(200, { api_keys: [], pagination: { has_more: false } }),
    ]);
    await listApiKeys(client, {});
    assert.equal(script.seen[0].url.href, "https://api.example.test/v2/api-keys");
  });

  it("reports a malformed page with status and first bytes", async () => {
    const { client } = setup([
      json(200, { api_keys: [{ id: 1 }], pagination: { has_more: false } }),
    ]);
    await assert.rejects(listApiKeys(client, {}), (error) => {
      assert.ok(error instanceof NetworkError);
      assert.equal(
        error.message,
        `unexpected response from server (status 200, '{"api_keys":[{"id":1}],"pagination":{"has_more":false}}')`,
      );
      return true;
    });
  });
});

describe("createApiKey", () => {
  it("POSTs the body without absent fields and returns the key with its secret", async () => {
    const { client, script } = setup([json(201, { ...sampleKey(), key: RAW_KEY })]);
    const created = await createApiKey(client, {
      name: "svc",
      key_type: "service",
      space_id: "U3BhY2U6MTpiRnVM",
      description: undefined,
      roles: { space_role: "admin" },
    });
    assert.equal(created.key, RAW_KEY);
    assert.equal(script.seen[0].method, "POST");
    assert.equal(script.seen[0].url.pathname, "/v2/api-keys");
    assert.deepEqual(JSON.parse(script.seen[0].body!), {
      name: "svc",
      key_type: "service",
      space_id: "U3BhY2U6MTpiRnVM",
      roles: { space_role: "admin" },
    });
  });

  it("is sent once even when the connection drops, and says the outcome is unknown", async () => {
    const { client, script } = setup([fail(new TypeError("connection reset"))]);
    await assert.rejects(createApiKey(client, { name: "n", key_type: "user" }), (error) => {
      assert.ok(error instanceof NetworkError);
      assert.match(error.message, /outcome is unknown/);
      assert.deepEqual(error.hints, [
        "Run `ax api-keys list` to check, and revoke any key you don't hold.",
      ]);
      return true;
    });
    assert.equal(script.seen.length, 1);
  });

  it("a 201 without the key: may have been created, how to check", async () => {
    const { client } = setup([json(201, sampleKey())]);
    await assert.rejects(createApiKey(client, { name: "n", key_type: "user" }), (error) => {
      assert.ok(error instanceof NetworkError);
      assert.match(error.message, /^unexpected response from server \(status 201, /);
      assert.deepEqual(error.hints, [
        "The response did not match the API: body.key is missing.",
        "The key may have been created, but its secret could not be read.",
        "Run `ax api-keys list` to check, and revoke any key you don't hold.",
      ]);
      return true;
    });
  });
});

describe("revokeApiKey", () => {
  it("PUTs to the revoke path without a body and accepts 204", async () => {
    const { client, script } = setup([() => new Response(null, { status: 204 })]);
    await revokeApiKey(client, "QXBpS2V5OjE6YWJj");
    const req = script.seen[0];
    assert.equal(req.method, "PUT");
    assert.equal(req.url.pathname, "/v2/api-keys/QXBpS2V5OjE6YWJj/revoke");
    assert.equal(req.body, undefined);
    assert.equal(req.headers.get("content-type"), null);
  });
});

describe("refreshApiKey", () => {
  it("POSTs {} when no option is given and returns the replacement", async () => {
    const { client, script } = setup([json(200, { ...sampleKey({ id: "new" }), key: RAW_KEY })]);
    const created = await refreshApiKey(client, "old", {});
    assert.equal(created.id, "new");
    assert.equal(script.seen[0].url.pathname, "/v2/api-keys/old/refresh");
    assert.equal(script.seen[0].body, "{}");
  });

  it("sends expires_at and grace_period_seconds", async () => {
    const { client, script } = setup([json(200, { ...sampleKey(), key: RAW_KEY })]);
    await refreshApiKey(client, "old", {
      expires_at: "2026-12-31T23:59:59Z",
      grace_period_seconds: 0,
    });
    assert.equal(
      script.seen[0].body,
      '{"expires_at":"2026-12-31T23:59:59Z","grace_period_seconds":0}',
    );
  });
});

describe("key IDs in paths (I2)", () => {
  const cases: [string, string][] = [
    ["../x", "/v2/api-keys/..%2Fx/revoke"],
    ["../../v2/spaces", "/v2/api-keys/..%2F..%2Fv2%2Fspaces/revoke"],
    ["a?b=c", "/v2/api-keys/a%3Fb%3Dc/revoke"],
    ["a#frag", "/v2/api-keys/a%23frag/revoke"],
    ["a/b", "/v2/api-keys/a%2Fb/revoke"],
    ["..\\x", "/v2/api-keys/..%5Cx/revoke"],
    ["a b%", "/v2/api-keys/a%20b%25/revoke"],
  ];
  for (const [id, path] of cases) {
    it(`${JSON.stringify(id)} stays one segment`, async () => {
      const { client, script } = setup([() => new Response(null, { status: 204 })]);
      await revokeApiKey(client, id);
      const url = script.seen[0].url;
      assert.equal(url.pathname, path);
      assert.equal(url.search, "");
      assert.equal(url.hash, "");
    });
  }

  for (const id of ["", ".", ".."]) {
    it(`${JSON.stringify(id)} is refused before any request`, async () => {
      const { client, script } = setup([]);
      await assert.rejects(refreshApiKey(client, id, {}), UsageError);
      assert.equal(script.seen.length, 0);
    });
  }
});

describe("secrets never reach the log (S1)", () => {
  it("create and refresh with verbose: neither the new key nor the token appears", async () => {
    const created = { ...sampleKey(), key: RAW_KEY };
    const { client, stderr, stdout } = setup(
      [json(201, created), json(200, { ...created, id: "k2" })],
      true,
    );
    await createApiKey(client, { name: "n", key_type: "user" });
    await refreshApiKey(client, "k1", { grace_period_seconds: 60 });
    const log = stderr.text();
    assert.match(log, /\[debug\] → POST https:\/\/api\.example\.test\/v2\/api-keys\n/);
    assert.match(log, /\[debug\] → POST https:\/\/api\.example\.test\/v2\/api-keys\/k1\/refresh\n/);
    assert.match(log, /"key":"\[REDACTED\]"/);
    assert.match(log, /"key_type":"user"/);
    assert.ok(!log.includes(RAW_KEY), "raw key in the log");
    assert.ok(!log.includes(TOKEN), "bearer token in the log");
    assert.ok(!log.includes("NEWLY-CREATED"), "part of the raw key in the log");
    assert.equal(stdout.text(), "");
  });

  it("a truncated create response: the key is in neither the log nor the error", async () => {
    const { client, stderr } = setup(
      [raw(201, `{"id":"k1","key":"${RAW_KEY}","name":"n`, "application/json")],
      true,
    );
    await assert.rejects(createApiKey(client, { name: "n", key_type: "user" }), (error) => {
      assert.ok(error instanceof NetworkError);
      assert.ok(!JSON.stringify([error.message, error.hints]).includes(RAW_KEY));
      return true;
    });
    assert.ok(!stderr.text().includes(RAW_KEY));
  });
});
