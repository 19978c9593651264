import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { relativeTime, relativeTimestamp } from "../../formats/_relative_time.ts";

const NOW = new Date("2026-06-01T12:00:00Z");
const after = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe("relativeTime (fixed clock)", () => {
  const cases: [number, string][] = [
    [0, "just now"],
    [59, "just now"],
    [-59, "just now"],
    [60, "in 1 minute"],
    [-150, "2 minutes ago"],
    [3600, "in 1 hour"],
    [-23 * 3600, "23 hours ago"],
    [86_400, "in 1 day"],
    [12.5 * 86_400, "in 12 days"],
    [-29 * 86_400, "29 days ago"],
    [30 * 86_400, "in 1 month"],
    [-95 * 86_400, "3 months ago"],
    [364 * 86_400, "in 12 months"],
    [365 * 86_400, "in 1 year"],
    [-800 * 86_400, "2 years ago"],
    // Whole units seen a moment late read as the whole unit, not one less.
    [90 * 86_400 - 5, "in 3 months"],
    [365 * 86_400 - 30, "in 1 year"],
    [-(365 * 86_400 - 7200), "1 year ago"],
    [86_400 - 10, "in 1 day"],
    [3600 - 20, "in 1 hour"],
    [89 * 86_400, "in 2 months"],
  ];
  for (const [seconds, expected] of cases) {
    it(`${seconds} s → ${expected}`, () =>
      assert.equal(relativeTime(after(seconds), NOW), expected));
  }

  it("reads RFC 3339 text with any offset; undefined for anything else", () => {
    assert.equal(relativeTimestamp("2026-06-13T12:00:00+02:00", NOW), "in 11 days");
    assert.equal(relativeTimestamp("2026-05-01T12:00:00.123456Z", NOW), "1 month ago");
    assert.equal(relativeTimestamp("not a date", NOW), undefined);
  });
});
