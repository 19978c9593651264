import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { serveEmulator, type Serving } from "../../emulator/mod.ts";

async function withServer(
  run: (serving: Serving, logs: string[]) => Promise<void>,
  options: { faults?: boolean } = {},
): Promise<void> {
  const logs: string[] = [];
  const serving = await serveEmulator({
    host: "127.0.0.1",
    port: 0,
    faults: options.faults,
    log: (line) => logs.push(line),
  });
  try {
    await run(serving, logs);
  } finally {
    await serving.close();
  }
}

/**
 * One request on a fresh connection. Deno's fetch re-sends a request (even a
 * POST) once when a reused keep-alive connection closes without a response,
 * which would hide a dropped connection; a new socket per request does not.
 */
function freshRequest(
  url: string,
  options: { method: string; headers: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request({
      host: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      method: options.method,
      headers: options.headers,
      agent: false,
    }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => body += chunk);
      res.on("end", () => resolve({ status: res.statusCode!, body }));
      res.on("error", reject);
      res.on("aborted", () => reject(new Error("aborted")));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

function auth(key: string, extra: Record<string, string> = {}) {
  return { authorization: `Bearer ${key}`, ...extra };
}

describe("HTTP server", () => {
  it("serves JSON with content-length and problem+json errors", async () => {
    await withServer(async ({ readiness }) => {
      const ok = await fetch(`${readiness.url}/v2/api-keys`, {
        headers: auth(readiness.admin_key),
      });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get("content-type"), "application/json");
      const text = await ok.text();
      assert.equal(ok.headers.get("content-length"), String(new TextEncoder().encode(text).length));
      const missing = await fetch(`${readiness.url}/v2/api-keys`);
      assert.equal(missing.status, 401);
      assert.equal(missing.headers.get("content-type"), "application/problem+json");
      assert.equal((await missing.json()).status, 401);
    });
  });

  it("reads JSON bodies and answers 204 with no body", async () => {
    await withServer(async ({ readiness }) => {
      const created = await fetch(`${readiness.url}/v2/api-keys`, {
        method: "POST",
        headers: auth(readiness.admin_key, { "content-type": "application/json" }),
        body: JSON.stringify({ name: "über ✓" }),
      });
      assert.equal(created.status, 201);
      const key = await created.json();
      assert.equal(key.name, "über ✓");
      const revoked = await fetch(
        `${readiness.url}/v2/api-keys/${encodeURIComponent(key.id)}/revoke`,
        { method: "PUT", headers: auth(readiness.admin_key) },
      );
      assert.equal(revoked.status, 204);
      assert.equal(await revoked.text(), "");
    });
  });

  it("logs one line per request without the query or any key", async () => {
    await withServer(async ({ readiness }, logs) => {
      const url = `${readiness.url}/v2/api-keys?limit=5&cursor=${readiness.user_key}`;
      await (await fetch(url, { headers: auth(readiness.user_key) })).text();
      await (await fetch(`${readiness.url}/v2/spaces`)).text();
      assert.equal(logs.length, 2);
      assert.match(logs[0], /^GET \/v2\/api-keys 400 \d+\.\dms$/);
      assert.match(logs[1], /^GET \/v2\/spaces 401 \d+\.\dms$/);
      for (const secret of [readiness.user_key, readiness.admin_key]) {
        assert.ok(!logs.join("\n").includes(secret.slice(3)));
      }
    });
  });

  it("rejects bodies over 1 MiB with 413", async () => {
    await withServer(async ({ readiness }) => {
      const response = await fetch(`${readiness.url}/v2/api-keys`, {
        method: "POST",
        headers: auth(readiness.admin_key, { "content-type": "application/json" }),
        body: JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) }),
      });
      assert.equal(response.status, 413);
      await response.body?.cancel();
    });
  });

  it("drops the connection and truncates bodies on request", async () => {
    await withServer(async ({ readiness, emulator }) => {
      const admin = (body: unknown) =>
        fetch(`${readiness.url}/__emulator/faults`, {
          method: "POST",
          headers: auth(readiness.admin_key, { "content-type": "application/json" }),
          body: JSON.stringify(body),
        }).then((r) => r.text());
      const create = () =>
        freshRequest(`${readiness.url}/v2/api-keys`, {
          method: "POST",
          headers: auth(readiness.admin_key, { "content-type": "application/json" }),
          body: JSON.stringify({ name: "lost" }),
        });
      const before = emulator.store.state.keys.length;
      await admin({ route: "POST /v2/api-keys", drop: true });
      await assert.rejects(create());
      assert.equal(emulator.store.state.keys.length, before);

      await admin({ route: "POST /v2/api-keys", drop: true, after_commit: true });
      await assert.rejects(create());
      assert.equal(emulator.store.state.keys.length, before + 1);

      await admin({ route: "POST /v2/api-keys", truncate: true });
      await assert.rejects(create());
      assert.equal(emulator.store.state.keys.length, before + 2);

      await admin({ route: "*", status: 503, retry_after: "2" });
      const unavailable = await fetch(`${readiness.url}/v2/spaces`, {
        headers: auth(readiness.admin_key),
      });
      assert.equal(unavailable.status, 503);
      assert.equal(unavailable.headers.get("retry-after"), "2");
      await unavailable.body?.cancel();
    }, { faults: true });
  });

  it("makes a dropped request fail, once, even for a client that reuses connections", async () => {
    await withServer(async ({ readiness, emulator }) => {
      const headers = auth(readiness.admin_key, { "content-type": "application/json" });
      const added = await fetch(`${readiness.url}/__emulator/faults`, {
        method: "POST",
        headers,
        body: JSON.stringify({ route: "POST /v2/api-keys", drop: true, after_commit: true }),
      });
      assert.equal(added.headers.get("connection"), "close");
      await added.text();
      const spaces = await fetch(`${readiness.url}/v2/spaces`, { headers });
      await spaces.text();
      const before = emulator.store.state.keys.length;
      await assert.rejects(
        fetch(`${readiness.url}/v2/api-keys`, { method: "POST", headers, body: '{"name":"x"}' }),
      );
      assert.equal(emulator.store.state.keys.length, before + 1);
      assert.equal(emulator.stats.snapshot().by_route["POST /v2/api-keys"], 1);
      const after = await fetch(`${readiness.url}/v2/spaces`, { headers });
      assert.notEqual(after.headers.get("connection"), "close");
      await after.text();
    }, { faults: true });
  });

  it("keeps the raw request path: no dot-segment resolution", async () => {
    await withServer(async ({ readiness }) => {
      const status = await new Promise<number>((resolve, reject) => {
        const port = Number(new URL(readiness.url).port);
        const req = request(
          { host: "127.0.0.1", port, path: "/v2/x/../spaces", headers: auth(readiness.admin_key) },
          (res) => {
            res.resume();
            resolve(res.statusCode!);
          },
        );
        req.on("error", reject);
        req.end();
      });
      assert.equal(status, 404);
    });
  });

  it("close() ends open keep-alive connections and resolves", async () => {
    const serving = await serveEmulator({ host: "127.0.0.1", port: 0, log: () => {} });
    await (await fetch(`${serving.readiness.url}/v2/spaces`)).text();
    await serving.close();
    await assert.rejects(fetch(`${serving.readiness.url}/v2/spaces`));
  });
});
