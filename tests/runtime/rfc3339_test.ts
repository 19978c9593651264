import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type Instant, parseRfc3339, type Rfc3339Options } from "../../runtime/rfc3339.ts";

/** The parse as `YYYY-MM-DDTHH:MM:SS.ffffffZ` (or undefined), to compare readably. */
function iso(text: string, options?: Rfc3339Options): string | undefined {
  const instant: Instant | undefined = parseRfc3339(text, options);
  if (!instant) return undefined;
  const seconds = new Date(instant.epochSeconds * 1000).toISOString().slice(0, 19);
  return `${seconds}.${String(instant.micros).padStart(6, "0")}Z`;
}

describe("parseRfc3339", () => {
  it("reads strict RFC 3339 under every option set", () => {
    for (const options of [{}, { offsetOptional: true, relaxed: true }, { shortForms: true }]) {
      assert.equal(iso("2024-01-15T10:30:00Z", options), "2024-01-15T10:30:00.000000Z");
      assert.equal(
        iso("2024-01-15t12:30:00.1234567+02:00", options),
        "2024-01-15T10:30:00.123456Z",
      );
      assert.equal(iso("2024-02-29T23:59:59-00:30", options), "2024-03-01T00:29:59.000000Z");
    }
  });

  it("accepts the lenient shapes only when asked", () => {
    const cases: [string, keyof Rfc3339Options, string][] = [
      ["2024-01-15T10:30:00", "offsetOptional", "2024-01-15T10:30:00.000000Z"],
      ["2024-01-15 10:30:00Z", "relaxed", "2024-01-15T10:30:00.000000Z"],
      ["2024-01-15T10:30:00+0100", "relaxed", "2024-01-15T09:30:00.000000Z"],
      ["2024-01-15T10:30Z", "shortForms", "2024-01-15T10:30:00.000000Z"],
    ];
    for (const [text, option, expected] of cases) {
      assert.equal(iso(text), undefined, text);
      assert.equal(iso(text, { [option]: true }), expected, text);
    }
    assert.equal(iso("2024-01-15", { shortForms: true }), "2024-01-15T00:00:00.000000Z");
    assert.equal(iso("2024-01-15", { offsetOptional: true, relaxed: true }), undefined);
    assert.equal(iso("2024-01-15Z", { shortForms: true }), undefined, "a date alone has no offset");
  });

  it("refuses leap seconds, impossible dates and offsets, whatever the options", () => {
    const all = { offsetOptional: true, relaxed: true, shortForms: true };
    for (
      const bad of [
        "2016-12-31T23:59:60Z",
        "2016-12-31T23:59:60.5Z",
        "2024-02-30T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2024-01-01T24:00:00Z",
        "2024-01-01T00:60:00Z",
        "2024-01-01T00:00:00+24:00",
        "2024-01-01T00:00:00+01:60",
      ]
    ) {
      assert.equal(parseRfc3339(bad), undefined, bad);
      assert.equal(parseRfc3339(bad, all), undefined, bad);
    }
  });

  it("keeps instants in years 0000-9999 of UTC, after the offset", () => {
    assert.equal(iso("0000-01-01T00:00:00Z"), "0000-01-01T00:00:00.000000Z");
    assert.equal(iso("9999-12-31T23:59:59.999999Z"), "9999-12-31T23:59:59.999999Z");
    assert.equal(iso("0000-01-01T00:59:59+01:00"), undefined, "UTC year -1");
    assert.equal(iso("9999-12-31T23:00:00-01:00"), undefined, "UTC year 10000");
    assert.equal(iso("10000-01-01T00:00:00Z"), undefined);
    assert.equal(iso("+010000-01-01T00:00:00Z"), undefined);
    assert.equal(iso("-0001-01-01T00:00:00Z"), undefined);
    // Years below 100 are years, not 1900 + year (Date.UTC's reading).
    assert.equal(parseRfc3339("0050-03-01T00:00:00+00:00")?.epochSeconds, -60584198400);
  });
});
