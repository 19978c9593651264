/**
 * QUALITY.md S2: the bearer token is never forwarded on a redirect to
 * another origin (here: another loopback port), but still sent on a redirect
 * within the same origin. A redirect loop ends with one clear error.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type AxResult, runAx } from "../../_helpers/run_ax.ts";
import { emulatorEnv, makeSandbox, type Sandbox } from "../../_helpers/ax_process.ts";
import { reply, type ScriptedServer, startScriptedServer } from "../../_helpers/scripted_server.ts";

const TOKEN = "ak-redirect-test-bearer-token-0123456789";
const EMPTY_LIST = JSON.stringify({ api_keys: [], pagination: { has_more: false } });

let origin: ScriptedServer;
let elsewhere: ScriptedServer;
let box: Sandbox;

function ax(args: string[]): Promise<AxResult> {
  const env = emulatorEnv({ url: origin.url, adminKey: TOKEN }, box);
  return runAx(args, { cwd: box.home, env });
}

describe("redirects keep the token at home (S2)", () => {
  before(async () => {
    box = makeSandbox("redirects");
    elsewhere = await startScriptedServer((_req, res) =>
      reply(res, { status: 200, body: EMPTY_LIST })
    );
    origin = await startScriptedServer((_req, res) => reply(res, { status: 500, body: "" }));
  });
  after(async () => {
    await origin?.close();
    await elsewhere?.close();
    box?.remove();
  });

  for (const status of [301, 302, 303, 307, 308]) {
    it(`${status} to another port: followed without Authorization`, async () => {
      origin.requests.length = 0;
      elsewhere.requests.length = 0;
      origin.handle((req, res) =>
        reply(res, { status, body: "", headers: { location: `${elsewhere.url}${req.url}` } })
      );
      const result = await ax(["api-keys", "list", "-o", "json", "-v"]);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), JSON.parse(EMPTY_LIST));
      assert.equal(origin.requests[0].headers.authorization, `Bearer ${TOKEN}`);
      assert.equal(elsewhere.requests.length, 1);
      assert.equal(elsewhere.requests[0].headers.authorization, undefined);
      assert.match(
        result.stderr,
        /redirect to another origin \(http:\/\/127\.0\.0\.1:\d+\): Authorization not sent/,
      );
      assert.ok(!result.stderr.includes(TOKEN), "the token reached the log");
    });
  }

  it("a redirect within the same origin keeps Authorization", async () => {
    origin.requests.length = 0;
    origin.handle((req, res) => {
      if (req.url.startsWith("/moved")) return reply(res, { status: 200, body: EMPTY_LIST });
      reply(res, { status: 307, body: "", headers: { location: `/moved${req.url}` } });
    });
    const result = await ax(["api-keys", "list", "-o", "json"]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(origin.requests.length, 2);
    assert.equal(origin.requests[1].headers.authorization, `Bearer ${TOKEN}`);
  });

  it("a 307 on create goes to the other origin as a POST without the token", async () => {
    elsewhere.requests.length = 0;
    origin.handle((req, res) =>
      reply(res, { status: 307, body: "", headers: { location: `${elsewhere.url}${req.url}` } })
    );
    elsewhere.handle((_req, res) =>
      reply(res, {
        status: 401,
        type: "application/problem+json",
        body: '{"title":"Unauthorized","status":401}',
      })
    );
    const result = await ax(["api-keys", "create", "-n", "redirected"]);
    assert.equal(result.code, 3, result.stderr);
    assert.equal(elsewhere.requests.length, 1);
    assert.equal(elsewhere.requests[0].method, "POST");
    assert.equal(elsewhere.requests[0].headers.authorization, undefined);
    elsewhere.handle((_req, res) => reply(res, { status: 200, body: EMPTY_LIST }));
  });

  it("a redirect loop ends after 5 hops with one clear error (exit 1)", async () => {
    origin.requests.length = 0;
    origin.handle((req, res) =>
      reply(res, { status: 302, body: "", headers: { location: req.url } })
    );
    const result = await ax(["api-keys", "list"]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /^✗ Error: Too many redirects \(more than 5\) from 127\.0\.0\.1:\d+\./,
    );
    assert.equal(origin.requests.length, 6, "the first request and 5 redirects, not retried");
  });
});
