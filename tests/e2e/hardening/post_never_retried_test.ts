/**
 * QUALITY.md N3: a POST (create, create-service-key, refresh) is sent exactly
 * once. When its answer is lost, ax exits non-zero and says the outcome is
 * unknown and how to check — and the emulator proves the request did take
 * effect, which is why ax must not send it again.
 *
 * Besides the emulator's own `drop` fault (a fresh connection), a relay that
 * loses the answer on a reused keep-alive connection covers the case where
 * Deno's fetch used to re-send the POST silently (see
 * tests/_helpers/lossy_proxy.ts).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { requestsSince } from "../../_helpers/ax_process.ts";
import { useEmulator } from "../../_helpers/emulator_fixture.ts";
import { type AxResult } from "../../_helpers/run_ax.ts";
import { startLossyProxy } from "../../_helpers/lossy_proxy.ts";

const fx = useEmulator("post", { faults: true });

const UNKNOWN =
  /the request may have reached the server, so its outcome is unknown\.\nRun `ax api-keys list` to check, and revoke any key you don't hold\.\n$/;

function ax(args: string[], extraEnv: Record<string, string> = {}): Promise<AxResult> {
  return fx.ax(args, { env: extraEnv });
}

/** Names of the admin's keys (any status) at the emulator, read with ax itself. */
async function keyNames(status: "active" | "revoked" = "active"): Promise<string[]> {
  const result = await ax(["api-keys", "list", "--all", "--status", status, "-o", "ndjson"]);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trimEnd().split("\n").filter(Boolean).map((l) => JSON.parse(l).name);
}

describe("POST is never retried (N3)", () => {
  it("create whose answer is lost: one POST, exit 1, outcome unknown, the key exists", async () => {
    await fx.emu.fault({ route: "POST /v2/api-keys", drop: true, after_commit: true });
    const since = await requestsSince(fx.emu);
    const result = await ax(["api-keys", "create", "-n", "lost answer", "-v"]);
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(await since(), { "POST /v2/api-keys": 1 });
    assert.match(result.stderr, /\[debug\] not retrying: POST \/v2\/api-keys is not idempotent/);
    assert.match(result.stderr, /✗ Error: Request to \S+ failed: the connection was closed/);
    assert.match(result.stderr, UNKNOWN);
    assert.equal(result.stdout, "");
    assert.ok((await keyNames()).includes("lost answer"), "the server did create the key");
  });

  it("create whose answer is cut short: one POST, exit 1, no key printed", async () => {
    await fx.emu.fault({ route: "POST /v2/api-keys", truncate: true });
    const since = await requestsSince(fx.emu);
    const result = await ax(["api-keys", "create", "-n", "truncated answer", "-o", "json"]);
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(await since(), { "POST /v2/api-keys": 1 });
    assert.match(result.stderr, UNKNOWN);
    assert.doesNotMatch(result.stderr, /"key"\s*:\s*"ak-/);
    assert.equal(result.stdout, "");
  });

  it("create refused with 503 or 429: one POST, exit 4", async () => {
    for (const status of [503, 429]) {
      await fx.emu.fault({
        route: "POST /v2/api-keys",
        status,
        ...(status === 429 ? { retry_after: "1" } : {}),
      });
      const since = await requestsSince(fx.emu);
      const result = await ax(["api-keys", "create", "-n", `refused ${status}`]);
      assert.equal(result.code, 4, result.stderr);
      assert.deepEqual(await since(), { "POST /v2/api-keys": 1 });
    }
  });

  it("a dropped create before commit is still sent once", async () => {
    await fx.emu.fault({ route: "POST /v2/api-keys", drop: true });
    const since = await requestsSince(fx.emu);
    const result = await ax(["api-keys", "create", "-n", "dropped early"]);
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(await since(), { "POST /v2/api-keys": 1 });
    assert.match(result.stderr, UNKNOWN);
  });

  it("refresh whose answer is lost: one POST, outcome unknown, the old key revoked", async () => {
    const created = await ax(["api-keys", "create", "-n", "to refresh", "-o", "json"]);
    const { id } = JSON.parse(created.stdout);
    await fx.emu.fault({ route: "POST /v2/api-keys/{id}/refresh", drop: true, after_commit: true });
    const since = await requestsSince(fx.emu);
    const result = await ax(["api-keys", "refresh", id]);
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(await since(), { "POST /v2/api-keys/{id}/refresh": 1 });
    assert.match(
      result.stderr,
      /the request may have reached the server, so its outcome is unknown/,
    );
    // Not create's advice: revoking the unheld replacement would leave no working key.
    assert.doesNotMatch(result.stderr, /revoke any key you don't hold/);
    assert.match(
      result.stderr,
      /a replacement with the same name exists that nobody holds: do not revoke it, rotate it/,
    );
    assert.ok((await keyNames("revoked")).includes("to refresh"), "the refresh took effect");
    // Following the printed steps recovers a working secret.
    assert.match(result.stderr, new RegExp(`^  ax api-keys get ${id} `, "m"));
    assert.match(result.stderr, /^ {2}ax api-keys list --name NAME /m);
    const listed = await ax(["api-keys", "list", "--name", "to refresh", "-q"]);
    const replacement = listed.stdout.trim();
    assert.notEqual(replacement, id);
    const rotated = await ax(["api-keys", "refresh", replacement, "-o", "json"]);
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.match(JSON.parse(rotated.stdout).key, /^ak-/);
  });

  it("create-service-key on a reused keep-alive connection: the lost POST is not re-sent", async () => {
    // GET /v2/spaces opens the connection; the POST reuses it and its answer is lost.
    const proxy = await startLossyProxy({
      upstreamPort: Number(new URL(fx.emu.url).port),
      method: "POST",
    });
    try {
      const since = await requestsSince(fx.emu);
      const result = await ax(
        ["api-keys", "create-service-key", "-n", "reused connection", "-s", "default"],
        { ARIZE_BASE_URL: proxy.url },
      );
      assert.equal(proxy.lost(), 1);
      assert.deepEqual(await since(), { "GET /v2/spaces": 1, "POST /v2/api-keys": 1 });
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, UNKNOWN);
    } finally {
      await proxy.close();
    }
  });
});
