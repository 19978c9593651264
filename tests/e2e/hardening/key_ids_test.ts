/**
 * QUALITY.md I2: a key ID is always exactly one path segment. Whatever the
 * user passes — `../` sequences, slashes, `?`, `#`, percent signs, spaces,
 * unicode — revoke and refresh send exactly one request whose path is
 * `/v2/api-keys/<percent-encoded id>/<action>`, or refuse it (`.`, `..`) with
 * exit 2 and no request. A scripted server records the raw request line.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type AxResult } from "../../_helpers/run_ax.ts";
import { reply } from "../../_helpers/scripted_server.ts";
import { useScriptedServer } from "../../_helpers/emulator_fixture.ts";

const NOT_FOUND = JSON.stringify({ title: "Not Found", status: 404, detail: "API key not found" });

const fx = useScriptedServer("ids", {
  token: "ak-key-ids-test-token-0123456789",
  handler: (_req, res) =>
    reply(res, { status: 404, type: "application/problem+json", body: NOT_FOUND }),
});

function ax(args: string[]): Promise<AxResult> {
  return fx.ax(args);
}

const HOSTILE_IDS = [
  "../../v2/spaces",
  "../revoke",
  "a/b",
  "QXBpS2V5OjE6YWJj/../../../etc/passwd",
  "id?status=revoked",
  "id#fragment",
  "%2e%2e",
  "..%2f..%2fv2",
  "id with spaces",
  "ключ-🔑",
  "a\\b",
  "...",
];

describe("key IDs never change the request path (I2)", () => {
  for (const id of HOSTILE_IDS) {
    it(`revoke and refresh ${JSON.stringify(id)}: one request, the ID one encoded segment`, async () => {
      for (
        const [args, method, action] of [
          [["api-keys", "revoke", id, "--force"], "PUT", "revoke"],
          [["api-keys", "refresh", id], "POST", "refresh"],
        ] as const
      ) {
        fx.server.requests.length = 0;
        const result = await ax([...args]);
        assert.equal(result.code, 4, result.stderr);
        assert.equal(fx.server.requests.length, 1, "exactly one request, not retried elsewhere");
        assert.equal(fx.server.requests[0].method, method);
        assert.equal(
          fx.server.requests[0].url,
          `/v2/api-keys/${encodeURIComponent(id)}/${action}`,
        );
      }
    });
  }

  for (const id of [".", ".."]) {
    it(`${JSON.stringify(id)} is refused before any request (exit 2)`, async () => {
      fx.server.requests.length = 0;
      for (const args of [["api-keys", "revoke", id, "-f"], ["api-keys", "refresh", id]]) {
        const result = await ax(args);
        assert.equal(result.code, 2, result.stderr);
        assert.match(
          result.stderr,
          new RegExp(`^✗ Error: Invalid ID '${id.replaceAll(".", "\\.")}'`),
        );
      }
      assert.equal(fx.server.requests.length, 0);
    });
  }
});
