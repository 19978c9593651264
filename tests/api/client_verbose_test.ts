import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createClient } from "../../api/client.ts";
import { fakeContext } from "../_helpers/fake_context.ts";
import { fetchStub, raw, type Reply } from "../_helpers/fetch_stub.ts";

const TOKEN = "ak-bearer-token-abcdef0123456789";

function setup(steps: Reply[], verbose: boolean) {
  const script = fetchStub().any(...steps);
  const fake = fakeContext({ fetch: script.fetch });
  const client = createClient(fake.ctx, {
    baseUrl: "https://api.example.test",
    apiKey: TOKEN,
    timeoutMs: 5_000,
    verbose,
  });
  return { client, script, ...fake };
}

describe("verbose log (S1)", () => {
  const created: Reply = () =>
    new Response(
      JSON.stringify({ id: "k1", key_type: "user", key: "ak-NEW-SECRET-777", token: "t0ps3cret!" }),
      {
        status: 201,
        statusText: "Created",
        headers: { "content-type": "application/json", "set-cookie": "session=abc123secret" },
      },
    );

  it("logs request line, redacted headers and body, status, timing and response", async () => {
    const { client, stderr } = setup([created], true);
    await client.request({
      method: "POST",
      path: "/v2/api-keys",
      body: { name: "n", key_type: "user", password: "hunter2hunter2" },
      idempotent: false,
    });
    assert.equal(
      stderr.text(),
      [
        "[debug] → POST https://api.example.test/v2/api-keys",
        "[debug] > Authorization: [REDACTED]",
        "[debug] > Accept: application/json, application/problem+json",
        "[debug] > Content-Type: application/json",
        "[debug] > User-Agent: ax/0.0.0-test (test)",
        '[debug] > body: {"name":"n","key_type":"user","password":"[REDACTED]"}',
        "[debug] ← 201 Created (0 ms)",
        "[debug] < content-type: application/json",
        "[debug] < set-cookie: [REDACTED]",
        '[debug] < body: {"id":"k1","key_type":"user","key":"[REDACTED]","token":"[REDACTED]"}',
        "",
      ].join("\n"),
    );
  });

  it("writes nothing without verbose", async () => {
    const { client, stderr } = setup([created], false);
    await client.request({ method: "POST", path: "/v2/api-keys", body: {}, idempotent: false });
    assert.equal(stderr.text(), "");
  });

  it("redacts secrets in a body that is not valid JSON", async () => {
    const { client, stderr } = setup(
      [raw(201, '{"id": "k1", "key": "ak-TRUNCATED-SECRET', "application/json")],
      true,
    );
    await assert.rejects(
      client.request({ method: "POST", path: "/v2/api-keys", body: {}, idempotent: false }),
    );
    assert.ok(!stderr.text().includes("ak-TRUNCATED-SECRET"));
    assert.match(stderr.text(), /"key": "\[REDACTED\]"/);
  });

  it("scrubs the bearer token wherever a server echoes it", async () => {
    const { client, stderr } = setup(
      [raw(200, `{"echo": "you sent Bearer ${TOKEN}"}`, "application/json")],
      true,
    );
    await client.request({ method: "GET", path: "/v2/x", idempotent: true });
    assert.ok(!stderr.text().includes(TOKEN));
    assert.match(stderr.text(), /you sent Bearer \[REDACTED\]/);
  });

  it("escapes control characters from the server", async () => {
    const { client, stderr } = setup(
      [() => new Response('{"name":"x"} \x1b[31mred', { status: 200 })],
      true,
    );
    await assert.rejects(client.request({ method: "GET", path: "/v2/x", idempotent: true }));
    assert.ok(!stderr.text().includes("\x1b"));
    assert.match(stderr.text(), /\\x1b\[31mred/);
  });

  it("logs a transport failure with its cause", async () => {
    const { client, stderr } = setup(
      [() => Promise.reject(new TypeError("fetch failed", { cause: new Error("boom") }))],
      true,
    );
    await assert.rejects(
      client.request({ method: "POST", path: "/v2/x", body: {}, idempotent: false }),
    );
    assert.match(stderr.text(), /\[debug\] request failed: unknown: fetch failed <- boom\n/);
  });
});
