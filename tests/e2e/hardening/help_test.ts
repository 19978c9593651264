/**
 * QUALITY.md T4 (and N1's default): `--help` on every command prints usage,
 * options and examples on stdout with nothing on stderr; enum options list
 * their allowed values and options their defaults; a group without a
 * subcommand prints its help; `--version` names version, commit and runtime.
 * `profiles show` reports the 30 s default timeout and AX_TIMEOUT overriding it.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { runAx } from "../../_helpers/run_ax.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/ax_process.ts";

const LEAVES = [
  "api-keys list",
  "api-keys create",
  "api-keys create-service-key",
  "api-keys revoke",
  "api-keys refresh",
  "profiles create",
  "profiles list",
  "profiles show",
  "profiles use",
  "profiles delete",
  "profiles validate",
  "emulator start",
  "completion",
  "formats list",
];
const GROUPS = ["api-keys", "profiles", "emulator", "formats"];

let box: Sandbox;

function ax(args: string[], extra: Record<string, string> = {}) {
  return runAx(args, {
    cwd: box.home,
    env: {
      HOME: box.home,
      AX_CONFIG_DIR: box.configDir,
      NO_COLOR: "1",
      ...extra,
    },
  });
}

describe("help and version (T4)", () => {
  before(() => {
    box = makeSandbox("help");
  });
  after(() => box?.remove());

  it("every command's --help: usage, options, examples; stdout only", async () => {
    const results = await Promise.all(
      LEAVES.map((command) => ax([...command.split(" "), "--help"])),
    );
    LEAVES.forEach((command, i) => {
      const result = results[i];
      assert.equal(result.code, 0, `${command}: ${result.stderr}`);
      assert.equal(result.stderr, "", command);
      assert.match(result.stdout, new RegExp(`^Usage: ax ${command}`), command);
      assert.match(result.stdout, /\nOptions:\n/, command);
      assert.match(result.stdout, /\nExamples:\n {2}(\$ )?ax /, command);
    });
  });

  it("enum options list their values; defaults are shown", async () => {
    const list = await ax(["api-keys", "list", "--help"]);
    assert.match(list.stdout, /--key-type <type>[\s\S]*?choices: "user",\s+"service"/);
    assert.match(list.stdout, /--status <status>[\s\S]*?choices: "active", "revoked"/);
    assert.match(list.stdout, /\(default: 15\)/);
    assert.match(list.stdout, /--timeout <seconds>[\s\S]*?\(default: AX_TIMEOUT, else 30\)/);
    const service = await ax(["api-keys", "create-service-key", "--help"]);
    assert.match(service.stdout, /--space-role <role>[\s\S]*?"admin", "member",\s+"read-only"/);
    assert.match(service.stdout, /--account-role <role>[\s\S]*?"admin", "member"/);
    const refresh = await ax(["api-keys", "refresh", "--help"]);
    assert.match(refresh.stdout, /--grace-period-seconds <n>[\s\S]*?0-86400/);
  });

  it("a group without a subcommand prints its help, exit 0", async () => {
    for (const group of GROUPS) {
      const result = await ax([group]);
      assert.equal(result.code, 0, `${group}: ${result.stderr}`);
      assert.match(result.stdout + result.stderr, new RegExp(`Usage: ax ${group}`));
    }
  });

  it("--version: version, commit and runtime on one line", async () => {
    const result = await ax(["--version"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^ax \d+\.\d+\.\d+\S* \(commit [0-9a-z-]+, (deno|bun|node) \d+\.\d+\.\d+\S*\)\n$/,
    );
  });

  it("the timeout defaults to 30 s; AX_TIMEOUT overrides it (N1)", async () => {
    const plain = await ax(["profiles", "show"], { ARIZE_API_KEY: "ak-help-test-0123456789" });
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /Timeout:\s+30 s/);
    const set = await ax(["profiles", "show"], {
      ARIZE_API_KEY: "ak-help-test-0123456789",
      AX_TIMEOUT: "2.5",
    });
    assert.match(set.stdout, /Timeout:\s+2\.5 s\s+\(AX_TIMEOUT\)/);
  });
});
