import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { enumParser } from "../../cli/build.ts";

describe("enumParser", () => {
  const parse = enumParser(["admin", "member", "read-only"] as const);
  it("lower-cases any case", () => {
    assert.equal(parse("ADMIN"), "admin");
    assert.equal(parse("Read-Only"), "read-only");
  });
  it("names the accepted values", () => {
    assert.throws(() => parse("owner"), {
      code: "commander.invalidArgument",
      message: "Allowed values are admin, member, read-only (any case).",
    });
  });
});
