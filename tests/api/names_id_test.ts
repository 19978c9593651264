import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { namesId } from "../../api/_names_id.ts";

describe("namesId", () => {
  it("is true for a path below the collection", () => {
    assert.equal(namesId({ path: "/v2/api-keys/QXBp/revoke" }), true);
    assert.equal(namesId({ path: "/v2/api-keys/QXBp/refresh", body: {} }), true);
  });

  it("is true for an ID in the query or the body", () => {
    assert.equal(namesId({ path: "/v2/api-keys", query: { space_id: "U3Bh", limit: 15 } }), true);
    assert.equal(namesId({ path: "/v2/api-keys", query: { user_id: "VXNl" } }), true);
    assert.equal(
      namesId({ path: "/v2/api-keys", body: { name: "n", key_type: "service", space_id: "U3Bh" } }),
      true,
    );
  });

  it("is false for a collection request that names no ID", () => {
    assert.equal(namesId({ path: "/v2/api-keys", query: { limit: 15, cursor: "c1" } }), false);
    assert.equal(namesId({ path: "/v2/spaces", query: { name: "prod", limit: 100 } }), false);
    assert.equal(namesId({ path: "/v2/api-keys", body: { name: "n", key_type: "user" } }), false);
    // Unset IDs are not sent, so they name nothing.
    assert.equal(namesId({ path: "/v2/api-keys", query: { space_id: undefined } }), false);
    assert.equal(namesId({ path: "/v2/api-keys", query: { space_id: "" } }), false);
  });
});
