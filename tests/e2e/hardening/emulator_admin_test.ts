/**
 * The emulator's admin routes through a real emulator process: inputs out
 * of range — a clock moved by 1e308 seconds, a Retry-After with CR/LF, huge
 * delays and counts — are answered 400 naming the field, never 500, and the
 * emulator keeps serving afterwards.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { useEmulator } from "../../_helpers/emulator_fixture.ts";

const fx = useEmulator("emulator-admin", { faults: true });

async function post(path: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(`${fx.emu.url}/__emulator/${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${fx.emu.adminKey}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

describe("emulator admin inputs out of range get 400, never 500", () => {
  const route = "GET /v2/api-keys";
  const cases: [string, string, unknown, string][] = [
    ["clock", "advance_seconds: 1e308", { advance_seconds: 1e308 }, "advance_seconds"],
    ["clock", "advance_seconds: -1e308", '{"advance_seconds": -1e308}', "advance_seconds"],
    ["clock", "advance_seconds past year 9999", { advance_seconds: 1e13 }, "advance_seconds"],
    ["faults", "Retry-After with CR/LF", {
      route,
      status: 503,
      retry_after: "1\r\nX-Injected: yes",
    }, "retry_after"],
    [
      "faults",
      "Retry-After beyond ASCII",
      { route, status: 503, retry_after: "1\u2028" },
      "retry_after",
    ],
    ["faults", "a delay of 1e12 ms", { route, delay_ms: 1e12 }, "delay_ms"],
    ["faults", "a count of 1e308", { route, status: 503, count: 1e308 }, "count"],
    ["faults", "a status of 1e308", { route, status: 1e308 }, "status"],
  ];
  for (const [path, what, body, field] of cases) {
    it(`${path}: ${what}`, async () => {
      const answer = await post(path, body);
      assert.equal(answer.status, 400, answer.text);
      assert.match(answer.text, new RegExp(field));
    });
  }

  it("still serves, with no fault pending and the clock where it was", async () => {
    const faults = await fx.emu.admin("GET", "faults") as { faults: unknown[] };
    assert.deepEqual(faults.faults, []);
    const clock = await fx.emu.admin("GET", "clock") as { now: string };
    assert.match(clock.now, /^20\d\d-/);
    const list = await fetch(`${fx.emu.url}/v2/api-keys`, {
      headers: { authorization: `Bearer ${fx.emu.adminKey}` },
    });
    assert.equal(list.status, 200);
    await list.body?.cancel();
  });
});
