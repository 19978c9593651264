import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadSettings, requireApiKey, type Settings } from "../../config/settings.ts";
import { ConfigError, UsageError } from "../../runtime/errors.ts";
import { fakeContext } from "../_helpers/fake_context.ts";
import { configContext, listTree, removeDir, tempDir, writeProfileFile } from "./_temp_config.ts";

const dirs: string[] = [];
after(() => dirs.forEach(removeDir));

/** A config dir with `default` (region eu-west-1a) and `work` (local http) profiles. */
function standardDir(active?: string): string {
  const dir = tempDir();
  dirs.push(dir);
  writeProfileFile(
    dir,
    "default",
    `[auth]\napi_key = "ak-default"\n[routing]\nregion = "eu-west-1a"\n`,
  );
  writeProfileFile(
    dir,
    "work",
    `[auth]\napi_key = "ak-work"\n[routing]\napi_host = "127.0.0.1:4010"\napi_scheme = "http"\n[output]\nformat = "json"\n`,
  );
  if (active !== undefined) writeFileSync(join(dir, ".active_profile"), active);
  return dir;
}

interface Case {
  name: string;
  env?: Record<string, string>;
  active?: string;
  profile?: string;
  expect: Partial<Settings>;
}

describe("loadSettings precedence", () => {
  const cases: Case[] = [
    {
      name: "no active file: the default profile",
      expect: {
        profileName: "default",
        profileSelectedBy: "default",
        apiKey: "ak-default",
        baseUrl: "https://api.eu-west-1a.arize.com",
        outputFormat: undefined,
      },
    },
    {
      name: "the active profile beats default",
      active: "work\n",
      expect: {
        profileName: "work",
        profileSelectedBy: "active profile",
        apiKey: "ak-work",
        baseUrl: "http://127.0.0.1:4010",
        outputFormat: "json",
      },
    },
    {
      name: "AX_PROFILE beats the active profile",
      active: "work",
      env: { AX_PROFILE: "default" },
      expect: { profileName: "default", profileSelectedBy: "AX_PROFILE", apiKey: "ak-default" },
    },
    {
      name: "an explicit profile beats AX_PROFILE",
      env: { AX_PROFILE: "default" },
      profile: "work",
      expect: { profileName: "work", profileSelectedBy: "argument", apiKey: "ak-work" },
    },
    {
      name: "ARIZE_API_KEY beats the profile key",
      active: "work",
      env: { ARIZE_API_KEY: "ak-env" },
      expect: { apiKey: "ak-env", apiKeySource: "ARIZE_API_KEY", baseUrl: "http://127.0.0.1:4010" },
    },
    {
      name: "ARIZE_BASE_URL beats the profile routing",
      active: "work",
      env: { ARIZE_BASE_URL: "https://api.example.test/" },
      expect: {
        apiKey: "ak-work",
        baseUrl: "https://api.example.test",
        baseUrlSource: "ARIZE_BASE_URL",
      },
    },
    {
      name: "an empty ARIZE_API_KEY counts as unset",
      active: "work",
      env: { ARIZE_API_KEY: "" },
      expect: { apiKey: "ak-work" },
    },
    {
      name: "AX_TIMEOUT in seconds",
      env: { AX_TIMEOUT: "2.5" },
      expect: { timeoutMs: 2500 },
    },
    {
      name: "default timeout 30 s",
      expect: { timeoutMs: 30_000 },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const dir = standardDir(c.active);
      const { ctx } = configContext(dir, { env: c.env });
      const settings = await loadSettings(ctx, c.profile ? { profile: c.profile } : {});
      for (const [key, value] of Object.entries(c.expect)) {
        assert.deepEqual(settings[key as keyof Settings], value, key);
      }
    });
  }

  it("names the profile file as the key's source", async () => {
    const dir = standardDir("work");
    const { ctx } = configContext(dir);
    const settings = await loadSettings(ctx);
    const file = join(dir, "profiles", "work.toml");
    assert.equal(settings.apiKeySource, `profile work (${file})`);
    assert.equal(settings.baseUrlSource, `profile work (${file})`);
    assert.equal(settings.profileFile, file);
  });
});

describe("loadSettings without profiles", () => {
  it("uses the environment and defaults with an empty config dir, creating nothing", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const { ctx } = configContext(dir, { env: { ARIZE_API_KEY: "ak-env" } });
    const settings = await loadSettings(ctx);
    assert.equal(settings.apiKey, "ak-env");
    assert.equal(settings.baseUrl, "https://api.arize.com");
    assert.equal(settings.baseUrlSource, "default");
    assert.equal(settings.profileName, undefined);
    assert.deepEqual(settings.network, {});
    assert.deepEqual(listTree(dir), []);
  });

  it("works with no home and no AX_CONFIG_DIR when the environment has credentials", async () => {
    const { ctx } = fakeContext({ homeDir: undefined, env: { ARIZE_API_KEY: "ak-env" } });
    const settings = await loadSettings(ctx);
    assert.equal(settings.apiKey, "ak-env");
    assert.equal(settings.profileName, undefined);
  });

  it("with no home, a named profile is a ConfigError naming AX_CONFIG_DIR", async () => {
    const { ctx } = fakeContext({ homeDir: undefined, env: { AX_PROFILE: "work" } });
    await assert.rejects(loadSettings(ctx), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.hints.join(" "), /AX_CONFIG_DIR/);
      return true;
    });
  });

  it("reads the reference CLI's legacy config.toml as the default profile", async () => {
    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(join(dir, "config.toml"), `[auth]\napi_key = "ak-legacy"\n`);
    const { ctx } = configContext(dir);
    const settings = await loadSettings(ctx);
    assert.equal(settings.profileName, "default");
    assert.equal(settings.apiKey, "ak-legacy");
    assert.equal(settings.profileFile, join(dir, "config.toml"));
  });

  it("does not create the config dir when it does not exist", async () => {
    const parent = tempDir();
    dirs.push(parent);
    const { ctx } = configContext(join(parent, "missing"));
    const settings = await loadSettings(ctx);
    assert.equal(settings.apiKey, undefined);
    assert.deepEqual(listTree(parent), []);
  });
});

describe("loadSettings errors", () => {
  const usage: [string, Record<string, string>, RegExp][] = [
    ["AX_TIMEOUT=abc", { AX_TIMEOUT: "abc" }, /AX_TIMEOUT 'abc'/],
    ["AX_TIMEOUT=0", { AX_TIMEOUT: "0" }, /AX_TIMEOUT '0'/],
    ["AX_TIMEOUT=-1", { AX_TIMEOUT: "-1" }, /AX_TIMEOUT/],
    ["AX_TIMEOUT=1e3", { AX_TIMEOUT: "1e3" }, /AX_TIMEOUT/],
    ["AX_TIMEOUT too large", { AX_TIMEOUT: "86401" }, /up to 86400/],
    ["ARIZE_BASE_URL without scheme", { ARIZE_BASE_URL: "api.arize.com" }, /ARIZE_BASE_URL/],
    ["ARIZE_BASE_URL ftp", { ARIZE_BASE_URL: "ftp://x" }, /ARIZE_BASE_URL/],
    ["AX_PROFILE with a slash", { AX_PROFILE: "../etc" }, /AX_PROFILE '..\/etc'/],
  ];
  for (const [name, env, message] of usage) {
    it(`${name} is a usage error`, async () => {
      const { ctx } = configContext(standardDir(), { env });
      await assert.rejects(loadSettings(ctx), (error: unknown) => {
        assert.ok(error instanceof UsageError, String(error));
        assert.equal(error.exitCode, 2);
        assert.match(error.message, message);
        return true;
      });
    });
  }

  it("an explicit profile name that is invalid is a usage error", async () => {
    const { ctx } = configContext(standardDir());
    await assert.rejects(loadSettings(ctx, { profile: "a b" }), UsageError);
  });

  const config: [string, () => { dir: string; env?: Record<string, string> }, RegExp][] = [
    [
      "AX_PROFILE naming a missing profile",
      () => ({ dir: standardDir(), env: { AX_PROFILE: "nope" } }),
      /Profile 'nope' \(from AX_PROFILE\) not found/,
    ],
    [
      "an active profile that no longer exists",
      () => ({ dir: standardDir("gone") }),
      /active profile 'gone'/,
    ],
    [
      "an active-profile file with garbage",
      () => ({ dir: standardDir("not a name!") }),
      /not a profile name/,
    ],
    ["a corrupt active profile", () => {
      const dir = standardDir("bad");
      writeProfileFile(dir, "bad", "[auth\n");
      return { dir };
    }, /bad\.toml is not valid TOML/],
    ["an empty default profile", () => {
      const dir = standardDir();
      writeProfileFile(dir, "default", "");
      return { dir };
    }, /default\.toml is empty/],
    ["conflicting routing", () => {
      const dir = standardDir();
      writeProfileFile(dir, "default", `[routing]\nregion = "eu"\nbase_domain = "x.com"\n`);
      return { dir };
    }, /default\.toml has bad \[routing\]: region = 'eu' and base_domain = 'x.com' are both set/],
    ["an unset variable", () => {
      const dir = standardDir();
      writeProfileFile(dir, "default", `[auth]\napi_key = "\${AX_TEST_UNSET_VAR}"\n`);
      return { dir };
    }, /AX_TEST_UNSET_VAR is not set/],
  ];
  for (const [name, setup, message] of config) {
    it(`${name} is a ConfigError`, async () => {
      const { dir, env } = setup();
      const { ctx } = configContext(dir, { env });
      await assert.rejects(loadSettings(ctx), (error: unknown) => {
        assert.ok(error instanceof ConfigError, String(error));
        assert.equal(error.exitCode, 1);
        assert.match(error.message, message);
        return true;
      });
    });
  }

  it("a profile file that cannot be read is a ConfigError naming it", async () => {
    const dir = standardDir();
    mkdirSync(join(dir, "profiles", "dir.toml"));
    const { ctx } = configContext(dir, { env: { AX_PROFILE: "dir" } });
    await assert.rejects(loadSettings(ctx), /Cannot read .*dir\.toml/);
  });
});

describe("requireApiKey", () => {
  const base: Settings = {
    apiKey: undefined,
    baseUrl: "https://api.arize.com",
    outputFormat: undefined,
    network: {},
    timeoutMs: 30_000,
    profileName: undefined,
    apiKeySource: undefined,
    baseUrlSource: "default",
    profileFile: undefined,
    profileSelectedBy: undefined,
  };
  it("returns the key", () => assert.equal(requireApiKey({ ...base, apiKey: "ak-1" }), "ak-1"));
  it("without a key: exit 1, how to create a profile and how to try the emulator", () => {
    assert.throws(() => requireApiKey(base), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.exitCode, 1);
      const text = [error.message, ...error.hints].join("\n");
      assert.match(text, /No API key found/);
      assert.match(text, /ax profiles create/);
      assert.match(text, /ax emulator start/);
      assert.match(text, /ARIZE_BASE_URL=<url> ARIZE_API_KEY=<admin_key>/);
      return true;
    });
  });
  it("names the profile that lacks a key", () => {
    assert.throws(
      () => requireApiKey({ ...base, profileName: "work", profileFile: "/c/work.toml" }),
      (error: unknown) =>
        error instanceof ConfigError && /work.*\/c\/work\.toml/.test(error.hints[0]),
    );
  });
});
