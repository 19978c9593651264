/**
 * QUALITY.md S2: the bearer token is never forwarded on a redirect to
 * another origin (here: another loopback port), but still sent on a redirect
 * within the same home.server. A redirect loop ends with one clear error.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { AxResult } from "../../_helpers/run_ax.ts";
import { useScriptedServer } from "../../_helpers/emulator_fixture.ts";
import { reply, type ScriptedServer, startScriptedServer } from "../../_helpers/scripted_server.ts";

const TOKEN = "ak-redirect-test-bearer-token-0123456789";
const EMPTY_LIST = JSON.stringify({ api_keys: [], pagination: { has_more: false } });

const home = useScriptedServer("redirects", {
  token: TOKEN,
  handler: (_req, res) => reply(res, { status: 500, body: "" }),
});
let elsewhere: ScriptedServer;

function ax(args: string[]): Promise<AxResult> {
  return home.ax(args);
}

describe("redirects keep the token at home (S2)", () => {
  before(async () => {
    elsewhere = await startScriptedServer((_req, res) =>
      reply(res, { status: 200, body: EMPTY_LIST })
    );
  });
  after(async () => {
    await elsewhere?.close();
  });

  for (const status of [301, 302, 303, 307, 308]) {
    it(`${status} to another port: followed without Authorization`, async () => {
      home.server.requests.length = 0;
      elsewhere.requests.length = 0;
      home.server.handle((req, res) =>
        reply(res, { status, body: "", headers: { location: `${elsewhere.url}${req.url}` } })
      );
      const result = await ax(["api-keys", "list", "-o", "json", "-v"]);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), JSON.parse(EMPTY_LIST));
      assert.equal(home.server.requests[0].headers.authorization, `Bearer ${TOKEN}`);
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
    home.server.requests.length = 0;
    home.server.handle((req, res) => {
      if (req.url.startsWith("/moved")) return reply(res, { status: 200, body: EMPTY_LIST });
      reply(res, { status: 307, body: "", headers: { location: `/moved${req.url}` } });
    });
    const result = await ax(["api-keys", "list", "-o", "json"]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(home.server.requests.length, 2);
    assert.equal(home.server.requests[1].headers.authorization, `Bearer ${TOKEN}`);
  });

  it("a 307 on create goes to the other origin as a POST without the token", async () => {
    elsewhere.requests.length = 0;
    home.server.handle((req, res) =>
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
    home.server.requests.length = 0;
    home.server.handle((req, res) =>
      reply(res, { status: 302, body: "", headers: { location: req.url } })
    );
    const result = await ax(["api-keys", "list"]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /^✗ Error: Too many redirects \(more than 5\) from 127\.0\.0\.1:\d+\./,
    );
    assert.equal(home.server.requests.length, 6, "the first request and 5 redirects, not retried");
  });
});
