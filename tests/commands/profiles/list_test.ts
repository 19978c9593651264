import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseList, runList } from "../../../commands/profiles/list.ts";
import { UsageError } from "../../../runtime/errors.ts";
import { fakeContext } from "../../_helpers/fake_context.ts";
import { configContext, removeDir, tempDir, writeProfileFile } from "../../config/_temp_config.ts";
import { parseArgv } from "../../_helpers/parse_argv.ts";

const dirs: string[] = [];
after(() => dirs.forEach(removeDir));
function freshDir(): string {
  const dir = tempDir("ax-list-");
  dirs.push(dir);
  return dir;
}

function twoProfiles(): string {
  const dir = freshDir();
  writeProfileFile(dir, "default", `[auth]\napi_key = "k1"\n`);
  writeProfileFile(
    dir,
    "local",
    `[auth]\napi_key = "k2"\n[routing]\napi_host = "127.0.0.1:4010"\napi_scheme = "http"\n`,
  );
  return dir;
}

describe("parseList", () => {
  it("takes -o and --plugin like every record-printing command", async () => {
    const none = { output: undefined, verbose: false, plugins: [], timeoutMs: undefined };
    assert.deepEqual(parseList({}), { common: none });
    const { ctx } = fakeContext();
    assert.deepEqual(
      await parseArgv(["profiles", "list", "-o", "json", "--plugin", "p.ts"], { ctx }),
      { common: { ...none, output: "json", plugins: ["p.ts"] } },
    );
  });
  it("rejects an unknown format naming --output, before reading any profile", async () => {
    const { ctx, stdout } = configContext(twoProfiles());
    await assert.rejects(runList(parseList({ output: "yaml" }), ctx), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /yaml/);
      return true;
    });
    assert.equal(stdout.text(), "");
  });
});

describe("runList", () => {
  it("prints the profiles with the default one active when none is chosen", async () => {
    const dir = twoProfiles();
    const { ctx, stdout, stderr } = configContext(dir);
    await runList(parseList({ output: "csv" }), ctx);
    assert.equal(
      stdout.text(),
      "name,active,base_url,file\n" +
        `default,true,https://api.arize.com,${join(dir, "profiles", "default.toml")}\n` +
        `local,false,http://127.0.0.1:4010,${join(dir, "profiles", "local.toml")}\n`,
    );
    assert.equal(stderr.text(), "");
    const table = configContext(dir);
    await runList(parseList({ output: "table" }), table.ctx);
    assert.match(table.stdout.text(), /default.*true.*https:\/\/api\.arize\.com/);
  });

  it("piped, the table is tab-separated lines with a header of column names", async () => {
    const { ctx, stdout } = configContext(twoProfiles());
    await runList(parseList({ output: "table" }), ctx);
    assert.equal(
      stdout.text(),
      "name\tactive\tbase_url\n" +
        "default\ttrue\thttps://api.arize.com\n" +
        "local\tfalse\thttp://127.0.0.1:4010\n",
    );
  });

  it("cuts a long base URL with … to fit a narrow terminal", async () => {
    const dir = freshDir();
    writeProfileFile(
      dir,
      "far",
      `[routing]\napi_host = "${"very-long-host-name.".repeat(4)}example.com"\n`,
    );
    const { ctx, stdout } = configContext(dir, { tty: true, columns: 40, env: { NO_COLOR: "1" } });
    await runList(parseList({ output: "table" }), ctx);
    for (const line of stdout.text().trimEnd().split("\n")) assert.ok(line.length <= 40, line);
    assert.match(stdout.text(), /^far +\S+ +https:\/\/very-long-host.*…$/m);
  });

  it("marks the active profile, and AX_PROFILE when set", async () => {
    const dir = twoProfiles();
    writeFileSync(join(dir, ".active_profile"), "local");
    const active = configContext(dir);
    await runList(parseList({ output: "csv" }), active.ctx);
    assert.match(active.stdout.text(), /^local,true,/m);
    const fromEnv = configContext(dir, { env: { AX_PROFILE: "default" } });
    await runList(parseList({ output: "csv" }), fromEnv.ctx);
    assert.match(fromEnv.stdout.text(), /^default,true,/m);
  });

  it("prints JSON objects with name, active, base_url and file", async () => {
    const dir = twoProfiles();
    const { ctx, stdout } = configContext(dir);
    await runList(parseList({ output: "json" }), ctx);
    assert.deepEqual(JSON.parse(stdout.text()).profiles, [
      {
        name: "default",
        active: true,
        base_url: "https://api.arize.com",
        file: join(dir, "profiles", "default.toml"),
      },
      {
        name: "local",
        active: false,
        base_url: "http://127.0.0.1:4010",
        file: join(dir, "profiles", "local.toml"),
      },
    ]);
  });

  it("with no profiles: a note on stderr; JSON prints an empty list", async () => {
    const table = configContext(join(freshDir(), "missing"));
    await runList(parseList({ output: "table" }), table.ctx);
    // One line, not the generic `No items to display` as well.
    assert.equal(
      table.stderr.text(),
      "No profiles found. Create one with `ax profiles create`.\n",
    );
    assert.equal(table.stdout.text(), "");
    const json = configContext(join(freshDir(), "missing"));
    await runList(parseList({ output: "json" }), json.ctx);
    assert.equal(json.stdout.text(), '{\n  "profiles": []\n}\n');
    assert.equal(json.stderr.text(), "");
  });

  it("lists a broken profile with a warning instead of failing", async () => {
    const dir = twoProfiles();
    writeProfileFile(dir, "broken", "[auth\n");
    writeProfileFile(dir, "routed", `[routing]\nregion = "a"\nbase_domain = "b.com"\n`);
    const { ctx, stdout, stderr } = configContext(dir);
    await runList(parseList({ output: "json" }), ctx);
    const rows = JSON.parse(stdout.text()).profiles;
    assert.deepEqual(rows.map((r: { name: string }) => r.name), [
      "broken",
      "default",
      "local",
      "routed",
    ]);
    assert.equal(rows[0].base_url, undefined, "json leaves absent fields out");
    assert.equal(rows[0].file, join(dir, "profiles", "broken.toml"));
    assert.equal(rows[3].base_url, undefined);
    assert.match(stderr.text(), /⚠ Warning: Profile file .*broken\.toml is not valid TOML/);
    assert.match(stderr.text(), /⚠ Warning: Profile file .*routed\.toml has bad \[routing\]/);
  });

  it("warns about a dangling active profile and marks none", async () => {
    const dir = twoProfiles();
    writeFileSync(join(dir, ".active_profile"), "gone");
    const { ctx, stdout, stderr } = configContext(dir);
    await runList(parseList({ output: "csv" }), ctx);
    assert.doesNotMatch(stdout.text(), /,true,/);
    assert.match(stderr.text(), /active profile 'gone'/);
  });

  it("includes the reference CLI's legacy config.toml as default", async () => {
    const dir = freshDir();
    writeFileSync(join(dir, "config.toml"), `[auth]\napi_key = "k"\n`);
    const { ctx, stdout } = configContext(dir);
    await runList(parseList({ output: "csv" }), ctx);
    assert.match(stdout.text(), /^default,true,/m);
  });

  it("escapes control characters coming from files", async () => {
    const dir = freshDir();
    writeProfileFile(dir, "evil", `[routing]\napi_host = "x.test/\\u001b[31m"\n`);
    const { ctx, stdout } = configContext(dir);
    await runList(parseList({ output: "table" }), ctx);
    assert.ok(!stdout.text().includes("\x1b"), stdout.text());
  });
});
