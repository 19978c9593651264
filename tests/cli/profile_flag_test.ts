/**
 * `--profile NAME` (and `AX_PROFILE`) choose the profile for one run of a
 * command that talks to the API: its key and endpoint are the ones sent,
 * `--profile` wins over `AX_PROFILE`, and nothing about the active profile
 * changes.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isGroup } from "../../cli/command.ts";
import { COMMANDS } from "../../commands/mod.ts";
import { ConfigError, UsageError } from "../../runtime/errors.ts";
import { runCommand } from "../_helpers/run_command.ts";
import { fetchStub } from "../_helpers/fetch_stub.ts";
import { removeDir, tempDir, writeProfileFile } from "../config/_temp_config.ts";

const dirs: string[] = [];
after(() => dirs.forEach(removeDir));

/** A config dir with `default` (active) and `work`, on different keys and hosts. */
function twoProfiles(): string {
  const dir = tempDir("ax-profile-flag-");
  dirs.push(dir);
  writeProfileFile(
    dir,
    "default",
    `[auth]\napi_key = "ak-default-key-0123456789"\n[routing]\napi_host = "default.arize.test"\n`,
  );
  writeProfileFile(
    dir,
    "work",
    `[auth]\napi_key = "ak-work-key-0123456789"\n[routing]\napi_host = "work.arize.test"\n`,
  );
  return dir;
}

/** No credentials in the environment: the profile decides where requests go. */
const FROM_PROFILE = { ARIZE_API_KEY: undefined, ARIZE_BASE_URL: undefined };

/** Runs `ax api-keys revoke k1 --force <extra>` expecting the request to reach `profile`. */
async function revokeAs(profile: string, input: { dir: string; argv: string[]; env?: object }) {
  const stub = fetchStub({
    baseUrl: `https://${profile}.arize.test`,
    headers: { authorization: `Bearer ak-${profile}-key-0123456789` },
  }).expect({ method: "PUT", path: "/v2/api-keys/k1/revoke" }, { status: 204 });
  const run = await runCommand(["api-keys", "revoke", "k1", "--force", ...input.argv], {
    stub,
    env: {
      ...FROM_PROFILE,
      AX_CONFIG_DIR: input.dir,
      DISABLE_PRERELEASE_WARNING: "1",
      ...input.env,
    },
  });
  stub.verify();
  assert.equal(run.error, undefined);
  return run;
}

describe("--profile and AX_PROFILE", () => {
  it("without either, the active profile is used", async () => {
    await revokeAs("default", { dir: twoProfiles(), argv: [] });
  });

  it("--profile NAME uses that profile for this run only", async () => {
    const dir = twoProfiles();
    await revokeAs("work", { dir, argv: ["--profile", "work"] });
    await revokeAs("default", { dir, argv: [] });
  });

  it("AX_PROFILE chooses the profile, and --profile wins over it", async () => {
    const dir = twoProfiles();
    await revokeAs("work", { dir, argv: [], env: { AX_PROFILE: "work" } });
    await revokeAs("default", {
      dir,
      argv: ["--profile", "default"],
      env: { AX_PROFILE: "work" },
    });
  });

  it("applies to list too (before the output is written)", async () => {
    const dir = twoProfiles();
    const stub = fetchStub({
      baseUrl: "https://work.arize.test",
      headers: { authorization: "Bearer ak-work-key-0123456789" },
    }).expect({ method: "GET", path: "/v2/api-keys?limit=15" }, {
      status: 200,
      json: { api_keys: [], pagination: { has_more: false } },
    });
    const run = await runCommand(["api-keys", "list", "--profile=work", "-o", "json"], {
      stub,
      env: { ...FROM_PROFILE, AX_CONFIG_DIR: dir, DISABLE_PRERELEASE_WARNING: "1" },
    });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.deepEqual(JSON.parse(run.stdout).api_keys, []);
  });

  it("a profile that does not exist is a ConfigError naming it, and nothing is sent", async () => {
    const stub = fetchStub();
    const run = await runCommand(["api-keys", "revoke", "k1", "-f", "--profile", "nope"], {
      stub,
      env: { ...FROM_PROFILE, AX_CONFIG_DIR: twoProfiles() },
    });
    stub.verify();
    assert.ok(run.error instanceof ConfigError && /nope/.test(run.error.message), run.report);
  });

  it("an invalid name is a usage error naming --profile", async () => {
    const run = await runCommand(["api-keys", "list", "--profile", "a/b"], {
      env: { AX_CONFIG_DIR: twoProfiles() },
    });
    assert.ok(
      run.error instanceof UsageError && /--profile 'a\/b'/.test(run.error.message),
      run.report,
    );
  });

  it("does not change the active profile", async () => {
    const dir = twoProfiles();
    await revokeAs("work", { dir, argv: ["--profile", "work"] });
    let active: string | undefined;
    try {
      active = readFileSync(join(dir, ".active_profile"), "utf8");
    } catch {
      active = undefined;
    }
    assert.notEqual(active?.trim(), "work");
  });

  it("every api-keys command takes --profile", () => {
    const group = COMMANDS.find((spec) => spec.name === "api-keys");
    assert.ok(group && isGroup(group));
    for (const command of group.commands) {
      assert.ok(command.common?.includes("profile"), `${command.name} takes --profile`);
    }
  });
});
