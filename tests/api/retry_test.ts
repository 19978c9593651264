import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { backoffMs, parseRetryAfter } from "../../api/_retry.ts";

const NOW = new Date("2026-06-01T12:00:00Z");

describe("backoffMs", () => {
  it("grows exponentially under full jitter and is capped", () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(n, 0.999999)), [
      500,
      1000,
      2000,
      4000,
      8000,
      8000,
      8000,
    ]);
    assert.equal(backoffMs(1, 0), 0);
    assert.equal(backoffMs(2, 0.5), 500);
  });
});

describe("parseRetryAfter", () => {
  const cases: [string | null, number | undefined][] = [
    [null, undefined],
    ["0", 0],
    ["7", 7],
    [" 12 ", 12],
    ["Mon, 01 Jun 2026 12:00:30 GMT", 30],
    ["Mon, 01 Jun 2026 11:00:00 GMT", 0],
    ["1.5", undefined],
    ["-3", undefined],
    ["soon", undefined],
    ["", undefined],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} → ${expected}`, () =>
      assert.equal(parseRetryAfter(value, NOW), expected));
  }
});
