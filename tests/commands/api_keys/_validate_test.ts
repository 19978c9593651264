import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  checkDescription,
  checkName,
  codePointLength,
  parseExpiresAt,
  parseGracePeriod,
} from "../../../commands/api_keys/_validate.ts";
import { UsageError } from "../../../runtime/errors.ts";

const DATETIME_HELP = "Use ISO 8601 (e.g. '2099-12-31T23:59:59' or '2099-12-31').";

describe("parseExpiresAt", () => {
  const good: [string, string][] = [
    ["2025-12-31", "2025-12-31T00:00:00Z"],
    ["2025-12-31T23:59", "2025-12-31T23:59:00Z"],
    ["2025-12-31T23:59:59", "2025-12-31T23:59:59Z"],
    ["2025-12-31T23:59:59.999", "2025-12-31T23:59:59Z"],
    ["2025-12-31T23:59:59Z", "2025-12-31T23:59:59Z"],
    ["2025-12-31T23:59:59+02:00", "2025-12-31T21:59:59Z"],
    ["2025-12-31T23:30:00-01:45", "2026-01-01T01:15:00Z"],
    ["2024-02-29", "2024-02-29T00:00:00Z"],
    ["2000-02-29T12:00Z", "2000-02-29T12:00:00Z"],
    ["2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00Z"],
    // The form the table prints (issue 13): a space for the T.
    ["2024-12-31 23:59:59", "2024-12-31T23:59:59Z"],
    ["2027-01-01 10:00", "2027-01-01T10:00:00Z"],
  ];
  for (const [input, sent] of good) {
    it(`accepts ${input} as ${sent}`, () => assert.equal(parseExpiresAt(input), sent));
  }
  const bad = [
    "",
    "2024-02-30",
    "2023-02-29",
    "1900-02-29",
    "2024-13-01",
    "2024-00-10",
    "2024-04-31",
    "31/12/2024",
    "2024-1-01",
    "2024-12-31T24:00:00",
    "2024-12-31T23:60",
    "2024-12-31T23:59:60",
    "2024-12-31T23",
    "2024-12-31  23:59:59",
    "2024-12-31 23",
    "2024-12-31T23:59:59+2",
    "2024-12-31T23:59:59+24:00",
    "2024-12-31Z",
    "tomorrow",
    " 2024-12-31",
    "0000-01-01T00:00+01:00",
  ];
  for (const input of bad) {
    it(`rejects '${input}' with the reference message`, () => {
      assert.throws(() => parseExpiresAt(input), (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.equal(error.message, `Invalid datetime format: '${input}'. ${DATETIME_HELP}`);
        assert.equal(error.exitCode, 2);
        assert.match(error.hints.join("\n"), /--expires-at/);
        return true;
      });
    });
  }

  it("suggests examples a user can copy: valid and far in the future", () => {
    let message = "";
    assert.throws(() => parseExpiresAt("soon"), (error: Error) => (message = error.message, true));
    const examples = [...message.matchAll(/'(\d{4}-[^']+)'/g)].map((m) => m[1]);
    assert.equal(examples.length, 2, message);
    for (const example of examples) {
      // An expiry in the past would be refused by the very next check.
      assert.ok(Date.parse(parseExpiresAt(example)) > Date.now() + 365 * 86_400_000, example);
    }
  });
});

describe("checkName and checkDescription count code points like the server", () => {
  it("counts an emoji and a CJK character as one each", () => {
    assert.equal(codePointLength("🔑日a"), 3);
  });
  it("accepts 256 emoji (512 UTF-16 units)", () => {
    assert.equal(checkName("🔑".repeat(256)), "🔑".repeat(256));
  });
  it("rejects 257 characters", () => {
    assert.throws(() => checkName("x".repeat(257)), {
      message: "--name is too long: 257 characters (at most 256).",
    });
  });
  for (const blank of ["", "   ", "\t"]) {
    it(`rejects the blank name ${JSON.stringify(blank)}`, () => {
      assert.throws(() => checkName(blank), { message: "--name must not be empty." });
    });
  }
  it("accepts 1000 description characters and rejects 1001", () => {
    assert.equal(checkDescription("é".repeat(1000))?.length, 1000);
    assert.throws(() => checkDescription("é".repeat(1001)), {
      message: "--description is too long: 1001 characters (at most 1000).",
    });
  });
  it("passes an absent description through", () =>
    assert.equal(checkDescription(undefined), undefined));
});

describe("parseGracePeriod", () => {
  for (const [input, want] of [["0", 0], ["300", 300], ["86400", 86400]] as const) {
    it(`accepts ${input}`, () => assert.equal(parseGracePeriod(input), want));
  }
  for (const input of ["-1", "1.5", "abc", "86401", "", "1e3", "99999999999999999999"]) {
    it(`rejects '${input}'`, () => {
      assert.throws(() => parseGracePeriod(input), {
        name: "UsageError",
        message: `--grace-period-seconds must be a whole number from 0 to 86400, got '${input}'.`,
      });
    });
  }
});
