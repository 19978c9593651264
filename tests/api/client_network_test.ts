/**
 * The client over real sockets on 127.0.0.1, with the runtime's own fetch:
 * proves that the error classification (N3, N5) matches what this runtime
 * really throws, and that redirects are followed by hand (S2).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import tls from "node:tls";
import { readFileSync } from "node:fs";
import { type ApiRequest, createClient } from "../../api/client.ts";
import { NetworkError } from "../../runtime/errors.ts";
import { fakeContext } from "../_helpers/fake_context.ts";
import { listenOnLoopback, type RunningServer } from "../_helpers/loopback_server.ts";

const GET: ApiRequest = { method: "GET", path: "/v2/api-keys", idempotent: true };
const CREATE: ApiRequest = { method: "POST", path: "/v2/api-keys", body: {}, idempotent: false };
const TOKEN = "ak-real-socket-token-0123456789";

function client(baseUrl: string, timeoutMs = 5_000) {
  const fake = fakeContext({ fetch: globalThis.fetch });
  return {
    ...fake,
    client: createClient(fake.ctx, { baseUrl, apiKey: TOKEN, timeoutMs, verbose: true }),
  };
}

describe("client over real sockets", () => {
  const servers: RunningServer[] = [];
  const ports: Record<string, number> = {};
  const seenAuth: (string | undefined)[] = [];

  /** Starts `server` on a free port, closed (with its connections) after the tests. */
  async function listen(server: net.Server): Promise<number> {
    const running = await listenOnLoopback(server);
    servers.push(running);
    return running.port;
  }

  before(async () => {
    const closed = await listenOnLoopback(net.createServer());
    ports.closed = closed.port;
    await closed.close();
    // Answers nothing: closes the connection once the request arrived.
    ports.reset = await listen(net.createServer((s) => s.once("data", () => s.destroy())));
    ports.truncated = await listen(net.createServer((s) =>
      s.once("data", () => {
        s.write(
          "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n{",
        );
        setTimeout(() => s.destroy(), 10);
      })
    ));
    ports.silent = await listen(net.createServer(() => {}));
    ports.tls = await listen(tls.createServer({
      key: readFileSync(new URL("./_fixtures/self_signed_key.pem", import.meta.url)),
      cert: readFileSync(new URL("./_fixtures/self_signed_cert.pem", import.meta.url)),
    }, (s) => s.end("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}")));
    ports.target = await listen(http.createServer((req, res) => {
      seenAuth.push(req.headers.authorization);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    }));
    ports.origin = await listen(http.createServer((req, res) => {
      seenAuth.push(req.headers.authorization);
      res.writeHead(302, { location: `http://127.0.0.1:${ports.target}/v2/landed` }).end();
    }));
  });

  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it("refused: names the host, and a POST was not sent", async () => {
    const { client: c } = client(`http://127.0.0.1:${ports.closed}`);
    await assert.rejects(c.request(CREATE), (error) => {
      assert.ok(error instanceof NetworkError);
      assert.equal(
        error.message,
        `Could not connect to 127.0.0.1:${ports.closed}: connection refused; the server could not be reached, nothing was sent.`,
      );
      return true;
    });
  });

  it("connection dropped after the request: a POST's outcome is unknown", async () => {
    const { client: c } = client(`http://127.0.0.1:${ports.reset}`);
    await assert.rejects(
      c.request(CREATE),
      (e) => e instanceof NetworkError && /outcome is unknown\.$/.test(e.message),
    );
  });

  it("truncated body: a POST's outcome is unknown", async () => {
    const { client: c } = client(`http://127.0.0.1:${ports.truncated}`);
    await assert.rejects(
      c.request(CREATE),
      (e) => e instanceof NetworkError && /outcome is unknown\.$/.test(e.message),
    );
  });

  it("a silent server times out", async () => {
    const { client: c } = client(`http://127.0.0.1:${ports.silent}`, 50);
    await assert.rejects(c.request(CREATE), /timed out after 50 ms; .*outcome is unknown/);
  });

  it("an untrusted certificate is a TLS error naming the host, not retried", async () => {
    const { client: c, stderr } = client(`https://localhost:${ports.tls}`);
    await assert.rejects(c.request(GET), (error) => {
      assert.ok(error instanceof NetworkError);
      assert.equal(
        error.message,
        `Secure connection to localhost:${ports.tls} failed: the certificate is not trusted.`,
      );
      return true;
    });
    assert.equal(stderr.text().match(/\[debug\] → GET/g)?.length, 1);
  });

  it("follows a redirect to another origin without the bearer token (S2)", async () => {
    seenAuth.length = 0;
    const { client: c, stderr } = client(`http://127.0.0.1:${ports.origin}`);
    const res = await c.request(GET);
    assert.equal(res.status, 200);
    assert.deepEqual(seenAuth, [`Bearer ${TOKEN}`, undefined]);
    assert.match(stderr.text(), /Authorization not sent/);
    assert.ok(!stderr.text().includes(TOKEN));
  });
});
