/**
 * A profile whose `[auth] api_key` is a `${VAR}` reference to a variable that
 * is not set, as `ax profiles create --api-key '${WORK_KEY}'` (or the
 * reference CLI) writes it: ARIZE_API_KEY still overrides the key for
 * `--profile` and AX_PROFILE, `profiles list` still shows the profile's
 * endpoint, and a command that needs the profile's own key fails naming the
 * variable. And profiles that exist while none is active: the no-key error
 * points at `ax profiles use`. Real ax against a real emulator.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { useEmulator } from "../_helpers/emulator_fixture.ts";

const fx = useEmulator("profile-env-reference");

describe("a profile key that references an unset variable", () => {
  before(async () => {
    await fx.axExpecting(0, [
      "profiles",
      "create",
      "work",
      "--api-key",
      "${WORK_KEY_QA}",
      "--base-url",
      fx.emu.url,
    ]);
  });

  it("ARIZE_API_KEY replaces it, with --profile and with AX_PROFILE", async () => {
    const byFlag = await fx.axExpecting(0, ["spaces", "list", "--profile", "work", "-o", "json"], {
      env: { ARIZE_BASE_URL: undefined },
    });
    assert.ok(JSON.parse(byFlag.stdout).spaces.length > 0);
    await fx.axExpecting(0, ["spaces", "list", "-o", "json"], {
      env: { ARIZE_BASE_URL: undefined, AX_PROFILE: "work" },
    });
  });

  it("profiles list shows its endpoint and warns about the variable", async () => {
    const result = await fx.axExpecting(0, ["profiles", "list", "-o", "json"], {
      env: { ARIZE_API_KEY: undefined },
    });
    const work = JSON.parse(result.stdout).profiles.find((p: { name: string }) =>
      p.name === "work"
    );
    assert.equal(work.base_url, fx.emu.url);
    assert.match(result.stderr, /api_key uses \$\{WORK_KEY_QA\}, but WORK_KEY_QA is not set/);
  });

  it("without ARIZE_API_KEY a command fails naming the variable; with it set, it works", async () => {
    const env = { ARIZE_API_KEY: undefined, ARIZE_BASE_URL: undefined, AX_PROFILE: "work" };
    const failed = await fx.axExpecting(1, ["spaces", "list"], { env });
    assert.equal(failed.stdout, "");
    assert.match(failed.stderr, /\$\{WORK_KEY_QA\}, but WORK_KEY_QA is not set/);
    await fx.axExpecting(0, ["spaces", "list"], {
      env: { ...env, WORK_KEY_QA: fx.emu.adminKey },
    });
  });
});

describe("profiles exist but none is active (the active one was deleted)", () => {
  it("the no-key error names them and says `ax profiles use`, not 'create a profile'", async () => {
    const env = { ARIZE_API_KEY: undefined, ARIZE_BASE_URL: undefined };
    for (const name of ["alpha", "beta"]) {
      await fx.axExpecting(0, [
        "profiles",
        "create",
        name,
        "--api-key",
        fx.emu.adminKey,
        "--base-url",
        fx.emu.url,
      ], { env });
    }
    await fx.axExpecting(0, ["profiles", "use", "beta"], { env });
    await fx.axExpecting(0, ["profiles", "delete", "beta", "--force"], { env });
    const failed = await fx.axExpecting(1, ["spaces", "list"], { env });
    assert.match(failed.stderr, /no profile is active \(profiles: alpha, work\)/);
    assert.match(failed.stderr, /ax profiles use alpha/);
    assert.doesNotMatch(failed.stderr, /Create a profile/);
    await fx.axExpecting(0, ["profiles", "use", "alpha"], { env });
    await fx.axExpecting(0, ["spaces", "list"], { env });
  });
});
