/**
 * QUALITY.md N1: every request has a finite timeout, `--timeout` and
 * `AX_TIMEOUT` (seconds) both set it, `--timeout` wins, and a hanging server
 * fails within the budget (timeout × attempts + backoff) with a message
 * naming the timeout and how to allow more time.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { useEmulator } from "../../_helpers/emulator_fixture.ts";
import { type AxResult } from "../../_helpers/run_ax.ts";

const fx = useEmulator("timeouts", { faults: true });

/** Worst case of ax's own backoff before attempts 2 and 3 (api/_retry.ts: 0.5 s, then 1 s). */
const MAX_BACKOFF_MS = 1_500;
/** Room for a runtime to start and stop (a cold source run takes longest). */
const PROCESS_SLACK_MS = 3_000;

async function timed(
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<AxResult & { ms: number }> {
  const started = Date.now();
  const result = await fx.ax(args, { env: extraEnv });
  return { ...result, ms: Date.now() - started };
}

async function count(route: string): Promise<number> {
  return (await fx.emu.stats()).by_route[route] ?? 0;
}

describe("timeouts (N1)", () => {
  it("--timeout 1 against a hanging server: 3 attempts, exit 1 within the budget", async () => {
    await fx.emu.fault({ route: "GET /v2/api-keys", delay_ms: 20_000, count: 3 });
    const before = await count("GET /v2/api-keys");
    const result = await timed(["api-keys", "list", "--timeout", "1"]);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(await count("GET /v2/api-keys"), before + 3);
    assert.ok(result.ms >= 3_000, `gave up after ${result.ms} ms, before 3 × 1 s`);
    assert.ok(result.ms < 3_000 + MAX_BACKOFF_MS + PROCESS_SLACK_MS, `took ${result.ms} ms`);
    assert.equal(
      result.stderr,
      `✗ Error: Request to ${
        new URL(fx.emu.url).host
      } timed out after 1 s (3 attempts).\nCheck your network, or allow more time with --timeout SECONDS (or AX_TIMEOUT).\n`,
    );
    assert.equal(result.stdout, "");
    await fx.emu.clearFaults();
  });

  it("AX_TIMEOUT=0.5 is honoured the same way", async () => {
    await fx.emu.fault({ route: "GET /v2/api-keys", delay_ms: 20_000, count: 3 });
    const result = await timed(["api-keys", "list", "-o", "json"], { AX_TIMEOUT: "0.5" });
    assert.equal(result.code, 1, result.stderr);
    assert.ok(result.ms < 1_500 + MAX_BACKOFF_MS + PROCESS_SLACK_MS, `took ${result.ms} ms`);
    assert.match(result.stderr, /timed out after 500 ms \(3 attempts\)/);
    await fx.emu.clearFaults();
  });

  it("--timeout wins over AX_TIMEOUT", async () => {
    // 0.3 s would fail against a 1 s delay; --timeout 10 lets the request finish.
    await fx.emu.fault({ route: "GET /v2/api-keys", delay_ms: 1_000 });
    const result = await timed(["api-keys", "list", "-o", "json", "--timeout", "10"], {
      AX_TIMEOUT: "0.3",
    });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(Array.isArray(JSON.parse(result.stdout).api_keys));
  });

  it("a timed-out create is sent once and its outcome called unknown", async () => {
    await fx.emu.fault({ route: "POST /v2/api-keys", delay_ms: 20_000 });
    const before = await count("POST /v2/api-keys");
    const result = await timed(["api-keys", "create", "-n", "slow", "--timeout", "1"]);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(await count("POST /v2/api-keys"), before + 1);
    assert.ok(result.ms < 1_000 + PROCESS_SLACK_MS, `took ${result.ms} ms`);
    assert.match(
      result.stderr,
      /^✗ Error: Request to \S+ timed out after 1 s; the request may have reached the server, so its outcome is unknown\.\nRun `ax api-keys list` to check, and revoke any key you don't hold\.\n$/,
    );
    await fx.emu.clearFaults();
  });

  it("a bad AX_TIMEOUT is a usage error (exit 2) naming the variable, before any request", async () => {
    const before = (await fx.emu.stats()).requests;
    for (const value of ["0", "-1", "abc", "1e3", "86401"]) {
      const result = await timed(["api-keys", "list"], { AX_TIMEOUT: value });
      assert.equal(result.code, 2, `${value}: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(`^✗ Error: Invalid AX_TIMEOUT '${value}'`));
    }
    assert.equal((await fx.emu.stats()).requests, before);
  });
});
