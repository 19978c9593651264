/**
 * QUALITY.md I6: `-o FILE` into a missing folder, an immutable folder, a
 * read-only file system or a full disk fails with exit 5 naming the file,
 * leaves an existing file byte for byte as it was and no temp file; for
 * create and refresh the path is checked before the key exists (no POST),
 * and a write that still fails afterwards revokes a new key. Real traps: a
 * tiny tmpfs (full, or remounted read-only) and `chattr +i`; skipped with the
 * reason where root or the tools are missing.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { useEmulator } from "../../_helpers/emulator_fixture.ts";
import { type AxResult } from "../../_helpers/run_ax.ts";
import {
  axShellWords,
  leftoverTempFiles,
  requestsSince,
  runShell,
} from "../../_helpers/ax_process.ts";
import {
  makeImmutable,
  mountSmallDisk,
  rootTrapsUnavailable,
  type SmallDisk,
} from "../../_helpers/small_disk.ts";

/** csv of this many keys is ~400 KB: far more than the full disk can take. */
const KEYS = 2_000;
const OLD = "id,name\nold,export\n";

const fx = useEmulator("disk", { seedKeys: KEYS });

function ax(args: string[], cwd: string): Promise<AxResult> {
  return fx.ax(args, { cwd });
}

async function keyToRefresh(): Promise<string> {
  const made = await fx.emu.admin("POST", "keys", { name: "disk refresh" }) as {
    api_keys: { id: string }[];
  };
  return made.api_keys[0].id;
}

/** Runs list and create against `dir/<file>` and checks both refuse without side effects. */
async function refusesBoth(dir: string, reason: RegExp): Promise<void> {
  const since = await requestsSince(fx.emu);
  const listed = await ax(["api-keys", "list", "--all", "-o", join(dir, "keys.csv")], fx.box.home);
  assert.equal(listed.code, 5, listed.stderr);
  assert.match(listed.stderr, new RegExp(`^✗ Error: Cannot write ${dir}/keys\\.csv: `));
  assert.match(listed.stderr, reason);
  const created = await ax(
    ["api-keys", "create", "-n", "never", "-o", join(dir, "key.json")],
    fx.box.home,
  );
  assert.equal(created.code, 5, created.stderr);
  assert.match(created.stderr, reason);
  assert.equal((await since())["POST /v2/api-keys"], undefined, "no key was created");
  assert.equal(listed.stdout + created.stdout, "");
}

describe("output files on a hostile disk (I6)", () => {
  it("a missing folder: exit 5 naming it, before any request, nothing created", async () => {
    const dir = join(fx.box.dir("missing"), "no", "such");
    const since = await requestsSince(fx.emu);
    await refusesBoth(dir, /the folder .*no\/such does not exist\./);
    assert.deepEqual(await since(), {}, "no request at all");
    assert.equal(existsSync(dir), false);
  });

  it("an immutable folder (chattr +i): exit 5, the existing file unchanged", async (t) => {
    const dir = fx.box.dir("immutable");
    writeFileSync(join(dir, "keys.csv"), OLD);
    const undo = makeImmutable(dir);
    if (typeof undo === "string") return t.skip(undo);
    try {
      await refusesBoth(dir, /operation not permitted|permission denied/);
    } finally {
      undo();
    }
    assert.equal(readFileSync(join(dir, "keys.csv"), "utf8"), OLD);
    assert.deepEqual(readdirSync(dir), ["keys.csv"]);
  });

  it("a read-only file system: exit 5, the existing file unchanged", async (t) => {
    const disk = mountSmallDisk(join(fx.box.home, "ro"), {
      sizeKb: 64,
      readOnly: true,
      prepare: (path) => writeFileSync(join(path, "keys.csv"), OLD),
    });
    if (typeof disk === "string") return t.skip(disk);
    try {
      await refusesBoth(disk.path, /read-only file system/);
      assert.equal(readFileSync(join(disk.path, "keys.csv"), "utf8"), OLD);
      assert.deepEqual(readdirSync(disk.path), ["keys.csv"]);
    } finally {
      disk.unmount();
    }
  });

  describe("a full disk", { skip: rootTrapsUnavailable() ?? false }, () => {
    let disk: SmallDisk;
    before(() => {
      const mounted = mountSmallDisk(join(fx.box.home, "full"), {
        sizeKb: 64,
        prepare: (path) => writeFileSync(join(path, "keys.csv"), OLD),
      });
      if (typeof mounted === "string") throw new Error(mounted);
      disk = mounted;
      disk.fill();
    });
    after(() => disk?.unmount());

    for (const format of ["csv", "ndjson", "json", "parquet"]) {
      it(`list --all -o keys.${format}: exit 5, no space, nothing left behind`, async () => {
        const target = join(disk.path, `keys.${format}`);
        const result = await ax(["api-keys", "list", "--all", "-o", target], fx.box.home);
        assert.equal(result.code, 5, result.stderr);
        assert.match(
          result.stderr,
          new RegExp(
            `^✗ Error: Cannot write ${target.replaceAll(".", "\\.")}: no space left on device\\.`,
          ),
        );
        assert.deepEqual(leftoverTempFiles(disk.path), []);
        assert.deepEqual(readdirSync(disk.path).sort(), [".filler", "keys.csv"]);
        assert.equal(readFileSync(join(disk.path, "keys.csv"), "utf8"), OLD);
      });
    }

    it("create -o key.json: the check passes, the write fails, the key is revoked", async () => {
      const since = await requestsSince(fx.emu);
      const result = await ax(
        ["api-keys", "create", "-n", "no room", "-o", join(disk.path, "key.json")],
        fx.box.home,
      );
      assert.equal(result.code, 5, result.stderr);
      assert.deepEqual(await since(), {
        "POST /v2/api-keys": 1,
        "PUT /v2/api-keys/{id}/revoke": 1,
      });
      assert.match(result.stderr, /no space left on device/);
      assert.match(result.stderr, /could not be saved, so it was revoked/);
      assert.deepEqual(leftoverTempFiles(disk.path), []);
    });

    it("refresh -o key.json: says how to recover the unsaved replacement", async () => {
      const id = await keyToRefresh();
      const since = await requestsSince(fx.emu);
      const result = await ax(
        ["api-keys", "refresh", id, "-o", join(disk.path, "key.json")],
        fx.box.home,
      );
      assert.equal(result.code, 5, result.stderr);
      assert.deepEqual(await since(), { "POST /v2/api-keys/{id}/refresh": 1 });
      assert.match(
        result.stderr,
        /To recover, fix the problem, then rotate the unsaved replacement/,
      );
    });
  });

  it("-o through a symlink to /dev/full: refused, exit 5 naming the file", async () => {
    const dir = fx.box.dir("devfull");
    symlinkSync("/dev/full", join(dir, "keys.csv"));
    const result = await ax(["api-keys", "list", "--all", "-o", "keys.csv"], dir);
    assert.equal(result.code, 5, result.stderr);
    assert.match(result.stderr, /^✗ Error: Refusing to write .*keys\.csv: it is a symbolic link\./);
  });

  it("-o naming a full device itself: exit 5 naming the file", async (t) => {
    const dir = fx.box.dir("devfull-node");
    // The same device as /dev/full under a name with an extension (needs root).
    if ((await runShell("mknod keys.csv c 1 7", { cwd: dir })).code !== 0) {
      t.skip("mknod needs root");
      return;
    }
    const result = await ax(["api-keys", "list", "--all", "-o", "keys.csv"], dir);
    assert.equal(result.code, 5, result.stderr);
    assert.match(result.stderr, /^✗ Error: Cannot write .*keys\.csv: no space left on device\./);
  });

  it("stdout redirected to /dev/full: exit 5, one line naming standard output", async () => {
    const result = await runShell(
      `${axShellWords(["api-keys", "list", "--all", "-o", "csv"])} > /dev/full`,
      { env: fx.env(), cwd: fx.box.home },
    );
    assert.equal(result.code, 5, result.stderr);
    assert.equal(
      result.stderr,
      "✗ Error: Cannot write to standard output: no space left on device.\n",
    );
  });
});
