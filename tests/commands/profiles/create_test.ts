import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import {
  ARGV_KEY_TIP,
  type CreateOptions,
  parseCreate,
  type RawCreateValues,
  runCreate,
} from "../../../commands/profiles/create.ts";
import { loadSettings } from "../../../config/settings.ts";
import { ConfigError, UsageError } from "../../../runtime/errors.ts";
import { fakeContext } from "../../_helpers/fake_context.ts";
import {
  configContext,
  listTree,
  removeDir,
  tempDir,
  writeProfileFile,
} from "../../config/_temp_config.ts";
import { parseArgv } from "../../_helpers/parse_argv.ts";
import { scriptedPrompter } from "./_harness.ts";

const TTY = { stdinIsTTY: true, stdoutIsTTY: true };
const PIPE = { stdinIsTTY: false, stdoutIsTTY: false };
const KEY = "ak-abcdefghijklmnopqrstuvwxyz";

const dirs: string[] = [];
after(() => dirs.forEach(removeDir));
function freshDir(): string {
  const dir = tempDir("ax-create-");
  dirs.push(dir);
  return dir;
}

function options(overrides: Partial<CreateOptions> = {}): CreateOptions {
  return {
    name: undefined,
    apiKey: KEY,
    apiKeyFromStdin: false,
    region: undefined,
    baseUrl: undefined,
    outputFormat: undefined,
    use: false,
    force: false,
    interactive: false,
    ...overrides,
  };
}

describe("parseCreate", () => {
  it("takes every flag", () => {
    assert.deepEqual(
      parseCreate({
        name: "work",
        values: {
          apiKey: ` ${KEY} `,
          region: "EU-West-1a",
          outputFormat: "JSON",
          use: true,
          force: true,
        },
      }, PIPE),
      options({ name: "work", region: "eu-west-1a", outputFormat: "json", use: true, force: true }),
    );
  });
  it("normalises --base-url", () => {
    assert.equal(
      parseCreate({ values: { apiKey: KEY, baseUrl: "http://127.0.0.1:4010/" } }, PIPE).baseUrl,
      "http://127.0.0.1:4010",
    );
  });
  it("is interactive on a terminal when no key is given", () => {
    assert.equal(parseCreate({ values: {} }, TTY).interactive, true);
    assert.equal(parseCreate({ values: { apiKey: KEY } }, TTY).interactive, false);
    assert.equal(parseCreate({ values: { apiKeyStdin: true } }, PIPE).interactive, false);
  });
  it("--api-key - means --api-key-stdin: the key comes from stdin, never the literal '-'", () => {
    const parsed = parseCreate({ values: { apiKey: "-" } }, PIPE);
    assert.equal(parsed.apiKey, undefined);
    assert.equal(parsed.apiKeyFromStdin, true);
    assert.equal(parsed.interactive, false);
    assert.equal(
      parseCreate({ values: { apiKey: "-", apiKeyStdin: true } }, PIPE).apiKeyFromStdin,
      true,
    );
  });

  const bad: [string, { name?: string; values: RawCreateValues }, typeof TTY, RegExp][] = [
    ["no key and no terminal", { values: {} }, PIPE, /pipe it in with --api-key -/],
    ["no key, stdin a terminal but stdout piped", { values: {} }, {
      stdinIsTTY: true,
      stdoutIsTTY: false,
    }, /--api-key/],
    ["an empty key", { values: { apiKey: "  " } }, PIPE, /--api-key is empty/],
    [
      "both key sources",
      { values: { apiKey: KEY, apiKeyStdin: true } },
      PIPE,
      /either --api-key or --api-key-stdin/,
    ],
    [
      "region and base URL",
      { values: { apiKey: KEY, region: "eu", baseUrl: "https://x" } },
      PIPE,
      /either --region or --base-url/,
    ],
    ["a bad region", { values: { apiKey: KEY, region: "eu/west" } }, PIPE, /--region 'eu\/west'/],
    [
      "a base URL without scheme",
      { values: { apiKey: KEY, baseUrl: "api.arize.com" } },
      PIPE,
      /--base-url/,
    ],
    [
      "a base URL with a query",
      { values: { apiKey: KEY, baseUrl: "https://x/?a=1" } },
      PIPE,
      /--base-url/,
    ],
    [
      "a bad output format",
      { values: { apiKey: KEY, outputFormat: "ta ble" } },
      PIPE,
      /--output-format 'ta ble'/,
    ],
    [
      "a bad name",
      { name: "my profile", values: { apiKey: KEY } },
      PIPE,
      /profile name 'my profile'/,
    ],
    ["a path as name", { name: "../x", values: { apiKey: KEY } }, PIPE, /profile name/],
  ];
  for (const [name, input, io, message] of bad) {
    it(`rejects ${name} (exit 2)`, () => {
      assert.throws(() => parseCreate(input, io), (error: unknown) => {
        assert.ok(error instanceof UsageError, String(error));
        assert.equal(error.exitCode, 2);
        assert.match(error.message, message);
        return true;
      });
    });
  }

  it("reads argv through commander", async () => {
    const { ctx } = fakeContext();
    const parsed = await parseArgv<CreateOptions>([
      "profiles",
      "create",
      "ci",
      "--api-key-stdin",
      "--base-url",
      "http://127.0.0.1:9/",
      "--use",
      "-f",
    ], { ctx });
    assert.equal(parsed.name, "ci");
    assert.equal(parsed.apiKeyFromStdin, true);
    assert.equal(parsed.baseUrl, "http://127.0.0.1:9");
    assert.equal(parsed.use, true);
    assert.equal(parsed.force, true);
    assert.equal(typeof parsed.readStdin, "function", "the real stdin reader is injected");
  });
  it("rejects unknown options through commander", async () => {
    const { ctx } = fakeContext();
    await assert.rejects(
      parseArgv(["profiles", "create", "--api-key", KEY, "--nope"], { ctx }),
      /unknown option/,
    );
  });
});

describe("runCreate", () => {
  it("writes the profile 0600 in 0700 directories and makes the first one active", async () => {
    const dir = join(freshDir(), "cfg");
    const { ctx, stderr, stdout } = configContext(dir);
    await runCreate(options(), ctx);
    const file = join(dir, "profiles", "default.toml");
    assert.match(readFileSync(file, "utf8"), /api_key = "ak-abcdefghijklmnopqrstuvwxyz"/);
    if (process.platform !== "win32") {
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(statSync(dir).mode & 0o777, 0o700);
      assert.equal(statSync(join(dir, "profiles")).mode & 0o777, 0o700);
    }
    assert.equal(readFileSync(join(dir, ".active_profile"), "utf8"), "default");
    assert.equal(stdout.text(), "");
    assert.equal(
      stderr.text(),
      `✓ Profile 'default' saved to ${file}\n✓ Active profile set to 'default'\n${ARGV_KEY_TIP}\n`,
    );
    assert.deepEqual(listTree(dir), [
      ".active_profile",
      "profiles",
      join("profiles", "default.toml"),
    ]);
  });

  it("stores routing and output format so settings read them back", async () => {
    const dir = freshDir();
    const { ctx } = configContext(dir);
    await runCreate(
      options({ name: "local", baseUrl: "http://127.0.0.1:4010", outputFormat: "json" }),
      ctx,
    );
    await runCreate(options({ name: "eu", region: "eu-west-1a" }), ctx);
    const local = await loadSettings(ctx, { profile: "local" });
    assert.equal(local.baseUrl, "http://127.0.0.1:4010");
    assert.equal(local.outputFormat, "json");
    assert.equal(local.apiKey, KEY);
    assert.equal(
      (await loadSettings(ctx, { profile: "eu" })).baseUrl,
      "https://api.eu-west-1a.arize.com",
    );
  });

  it("does not activate a second profile unless --use", async () => {
    const dir = freshDir();
    const { ctx } = configContext(dir);
    await runCreate(options({ name: "first" }), ctx);
    const second = configContext(dir);
    await runCreate(options({ name: "second" }), second.ctx);
    assert.equal(readFileSync(join(dir, ".active_profile"), "utf8"), "first");
    assert.doesNotMatch(second.stderr.text(), /Active profile/);
    await runCreate(options({ name: "third", use: true }), ctx);
    assert.equal(readFileSync(join(dir, ".active_profile"), "utf8"), "third");
  });

  it("activates the new profile when the active one is dangling", async () => {
    const dir = freshDir();
    writeProfileFile(dir, "other", `[auth]\napi_key = "k"\n`);
    writeFileSync(join(dir, ".active_profile"), "deleted-meanwhile");
    const { ctx } = configContext(dir);
    await runCreate(options({ name: "fresh" }), ctx);
    assert.equal(readFileSync(join(dir, ".active_profile"), "utf8"), "fresh");
  });

  it("does not take over from an existing default profile that has no active marker", async () => {
    const dir = freshDir();
    writeFileSync(join(dir, "config.toml"), `[auth]\napi_key = "legacy"\n`);
    const { ctx } = configContext(dir);
    await runCreate(options({ name: "work" }), ctx);
    assert.equal((await loadSettings(ctx)).profileName, "default");
    assert.deepEqual(listTree(dir), ["config.toml", "profiles", join("profiles", "work.toml")]);
  });

  it("refuses to overwrite without --force and leaves the file alone", async () => {
    const dir = freshDir();
    const file = writeProfileFile(dir, "work", "# mine\n");
    const { ctx } = configContext(dir);
    await assert.rejects(runCreate(options({ name: "work" }), ctx), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /Profile 'work' already exists/);
      assert.match(error.hints.join(" "), /--force/);
      return true;
    });
    assert.equal(readFileSync(file, "utf8"), "# mine\n");
    await runCreate(options({ name: "work", force: true }), ctx);
    assert.match(readFileSync(file, "utf8"), /api_key/);
  });

  it("reads the key from stdin with --api-key-stdin", async () => {
    const dir = freshDir();
    const { ctx } = configContext(dir);
    await runCreate(
      options({
        apiKey: undefined,
        apiKeyFromStdin: true,
        readStdin: () => Promise.resolve(`${KEY}\n`),
      }),
      ctx,
    );
    assert.equal((await loadSettings(ctx)).apiKey, KEY);
  });

  for (
    const [name, text, message] of [["empty", "\n", /stdin was empty/], [
      "multi-line",
      "a\nb\n",
      /one line/,
    ]] as const
  ) {
    it(`rejects ${name} stdin and writes nothing`, async () => {
      const dir = freshDir();
      const { ctx } = configContext(dir);
      await assert.rejects(
        runCreate(
          options({
            apiKey: undefined,
            apiKeyFromStdin: true,
            readStdin: () => Promise.resolve(text),
          }),
          ctx,
        ),
        (error: unknown) => error instanceof UsageError && message.test(error.message),
      );
      assert.deepEqual(listTree(dir), []);
    });
  }

  it("asks for name, key (hidden) and base URL on a terminal", async () => {
    const dir = freshDir();
    const { prompter, asked } = scriptedPrompter(["", KEY, "http://127.0.0.1:4010"]);
    const { ctx } = configContext(dir, { tty: true });
    await runCreate(options({ apiKey: undefined, interactive: true }), { ...ctx, prompter });
    assert.deepEqual(asked, [
      { kind: "ask", question: "Profile name", default: "default" },
      { kind: "ask", question: "API key", secret: true },
      { kind: "ask", question: "API base URL", default: "https://api.arize.com" },
    ]);
    const settings = await loadSettings(ctx);
    assert.equal(settings.profileName, "default");
    assert.equal(settings.apiKey, KEY);
    assert.equal(settings.baseUrl, "http://127.0.0.1:4010");
  });

  it("does not ask for what flags already gave", async () => {
    const dir = freshDir();
    const { prompter, asked } = scriptedPrompter([KEY]);
    const { ctx } = configContext(dir, { tty: true });
    await runCreate(
      options({ name: "eu", apiKey: undefined, interactive: true, region: "eu-west-1a" }),
      { ...ctx, prompter },
    );
    assert.deepEqual(asked.map((q) => q.question), ["API key"]);
  });

  it("keeps the default endpoint implicit when the user accepts it", async () => {
    const dir = freshDir();
    const { prompter } = scriptedPrompter(["work", KEY, ""]);
    const { ctx } = configContext(dir, { tty: true });
    await runCreate(options({ apiKey: undefined, interactive: true }), { ...ctx, prompter });
    assert.doesNotMatch(readFileSync(join(dir, "profiles", "work.toml"), "utf8"), /\[routing\]/);
  });

  it("on a terminal, asks before overwriting (default No) and keeps the file on No", async () => {
    const dir = freshDir();
    const file = writeProfileFile(dir, "work", "# mine\n");
    const { prompter, asked } = scriptedPrompter([false]);
    const { ctx, stderr } = configContext(dir, { tty: true, env: { NO_COLOR: "1" } });
    await runCreate(options({ name: "work", apiKey: undefined, interactive: true }), {
      ...ctx,
      prompter,
    });
    assert.deepEqual(asked, [{
      kind: "confirm",
      question: "Profile 'work' already exists. Overwrite it? [y/N]: ",
      default: false,
    }]);
    assert.equal(readFileSync(file, "utf8"), "# mine\n");
    assert.equal(stderr.text(), "ℹ Profile 'work' not changed\n");
  });

  it("rejects an empty interactive key and an invalid interactive name", async () => {
    const dir = freshDir();
    const empty = scriptedPrompter(["x", ""]);
    const { ctx } = configContext(dir, { tty: true });
    await assert.rejects(
      runCreate(options({ apiKey: undefined, interactive: true }), {
        ...ctx,
        prompter: empty.prompter,
      }),
      /No API key entered/,
    );
    const badName = scriptedPrompter(["bad name"]);
    await assert.rejects(
      runCreate(options({ apiKey: undefined, interactive: true }), {
        ...ctx,
        prompter: badName.prompter,
      }),
      UsageError,
    );
    assert.deepEqual(listTree(dir), []);
  });

  it("fails with exit 5 when the config dir cannot be written, and creates nothing", async () => {
    const parent = freshDir();
    writeFileSync(join(parent, "file"), "");
    const { ctx } = configContext(join(parent, "file", "cfg"));
    await assert.rejects(runCreate(options(), ctx), (error: unknown) => {
      assert.equal((error as { exitCode?: number }).exitCode, 5);
      return true;
    });
    assert.deepEqual(listTree(parent), ["file"]);
  });
});
