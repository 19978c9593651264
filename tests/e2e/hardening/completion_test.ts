/**
 * QUALITY.md T3 under faults: a TAB (`ax complete -- …`) that needs live key
 * IDs gives up within its 2 s budget against a hanging server, and is silent
 * (exit 0, nothing on stderr) when the server is down or refuses the key;
 * hostile key names reach the shell without control characters (S4).
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { useEmulator } from "../../_helpers/emulator_fixture.ts";
import { type AxResult, runAx } from "../../_helpers/run_ax.ts";

const BUDGET_MS = 2_000;
/** Room for a runtime to start and stop. */
const PROCESS_SLACK_MS = 2_500;

const fx = useEmulator("completion", { faults: true });

async function tab(extra: Record<string, string> = {}): Promise<AxResult & { ms: number }> {
  const started = Date.now();
  const result = await runAx(["complete", "--", "api-keys", "revoke", ""], {
    env: fx.env(extra),
    cwd: fx.box.home,
  });
  return { ...result, ms: Date.now() - started };
}

describe("live completion under faults (T3)", () => {
  before(async () => {
    await fx.emu.admin("POST", "keys", { name: "\x1b]0;owned\x07tab\u009b2J" });
  });

  it("offers live key IDs, with names free of control characters", async () => {
    const result = await tab();
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.match(result.stdout, /tab/);
    // deno-lint-ignore no-control-regex
    assert.doesNotMatch(result.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it("a hanging server: gives up within the budget, silently", async () => {
    await fx.emu.fault({ route: "GET /v2/api-keys", delay_ms: 10_000, count: 3 });
    const result = await tab();
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.ok(result.ms < BUDGET_MS + PROCESS_SLACK_MS, `took ${result.ms} ms`);
    assert.doesNotMatch(result.stdout, /QXBp/, "no key IDs");
    await fx.emu.clearFaults();
  });

  it("a server that is down or refuses the key: silent, exit 0", async () => {
    const cases: Record<string, string>[] = [
      { ARIZE_BASE_URL: "http://127.0.0.1:9" },
      { ARIZE_API_KEY: "ak-not-a-valid-key-0123456789" },
      { ARIZE_BASE_URL: "https://ax-completion-test.invalid" },
    ];
    for (const extra of cases) {
      const result = await tab(extra);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, "", JSON.stringify(extra));
      assert.ok(result.ms < BUDGET_MS + PROCESS_SLACK_MS, `took ${result.ms} ms`);
    }
  });
});
