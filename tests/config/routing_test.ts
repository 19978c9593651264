import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  baseUrlFromRouting,
  normalizeBaseUrl,
  type Routing,
  RoutingError,
  routingFromBaseUrl,
} from "../../config/routing.ts";

describe("baseUrlFromRouting", () => {
  const cases: [string, Routing, string][] = [
    ["nothing", {}, "https://api.arize.com"],
    ["region", { region: "eu-west-1a" }, "https://api.eu-west-1a.arize.com"],
    ["region wins over the reference's default api_host", {
      region: "ca-central-1a",
      apiHost: "api.arize.com",
      apiScheme: "https",
    }, "https://api.ca-central-1a.arize.com"],
    ["single host", { singleHost: "arize.corp.example" }, "https://arize.corp.example"],
    [
      "single host and port",
      { singleHost: "arize.corp", singlePort: "8443" },
      "https://arize.corp:8443",
    ],
    ["single host, port and http", {
      singleHost: "127.0.0.1",
      singlePort: "4010",
      apiScheme: "http",
    }, "http://127.0.0.1:4010"],
    ["base domain", { baseDomain: "private.example.com" }, "https://api.private.example.com"],
    [
      "api host and scheme",
      { apiHost: "127.0.0.1:4010", apiScheme: "HTTP" },
      "http://127.0.0.1:4010",
    ],
    ["api host with a path", { apiHost: "gw.example/arize/" }, "https://gw.example/arize"],
    ["blank values count as unset", { region: " ", apiHost: "" }, "https://api.arize.com"],
  ];
  for (const [name, routing, expected] of cases) {
    it(name, () => assert.equal(baseUrlFromRouting(routing), expected));
  }

  const bad: [string, Routing, RegExp][] = [
    ["two overrides", { region: "us", baseDomain: "x.com" }, /only one of/],
    ["port without host", { singlePort: "443" }, /single_host is not/],
    ["port out of range", { singleHost: "h", singlePort: "70000" }, /not a port/],
    ["port not a number", { singleHost: "h", singlePort: "https" }, /not a port/],
    ["bad scheme", { apiHost: "h", apiScheme: "ftp" }, /http or https/],
    ["region with a slash", { region: "us/evil" }, /not a valid region/],
    ["host that is not a URL", { apiHost: "bad host" }, /api_host/],
  ];
  for (const [name, routing, message] of bad) {
    it(`rejects ${name}`, () =>
      assert.throws(() => baseUrlFromRouting(routing), (error: unknown) => {
        assert.ok(error instanceof RoutingError);
        assert.match(error.message, message);
        return true;
      }));
  }
});

describe("normalizeBaseUrl", () => {
  it("drops the trailing slash", () => {
    assert.equal(normalizeBaseUrl("https://api.arize.com/"), "https://api.arize.com");
  });
  for (
    const bad of ["api.arize.com", "ftp://x", "https://u:p@x", "https://x/?a=1", "https://x/#f", ""]
  ) {
    it(`rejects '${bad}'`, () => assert.throws(() => normalizeBaseUrl(bad), RoutingError));
  }
});

describe("routingFromBaseUrl", () => {
  for (
    const url of ["http://127.0.0.1:4010", "https://api.arize.com", "https://gw.example:8443/arize"]
  ) {
    it(`round-trips ${url}`, () => assert.equal(baseUrlFromRouting(routingFromBaseUrl(url)), url));
  }
  it("stores scheme and host (with port) as api_scheme/api_host", () => {
    assert.deepEqual(routingFromBaseUrl("http://127.0.0.1:4010/"), {
      apiScheme: "http",
      apiHost: "127.0.0.1:4010",
    });
  });
});
