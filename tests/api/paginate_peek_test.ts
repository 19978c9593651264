import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { peekPagination } from "../../api/paginate.ts";
import { sampleKey } from "./_sample_key.ts";

const keys = [sampleKey({ id: "a" }), sampleKey({ id: "b", name: 'says "pagination": {}' })];

describe("peekPagination", () => {
  it("reads the pagination a compact answer ends with", () => {
    const text = JSON.stringify({
      api_keys: keys,
      pagination: { has_more: true, next_cursor: "c1" },
    });
    assert.deepEqual(peekPagination(text), { has_more: true, next_cursor: "c1" });
  });

  it("reads a pretty-printed answer and a last page", () => {
    const text = JSON.stringify({ api_keys: keys, pagination: { has_more: false } }, null, 2);
    assert.deepEqual(peekPagination(`${text}\n`), { has_more: false });
    const nullCursor = JSON.stringify({
      api_keys: [],
      pagination: { has_more: false, next_cursor: null },
    });
    assert.deepEqual(peekPagination(nullCursor), { has_more: false });
  });

  it("reads a cursor holding escaped quotes and braces", () => {
    const cursor = 'a"}b\\"pagination\\":{';
    const text = JSON.stringify({
      api_keys: keys,
      pagination: { has_more: true, next_cursor: cursor },
    });
    assert.deepEqual(peekPagination(text), { has_more: true, next_cursor: cursor });
  });

  it("cannot tell when pagination is not the last member", () => {
    const text = JSON.stringify({
      pagination: { has_more: true, next_cursor: "c1" },
      api_keys: keys,
    });
    assert.equal(peekPagination(text), undefined);
  });

  it("cannot tell from a key's field named pagination or a truncated body", () => {
    const nested = JSON.stringify({
      pagination: { has_more: true, next_cursor: "real" },
      api_keys: [{ ...keys[0], pagination: { has_more: true, next_cursor: "fake" } }],
    });
    assert.equal(peekPagination(nested), undefined);
    const whole = JSON.stringify({
      api_keys: keys,
      pagination: { has_more: true, next_cursor: "c" },
    });
    assert.equal(peekPagination(whole.slice(0, -3)), undefined);
    assert.equal(peekPagination(""), undefined);
    assert.equal(peekPagination("<html>pagination</html>"), undefined);
  });

  it("cannot tell from a pagination of the wrong shape", () => {
    for (const pagination of [{ has_more: "yes" }, { has_more: true, next_cursor: 5 }, [], null]) {
      const text = JSON.stringify({ api_keys: keys, pagination });
      assert.equal(peekPagination(text), undefined, JSON.stringify(pagination));
    }
  });
});
