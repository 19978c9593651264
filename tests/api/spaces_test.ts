import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isSpaceId, listSpaces, resolveSpaceId } from "../../api/spaces.ts";
import { createClient } from "../../api/client.ts";
import { AxError } from "../../runtime/errors.ts";
import { PaginationError } from "../../api/paginate.ts";
import { fakeContext } from "../_helpers/fake_context.ts";
import { fetchStub, json, type Reply } from "../_helpers/fetch_stub.ts";

function setup(steps: Reply[]) {
  const script = fetchStub().any(...steps);
  const fake = fakeContext({ fetch: script.fetch });
  const client = createClient(fake.ctx, {
    baseUrl: "https://api.example.test",
    apiKey: "ak-bearer-token-abcdef0123456789",
    timeoutMs: 5_000,
    verbose: false,
  });
  return { client, script };
}

function page(spaces: [string, string][], nextCursor?: string): Reply {
  return json(200, {
    spaces: spaces.map(([id, name]) => ({
      id,
      name,
      description: "",
      created_at: "2024-01-01T00:00:00Z",
    })),
    pagination: nextCursor ? { has_more: true, next_cursor: nextCursor } : { has_more: false },
  });
}

describe("isSpaceId", () => {
  const ids = [
    btoa("Space:1:bFuL"),
    btoa("Space:1:bFuL").replace(/=+$/, ""),
    btoa("Space:123:ab?>").replaceAll("+", "-").replaceAll("/", "_"),
  ];
  const names = ["prod", "My Space", "abcd", "test", "Space:1:bFuL", "", "a=b", "ml-team"];
  for (const id of ids) it(`${id} is an ID`, () => assert.equal(isSpaceId(id), true));
  for (const name of names) {
    it(`${JSON.stringify(name)} is a name`, () => assert.equal(isSpaceId(name), false));
  }
});

describe("resolveSpaceId", () => {
  it("returns an ID as is, without a request", async () => {
    const { client, script } = setup([]);
    assert.equal(await resolveSpaceId(client, "U3BhY2U6MTpiRnVM"), "U3BhY2U6MTpiRnVM");
    assert.equal(script.seen.length, 0);
  });

  it("finds the exact match among substring matches, across pages", async () => {
    const { client, script } = setup([
      page([["id-1", "prod-eu"], ["id-2", "Prod"]], "c2"),
      page([["id-3", "prod"]]),
    ]);
    assert.equal(await resolveSpaceId(client, "prod"), "id-3");
    const urls = script.seen.map((r) => r.url.search);
    assert.deepEqual(urls, ["?name=prod&limit=100", "?name=prod&limit=100&cursor=c2"]);
    script.verify();
  });

  it("not found: exit 1, names the value", async () => {
    const { client } = setup([page([["id-1", "production"]])]);
    await assert.rejects(resolveSpaceId(client, "prod"), (error) => {
      assert.ok(error instanceof AxError);
      assert.equal(error.message, "space 'prod' not found");
      assert.equal(error.exitCode, 1);
      return true;
    });
  });

  it("ambiguous: lists the matching IDs", async () => {
    const { client } = setup([page([["id-1", "prod"], ["id-2", "prod"]])]);
    await assert.rejects(
      resolveSpaceId(client, "prod"),
      (e) =>
        e instanceof AxError && e.exitCode === 1 &&
        e.message ===
          "Multiple spaces named 'prod' found. Use a space ID to disambiguate. Matching IDs: id-1, id-2",
    );
  });

  it("fails instead of looping on a broken cursor", async () => {
    const { client } = setup([page([], "c1"), page([], "c1")]);
    await assert.rejects(
      resolveSpaceId(client, "prod"),
      (error) => error instanceof PaginationError && error.exitCode === 4,
    );
  });
});

describe("listSpaces", () => {
  it("sends only the set parameters", async () => {
    const { client, script } = setup([page([["id-1", "a"]])]);
    const result = await listSpaces(client, { limit: 5 });
    assert.equal(script.seen[0].url.search, "?limit=5");
    assert.equal(result.spaces[0].name, "a");
  });
});
