/**
 * QUALITY.md S3 and S7: `--env-file FILE` on create, create-service-key and
 * refresh. The file is written atomically (a new inode, no temp file left),
 * mode 0600, other lines kept; a bad destination (missing folder, symlink,
 * directory, device, immutable folder) fails with exit 5 before the key
 * exists (the emulator sees no POST); a write that fails after the key was
 * created (a full disk) revokes a new key and says so, or for refresh says
 * how to recover.
 */
import { after, before, describe, it } from "node:test";
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
import { type AxResult } from "../../_helpers/run_ax.ts";
import { leftoverTempFiles, requestsSince } from "../../_helpers/ax_process.ts";
import {
  makeImmutable,
  mountSmallDisk,
  rootTrapsUnavailable,
  type SmallDisk,
} from "../../_helpers/small_disk.ts";

const fx = useEmulator("env-file");

function ax(args: string[], cwd: string): Promise<AxResult> {
  return fx.ax(args, { cwd });
}

function envKey(file: string): string | undefined {
  return readFileSync(file, "utf8").match(/^ARIZE_API_KEY=(ak-\S+)$/m)?.[1];
}

/** Revoked keys' names, read with ax. */
async function revokedNames(): Promise<string[]> {
  const result = await ax(
    ["api-keys", "list", "--all", "--status", "revoked", "-o", "ndjson"],
    fx.box.home,
  );
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trimEnd().split("\n").filter(Boolean).map((l) => JSON.parse(l).name);
}

/** A refreshable key made outside ax. */
async function keyToRefresh(name: string): Promise<string> {
  const made = await fx.emu.admin("POST", "keys", { name }) as { api_keys: { id: string }[] };
  return made.api_keys[0].id;
}

describe("--env-file (S3, S7)", () => {
  it("a new file: ARIZE_API_KEY=<key>, mode 0600, metadata on stdout, no temp file", async () => {
    const dir = fx.box.dir("new");
    const result = await ax([
      "api-keys",
      "create",
      "-n",
      "env new",
      "--env-file",
      ".env",
      "-o",
      "json",
    ], dir);
    assert.equal(result.code, 0, result.stderr);
    const file = join(dir, ".env");
    assert.match(readFileSync(file, "utf8"), /^ARIZE_API_KEY=ak-[A-Za-z0-9]+\n$/);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const printed = JSON.parse(result.stdout);
    assert.equal(printed.name, "env new");
    assert.equal(printed.key, undefined);
    assert.deepEqual(readdirSync(dir), [".env"]);
  });

  it("an existing file: other lines kept, the key replaced, rewritten atomically as 0600", async () => {
    const dir = fx.box.dir("existing");
    const file = join(dir, ".env");
    writeFileSync(file, "# app settings\nPORT=8080\nARIZE_API_KEY=ak-old\nDEBUG=1\n", {
      mode: 0o644,
    });
    const inode = statSync(file).ino;
    const result = await ax(
      ["api-keys", "create", "-n", "env existing", "--env-file", ".env"],
      dir,
    );
    assert.equal(result.code, 0, result.stderr);
    const text = readFileSync(file, "utf8");
    assert.match(text, /^# app settings\nPORT=8080\nARIZE_API_KEY=ak-[A-Za-z0-9]+\nDEBUG=1\n$/);
    assert.notEqual(envKey(file), "ak-old");
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.notEqual(statSync(file).ino, inode, "replaced by rename, not rewritten in place");
    assert.deepEqual(leftoverTempFiles(dir), []);
  });

  it("create-service-key and refresh write the env file too", async () => {
    const dir = fx.box.dir("others");
    const service = await ax(
      ["api-keys", "create-service-key", "-n", "env svc", "-s", "default", "--env-file", "svc.env"],
      dir,
    );
    assert.equal(service.code, 0, service.stderr);
    assert.ok(envKey(join(dir, "svc.env")));
    const id = await keyToRefresh("env refresh");
    const refreshed = await ax(["api-keys", "refresh", id, "--env-file", "new.env"], dir);
    assert.equal(refreshed.code, 0, refreshed.stderr);
    assert.ok(envKey(join(dir, "new.env")));
    assert.ok(!refreshed.stdout.includes(envKey(join(dir, "new.env"))!));
  });

  const refusals: [string, (dir: string) => string, RegExp][] = [
    ["a missing folder", () => "no/such/dir/.env", /the directory 'no\/such\/dir' does not exist/],
    ["a symlink", (dir) => {
      writeFileSync(join(dir, "target.env"), "KEEP=1\n");
      symlinkSync(join(dir, "target.env"), join(dir, "link.env"));
      return "link.env";
    }, /it is a symbolic link \(refusing to follow it\)/],
    ["a dangling symlink", (dir) => {
      symlinkSync(join(dir, "nowhere.env"), join(dir, "dangling.env"));
      return "dangling.env";
    }, /it is a symbolic link/],
    ["a directory", (dir) => {
      mkdirSync(join(dir, "adir"));
      return "adir";
    }, /it is not a regular file/],
    ["/dev/full", () => "/dev/full", /it is not a regular file/],
  ];
  for (const [what, make, message] of refusals) {
    it(`${what}: exit 5 before the key exists (no POST), nothing changed`, async () => {
      const dir = fx.box.dir("refuse");
      const target = make(dir);
      const before = readdirSync(dir).sort();
      const since = await requestsSince(fx.emu);
      const result = await ax(["api-keys", "create", "-n", "never", "--env-file", target], dir);
      assert.equal(result.code, 5, result.stderr);
      assert.match(result.stderr, /^✗ Error: Cannot write --env-file '/);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /Nothing was created\./);
      assert.deepEqual(await since(), {});
      assert.deepEqual(readdirSync(dir).sort(), before);
      assert.equal(result.stdout, "");
      if (existsSync(join(dir, "target.env"))) {
        assert.equal(readFileSync(join(dir, "target.env"), "utf8"), "KEEP=1\n");
        assert.ok(lstatSync(join(dir, "link.env")).isSymbolicLink());
      }
    });
  }

  it("an immutable folder (chattr +i): exit 5 before the key exists", async (t) => {
    const dir = fx.box.dir("immutable");
    const undo = makeImmutable(dir);
    if (typeof undo === "string") return t.skip(undo);
    try {
      const since = await requestsSince(fx.emu);
      for (const command of [["create", "-n", "never"], ["refresh", await keyToRefresh("stays")]]) {
        const result = await ax(["api-keys", ...command, "--env-file", ".env"], dir);
        assert.equal(result.code, 5, result.stderr);
        assert.match(result.stderr, /is not writable \(EPERM\)|is not writable \(EACCES\)/);
      }
      assert.deepEqual(await since(), {});
    } finally {
      undo();
    }
  });

  describe("a full disk after the key was created", {
    skip: rootTrapsUnavailable() ?? false,
  }, () => {
    let disk: SmallDisk;
    before(() => {
      const mounted = mountSmallDisk(join(fx.box.home, "full"), {
        sizeKb: 16,
        prepare: (path) => writeFileSync(join(path, "old.env"), "OLD=1\n"),
      });
      if (typeof mounted === "string") throw new Error(mounted);
      disk = mounted;
      disk.fill();
    });
    after(() => disk?.unmount());

    it("create: the new key is revoked, the user told, exit 5, the old file unchanged", async () => {
      const since = await requestsSince(fx.emu);
      const result = await ax([
        "api-keys",
        "create",
        "-n",
        "lost to ENOSPC",
        "--env-file",
        "old.env",
      ], disk.path);
      assert.equal(result.code, 5, result.stderr);
      assert.deepEqual(await since(), {
        "POST /v2/api-keys": 1,
        "PUT /v2/api-keys/{id}/revoke": 1,
      });
      assert.match(result.stderr, /✗ Error: Cannot write .*old\.env: no space left on device\./);
      assert.match(result.stderr, /could not be saved, so it was revoked; nothing else changed\./);
      assert.equal(readFileSync(join(disk.path, "old.env"), "utf8"), "OLD=1\n");
      assert.deepEqual(leftoverTempFiles(disk.path), []);
      assert.ok((await revokedNames()).includes("lost to ENOSPC"));
      assert.equal(result.stdout, "");
    });

    it("create-service-key: revoked the same way", async () => {
      const since = await requestsSince(fx.emu);
      const result = await ax(
        [
          "api-keys",
          "create-service-key",
          "-n",
          "svc lost",
          "-s",
          "default",
          "--env-file",
          "svc.env",
        ],
        disk.path,
      );
      assert.equal(result.code, 5, result.stderr);
      assert.equal((await since())["PUT /v2/api-keys/{id}/revoke"], 1);
      assert.match(result.stderr, /so it was revoked/);
    });

    it("refresh: cannot be undone; says which key is live and how to recover", async () => {
      const id = await keyToRefresh("refresh lost");
      const since = await requestsSince(fx.emu);
      const result = await ax(["api-keys", "refresh", id, "--env-file", "r.env"], disk.path);
      assert.equal(result.code, 5, result.stderr);
      assert.deepEqual(await since(), { "POST /v2/api-keys/{id}/refresh": 1 });
      assert.match(result.stderr, new RegExp(`The old key '${id}' is revoked\\.`));
      assert.match(
        result.stderr,
        /To recover, fix the problem, then rotate the unsaved replacement/,
      );
      assert.match(result.stderr, /\n {2}ax api-keys refresh \S+ --env-file r\.env\n/);
      assert.deepEqual(leftoverTempFiles(disk.path), []);
    });
  });
});
