import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  isSecretName,
  REDACTED,
  redactHeaders,
  redactJson,
  redactText,
  scrubSecrets,
} from "../../api/redact.ts";

describe("isSecretName", () => {
  const secret = [
    "key",
    "KEY",
    "api_key",
    "Api-Key",
    "token",
    "access_token",
    "refresh_token",
    "secret",
    "password",
    "authorization",
    "Authorization",
    "cookie",
    "Set-Cookie",
  ];
  const visible = ["key_type", "redacted_key", "id", "name", "monkey", "keys", "token_count"];
  for (const name of secret) it(`${name} is secret`, () => assert.equal(isSecretName(name), true));
  for (const name of visible) it(`${name} is not`, () => assert.equal(isSecretName(name), false));
});

describe("redactJson", () => {
  it("redacts at any depth, in arrays too, whatever the value's type", () => {
    const input = {
      key_type: "user",
      redacted_key: "ak-abc...xyz",
      key: "ak-raw",
      nested: { token: 42, list: [{ password: { a: 1 } }, "key"] },
    };
    assert.deepEqual(redactJson(input), {
      key_type: "user",
      redacted_key: "ak-abc...xyz",
      key: REDACTED,
      nested: { token: REDACTED, list: [{ password: REDACTED }, "key"] },
    });
    assert.equal(input.key, "ak-raw", "the input is not modified");
  });

  it("passes scalars through", () => {
    assert.equal(redactJson("key"), "key");
    assert.equal(redactJson(null), null);
  });
});

describe("redactText", () => {
  it("redacts quoted pairs, including one cut off mid-value", () => {
    assert.equal(
      redactText('{"key_type": "user", "key": "ak-1", "secret":"s2", "token": "cut-of'),
      '{"key_type": "user", "key": "[REDACTED]", "secret":"[REDACTED]", "token": "[REDACTED]"',
    );
  });

  it("handles escaped quotes inside a value", () => {
    assert.equal(redactText('{"key": "a\\"b", "x": 1}'), '{"key": "[REDACTED]", "x": 1}');
  });
});

describe("redactHeaders", () => {
  it("hides Authorization, Cookie and Set-Cookie, keeps the rest", () => {
    assert.deepEqual(
      redactHeaders({ Authorization: "Bearer x", Accept: "a", Cookie: "c=1" }),
      [["Authorization", REDACTED], ["Accept", "a"], ["Cookie", REDACTED]],
    );
    assert.deepEqual(
      redactHeaders(new Headers({ "set-cookie": "s=1", "content-type": "t" })),
      [["content-type", "t"], ["set-cookie", REDACTED]],
    );
  });
});

describe("scrubSecrets", () => {
  it("replaces every occurrence of long secrets only", () => {
    assert.equal(
      scrubSecrets("a ak-12345678 b ak-12345678", ["ak-12345678"]),
      `a ${REDACTED} b ${REDACTED}`,
    );
    assert.equal(scrubSecrets("the key", ["key"]), "the key");
  });
});
