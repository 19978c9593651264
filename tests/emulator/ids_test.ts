import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  decodeId,
  encodeId,
  hashSecret,
  KEY_RANDOM_LENGTH,
  newKeySecret,
  randomBase62,
  redactSecret,
} from "../../emulator/ids.ts";

describe("key secrets", () => {
  it("are ak- followed by at least 40 base62 characters, all different", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const secret = newKeySecret();
      assert.match(secret, /^ak-[0-9A-Za-z]{40,}$/);
      assert.equal(secret.length, 3 + KEY_RANDOM_LENGTH);
      seen.add(secret);
    }
    assert.equal(seen.size, 2000);
  });

  it("use every base62 character with roughly equal frequency", () => {
    const counts = new Map<string, number>();
    for (const char of randomBase62(62_000)) counts.set(char, (counts.get(char) ?? 0) + 1);
    assert.equal(counts.size, 62);
    for (const count of counts.values()) assert.ok(count > 800 && count < 1200, String(count));
  });

  it("are kept as a SHA-256 hex digest", () => {
    assert.equal(
      hashSecret("abc"),
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("redact to the first and last three characters of the random part", () => {
    assert.equal(redactSecret("ak-abcDEFGHIJKLMNOPxyz"), "ak-abc...xyz");
    assert.equal(redactSecret("ak-abc"), "ak-***");
  });
});

describe("IDs", () => {
  it("are base64 of text containing ':' and decode back to their kind and sequence", () => {
    for (let seq = 1; seq < 300; seq++) {
      const id = encodeId("ApiKey", seq);
      assert.match(atob(id), new RegExp(`^ApiKey:${seq}:[0-9A-Za-z]{4}$`));
      assert.deepEqual(decodeId(id), { kind: "ApiKey", seq });
    }
  });

  it("include URL-unsafe base64 characters often enough to exercise encoding", () => {
    const ids = Array.from({ length: 200 }, (_, i) => encodeId("ApiKey", 1000 + i)).join("");
    assert.ok(/[+/=]/.test(ids));
  });

  it("accept the shape of Arize's documented examples", () => {
    assert.deepEqual(decodeId("VXNlcjoxMjM0NQ=="), { kind: "User", seq: 12345 });
    assert.deepEqual(decodeId("U3BhY2U6MTIzNDU="), { kind: "Space", seq: 12345 });
  });

  it("reject values that are not IDs", () => {
    for (const value of ["", "abc", "default", btoa("nocolon"), "!!!!", btoa("Space:x:1")]) {
      assert.equal(decodeId(value), undefined, value);
    }
  });
});
