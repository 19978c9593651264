import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  baseUrlFromRouting,
  normalizeBaseUrl,
  type Routing,
  RoutingError,
  routingFromBaseUrl,
} from "../../config/routing.ts";

describe("baseUrlFromRouting (Arize SDK's rule)", () => {
  const cases: [string, Routing, string][] = [
    ["nothing", {}, "https://api.arize.com"],
    ["region", { region: "eu-west-1a" }, "https://api.eu-west-1a.arize.com"],
    ["region wins over the reference's default api_host", {
      region: "ca-central-1a",
      apiHost: "api.arize.com",
      apiScheme: "https",
    }, "https://api.ca-central-1a.arize.com"],
    [
      "region with api_scheme http",
      { region: "us-east-1b", apiScheme: "http" },
      "http://api.us-east-1b.arize.com",
    ],
    ["single host", { singleHost: "arize.corp.example" }, "https://arize.corp.example"],
    [
      "single host and port: the port is Arrow Flight's only",
      { singleHost: "h", singlePort: "4433" },
      "https://h",
    ],
    ["single host, port and http", {
      singleHost: "127.0.0.1",
      singlePort: "4010",
      apiScheme: "http",
    }, "http://127.0.0.1"],
    [
      "single host carrying its own port",
      { singleHost: "127.0.0.1:4010", apiScheme: "http" },
      "http://127.0.0.1:4010",
    ],
    [
      "single port alone leaves the API host",
      { singlePort: "443", apiHost: "api.arize.com" },
      "https://api.arize.com",
    ],
    [
      "single port 0 counts as unset",
      { singlePort: "0", region: "eu-west-1a" },
      "https://api.eu-west-1a.arize.com",
    ],
    ["base domain", { baseDomain: "private.example.com" }, "https://api.private.example.com"],
    [
      "base domain with api_scheme http",
      { baseDomain: "pc.local", apiScheme: "http" },
      "http://api.pc.local",
    ],
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
    [
      "region and base_domain",
      { region: "us-east-1b", baseDomain: "x.com" },
      /region = 'us-east-1b' and base_domain = 'x.com' are both set/,
    ],
    [
      "single_host and region",
      { region: "eu-west-1a", singleHost: "h" },
      /region = 'eu-west-1a' and single_host = 'h' are both set/,
    ],
    [
      "single_port and base_domain",
      { singlePort: "443", baseDomain: "x.com" },
      /single_port = '443' and base_domain = 'x.com' are both set/,
    ],
    ["port out of range", { singleHost: "h", singlePort: "70000" }, /not a port/],
    ["port not a number", { singleHost: "h", singlePort: "https" }, /not a port/],
    ["bad scheme", { apiHost: "h", apiScheme: "ftp" }, /http or https/],
    ["an unknown region", { region: "eu" }, /region 'eu' is not one of ca-central-1a, eu-west-1a/],
    ["region with a slash", { region: "us/evil" }, /is not one of/],
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
