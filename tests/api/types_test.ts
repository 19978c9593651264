import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readApiKey, readApiKeyCreated, readApiKeyList, readSpaceList } from "../../api/types.ts";
import { NetworkError } from "../../runtime/errors.ts";
import { sampleKey } from "./_sample_key.ts";

describe("readApiKey", () => {
  it("keeps the known fields in wire order", () => {
    const key = readApiKey({ extra: 1, ...sampleKey() });
    assert.deepEqual(Object.keys(key), [
      "id",
      "name",
      "description",
      "key_type",
      "status",
      "redacted_key",
      "created_at",
      "expires_at",
      "created_by_user_id",
      "last_used_at",
    ]);
  });

  it("drops null and absent optional fields", () => {
    const key = readApiKey(
      sampleKey({ description: null, expires_at: null, last_used_at: undefined }),
    );
    assert.equal("description" in key, false);
    assert.equal("expires_at" in key, false);
    assert.equal("last_used_at" in key, false);
  });

  it("reads upper-case enum values of newer servers as lower case", () => {
    const key = readApiKey(sampleKey({ key_type: "SERVICE", status: "Revoked" }));
    assert.equal(key.key_type, "service");
    assert.equal(key.status, "revoked");
  });

  const broken: [string, Record<string, unknown>, string][] = [
    ["missing id", { id: undefined }, "body.id is missing"],
    ["null name", { name: null }, "body.name is null, expected a string"],
    ["numeric created_at", { created_at: 5 }, "body.created_at is a number, expected a string"],
    ["unknown status", { status: "paused" }, "body.status has unknown value 'paused'"],
    ["object description", { description: {} }, "body.description is an object, expected a string"],
  ];
  for (const [name, overrides, reason] of broken) {
    it(`rejects ${name} with an N6 error naming the field`, () => {
      assert.throws(
        () => readApiKey(sampleKey(overrides), { status: 200, excerpt: "{...}" }),
        (error) => {
          assert.ok(error instanceof NetworkError);
          assert.equal(error.message, "unexpected response from server (status 200, '{...}')");
          assert.ok(error.hints[0].includes(reason), error.hints[0]);
          return true;
        },
      );
    });
  }

  it("without an origin, shows the redacted value itself", () => {
    assert.throws(
      () => readApiKey("<html>"),
      (e) =>
        e instanceof NetworkError && e.message === `unexpected response from server ('"<html>"')`,
    );
    assert.throws(
      () => readApiKey(undefined),
      (e) =>
        e instanceof NetworkError && e.message === "unexpected response from server (empty body)",
    );
  });
});

describe("readApiKeyCreated", () => {
  it("requires the key", () => {
    assert.equal(readApiKeyCreated({ ...sampleKey(), key: "ak-raw" }).key, "ak-raw");
    assert.throws(() => readApiKeyCreated(sampleKey()), NetworkError);
  });

  it("never shows the key in the error", () => {
    assert.throws(
      () => readApiKeyCreated({ ...sampleKey({ id: 7 }), key: "ak-RAW-SECRET-1" }),
      (error) =>
        error instanceof NetworkError &&
        !JSON.stringify([error.message, error.hints]).includes("ak-RAW-SECRET-1"),
    );
  });
});

describe("readApiKeyList", () => {
  it("reads keys and pagination", () => {
    const list = readApiKeyList({
      api_keys: [sampleKey(), sampleKey({ id: "b" })],
      pagination: { has_more: true, next_cursor: "c2" },
    });
    assert.equal(list.api_keys.length, 2);
    assert.deepEqual(list.pagination, { has_more: true, next_cursor: "c2" });
  });

  it("reads every record of a list as readApiKey reads it alone", () => {
    const variants = [
      sampleKey(),
      sampleKey({ description: undefined, expires_at: undefined, last_used_at: undefined }),
      sampleKey({ description: null, expires_at: null, last_used_at: null }),
      sampleKey({ key_type: "SERVICE", status: "Revoked" }),
      { extra: true, ...sampleKey({ id: "x" }), more: [1] },
      Object.fromEntries(Object.entries(sampleKey()).reverse()),
    ];
    const list = readApiKeyList({ api_keys: variants, pagination: { has_more: false } });
    variants.forEach((variant, i) => {
      const alone = readApiKey(variant);
      assert.deepEqual(list.api_keys[i], alone);
      assert.deepEqual(Object.keys(list.api_keys[i]), Object.keys(alone), "same field order");
    });
  });

  it("names the wrong field of a list record", () => {
    assert.throws(
      () =>
        readApiKeyList({
          api_keys: [sampleKey(), sampleKey({ expires_at: 5 })],
          pagination: { has_more: false },
        }, { status: 200 }),
      (e) => e instanceof NetworkError && e.hints[0].includes("body.api_keys[1].expires_at"),
    );
  });

  it("drops a null next_cursor", () => {
    const list = readApiKeyList({
      api_keys: [],
      pagination: { has_more: false, next_cursor: null },
    });
    assert.deepEqual(list.pagination, { has_more: false });
  });

  const broken: [string, unknown, string][] = [
    ["an array body", [], "body is an array, expected an object"],
    ["no api_keys", { pagination: { has_more: false } }, "body.api_keys is missing"],
    ["no pagination", { api_keys: [] }, "body.pagination is missing"],
    [
      "a string has_more",
      { api_keys: [], pagination: { has_more: "no" } },
      "body.pagination.has_more",
    ],
    [
      "a bad item",
      { api_keys: [sampleKey(), 3], pagination: { has_more: false } },
      "body.api_keys[1]",
    ],
  ];
  for (const [name, body, reason] of broken) {
    it(`rejects ${name}`, () => {
      assert.throws(
        () => readApiKeyList(body, { status: 200 }),
        (e) => e instanceof NetworkError && e.hints[0].includes(reason),
      );
    });
  }
});

describe("readSpaceList", () => {
  it("reads spaces, tolerating missing description and created_at", () => {
    const list = readSpaceList({
      spaces: [{ id: "U3BhY2U6MTph", name: "prod", description: null }],
      pagination: { has_more: false },
    });
    assert.deepEqual(list, {
      spaces: [{ id: "U3BhY2U6MTph", name: "prod" }],
      pagination: { has_more: false },
    });
  });

  it("rejects a space without a name", () => {
    assert.throws(
      () => readSpaceList({ spaces: [{ id: "x" }], pagination: { has_more: false } }),
      NetworkError,
    );
  });
});
