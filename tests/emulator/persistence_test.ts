import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildEmulator, CorruptDataError } from "../../emulator/mod.ts";
import { createSaver } from "../../emulator/persistence.ts";
import { writeFileAtomicSync } from "../../runtime/atomic_file.ts";
import { testEmulator } from "./_support.ts";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "ax-emu-persist-"));
}

describe("--data persistence", () => {
  it("keeps users, spaces, keys and revocations across a restart", async () => {
    const dir = tempDir();
    try {
      const data = join(dir, "state.json");
      const first = testEmulator({ dataFile: data, adminKey: "ak-persisted-admin-key" });
      const kept = await first.createKey({ name: "kept", description: "d" }, first.user);
      const revoked = await first.createKey({ name: "revoked" });
      await first.call("PUT", `/v2/api-keys/${encodeURIComponent(revoked.id)}/revoke`, {
        key: first.admin,
      });
      const svc = await first.createKey({
        name: "svc",
        key_type: "service",
        space_id: first.stagingSpace,
        roles: { space_role: "admin" },
      });
      first.saver!.flush();

      const second = testEmulator({ dataFile: data, adminKey: "ak-persisted-admin-key" });
      assert.equal(second.defaultSpace, first.defaultSpace);
      const list = await second.call("GET", "/v2/api-keys", { key: second.user });
      const found = list.json.api_keys.find((k: { id: string }) => k.id === kept.id);
      const { key: _secret, ...shown } = kept;
      assert.deepEqual(found, shown);
      // Created keys keep working: only their hash was stored, and that is enough.
      assert.equal((await second.call("GET", "/v2/spaces", { key: kept.key })).status, 200);
      assert.equal((await second.call("GET", "/v2/spaces", { key: revoked.key })).status, 401);
      const spaces = await second.call("GET", "/v2/spaces", { key: svc.key });
      assert.deepEqual(spaces.json.spaces.map((s: { id: string }) => s.id), [first.stagingSpace]);
      // The bootstrap keys get new secrets each start; the old ones stop working.
      assert.equal((await second.call("GET", "/v2/spaces", { key: first.user })).status, 401);
      assert.equal((await second.call("GET", "/v2/spaces", { key: second.admin })).status, 200);
      assert.equal(
        second.emulator.store.state.bootstrap.admin_key_id,
        first.emulator.store.state.bootstrap.admin_key_id,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("saves shortly after a change without being asked", async () => {
    const dir = tempDir();
    try {
      const data = join(dir, "state.json");
      const emu = testEmulator({ dataFile: data });
      const created = await emu.createKey({ name: "soon on disk" });
      const deadline = Date.now() + 5000;
      while (!readFileSync(data, "utf8").includes(created.id) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.ok(readFileSync(data, "utf8").includes(created.id));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("never writes a raw key to the file", async () => {
    const dir = tempDir();
    try {
      const data = join(dir, "state.json");
      const emu = testEmulator({ dataFile: data, adminKey: "ak-admin-key-from-option" });
      const created = await emu.createKey({ name: "n" });
      const refreshed = await emu.call(
        "POST",
        `/v2/api-keys/${encodeURIComponent(created.id)}/refresh`,
        {
          key: emu.admin,
        },
      );
      emu.saver!.flush();
      const text = readFileSync(data, "utf8");
      for (const secret of [created.key, refreshed.json.key, emu.admin, emu.user, emu.viewer]) {
        assert.ok(!text.includes(secret.slice(3)), "a secret reached the data file");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a corrupt file with a clear message and leaves it untouched", () => {
    const dir = tempDir();
    try {
      const data = join(dir, "state.json");
      const cases = [
        "",
        "{not json",
        "[]",
        JSON.stringify({ format: "something-else" }),
        JSON.stringify({ ...validState(dir), keys: [{ id: 1 }] }),
      ];
      for (const content of cases) {
        writeFileSync(data, content);
        assert.throws(
          () => buildEmulator({ dataFile: data }),
          (error) => error instanceof CorruptDataError && error.message.includes(data),
        );
        assert.equal(readFileSync(data, "utf8"), content);
      }
      assert.deepEqual(readdirSync(dir), ["state.json"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("creates the file when it does not exist yet", () => {
    const dir = tempDir();
    try {
      const data = join(dir, "new.json");
      buildEmulator({ dataFile: data });
      const state = JSON.parse(readFileSync(data, "utf8"));
      assert.equal(state.format, "ax-emulator-state");
      assert.equal(state.spaces.length, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("saving the data file", () => {
  it("leaves the old file when the write fails", () => {
    const dir = tempDir();
    try {
      const path = join(dir, "missing-folder", "f.json");
      assert.throws(() => writeFileAtomicSync(path, "x"));
      const saved = join(dir, "f.json");
      writeFileAtomicSync(saved, "old");
      const errors: Error[] = [];
      const saver = createSaver({
        path: join(dir, "missing-folder", "g.json"),
        state: () => ({}) as never,
        onError: (e) => errors.push(e),
      });
      saver.changed("hard");
      saver.flush();
      assert.equal(errors.length, 1);
      assert.equal(readFileSync(saved, "utf8"), "old");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function validState(dir: string) {
  const path = join(dir, "valid.json");
  buildEmulator({ dataFile: path });
  const state = JSON.parse(readFileSync(path, "utf8"));
  rmSync(path);
  return state;
}
