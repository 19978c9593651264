/**
 * QUALITY.md I7 and S3 for profiles: `--help`, `--version` and completion
 * work with no config at all (no HOME, no config dir) and create nothing;
 * corrupt, empty, mistyped or future-format profile files give one message
 * naming the file and the fix (no stack trace); a read-only config directory
 * does not break commands that only read it, and writing a profile there
 * fails naming the folder; profiles are written 0600 in a 0700 folder,
 * atomically, never through a symlink.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { useEmulator } from "../../_helpers/emulator_fixture.ts";
import { type AxResult, runAx } from "../../_helpers/run_ax.ts";
import { leftoverTempFiles } from "../../_helpers/ax_process.ts";
import { makeImmutable } from "../../_helpers/small_disk.ts";

const STACK = /^\s+at .+:\d+|\.ts:\d+:\d+/m;

const fx = useEmulator("profiles");

/** ax with exactly `env` (plus what the runtime needs): no HOME unless given. */
function ax(args: string[], env: Record<string, string | undefined>, cwd?: string) {
  return runAx(args, { env: { NO_COLOR: "1", ...env }, cwd: cwd ?? fx.box.home });
}

/** A config dir holding `profiles/<name>.toml` with `text`, made active. */
function configWith(name: string, text: string): string {
  const dir = join(fx.box.dir("config"), ".arize");
  mkdirSync(join(dir, "profiles"), { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, "profiles", `${name}.toml`), text, { mode: 0o600 });
  writeFileSync(join(dir, ".active_profile"), `${name}\n`);
  return dir;
}

function expectBroken(result: AxResult, file: string, problem: RegExp): void {
  assert.equal(result.code, 1, result.stderr);
  assert.ok(result.stderr.startsWith(`✗ Error: Profile file ${file}`), result.stderr);
  assert.match(result.stderr, problem);
  // The next line says how to fix it.
  assert.match(result.stderr, /\n(Fix or delete it|Set \w+, give a default)/);
  assert.doesNotMatch(result.stderr, STACK);
  assert.equal(result.stdout, "");
}

describe("profiles and no config at all (I7, S3)", () => {
  it("--help, --version, api-keys --help and completion work with no HOME and create nothing", async () => {
    // These never look for a config dir, so no HOME and no AX_CONFIG_DIR is safe here.
    const cwd = fx.box.dir("bare");
    for (
      const args of [
        ["--help"],
        ["--version"],
        ["api-keys", "--help"],
        ["api-keys", "create", "--help"],
        ["completion", "bash"],
        ["completion", "zsh"],
        ["completion", "fish"],
        ["completion", "powershell"],
      ]
    ) {
      const result = await ax(args, {}, cwd);
      assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
      assert.notEqual(result.stdout, "", args.join(" "));
      assert.equal(result.stderr, "", args.join(" "));
    }
    assert.deepEqual(readdirSync(cwd), []);
  });

  it("the same with a config dir that does not exist: nothing is created", async () => {
    const missing = join(fx.box.dir("absent"), "nowhere", ".arize");
    for (const args of [["--version"], ["completion", "bash"], ["api-keys", "list", "--help"]]) {
      const result = await ax(args, { AX_CONFIG_DIR: missing });
      assert.equal(result.code, 0, result.stderr);
    }
    assert.equal(existsSync(missing), false);
  });

  it("no HOME and no config dir: environment credentials work; without them one message says what to set", async () => {
    // Without HOME, ax would fall back to the passwd home directory (as
    // os.homedir() does); AX_CONFIG_DIR keeps the test away from the real one.
    const missing = join(fx.box.dir("nohome"), ".arize");
    const ok = await ax(["api-keys", "list", "-o", "json"], {
      AX_CONFIG_DIR: missing,
      ARIZE_BASE_URL: fx.emu.url,
      ARIZE_API_KEY: fx.emu.adminKey,
      DISABLE_PRERELEASE_WARNING: "true",
    });
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(Array.isArray(JSON.parse(ok.stdout).api_keys));
    const none = await ax(["api-keys", "list"], {
      AX_CONFIG_DIR: missing,
      ARIZE_BASE_URL: fx.emu.url,
    });
    assert.equal(none.code, 1, none.stderr);
    assert.match(none.stderr, /^✗ Error: No API key found\./);
    assert.match(none.stderr, /ARIZE_API_KEY=<key> ax/);
    const profiles = await ax(["profiles", "list"], { AX_CONFIG_DIR: missing });
    assert.equal(profiles.code, 0, profiles.stderr);
    assert.match(profiles.stderr, /No profiles found/);
    assert.doesNotMatch(profiles.stderr + none.stderr, STACK);
    assert.equal(existsSync(missing), false, "reading created nothing");
  });

  const broken: [string, string, RegExp][] = [
    ["empty", "", /is empty\./],
    ["only whitespace", "  \n\t\n", /is empty\./],
    ["not TOML", "[auth\napi_key = ", /is not valid TOML \(line \d+, column \d+/],
    ["binary garbage", "\u0000\u0001PK\u0003\u0004", /is not valid TOML/],
    [
      "a key of the wrong type",
      "[auth]\napi_key = 12345\n",
      /has \[auth\] api_key that is not a string/,
    ],
    ["a section that is a value", 'auth = "x"\n', /has 'auth' that is not a \[auth\] table/],
    ["an unset variable", '[auth]\napi_key = "${AX_HARDENING_UNSET}"\n', /AX_HARDENING_UNSET/],
    [
      "a bad region",
      '[auth]\napi_key = "ak-x"\n[routing]\nregion = "../evil"\n',
      /bad \[routing\]/,
    ],
  ];
  for (const [what, text, problem] of broken) {
    it(`a profile file that is ${what}: exit 1 naming the file and the fix`, async () => {
      const dir = configWith("work", text);
      const file = join(dir, "profiles", "work.toml");
      const env = { HOME: fx.box.home, AX_CONFIG_DIR: dir, ARIZE_BASE_URL: fx.emu.url };
      expectBroken(await ax(["api-keys", "list"], env), file, problem);
      expectBroken(await ax(["profiles", "show"], env), file, problem);
      if (what === "not TOML") {
        // Help and version never read it.
        assert.equal((await ax(["--version"], env)).code, 0);
        assert.equal((await ax(["api-keys", "list", "--help"], env)).code, 0);
      }
      assert.equal(readFileSync(file, "utf8"), text, "the broken file is left as it was");
    });
  }

  it("a profile from a newer format (unknown sections and keys) still works", async () => {
    const dir = configWith(
      "future",
      `[profile]\nname = "future"\nformat_version = 99\n\n[auth]\nauth_method = "api-key"\napi_key = "${fx.emu.adminKey}"\nscopes = ["all"]\n\n[routing]\napi_scheme = "http"\napi_host = "${
        new URL(fx.emu.url).host
      }"\n\n[telemetry]\nenabled = false\n`,
    );
    const result = await ax(["api-keys", "list", "-o", "json"], {
      HOME: fx.box.home,
      AX_CONFIG_DIR: dir,
      DISABLE_PRERELEASE_WARNING: "true",
    });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(Array.isArray(JSON.parse(result.stdout).api_keys));
  });

  it("the active profile names a missing file: exit 1 naming it and how to pick another", async () => {
    const dir = join(fx.box.dir("dangling"), ".arize");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, ".active_profile"), "gone\n");
    const result = await ax(["api-keys", "list"], { HOME: fx.box.home, AX_CONFIG_DIR: dir });
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /The active profile 'gone' \(named in .*\.active_profile\) does not exist/,
    );
    assert.match(result.stderr, /ax profiles use <name>/);
  });

  it("profiles create: 0600 file in a 0700 folder, atomic, no temp file", async () => {
    const dir = join(fx.box.dir("fresh"), "deep", ".arize");
    const result = await ax(
      [
        "profiles",
        "create",
        "made",
        "--api-key",
        "ak-profile-secret-0123456789",
        "--base-url",
        fx.emu.url,
      ],
      { HOME: fx.box.home, AX_CONFIG_DIR: dir },
    );
    assert.equal(result.code, 0, result.stderr);
    const file = join(dir, "profiles", "made.toml");
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, "profiles")).mode & 0o777, 0o700);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.deepEqual(leftoverTempFiles(dir), []);
    assert.ok(!result.stdout.includes("ak-profile-secret-0123456789"));
    assert.ok(!result.stderr.includes("ak-profile-secret-0123456789"));
  });

  it("profiles create never writes through a symlink", async () => {
    const dir = join(fx.box.dir("link"), ".arize");
    mkdirSync(join(dir, "profiles"), { recursive: true, mode: 0o700 });
    const elsewhere = join(fx.box.home, "elsewhere.toml");
    writeFileSync(elsewhere, "# not a profile\n");
    symlinkSync(elsewhere, join(dir, "profiles", "evil.toml"));
    const result = await ax(
      ["profiles", "create", "evil", "--api-key", "ak-should-not-land-0123456789", "--force"],
      { HOME: fx.box.home, AX_CONFIG_DIR: dir },
    );
    assert.equal(result.code, 5, result.stderr);
    assert.match(result.stderr, /symbolic link/);
    assert.equal(readFileSync(elsewhere, "utf8"), "# not a profile\n");
    assert.ok(lstatSync(join(dir, "profiles", "evil.toml")).isSymbolicLink());
  });

  it("a read-only config folder: reading works, the notice is skipped, writing names the folder", async (t) => {
    const dir = configWith(
      "ro",
      `[auth]\napi_key = "${fx.emu.adminKey}"\n[routing]\napi_scheme = "http"\napi_host = "${
        new URL(fx.emu.url).host
      }"\n`,
    );
    const undoProfiles = makeImmutable(join(dir, "profiles"));
    if (typeof undoProfiles === "string") return t.skip(undoProfiles);
    const undo = makeImmutable(dir);
    if (typeof undo === "string") {
      undoProfiles();
      return t.skip(undo);
    }
    try {
      const env = { HOME: fx.box.home, AX_CONFIG_DIR: dir };
      const listed = await ax(["api-keys", "list", "-o", "json"], env);
      assert.equal(listed.code, 0, listed.stderr);
      assert.ok(Array.isArray(JSON.parse(listed.stdout).api_keys));
      const created = await ax(
        ["profiles", "create", "other", "--api-key", "ak-x-0123456789"],
        env,
      );
      assert.equal(created.code, 5, created.stderr);
      assert.match(
        created.stderr,
        new RegExp(`${dir}.*(operation not permitted|permission denied)`),
      );
      assert.doesNotMatch(created.stderr, STACK);
    } finally {
      undo();
      undoProfiles();
    }
    assert.deepEqual(readdirSync(join(dir, "profiles")), ["ro.toml"]);
  });
});
