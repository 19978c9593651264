/**
 * QUALITY.md N6: answers ax cannot use — HTML from a proxy or captive portal,
 * invalid JSON, missing or mistyped required fields, a problem document with
 * a 2xx status, an empty body — end in one
 * `unexpected response from server (status, first bytes)` error with exit 1:
 * no crash, no stack trace, nothing on stdout, secrets in the excerpt
 * redacted. A create whose answer is unusable says the key may exist.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type AxResult } from "../../_helpers/run_ax.ts";
import { BARE_KEY as KEY, reply } from "../../_helpers/scripted_server.ts";
import { useScriptedServer } from "../../_helpers/emulator_fixture.ts";

const TOKEN = "ak-malformed-test-bearer-token-0123456789";
const STACK = /^\s+at .+:\d+|\.ts:\d+:\d+/m;

const fx = useScriptedServer("malformed", {
  token: TOKEN,
  handler: (_req, res) => reply(res, { status: 500, body: "" }),
});

function ax(args: string[]): Promise<AxResult> {
  return fx.ax(args);
}

/** [what, status, content type, body, excerpt the message must show (regex source)]. */
const LIST_CASES: [string, number, string, string, string][] = [
  [
    "an HTML page from a captive portal",
    200,
    "text/html",
    "<!DOCTYPE html><html><body>Please log in to the Wi-Fi</body></html>",
    "'<!DOCTYPE html><html><body>Please log in to the Wi-Fi</body></html>'",
  ],
  ["invalid JSON", 200, "application/json", '{"api_keys": [', `'\\{"api_keys": \\['`],
  ["an empty body", 200, "application/json", "", "empty body"],
  ["a JSON array", 200, "application/json", "[1,2,3]", "'\\[1,2,3\\]'"],
  [
    "api_keys missing",
    200,
    "application/json",
    '{"pagination":{"has_more":false}}',
    `'\\{"pagination":\\{"has_more":false\\}\\}'`,
  ],
  [
    "a key without its id",
    200,
    "application/json",
    JSON.stringify({ api_keys: [{ ...KEY, id: undefined }], pagination: { has_more: false } }),
    '\'\\{"api_keys":\\[\\{"name":"k"',
  ],
  [
    "a name that is a number",
    200,
    "application/json",
    JSON.stringify({ api_keys: [{ ...KEY, name: 42 }], pagination: { has_more: false } }),
    '\'\\{"api_keys"',
  ],
  [
    "an unknown status value",
    200,
    "application/json",
    JSON.stringify({ api_keys: [{ ...KEY, status: "zombie" }], pagination: { has_more: false } }),
    '\'\\{"api_keys"',
  ],
  [
    "a problem document with status 200",
    200,
    "application/problem+json",
    '{"title":"Oops","status":500}',
    `'\\{"title":"Oops","status":500\\}'`,
  ],
];

describe("malformed responses (N6)", () => {
  for (const [what, status, type, body, excerpt] of LIST_CASES) {
    it(`list: ${what} → unexpected response, exit 1`, async () => {
      fx.server.handle((_req, res) => reply(res, { status, type, body }));
      const result = await ax(["api-keys", "list", "-o", "json"]);
      assert.equal(result.code, 1, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(`^✗ Error: unexpected response from server \\(status ${status}, ${excerpt}`),
      );
      assert.equal(result.stdout, "");
      assert.doesNotMatch(result.stderr, STACK);
    });
  }

  it("a 502 HTML page from a proxy is an API error naming the status (exit 4), retried", async () => {
    const before = fx.server.requests.length;
    fx.server.handle((_req, res) =>
      reply(res, { status: 502, type: "text/html", body: "<html>Bad Gateway</html>" })
    );
    const result = await ax(["api-keys", "list"]);
    assert.equal(result.code, 4, result.stderr);
    assert.match(result.stderr, /^✗ Error: 502 Bad Gateway/);
    assert.equal(fx.server.requests.length - before, 3);
    assert.doesNotMatch(result.stderr, STACK);
  });

  it("--all: has_more without next_cursor stops with an error instead of looping", async () => {
    fx.server.handle((_req, res) =>
      reply(res, {
        status: 200,
        body: JSON.stringify({ api_keys: [KEY], pagination: { has_more: true } }),
      })
    );
    const result = await ax(["api-keys", "list", "--all", "-o", "ndjson"]);
    // A pagination fault is exit 4 (N7): see pagination_guards_test.ts.
    assert.equal(result.code, 4, result.stderr);
    assert.match(result.stderr, /has_more\) but sent no next_cursor/);
  });

  it("--all: a server repeating its cursor stops after two pages", async () => {
    const before = fx.server.requests.length;
    fx.server.handle((_req, res) =>
      reply(res, {
        status: 200,
        body: JSON.stringify({
          api_keys: [KEY],
          pagination: { has_more: true, next_cursor: "c1" },
        }),
      })
    );
    const result = await ax(["api-keys", "list", "--all", "-o", "ndjson"]);
    assert.equal(result.code, 4, result.stderr);
    assert.match(result.stderr, /pagination loops: page 3 would repeat page 2/);
    assert.equal(fx.server.requests.length - before, 2);
  });

  it("create: a 201 with a broken id says the key may exist, and redacts the secret", async () => {
    const secret = "ak-must-not-be-shown-0123456789abcdef";
    fx.server.handle((_req, res) =>
      reply(res, { status: 201, body: JSON.stringify({ key: secret, ...KEY, id: 7 }) })
    );
    const result = await ax(["api-keys", "create", "-n", "k"]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /^✗ Error: unexpected response from server \(status 201, '\{"key":"\[REDACTED\]"/,
    );
    assert.match(result.stderr, /body\.id is a number, expected a string/);
    assert.ok(!result.stderr.includes(secret));
    assert.match(
      result.stderr,
      /The key may have been created, but its secret could not be read\./,
    );
    assert.match(result.stderr, /Run `ax api-keys list` to check/);
    assert.equal(result.stdout, "");
  });

  it("create: invalid JSON cut inside the secret never shows the secret", async () => {
    const secret = "ak-partial-secret-abcdefghijklmnopqrstuvwxyz";
    fx.server.handle((_req, res) =>
      reply(res, { status: 201, body: `{"id":"QXBpS2V5OjE6YWJj","key":"${secret.slice(0, 30)}` })
    );
    const result = await ax(["api-keys", "create", "-n", "k", "-v"]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /unexpected response from server \(status 201/);
    assert.match(result.stderr, /outcome is unknown/);
    assert.ok(!result.stderr.includes(secret.slice(0, 30)), result.stderr);
    assert.ok(!result.stderr.includes(TOKEN), "bearer token in the log");
  });
});
