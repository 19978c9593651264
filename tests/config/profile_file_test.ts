import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parse } from "smol-toml";
import { parseProfile, renderProfile } from "../../config/profile_file.ts";
import { ConfigError } from "../../runtime/errors.ts";

const source = { name: "work", file: "/cfg/profiles/work.toml", env: { MY_KEY: "ak-from-env" } };

/** Asserts that parsing `text` fails with a ConfigError naming the file, the problem and the fix. */
function assertBroken(text: string, problem: RegExp, env: Record<string, string> = {}) {
  assert.throws(() => parseProfile(text, { ...source, env }), (error: unknown) => {
    assert.ok(error instanceof ConfigError, String(error));
    assert.equal(error.exitCode, 1);
    assert.match(error.message, /\/cfg\/profiles\/work\.toml/);
    assert.match(error.message, problem);
    assert.ok(error.hints.length > 0, "a hint says how to fix it");
    return true;
  });
}

describe("parseProfile", () => {
  it("reads every section we use", () => {
    const profile = parseProfile(
      `[auth]
api_key = "ak-literal"
[routing]
region = "eu-west-1a"
[network]
proxy_url = "http://proxy:3128"
no_proxy = "localhost"
ca_bundle = "/etc/ca.pem"
[output]
format = "json"
`,
      source,
    );
    assert.deepEqual(profile, {
      name: "work",
      file: source.file,
      apiKey: "ak-literal",
      apiKeyRaw: "ak-literal",
      authMethod: undefined,
      routing: {
        region: "eu-west-1a",
        singleHost: undefined,
        singlePort: undefined,
        baseDomain: undefined,
        apiHost: undefined,
        apiScheme: undefined,
      },
      network: { proxyUrl: "http://proxy:3128", noProxy: "localhost", caBundle: "/etc/ca.pem" },
      requestVerify: undefined,
      outputFormat: "json",
      outputFormatKey: "[output] format",
    });
  });

  it("ignores unknown keys and sections (reference-written files load)", () => {
    const profile = parseProfile(
      `[profile]
name = "work"
[auth]
auth_method = "api-key"
api_key = "ak-1"
extra = 42
[routing]
api_host = "api.arize.com"
api_scheme = "https"
otlp_host = "otlp.arize.com"
flight_port = "443"
[transport]
stream_max_workers = 8
[storage]
directory = "~/.arize"
cache_enabled = true
`,
      source,
    );
    assert.equal(profile.apiKey, "ak-1");
    assert.equal(profile.routing.apiHost, "api.arize.com");
  });

  it("accepts single_port as an integer or a string", () => {
    assert.equal(
      parseProfile(`[routing]\nsingle_host = "h"\nsingle_port = 8443`, source).routing.singlePort,
      "8443",
    );
    assert.equal(
      parseProfile(`[routing]\nsingle_host = "h"\nsingle_port = "8443"`, source).routing.singlePort,
      "8443",
    );
  });

  it("expands ${VAR} and ${VAR:default} but keeps the raw key", () => {
    const profile = parseProfile(
      `[auth]\napi_key = "\${MY_KEY}"\n[routing]\nregion = "\${REGION:us-east-1b}"`,
      source,
    );
    assert.equal(profile.apiKey, "ak-from-env");
    assert.equal(profile.apiKeyRaw, "${MY_KEY}");
    assert.equal(profile.routing.region, "us-east-1b");
  });

  it("treats an empty key as absent", () => {
    assert.equal(parseProfile(`[auth]\napi_key = ""`, source).apiKey, undefined);
    assert.equal(
      parseProfile(`[auth]\napi_key = "\${EMPTY}"`, { ...source, env: { EMPTY: "" } }).apiKey,
      undefined,
    );
  });

  it("a file with only comments is not empty but has no key", () => {
    assert.equal(parseProfile("# nothing yet\n", source).apiKey, undefined);
  });

  const broken: [string, string, RegExp][] = [
    ["empty", "", /is empty/],
    ["blank", " \n\t\n", /is empty/],
    ["not TOML", "[auth\napi_key = ", /is not valid TOML \(line 1/],
    ["binary junk", "\u0000\u0001PK", /is not valid TOML/],
    ["auth not a table", `auth = "ak-1"`, /'auth' that is not a \[auth\] table/],
    ["api_key a number", "[auth]\napi_key = 123", /\[auth\] api_key that is not a string/],
    ["api_key an array", `[auth]\napi_key = ["a"]`, /\[auth\] api_key that is not a string/],
    ["region a boolean", "[routing]\nregion = true", /\[routing\] region that is not a string/],
    [
      "port a float",
      "[routing]\nsingle_port = 1.5",
      /single_port that is not a string or an integer/,
    ],
    ["output format a table", "[output.format]\nx = 1", /\[output\] format that is not a string/],
    ["routing an array of tables", "[[routing]]\nregion = 'x'", /'routing' that is not/],
  ];
  for (const [name, text, problem] of broken) {
    it(`rejects a ${name} file, naming the file and the fix`, () => assertBroken(text, problem));
  }

  it("keeps an unset ${VAR} in api_key as a problem naming the variable and the file", () => {
    // Not thrown: ARIZE_API_KEY may replace the key, and the rest of the file is still good.
    const profile = parseProfile(
      `[auth]\napi_key = "\${ARIZE_KEY_X}"\n[routing]\nsingle_host = "h"`,
      { ...source, env: {} },
    );
    assert.equal(profile.apiKey, undefined);
    assert.equal(profile.routing.singleHost, "h");
    const error = profile.apiKeyProblem;
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /ARIZE_KEY_X is not set/);
    assert.match(error.message, /work\.toml/);
    assert.match(error.hints.join(" "), /\$\{ARIZE_KEY_X:value\}/);
  });

  it("rejects an unset ${VAR} elsewhere, naming the variable and the file", () => {
    assert.throws(
      () => parseProfile(`[routing]\nsingle_host = "\${HOST_X}"`, { ...source, env: {} }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(
          error.message,
          /\[routing\] single_host uses \$\{HOST_X\}, but HOST_X is not set/,
        );
        return true;
      },
    );
  });

  it("ignores an unset variable in a key it does not read", () => {
    assert.equal(
      parseProfile(`[auth]\napi_key = "k"\n[storage]\ndirectory = "\${NOPE}"`, source).apiKey,
      "k",
    );
  });
});

describe("renderProfile", () => {
  it("writes the reference layout and reads back the same values", () => {
    const text = renderProfile({
      name: "local",
      apiKey: 'ak-"quoted"\\key',
      routing: { apiScheme: "http", apiHost: "127.0.0.1:4010" },
      outputFormat: "json",
    });
    assert.deepEqual(JSON.parse(JSON.stringify(parse(text))), {
      profile: { name: "local" },
      auth: { auth_method: "api-key", api_key: 'ak-"quoted"\\key' },
      routing: { api_scheme: "http", api_host: "127.0.0.1:4010" },
      output: { format: "json" },
    });
    const back = parseProfile(text, { name: "local", file: "f", env: {} });
    assert.equal(back.apiKey, 'ak-"quoted"\\key');
    assert.equal(back.routing.apiHost, "127.0.0.1:4010");
    assert.equal(back.outputFormat, "json");
  });
  it("omits empty sections", () => {
    const doc = parse(renderProfile({ name: "d", apiKey: "k" }));
    assert.deepEqual(Object.keys(doc).sort(), ["auth", "profile"]);
  });
});
