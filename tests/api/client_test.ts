import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ClientOptions, createClient } from "../../api/client.ts";
import { ApiError, ConfigError, NetworkError } from "../../runtime/errors.ts";
import { fakeContext } from "../_helpers/fake_context.ts";
import { fetchStub, json, problem, raw, type Reply } from "../_helpers/fetch_stub.ts";

const API_KEY = "ak-test-bearer-0123456789abcdef";

function setup(steps: Reply[], options: Partial<ClientOptions> = {}) {
  const script = fetchStub().any(...steps);
  const fake = fakeContext({ fetch: script.fetch });
  const client = createClient(fake.ctx, {
    baseUrl: "https://api.example.test",
    apiKey: API_KEY,
    timeoutMs: 5_000,
    verbose: false,
    ...options,
  });
  return { client, script, ...fake };
}

describe("client: request shape", () => {
  it("sends exactly the documented headers on a GET", async () => {
    const { client, script } = setup([json(200, { ok: true })]);
    await client.request({ method: "GET", path: "/v2/api-keys", idempotent: true });
    const [req] = script.seen;
    assert.deepEqual([...req.headers.entries()].sort(), [
      ["accept", "application/json, application/problem+json"],
      ["authorization", `Bearer ${API_KEY}`],
      ["user-agent", "ax/0.0.0-test (test)"],
    ]);
    assert.equal(req.redirect, "manual");
    assert.equal(req.body, undefined);
    script.verify();
  });

  it("hands the text of the final 2xx answer to onBody, once, before parsing it", async () => {
    const { client, script } = setup([
      problem(503, { title: "busy" }),
      json(200, { api_keys: [], pagination: { has_more: false } }),
    ]);
    const seen: string[] = [];
    const response = await client.request({
      method: "GET",
      path: "/v2/api-keys",
      idempotent: true,
      onBody: (text) => seen.push(text),
    });
    assert.deepEqual(seen.map((text) => JSON.parse(text)), [response.body]);
    script.verify();
  });

  it("sends the request before the caller's own synchronous work runs", () => {
    const { client, script } = setup([json(200, {})]);
    client.request({ method: "GET", path: "/v2/api-keys", idempotent: true }).catch(() => {});
    // No await in between: paginate.ts relies on this to start the next page early.
    assert.equal(script.seen.length, 1);
  });

  it("adds Content-Type only with a body", async () => {
    const { client, script } = setup([json(201, { ok: true })]);
    await client.request({ method: "POST", path: "/v2/api-keys", body: {}, idempotent: false });
    assert.equal(script.seen[0].headers.get("content-type"), "application/json");
    assert.equal(script.seen[0].body, "{}");
  });

  const bases: [string, string][] = [
    ["https://api.example.test", "https://api.example.test/v2/api-keys"],
    ["https://api.example.test/", "https://api.example.test/v2/api-keys"],
    ["https://proxy.example.test/arize//", "https://proxy.example.test/arize/v2/api-keys"],
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080/v2/api-keys"],
  ];
  for (const [baseUrl, expected] of bases) {
    it(`joins ${baseUrl} and the path`, async () => {
      const { client, script } = setup([json(200, {})], { baseUrl });
      await client.request({ method: "GET", path: "/v2/api-keys", idempotent: true });
      assert.equal(script.seen[0].url.href, expected);
    });
  }

  it("sends only the query parameters that are set, encoded", async () => {
    const { client, script } = setup([json(200, {})]);
    await client.request({
      method: "GET",
      path: "/v2/spaces",
      query: { name: "a b&c=d", limit: 100, cursor: undefined, status: "" },
      idempotent: true,
    });
    assert.equal(script.seen[0].url.search, "?name=a%20b%26c%3Dd&limit=100");
    assert.equal(script.seen[0].url.searchParams.get("name"), "a b&c=d");
  });

  it("drops undefined and null fields from bodies, at any depth", async () => {
    const { client, script } = setup([json(201, {})]);
    await client.request({
      method: "POST",
      path: "/v2/api-keys",
      body: {
        name: "n",
        description: undefined,
        expires_at: null,
        roles: { space_role: "admin", org_role: undefined },
      },
      idempotent: false,
    });
    assert.equal(script.seen[0].body, '{"name":"n","roles":{"space_role":"admin"}}');
  });

  it("refuses a path carrying a query or fragment (IDs must be encoded)", async () => {
    const { client } = setup([]);
    await assert.rejects(
      client.request({ method: "GET", path: "/v2/api-keys?x=1", idempotent: true }),
      /must not contain/,
    );
  });

  const badBases = ["not a url", "ftp://api.example.test", "https://user:pw@api.example.test"];
  for (const baseUrl of badBases) {
    it(`rejects the base URL ${baseUrl} with a ConfigError`, () => {
      const { ctx } = fakeContext();
      assert.throws(
        () => createClient(ctx, { baseUrl, apiKey: API_KEY, timeoutMs: 1000, verbose: false }),
        (error) => error instanceof ConfigError && !error.message.includes("pw"),
      );
    });
  }
});

describe("client: responses", () => {
  it("returns status, headers and parsed JSON", async () => {
    const { client } = setup([json(200, { a: 1 }, { "x-request-id": "r1" })]);
    const res = await client.request({ method: "GET", path: "/v2/x", idempotent: true });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-request-id"), "r1");
    assert.deepEqual(res.body, { a: 1 });
  });

  it("returns an undefined body for 204", async () => {
    const { client } = setup([() => new Response(null, { status: 204 })]);
    const res = await client.request({ method: "PUT", path: "/v2/x", idempotent: true });
    assert.equal(res.status, 204);
    assert.equal(res.body, undefined);
  });

  it("maps a problem response to ApiError with the detail and a hint", async () => {
    const { client } = setup([problem(404, { title: "Not Found", detail: "API key not found" })]);
    await assert.rejects(
      client.request({ method: "PUT", path: "/v2/api-keys/x/revoke", idempotent: true }),
      (error) => {
        assert.ok(error instanceof ApiError);
        assert.equal(error.message, "404 Not Found; API key not found");
        assert.equal(error.exitCode, 4);
        assert.deepEqual(error.problem, {
          title: "Not Found",
          status: 404,
          detail: "API key not found",
        });
        assert.deepEqual(error.hints, ["Verify the ID exists using the list command."]);
        return true;
      },
    );
  });

  it("exits 3 on 401", async () => {
    const { client } = setup([problem(401, { title: "Unauthorized" })]);
    await assert.rejects(
      client.request({ method: "GET", path: "/v2/api-keys", idempotent: true }),
      (error) =>
        error instanceof ApiError && error.exitCode === 3 &&
        error.message === "401 Unauthorized; Unauthorized",
    );
  });

  const malformed: [string, Reply, RegExp][] = [
    [
      "HTML from a proxy",
      raw(200, "<html><body>Please log in to the Wi-Fi</body></html>"),
      /^unexpected response from server \(status 200, '<html><body>Please log in/,
    ],
    [
      "invalid JSON",
      raw(200, '{"api_keys": [', "application/json"),
      /status 200, '\{"api_keys": \['\)/,
    ],
    [
      "a problem document with status 200",
      raw(200, '{"title":"oops","status":200}', "application/problem+json"),
      /status 200/,
    ],
  ];
  for (const [name, step, pattern] of malformed) {
    it(`reports ${name} as an unexpected response (N6)`, async () => {
      const { client } = setup([step]);
      await assert.rejects(
        client.request({ method: "GET", path: "/v2/api-keys", idempotent: true }),
        (error) => error instanceof NetworkError && pattern.test(error.message),
      );
    });
  }

  it("adds the unknown-outcome hint when a POST gets an unreadable 2xx", async () => {
    const { client } = setup([
      raw(201, '{"id": "x", "key": "ak-secret-value-1234', "application/json"),
    ]);
    await assert.rejects(
      client.request({ method: "POST", path: "/v2/api-keys", body: {}, idempotent: false }),
      (error) => {
        assert.ok(error instanceof NetworkError);
        assert.match(error.message, /unexpected response from server \(status 201/);
        assert.ok(!error.message.includes("ak-secret-value-1234"), error.message);
        assert.ok(error.hints.some((h) => h.includes("ax api-keys list")));
        return true;
      },
    );
  });

  it("shortens long bodies in the message to the first bytes", async () => {
    const { client } = setup([raw(502, "x".repeat(500)), raw(200, "y".repeat(500))]);
    await assert.rejects(
      client.request({ method: "POST", path: "/v2/x", body: {}, idempotent: false }),
      (error) => error instanceof ApiError && error.message === "502 Bad Gateway",
    );
    await assert.rejects(
      client.request({ method: "GET", path: "/v2/x", idempotent: true }),
      (error) =>
        error instanceof Error &&
        error.message === `unexpected response from server (status 200, '${"y".repeat(80)}…')`,
    );
  });
});

describe("client: redirects (S2)", () => {
  function redirect(status: number, location: string): Reply {
    return () => new Response(null, { status, headers: { location } });
  }

  it("follows a same-origin redirect and keeps the token", async () => {
    const { client, script } = setup([redirect(307, "/v2/other"), json(200, {})]);
    await client.request({ method: "GET", path: "/v2/x", idempotent: true });
    assert.equal(script.seen[1].url.href, "https://api.example.test/v2/other");
    assert.equal(script.seen[1].headers.get("authorization"), `Bearer ${API_KEY}`);
  });

  it("drops the Authorization header when the origin changes, for every later hop", async () => {
    const { client, script } = setup([
      redirect(302, "https://elsewhere.example.test/a"),
      redirect(302, "https://api.example.test/v2/back"),
      json(200, {}),
    ]);
    await client.request({ method: "GET", path: "/v2/x", idempotent: true });
    assert.equal(script.seen[1].url.host, "elsewhere.example.test");
    assert.equal(script.seen[1].headers.get("authorization"), null);
    assert.equal(script.seen[2].headers.get("authorization"), null);
  });

  it("treats a scheme change (https → http) as another origin", async () => {
    const { client, script } = setup([
      redirect(301, "http://api.example.test/v2/x"),
      json(200, {}),
    ]);
    await client.request({ method: "GET", path: "/v2/x", idempotent: true });
    assert.equal(script.seen[1].headers.get("authorization"), null);
  });

  it("keeps method and body on 307/308 and turns a POST into a GET on 303", async () => {
    const { client, script } = setup([
      redirect(308, "/v2/y"),
      redirect(303, "/v2/z"),
      json(200, {}),
    ]);
    await client.request({ method: "POST", path: "/v2/x", body: { name: "n" }, idempotent: false });
    assert.equal(script.seen[1].method, "POST");
    assert.equal(script.seen[1].body, '{"name":"n"}');
    assert.equal(script.seen[2].method, "GET");
    assert.equal(script.seen[2].body, undefined);
    assert.equal(script.seen[2].headers.get("content-type"), null);
  });

  it("stops after 5 redirects", async () => {
    const loop = Array.from({ length: 6 }, (_, i) => redirect(302, `/v2/hop${i}`));
    const { client, script } = setup(loop);
    await assert.rejects(
      client.request({ method: "GET", path: "/v2/x", idempotent: true }),
      (error) => error instanceof NetworkError && /Too many redirects/.test(error.message),
    );
    assert.equal(script.seen.length, 6);
  });

  it("refuses a redirect to a non-http scheme", async () => {
    const { client } = setup([redirect(302, "file:///etc/passwd")]);
    await assert.rejects(
      client.request({ method: "GET", path: "/v2/x", idempotent: true }),
      /unsupported URL scheme/,
    );
  });
});
