import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { maskSecret } from "../../config/mask.ts";

describe("maskSecret", () => {
  it("keeps the first 6 and last 3 characters of a real key", () => {
    assert.equal(maskSecret("ak-abcdefghijklmnopqrstuvwxyz"), "ak-abc…xyz");
  });
  it("masks short values entirely, hiding their length", () => {
    assert.equal(maskSecret("ak-short"), "********");
    assert.equal(maskSecret("x"), "********");
    assert.equal(maskSecret("1234567890123456789"), "********");
  });
  it("never cuts a character in half", () => {
    assert.equal(maskSecret("🔑🔑🔑🔑🔑🔑-middle-part-🗝🗝🗝"), "🔑🔑🔑🔑🔑🔑…🗝🗝🗝");
  });
});
