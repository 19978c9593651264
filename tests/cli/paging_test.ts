import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseLimit, parsePaging } from "../../cli/paging.ts";
import { UsageError } from "../../runtime/errors.ts";

describe("parseLimit", () => {
  const good: [string, number][] = [["1", 1], ["15", 15], ["100", 100], ["250", 250], ["007", 7], [
    "99999999999999999999",
    Number.MAX_SAFE_INTEGER,
  ]];
  for (const [input, want] of good) {
    it(`accepts ${input}`, () => assert.equal(parseLimit(input), want));
  }
  for (const input of ["0", "00", "-1", "abc", "1e9", "1.5", "", " 5", "+5", "0x10"]) {
    it(`rejects '${input}'`, () => {
      assert.throws(() => parseLimit(input), {
        name: "UsageError",
        message: `--limit must be a positive whole number (e.g. 15 or 250), got '${input}'.`,
      });
    });
  }
});

describe("parsePaging", () => {
  const noun = { one: "space", many: "spaces" };
  it("one default page, --limit N, --all, and a cursor to resume from", () => {
    assert.deepEqual(parsePaging({}, noun), { want: "page", cursor: undefined });
    assert.deepEqual(parsePaging({ limit: "250" }, noun), { want: 250, cursor: undefined });
    assert.deepEqual(parsePaging({ all: true, cursor: "c1" }, noun), { want: "all", cursor: "c1" });
  });
  it("--limit with --all is a usage error in the list's own words", () => {
    assert.throws(() => parsePaging({ limit: "5", all: true }, noun), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.equal(error.message, "--limit and --all cannot be used together.");
      assert.deepEqual(error.hints, ["Use --limit N for N spaces, or --all for every space."]);
      return true;
    });
  });
  it("an empty --cursor is a usage error", () => {
    assert.throws(() => parsePaging({ cursor: " " }, noun), /--cursor must not be empty/);
  });
});
