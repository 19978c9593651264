import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { bypassesProxy, fetchWithNetwork } from "../../runtime/network_fetch.ts";

describe("bypassesProxy", () => {
  const cases: [string, string | undefined, boolean][] = [
    ["https://api.arize.com/v2", undefined, false],
    ["https://api.arize.com/v2", "*", true],
    ["https://api.arize.com/v2", "arize.com", true],
    ["https://api.arize.com/v2", ".arize.com", true],
    ["https://api.arize.com/v2", "*.arize.com", true],
    ["https://notarize.com/v2", "arize.com", false],
    ["http://127.0.0.1:8787/v2", "localhost, 127.0.0.1", true],
    ["http://127.0.0.1:8787/v2", "127.0.0.1:9999", false],
    ["http://127.0.0.1:8787/v2", "127.0.0.1:8787", true],
    ["https://api.arize.com/v2", "example.com,other.org", false],
  ];
  for (const [url, noProxy, expected] of cases) {
    it(`${url} with NO_PROXY=${noProxy}`, () =>
      assert.equal(bypassesProxy(new URL(url), noProxy), expected));
  }
});

describe("fetchWithNetwork", () => {
  it("returns the base fetch when no proxy or CA is set", () => {
    const base = (() => Promise.resolve(new Response())) as typeof fetch;
    assert.equal(fetchWithNetwork(base, {}), base);
  });
  it("names the file when the CA bundle cannot be read", () => {
    const base = (() => Promise.resolve(new Response())) as typeof fetch;
    assert.throws(
      () => fetchWithNetwork(base, { caBundle: "/nonexistent/ca.pem" }),
      /\/nonexistent\/ca\.pem/,
    );
  });
});
