import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { codePointLength, parseRfc3339, queryLimit } from "../../emulator/validate.ts";
import { ProblemError } from "../../emulator/responses.ts";

describe("parseRfc3339", () => {
  const valid: [string, string][] = [
    ["2026-12-31T23:59:59Z", "2026-12-31T23:59:59.000Z"],
    ["2026-12-31t23:59:59z", "2026-12-31T23:59:59.000Z"],
    ["2026-12-31T23:59:59.5Z", "2026-12-31T23:59:59.500Z"],
    ["2027-01-01T01:00:00+02:00", "2026-12-31T23:00:00.000Z"],
    ["2026-12-31T20:00:00-03:30", "2026-12-31T23:30:00.000Z"],
    ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"],
  ];
  for (const [input, expected] of valid) {
    it(`accepts ${input}`, () => {
      assert.equal(new Date(parseRfc3339(input)!).toISOString(), expected);
    });
  }
  const invalid = [
    "",
    "2026-12-31",
    "2026-12-31T23:59:59",
    "2026-12-31 23:59:59Z",
    "2024-02-30T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2024-13-01T00:00:00Z",
    "2024-12-01T24:00:00Z",
    "31/12/2024",
    "tomorrow",
    "2026-12-31T23:59:59+2:00",
  ];
  for (const input of invalid) {
    it(`rejects ${JSON.stringify(input)}`, () => assert.equal(parseRfc3339(input), undefined));
  }
});

describe("codePointLength", () => {
  it("counts code points, not UTF-16 units or bytes", () => {
    assert.equal(codePointLength("abc"), 3);
    assert.equal(codePointLength("😀😀"), 2);
    assert.equal(codePointLength("é"), 1);
    assert.equal(codePointLength("e\u0301"), 2);
  });
});

describe("queryLimit", () => {
  it("defaults to 50 and accepts 1 to 100", () => {
    assert.equal(queryLimit(undefined), 50);
    assert.equal(queryLimit("1"), 1);
    assert.equal(queryLimit("100"), 100);
  });
  for (const bad of ["0", "101", "-1", "abc", "1e2", "1.5", "", " 5", "+5"]) {
    it(`rejects ${JSON.stringify(bad)} naming limit`, () => {
      assert.throws(
        () => queryLimit(bad),
        (e) => e instanceof ProblemError && /^limit: /.test(JSON.parse(e.response.body).detail),
      );
    });
  }
});
