/**
 * The real ax process: help where people look (bare `ax`, `ax help …`,
 * `ax <group> help …`, the topics, offline) and `--profile` / `AX_PROFILE`
 * choosing the profile of one run against a real emulator.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { useEmulator } from "../_helpers/emulator_fixture.ts";

const fx = useEmulator("help-profile");

/** ax with a private config dir; no key or base URL in the environment. */
function ax(args: string[], extra: Record<string, string | undefined> = {}) {
  return fx.ax(args, { env: { ARIZE_API_KEY: undefined, ARIZE_BASE_URL: undefined, ...extra } });
}

describe("help and --profile, end to end", () => {
  before(() => {
    // `good` reaches the emulator as its admin; `dead` (active) points at a closed port.
    const profiles = join(fx.box.configDir, "profiles");
    mkdirSync(profiles, { recursive: true });
    const url = new URL(fx.emu.url);
    writeFileSync(
      join(profiles, "good.toml"),
      `[auth]\napi_key = "${fx.emu.adminKey}"\n[routing]\napi_scheme = "http"\napi_host = "${url.host}"\n`,
    );
    writeFileSync(
      join(profiles, "dead.toml"),
      `[auth]\napi_key = "ak-dead-0123456789"\n[routing]\napi_scheme = "http"\napi_host = "127.0.0.1:9"\n`,
    );
    writeFileSync(join(fx.box.configDir, ".active_profile"), "dead");
  });

  it("bare ax prints the help on stdout and exits 0", async () => {
    const bare = await ax([]);
    assert.equal(bare.code, 0, bare.stderr);
    assert.equal(bare.stderr, "");
    assert.match(bare.stdout, /^Usage: ax /);
    assert.match(bare.stdout, /Get started: ax profiles create/);
  });

  it("ax help <command…> and ax <group> help <command> print the command's help", async () => {
    const direct = await ax(["api-keys", "list", "--help"]);
    const viaHelp = await ax(["help", "api-keys", "list"]);
    const viaGroup = await ax(["api-keys", "help", "list"]);
    assert.equal(viaHelp.code, 0, viaHelp.stderr);
    assert.equal(viaGroup.code, 0, viaGroup.stderr);
    assert.equal(viaHelp.stdout, direct.stdout);
    assert.equal(viaGroup.stdout, direct.stdout);
    assert.match(direct.stdout, /--profile <name>/);
  });

  it("ax help <topic> works offline", async () => {
    for (const topic of ["environment", "exit-codes", "formats"]) {
      const result = await ax(["help", topic], { HTTPS_PROXY: "http://127.0.0.1:9" });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`^ax help ${topic}: `));
    }
    const unknown = await ax(["help", "nope"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command or topic 'nope'/);
  });

  it("--profile chooses the profile for this run only", async () => {
    const good = await ax(["api-keys", "list", "--profile", "good", "-o", "json"]);
    assert.equal(good.code, 0, good.stderr);
    assert.ok(Array.isArray(JSON.parse(good.stdout).api_keys));
    // The active profile is unchanged: without --profile the dead one is used.
    const active = await ax(["api-keys", "list", "-o", "json", "--timeout", "2"]);
    assert.equal(active.code, 1, active.stderr);
    assert.equal(readFileSync(join(fx.box.configDir, ".active_profile"), "utf8").trim(), "dead");
  });

  it("AX_PROFILE chooses it too, and --profile wins over it", async () => {
    const fromEnv = await ax(["api-keys", "list", "-o", "json"], { AX_PROFILE: "good" });
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
    const flagWins = await ax(["api-keys", "list", "-o", "json", "--profile", "good"], {
      AX_PROFILE: "dead",
    });
    assert.equal(flagWins.code, 0, flagWins.stderr);
  });

  it("profiles validate and show take --profile like the argument", async () => {
    const validate = await ax(["profiles", "validate", "--profile", "good"]);
    assert.equal(validate.code, 0, validate.stderr);
    assert.match(validate.stderr, /Profile 'good' is valid/);
    const show = await ax(["profiles", "show", "--profile", "good", "-o", "json"]);
    assert.equal(show.code, 0, show.stderr);
    assert.equal(JSON.parse(show.stdout).profile, "good");
    const both = await ax(["profiles", "validate", "dead", "--profile", "good"]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /'dead' \(argument\) and 'good' \(--profile\)/);
  });

  it("a missing profile fails naming it, exit 1", async () => {
    const result = await ax(["api-keys", "list", "--profile", "nope"]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /nope/);
  });
});
