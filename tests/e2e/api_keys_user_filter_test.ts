/**
 * `ax api-keys list --user <user-id>` and `--key-type service` without
 * `--space`, end to end against the emulator: an account admin sees another
 * user's keys, a developer gets 403 (exit 4); with `--space` or
 * `--key-type service`, the service keys that user created. Run from source
 * and, by scripts/test.ts, against the binary.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { useEmulator } from "../_helpers/emulator_fixture.ts";

const fx = useEmulator("user-filter");

async function ax(args: string[], key: string) {
  return await fx.ax(args, { env: { ARIZE_API_KEY: key } });
}

async function names(args: string[], key: string): Promise<string[]> {
  const result = await ax(["api-keys", "list", "--all", "-o", "json", ...args], key);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout).api_keys.map((k: { name: string }) => k.name).sort();
}

async function create(args: string[], key: string): Promise<void> {
  const result = await ax(["api-keys", ...args, "-o", "json"], key);
  assert.equal(result.code, 0, result.stderr);
}

describe("list --user and --key-type service across spaces", () => {
  before(async () => {
    const [defaultSpace, staging] = fx.emu.spaces;
    await create(["create", "-n", "developer's own"], fx.emu.userKey);
    await create(["create", "-n", "admin's own"], fx.emu.adminKey);
    await create(
      ["create-service-key", "-n", "svc by developer", "-s", defaultSpace.id],
      fx.emu.userKey,
    );
    await create(
      ["create-service-key", "-n", "svc by admin", "-s", defaultSpace.id],
      fx.emu.adminKey,
    );
    await create(
      ["create-service-key", "-n", "svc in staging", "-s", staging.name],
      fx.emu.adminKey,
    );
  });

  it("an account admin lists another user's keys with --user", async () => {
    const listed = await names(["--user", fx.emu.userId], fx.emu.adminKey);
    assert.ok(listed.includes("developer's own"));
    assert.ok(!listed.includes("admin's own"));
  });

  it("a developer naming another user gets the API's 403 (exit 4)", async () => {
    const result = await ax(["api-keys", "list", "--user", fx.emu.adminUserId], fx.emu.userKey);
    assert.equal(result.code, 4, result.stderr);
    assert.match(result.stderr, /403/);
    assert.equal(result.stdout, "");
  });

  it("--space with --user: the service keys that user created there", async () => {
    assert.deepEqual(
      await names(["--space", "default", "--user", fx.emu.userId], fx.emu.adminKey),
      ["svc by developer"],
    );
  });

  it("--key-type service alone: every readable space; a developer sees only default", async () => {
    const all = await names(["--key-type", "service"], fx.emu.adminKey);
    for (const name of ["svc by admin", "svc by developer", "svc in staging"]) {
      assert.ok(all.includes(name), name);
    }
    const developer = await names(["--key-type", "service"], fx.emu.userKey);
    assert.ok(developer.includes("svc by developer"));
    assert.ok(developer.includes("svc by admin"));
    assert.ok(!developer.includes("svc in staging"), "no access to staging");
    assert.deepEqual(
      await names(["--key-type", "service", "--user", fx.emu.adminUserId], fx.emu.userKey),
      ["svc by admin"],
    );
  });
});
