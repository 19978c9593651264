/**
 * Profiles written exactly as the reference Arize CLI writes them are read
 * with the meaning Arize's SDK gives them, and profiles ax writes pass the
 * reference's schema rules.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "smol-toml";
import { loadSettings, requireApiKey, type Settings } from "../../config/settings.ts";
import { runCreate } from "../../commands/profiles/create.ts";
import { ConfigError } from "../../runtime/errors.ts";
import {
  type ReferenceProfile,
  referenceProfileText,
  referenceSchemaProblems,
} from "./_reference_profile.ts";
import { configContext, removeDir, tempDir, writeProfileFile } from "./_temp_config.ts";

const dirs: string[] = [];
after(() => dirs.forEach(removeDir));

const KEY = "ak-0123456789abcdefghij";

/** Loads `profile`, written the reference's way, with `env`. */
async function load(
  profile: Omit<ReferenceProfile, "name" | "auth"> & { auth?: ReferenceProfile["auth"] },
  env: Record<string, string> = {},
): Promise<Settings> {
  const dir = tempDir();
  dirs.push(dir);
  const full: ReferenceProfile = {
    name: "ref",
    auth: { method: "api-key", apiKey: KEY },
    ...profile,
  };
  const text = referenceProfileText(full);
  // Only files the reference itself would load make a fair test.
  assert.deepEqual(referenceSchemaProblems(parse(text) as Record<string, unknown>), []);
  writeProfileFile(dir, "ref", text);
  const { ctx } = configContext(dir, { env });
  return await loadSettings(ctx, { profile: "ref" });
}

async function loadError(
  profile: Parameters<typeof load>[0],
  env: Record<string, string> = {},
): Promise<ConfigError> {
  try {
    requireApiKey(await load(profile, env));
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error;
  }
  throw new Error("expected a ConfigError");
}

describe("reference-written profiles: routing", () => {
  const cases: [string, Record<string, string> | undefined, string][] = [
    ["no override: the default api_host", undefined, "https://api.arize.com"],
    ["region", { region: "eu-west-1a" }, "https://api.eu-west-1a.arize.com"],
    ["single_host + single_port (port is Flight's)", {
      single_host: "arize.corp.example",
      single_port: "4433",
    }, "https://arize.corp.example"],
    ["single_host with api_scheme http", {
      single_host: "127.0.0.1",
      api_scheme: "http",
    }, "http://127.0.0.1"],
    ["base_domain", { base_domain: "pc.example.com" }, "https://api.pc.example.com"],
    ["custom api_host and api_scheme", {
      api_host: "127.0.0.1:4010",
      api_scheme: "http",
    }, "http://127.0.0.1:4010"],
  ];
  for (const [name, routing, url] of cases) {
    it(name, async () => {
      const settings = await load({ routing });
      assert.equal(settings.baseUrl, url);
      assert.equal(requireApiKey(settings), KEY);
    });
  }

  it("two overrides: an error naming both", async () => {
    const dir = tempDir();
    dirs.push(dir);
    // The reference refuses to write this, but a hand-edited file can say it.
    writeProfileFile(
      dir,
      "ref",
      referenceProfileText({
        name: "ref",
        auth: { method: "api-key", apiKey: KEY },
        routing: { region: "eu-west-1a", single_host: "h.example" },
      }),
    );
    const { ctx } = configContext(dir);
    await assert.rejects(loadSettings(ctx, { profile: "ref" }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(
        error.message,
        /region = 'eu-west-1a' and single_host = 'h\.example' are both set/,
      );
      return true;
    });
  });
});

describe("reference-written profiles: request_verify", () => {
  const cases: [string, boolean | string, Record<string, string>, boolean][] = [
    ["the reference's default true", true, {}, false],
    ["false", false, {}, true],
    ['"false" (a string)', "false", {}, true],
    ['"yes" (SDK truthiness)', "yes", {}, false],
    ["${VERIFY:false} with VERIFY unset", "${VERIFY:false}", {}, true],
    ["${VERIFY:false} with VERIFY=true", "${VERIFY:false}", { VERIFY: "true" }, false],
    ["true, ARIZE_REQUEST_VERIFY=false", true, { ARIZE_REQUEST_VERIFY: "false" }, true],
    ["false, ARIZE_REQUEST_VERIFY=1", false, { ARIZE_REQUEST_VERIFY: "1" }, false],
    ["true, ARIZE_REQUEST_VERIFY=0", true, { ARIZE_REQUEST_VERIFY: "0" }, true],
  ];
  for (const [name, requestVerify, env, insecure] of cases) {
    it(`${name} → ${insecure ? "no" : ""} certificate checks`, async () => {
      const settings = await load({ requestVerify }, env);
      assert.equal(settings.network.insecureTls === true, insecure);
    });
  }
});

describe("reference-written profiles: OAuth", () => {
  for (
    const [name, tokens] of [
      ["signed in", { access: "eyJ.a.b", refresh: "eyJ.c.d", email: "me@example.com" }],
      ["logged out", undefined],
    ] as const
  ) {
    it(`${name}: says ax does not support OAuth yet and how to go on`, async () => {
      const error = await loadError({ auth: { method: "oauth", tokens } });
      assert.match(
        error.message,
        /^Profile 'ref' \(.*ref\.toml\) uses OAuth, which ax does not support yet\.$/,
      );
      assert.match(error.hints.join("\n"), /ax profiles create <name> --use .*--api-key -/);
      assert.doesNotMatch(error.message, /has no \[auth\] api_key/);
    });
  }

  it("ARIZE_API_KEY still works with an OAuth profile selected", async () => {
    const settings = await load({ auth: { method: "oauth" } }, { ARIZE_API_KEY: "ak-env" });
    assert.equal(requireApiKey(settings), "ak-env");
  });
});

describe("reference-written profiles: ${VAR} and ${VAR:default}", () => {
  it("${VAR} in api_key reads the variable", async () => {
    const settings = await load({ auth: { method: "api-key", apiKey: "${WORK_KEY}" } }, {
      WORK_KEY: "ak-from-env",
    });
    assert.equal(settings.apiKey, "ak-from-env");
  });

  it("${VAR} unset and without default: an error naming the variable", async () => {
    await assert.rejects(
      load({ auth: { method: "api-key", apiKey: "${WORK_KEY}" } }),
      /\[auth\] api_key uses \$\{WORK_KEY\}, but WORK_KEY is not set/,
    );
  });

  it("${VAR} unset in api_key: ARIZE_API_KEY still replaces the key, routing still read", async () => {
    const settings = await load(
      { auth: { method: "api-key", apiKey: "${WORK_KEY}" }, routing: { region: "eu-west-1a" } },
      { ARIZE_API_KEY: "ak-env" },
    );
    assert.equal(requireApiKey(settings), "ak-env");
    assert.equal(settings.baseUrl, "https://api.eu-west-1a.arize.com");
  });

  it("${VAR:default} takes the default when unset", async () => {
    const settings = await load({ routing: { region: "${REGION:us-east-1b}" } });
    assert.equal(settings.baseUrl, "https://api.us-east-1b.arize.com");
  });

  it("${VAR:default} takes the variable when set", async () => {
    const settings = await load({ routing: { region: "${REGION:us-east-1b}" } }, {
      REGION: "ca-central-1a",
    });
    assert.equal(settings.baseUrl, "https://api.ca-central-1a.arize.com");
  });

  it("${VAR:default} with VAR set but empty: empty wins (no override)", async () => {
    const settings = await load({ routing: { region: "${REGION:us-east-1b}" } }, { REGION: "" });
    assert.equal(settings.baseUrl, "https://api.arize.com");
  });

  it("${VAR:default} inside a longer value", async () => {
    const settings = await load(
      { routing: { single_host: "arize.${ZONE:internal}.example" } },
      {},
    );
    assert.equal(settings.baseUrl, "https://arize.internal.example");
  });
});

describe("profiles ax writes pass the reference's schema rules", () => {
  it("the rules catch what the reference refuses (an ax-only [output] format, a bad region)", () => {
    const base = { profile: { name: "x" }, auth: { auth_method: "api-key", api_key: "k" } };
    assert.deepEqual(referenceSchemaProblems({ ...base, output: { format: "ndjson" } }), [
      "[output] format 'ndjson' is not table, json, csv or parquet",
    ]);
    assert.equal(referenceSchemaProblems({ ...base, routing: { region: "eu" } }).length, 1);
    assert.equal(referenceSchemaProblems({ ...base, auth: { auth_method: "api-key" } }).length, 1);
  });

  const runs: [string, Parameters<typeof runCreate>[0]["outputFormat"], Record<string, unknown>][] =
    [
      ["region and a reference format", "json", { region: "eu-west-1a" }],
      ["base URL and an ax-only format", "ndjson", { baseUrl: "http://127.0.0.1:4010" }],
      ["a plugin format", "my-plugin", { region: "us-east-1b" }],
    ];
  for (const [name, outputFormat, routing] of runs) {
    it(`every option (${name})`, async () => {
      const dir = tempDir();
      dirs.push(dir);
      const { ctx } = configContext(dir);
      await runCreate({
        name: "full",
        apiKey: "${WORK_KEY}",
        apiKeyFromStdin: false,
        region: undefined,
        baseUrl: undefined,
        ...routing,
        outputFormat,
        use: true,
        force: true,
        interactive: false,
      }, ctx);
      const text = readFileSync(join(dir, "profiles", "full.toml"), "utf8");
      const doc = parse(text) as Record<string, Record<string, unknown>>;
      assert.deepEqual(referenceSchemaProblems(doc), []);
      if (outputFormat === "json") assert.equal(doc.output.format, "json");
      else {
        assert.equal(doc.output.format, undefined);
        assert.equal(doc.output.ax_format, outputFormat);
      }
      // And ax reads its own choice back.
      const again = configContext(dir, { env: { WORK_KEY: "ak-w" } }).ctx;
      const settings = await loadSettings(again, { profile: "full" });
      assert.equal(settings.outputFormat, outputFormat);
      assert.equal(settings.apiKey, "ak-w");
    });
  }
});
