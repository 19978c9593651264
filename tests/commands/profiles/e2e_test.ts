/**
 * `ax profiles` as users meet it: real ax processes (from source, or AX_BIN)
 * with a temporary AX_CONFIG_DIR, stdin not a terminal.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import process from "node:process";
import { listenOnLoopback, type RunningServer } from "../../_helpers/loopback_server.ts";
import { runAx } from "../../_helpers/run_ax.ts";
import { ARGV_KEY_TIP } from "../../../commands/profiles/create.ts";
import { listTree, removeDir, tempDir } from "../../config/_temp_config.ts";

const KEY = "ak-e2e-abcdefghijklmnopqrstuvwxyz";

describe("ax profiles end to end", () => {
  const dir = tempDir("ax-e2e-profiles-");
  const env = { AX_CONFIG_DIR: dir, NO_COLOR: "1" };
  after(() => removeDir(dir));

  it("create (non-interactive) writes a 0600 profile and makes it active", async () => {
    const result = await runAx(["profiles", "create", "--api-key", KEY], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "");
    const file = join(dir, "profiles", "default.toml");
    assert.equal(
      result.stderr,
      `✓ Profile 'default' saved to ${file}\n✓ Active profile set to 'default'\n${ARGV_KEY_TIP}\n`,
    );
    if (process.platform !== "win32") assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it("create reads the key from stdin with --api-key-stdin", async () => {
    const result = await runAx(
      ["profiles", "create", "local", "--api-key-stdin", "--base-url", "http://127.0.0.1:4010"],
      { env, stdin: "ak-local-0123456789abcdef\n" },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      readFileSync(join(dir, "profiles", "local.toml"), "utf8"),
      /api_key = "ak-local-0123456789abcdef"/,
    );
  });

  it("create without a key and without a terminal is exit 2 naming --api-key", async () => {
    const result = await runAx(["profiles", "create", "nokey"], { env });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /✗ Error: No API key given.*--api-key/);
    assert.ok(!existsSync(join(dir, "profiles", "nokey.toml")));
  });

  it("list marks the active profile", async () => {
    const result = await runAx(["profiles", "list", "-o", "csv"], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      "name,active,base_url,file\n" +
        `default,true,https://api.arize.com,${join(dir, "profiles", "default.toml")}\n` +
        `local,false,http://127.0.0.1:4010,${join(dir, "profiles", "local.toml")}\n`,
    );
  });

  it("use switches the active profile; list -o json shows it", async () => {
    const use = await runAx(["profiles", "use", "local"], { env });
    assert.equal(use.code, 0, use.stderr);
    assert.equal(use.stderr, "✓ Active profile set to 'local'\n");
    const list = await runAx(["profiles", "list", "-o", "json"], { env });
    const rows = JSON.parse(list.stdout).profiles;
    assert.deepEqual(rows.map((r: { name: string; active: boolean }) => [r.name, r.active]), [
      ["default", false],
      ["local", true],
    ]);
  });

  it("show masks the key and never prints it", async () => {
    const result = await runAx(["profiles", "show", "default"], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^API key: {8}ak-e2e…xyz {2}\(profile \[auth\] api_key\)$/m);
    assert.ok(!result.stdout.includes(KEY) && !result.stderr.includes(KEY));
  });

  it("delete without --force and without a terminal is exit 2 and deletes nothing", async () => {
    const result = await runAx(["profiles", "delete", "default"], { env });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /pass --force/);
    assert.ok(existsSync(join(dir, "profiles", "default.toml")));
  });

  it("delete --force removes the profile", async () => {
    const result = await runAx(["profiles", "delete", "default", "--force"], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "✓ Profile 'default' deleted\n");
    assert.ok(!existsSync(join(dir, "profiles", "default.toml")));
  });

  it("a corrupt profile fails with exit 1 naming the file and the fix", async () => {
    writeFileSync(join(dir, "profiles", "local.toml"), "[auth\napi_key =");
    const result = await runAx(["profiles", "show"], { env });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /✗ Error: Profile file .*local\.toml is not valid TOML/);
    assert.match(result.stderr, /ax profiles create local --force/);
  });
});

describe("ax profiles validate end to end", () => {
  let server: RunningServer;
  let url = "";
  const dir = tempDir("ax-e2e-validate-");
  before(async () => {
    server = await listenOnLoopback(createServer((request, response) => {
      const ok = request.headers.authorization === `Bearer ${KEY}` &&
        request.url === "/v2/api-keys?limit=1";
      response.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
      response.end(
        ok
          ? JSON.stringify({ api_keys: [], pagination: { has_more: false } })
          : JSON.stringify({ title: "Unauthorized", status: 401, detail: "Invalid API key" }),
      );
    }));
    url = `http://127.0.0.1:${server.port}`;
  });
  after(async () => {
    await server.close();
    removeDir(dir);
  });

  it("reports a working key, and a rejected one with exit 3", async () => {
    const env = { AX_CONFIG_DIR: dir, NO_COLOR: "1" };
    assert.equal(
      (await runAx(["profiles", "create", "good", "--api-key", KEY, "--base-url", url], { env }))
        .code,
      0,
    );
    assert.equal(
      (await runAx(["profiles", "create", "bad", "--api-key", "ak-wrong", "--base-url", url], {
        env,
      })).code,
      0,
    );
    const good = await runAx(["profiles", "validate", "good"], { env });
    assert.equal(good.code, 0, good.stderr);
    assert.equal(good.stderr, `✓ Profile 'good' is valid (${url})\n`);
    const bad = await runAx(["profiles", "validate", "bad"], { env });
    assert.equal(bad.code, 3, bad.stderr);
    assert.match(
      bad.stderr,
      /✗ Error: Profile 'bad' is not valid: 401 Unauthorized; Invalid API key/,
    );
  });
});

describe("help and version need no config", () => {
  it("--help, --version and `profiles --help` create nothing, even with no home", async () => {
    const home = tempDir("ax-e2e-home-");
    try {
      for (
        const args of [["--help"], ["--version"], ["profiles", "--help"], [
          "profiles",
          "create",
          "--help",
        ]]
      ) {
        const result = await runAx(args, { env: { HOME: home, USERPROFILE: home } });
        assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
        assert.notEqual(result.stdout, "");
      }
      // (deno may cache compiled modules under HOME when run from source; only .arize matters)
      assert.ok(!existsSync(join(home, ".arize")), listTree(home).join(", "));
      const noHome = await runAx(["profiles", "--help"], { env: { HOME: "", USERPROFILE: "" } });
      assert.equal(noHome.code, 0, noHome.stderr);
    } finally {
      removeDir(home);
    }
  });
});
