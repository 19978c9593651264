/**
 * QUALITY.md N2 through the emulator's fault injection: idempotent requests
 * (GET, PUT …/revoke) are retried on 408/429/5xx and dropped connections, at
 * most 3 attempts; `Retry-After` is honoured in seconds and as an HTTP-date,
 * and a wait longer than ax accepts fails fast with a message. Retries show
 * with `-v`. Gaps between attempts are measured on the emulator's side.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { requestsSince } from "../../_helpers/ax_process.ts";
import { useEmulator } from "../../_helpers/emulator_fixture.ts";
import { type AxResult } from "../../_helpers/run_ax.ts";
import { watchLog } from "../../_helpers/log_timeline.ts";

const fx = useEmulator("retries", { faults: true });

function ax(args: string[], extraEnv: Record<string, string> = {}): Promise<AxResult> {
  return fx.ax(args, { env: extraEnv });
}

function expectCode(result: AxResult, code: number): void {
  assert.equal(result.code, code, `stdout: ${result.stdout}\nstderr: ${result.stderr}`);
}

/** Measures the time between the first two `GET /v2/api-keys` answers the emulator logs. */
async function gapBetweenListRequests(run: () => Promise<AxResult>): Promise<{
  result: AxResult;
  gapMs: number;
}> {
  const log = watchLog(() => fx.emu.stderr());
  try {
    const result = await run();
    const answers = log.matching(/^GET \/v2\/api-keys /);
    assert.equal(answers.length, 2, answers.map((a) => a.line).join("\n"));
    return { result, gapMs: answers[1].at - answers[0].at };
  } finally {
    log.stop();
  }
}

describe("retries of idempotent requests (N2)", () => {
  it("503, 503, 200: exactly three GETs, exit 0, valid JSON, retries visible with -v", async () => {
    await fx.emu.fault({ route: "GET /v2/api-keys", status: 503, count: 2 });
    const since = await requestsSince(fx.emu);
    const result = await ax(["api-keys", "list", "-o", "json", "-v"]);
    expectCode(result, 0);
    assert.deepEqual(await since(), { "GET /v2/api-keys": 3 });
    assert.ok(Array.isArray(JSON.parse(result.stdout).api_keys));
    const retries = result.stderr.match(/\[debug\] retrying in \d+ ms \(attempt [23] of 3\): 503/g);
    assert.equal(retries?.length, 2, result.stderr);
  });

  it("without -v the retries are silent and stderr stays empty", async () => {
    await fx.emu.fault({ route: "GET /v2/api-keys", status: 502 });
    const since = await requestsSince(fx.emu);
    const result = await ax(["api-keys", "list", "-o", "json"]);
    expectCode(result, 0);
    assert.equal(result.stderr, "");
    assert.deepEqual(await since(), { "GET /v2/api-keys": 2 });
  });

  for (const status of [408, 429, 500, 504]) {
    it(`${status} is retried`, async () => {
      await fx.emu.fault({ route: "GET /v2/api-keys", status });
      const since = await requestsSince(fx.emu);
      expectCode(await ax(["api-keys", "list", "-o", "ndjson"]), 0);
      assert.deepEqual(await since(), { "GET /v2/api-keys": 2 });
    });
  }

  it("a dropped connection is retried for a GET", async () => {
    await fx.emu.fault({ route: "GET /v2/api-keys", drop: true });
    const since = await requestsSince(fx.emu);
    expectCode(await ax(["api-keys", "list", "-o", "json"]), 0);
    assert.deepEqual(await since(), { "GET /v2/api-keys": 2 });
  });

  it("a 400 is not retried", async () => {
    await fx.emu.fault({ route: "GET /v2/api-keys", status: 400 });
    const since = await requestsSince(fx.emu);
    const result = await ax(["api-keys", "list"]);
    expectCode(result, 4);
    assert.match(result.stderr, /^✗ Error: 400 Bad Request/);
    assert.deepEqual(await since(), { "GET /v2/api-keys": 1 });
  });

  it("three 503s: gives up after 3 attempts with exit 4 and says so", async () => {
    await fx.emu.fault({ route: "GET /v2/api-keys", status: 503, count: 3 });
    const since = await requestsSince(fx.emu);
    const result = await ax(["api-keys", "list", "-v"]);
    expectCode(result, 4);
    assert.deepEqual(await since(), { "GET /v2/api-keys": 3 });
    assert.match(result.stderr, /\[debug\] giving up after 3 attempts/);
    assert.match(result.stderr, /✗ Error: 503 Service Unavailable/);
    assert.equal(result.stdout, "");
  });

  it("revoke (PUT, idempotent) is retried: 503 then 204", async () => {
    const created = await ax(["api-keys", "create", "-n", "to revoke", "-o", "json"]);
    expectCode(created, 0);
    const id = JSON.parse(created.stdout).id;
    await fx.emu.fault({ route: "PUT /v2/api-keys/{id}/revoke", status: 503 });
    const since = await requestsSince(fx.emu);
    const result = await ax(["api-keys", "revoke", id, "--force"]);
    expectCode(result, 0);
    assert.deepEqual(await since(), { "PUT /v2/api-keys/{id}/revoke": 2 });
    assert.match(result.stderr, new RegExp(`revoked successfully`));
  });

  it("429 with Retry-After: 1 waits about a second before the second GET", async () => {
    await fx.emu.fault({ route: "GET /v2/api-keys", status: 429, retry_after: "1" });
    const { result, gapMs } = await gapBetweenListRequests(() =>
      ax(["api-keys", "list", "-o", "json", "-v"])
    );
    expectCode(result, 0);
    assert.ok(gapMs >= 900, `second request after ${gapMs} ms`);
    assert.ok(gapMs < 3_000, `second request after ${gapMs} ms`);
    assert.match(
      result.stderr,
      /retrying in 1000 ms \(attempt 2 of 3\): 429 Too Many Requests, Retry-After: 1/,
    );
  });

  it("Retry-After as an HTTP-date is honoured", async () => {
    // Three seconds ahead, so a slow start of ax (seconds under a loaded
    // CI machine, from source) still leaves at least one second to wait.
    const at = new Date(Date.now() + 3_000).toUTCString();
    assert.match(at, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    await fx.emu.fault({ route: "GET /v2/api-keys", status: 503, retry_after: at });
    const { result, gapMs } = await gapBetweenListRequests(() =>
      ax(["api-keys", "list", "-o", "json", "-v"])
    );
    expectCode(result, 0);
    // The date has whole seconds, so ax waits whole seconds until it.
    const said = /retrying in ([123])000 ms \(attempt 2 of 3\): 503 .*Retry-After: ([123])\b/
      .exec(result.stderr);
    assert.ok(said, result.stderr);
    assert.equal(said[1], said[2]);
    const waitMs = Number(said[1]) * 1000;
    assert.ok(gapMs >= waitMs - 100, `second request after ${gapMs} ms, not ${waitMs}`);
    assert.ok(gapMs < waitMs + 2_000, `second request after ${gapMs} ms, not ${waitMs}`);
  });

  it("Retry-After: 3600 fails fast (exit 4) with a message, after one request", async () => {
    await fx.emu.fault({ route: "GET /v2/api-keys", status: 429, retry_after: "3600" });
    const since = await requestsSince(fx.emu);
    const started = Date.now();
    const result = await ax(["api-keys", "list"]);
    const took = Date.now() - started;
    expectCode(result, 4);
    assert.ok(took < 5_000, `took ${took} ms`);
    assert.deepEqual(await since(), { "GET /v2/api-keys": 1 });
    assert.match(
      result.stderr,
      /^✗ Error: 429 Too Many Requests; the server asked to wait 3600 seconds before retrying, longer than ax waits \(60 s\)\nTry again in 3600 seconds\./,
    );
  });

  it("an HTTP-date two hours ahead fails fast the same way", async () => {
    const at = new Date(Date.now() + 7_200_000).toUTCString();
    await fx.emu.fault({ route: "GET /v2/api-keys", status: 503, retry_after: at });
    const since = await requestsSince(fx.emu);
    const result = await ax(["api-keys", "list"]);
    expectCode(result, 4);
    assert.deepEqual(await since(), { "GET /v2/api-keys": 1 });
    assert.match(result.stderr, /the server asked to wait 7[12]\d\d seconds before retrying/);
  });

  it("an unreadable Retry-After falls back to backoff", async () => {
    await fx.emu.fault({ route: "GET /v2/api-keys", status: 503, retry_after: "soon-ish" });
    const since = await requestsSince(fx.emu);
    const result = await ax(["api-keys", "list", "-o", "json", "-v"]);
    expectCode(result, 0);
    assert.deepEqual(await since(), { "GET /v2/api-keys": 2 });
    assert.match(result.stderr, /retrying in \d+ ms \(attempt 2 of 3\): 503 Service Unavailable\n/);
  });
});
