import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseShow, runShow } from "../../../commands/profiles/show.ts";
import { ConfigError, UsageError } from "../../../runtime/errors.ts";
import { configContext, removeDir, tempDir, writeProfileFile } from "../../config/_temp_config.ts";

const KEY = "ak-abcdefghijklmnopqrstuvwxyz";
const dirs: string[] = [];
after(() => dirs.forEach(removeDir));
function freshDir(): string {
  const dir = tempDir("ax-show-");
  dirs.push(dir);
  return dir;
}

describe("parseShow", () => {
  it("validates the name and the output", () => {
    assert.deepEqual(parseShow({ values: {} }), { name: undefined, output: "table" });
    assert.throws(() => parseShow({ name: "a/b", values: {} }), UsageError);
    assert.throws(() => parseShow({ values: { output: "yaml" } }), UsageError);
  });
});

describe("runShow", () => {
  it("prints the settings with the key masked and each source", async () => {
    const dir = freshDir();
    const file = writeProfileFile(
      dir,
      "work",
      `[auth]\napi_key = "${KEY}"\n[routing]\nregion = "eu-west-1a"\n[output]\nformat = "json"\n` +
        `[network]\nproxy_url = "http://me:s3cret@proxy:3128"\nno_proxy = "localhost"\n`,
    );
    writeFileSync(join(dir, ".active_profile"), "work");
    const { ctx, stdout, stderr } = configContext(dir);
    await runShow({ name: undefined, output: "table" }, ctx);
    assert.equal(
      stdout.text(),
      [
        "Profile:        work (active profile)",
        `File:           ${file}`,
        "API key:        ak-abc…xyz  (profile [auth] api_key)",
        "Base URL:       https://api.eu-west-1a.arize.com  (profile [routing])",
        "Output format:  json  (profile [output] format)",
        "Timeout:        30 s  (default)",
        "Proxy URL:      http://me:****@proxy:3128  (profile [network])",
        "No proxy:       localhost  (profile [network])",
        "",
      ].join("\n"),
    );
    assert.ok(!stdout.text().includes(KEY) && !stdout.text().includes("s3cret"));
    assert.equal(stderr.text(), "");
  });

  it("says when the environment overrides the profile", async () => {
    const dir = freshDir();
    writeProfileFile(dir, "work", `[auth]\napi_key = "${KEY}"\n`);
    const { ctx, stdout } = configContext(dir, {
      env: {
        ARIZE_API_KEY: "ak-zyxwvutsrqponmlkjihgfedcba",
        ARIZE_BASE_URL: "http://127.0.0.1:9",
        AX_TIMEOUT: "5",
      },
    });
    await runShow({ name: "work", output: "json" }, ctx);
    const shown = JSON.parse(stdout.text());
    assert.equal(shown.selected_by, "argument");
    assert.equal(shown.api_key, "ak-zyx…cba");
    assert.equal(shown.api_key_source, "ARIZE_API_KEY");
    assert.equal(shown.base_url, "http://127.0.0.1:9");
    assert.equal(shown.base_url_source, "ARIZE_BASE_URL");
    assert.equal(shown.timeout_seconds, 5);
    assert.equal(shown.timeout_source, "AX_TIMEOUT");
  });

  it("names a ${VAR} reference as the key's source", async () => {
    const dir = freshDir();
    writeProfileFile(dir, "default", `[auth]\napi_key = "\${WORK_KEY}"\n`);
    const { ctx, stdout } = configContext(dir, { env: { WORK_KEY: KEY } });
    await runShow({ name: undefined, output: "json" }, ctx);
    const shown = JSON.parse(stdout.text());
    assert.equal(shown.api_key, "ak-abc…xyz");
    assert.equal(shown.api_key_source, "profile [auth] api_key = ${WORK_KEY}");
  });

  it("without any profile, shows what the environment and defaults give", async () => {
    const { ctx, stdout } = configContext(freshDir());
    await runShow({ name: undefined, output: "table" }, ctx);
    assert.match(stdout.text(), /^Profile: {8}none/m);
    assert.match(stdout.text(), /^API key: {8}not set$/m);
    assert.match(stdout.text(), /^Base URL: {7}https:\/\/api\.arize\.com {2}\(default\)$/m);
  });

  it("a missing profile is a ConfigError listing those that exist", async () => {
    const dir = freshDir();
    writeProfileFile(dir, "work", `[auth]\napi_key = "k"\n`);
    const { ctx } = configContext(dir);
    await assert.rejects(runShow({ name: "nope", output: "table" }, ctx), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /Profile 'nope' not found/);
      assert.match(error.hints.join(" "), /Available profiles: work/);
      return true;
    });
  });

  it("a corrupt profile is a ConfigError naming the file and the fix", async () => {
    const dir = freshDir();
    writeProfileFile(dir, "work", "");
    const { ctx } = configContext(dir);
    await assert.rejects(runShow({ name: "work", output: "table" }, ctx), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /work\.toml is empty/);
      assert.match(error.hints.join(" "), /ax profiles create work --force/);
      return true;
    });
  });
});
