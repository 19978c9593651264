import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { openAtomicFile, writeFileAtomic, writeFileAtomicSync } from "../../runtime/atomic_file.ts";
import { FileError } from "../../runtime/errors.ts";
import { listTree, removeDir, tempDir } from "../config/_temp_config.ts";

const posix = process.platform !== "win32";
const mode = (path: string) => statSync(path).mode & 0o777;

describe("writeFileAtomic", () => {
  const root = tempDir("ax-atomic-");
  after(() => removeDir(root));

  it("creates the file 0600 and missing directories 0700", { skip: !posix }, async () => {
    const file = join(root, "a", "b", "secret.toml");
    await writeFileAtomic(file, "key = 1\n");
    assert.equal(readFileSync(file, "utf8"), "key = 1\n");
    assert.equal(mode(file), 0o600);
    assert.equal(mode(join(root, "a")), 0o700);
    assert.equal(mode(join(root, "a", "b")), 0o700);
    assert.deepEqual(listTree(join(root, "a")), ["b", join("b", "secret.toml")]);
  });

  it("replaces an existing file, tightening its mode, and honours options.mode", async () => {
    const file = join(root, "replace.txt");
    writeFileSync(file, "old", { mode: 0o644 });
    await writeFileAtomic(file, new TextEncoder().encode("new"));
    assert.equal(readFileSync(file, "utf8"), "new");
    if (posix) assert.equal(mode(file), 0o600);
    await writeFileAtomic(file, "public", { mode: 0o644 });
    if (posix) assert.equal(mode(file), 0o644);
  });

  it(
    "refuses to write through a symlink and leaves its target alone",
    { skip: !posix },
    async () => {
      const dir = join(root, "links");
      mkdirSync(dir);
      const target = join(dir, "target.txt");
      writeFileSync(target, "precious");
      symlinkSync(target, join(dir, "link.txt"));
      await assert.rejects(writeFileAtomic(join(dir, "link.txt"), "evil"), (error: unknown) => {
        assert.ok(error instanceof FileError);
        assert.equal(error.exitCode, 5);
        assert.match(error.message, /symbolic link/);
        return true;
      });
      assert.equal(readFileSync(target, "utf8"), "precious");
      assert.deepEqual(listTree(dir), ["link.txt", "target.txt"]);
    },
  );

  it("refuses a directory as the target", async () => {
    const dir = join(root, "is-a-dir");
    mkdirSync(dir);
    await assert.rejects(writeFileAtomic(dir, "x"), /is a directory/);
  });

  it("fails with a FileError and creates nothing when a parent is a file", async () => {
    const dir = join(root, "blocked");
    mkdirSync(dir);
    writeFileSync(join(dir, "plain"), "");
    await assert.rejects(writeFileAtomic(join(dir, "plain", "x.toml"), "x"), FileError);
    assert.deepEqual(listTree(dir), ["plain"]);
  });

  it("leaves the old file and no temp file when aborted before the rename", async () => {
    const dir = join(root, "abort");
    mkdirSync(dir);
    const file = join(dir, "out.txt");
    writeFileSync(file, "old");
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await assert.rejects(writeFileAtomic(file, "new", { signal: controller.signal }), /stop/);
    assert.equal(readFileSync(file, "utf8"), "old");
    assert.deepEqual(listTree(dir), ["out.txt"]);
  });

  it(
    "reports a read-only directory as a FileError and leaves no temp file",
    { skip: !posix || process.getuid?.() === 0 ? "needs a non-root POSIX user" : false },
    async () => {
      const { chmodSync } = await import("node:fs");
      const dir = join(root, "readonly");
      mkdirSync(dir);
      chmodSync(dir, 0o500);
      try {
        await assert.rejects(writeFileAtomic(join(dir, "x.toml"), "x"), /permission denied/);
        assert.deepEqual(listTree(dir), []);
      } finally {
        chmodSync(dir, 0o700);
      }
    },
  );
});

describe("openAtomicFile", () => {
  const root = tempDir("ax-atomic-open-");
  after(() => removeDir(root));

  it("shows nothing under the target until commit, then the whole content", async () => {
    const file = join(root, "streamed.txt");
    const out = await openAtomicFile(file);
    await out.write(new TextEncoder().encode("one "));
    await out.write(new TextEncoder().encode("two"));
    assert.equal(existsSync(file), false);
    await out.commit();
    assert.equal(readFileSync(file, "utf8"), "one two");
    assert.deepEqual(readdirSync(root), ["streamed.txt"]);
  });

  it("removes the temp file the moment the signal aborts, and commit then refuses", async () => {
    const dir = join(root, "abort-open");
    mkdirSync(dir);
    const controller = new AbortController();
    const out = await openAtomicFile(join(dir, "x.txt"), { signal: controller.signal });
    await out.write(new TextEncoder().encode("partial"));
    assert.equal(readdirSync(dir).length, 1, "the temp file exists while writing");
    controller.abort(new Error("interrupted"));
    assert.deepEqual(readdirSync(dir), [], "removed synchronously by the abort");
    await assert.rejects(out.commit(), /interrupted/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it("mode 'inherit' keeps a replaced file's bits", { skip: !posix }, async () => {
    const file = join(root, "public.csv");
    writeFileSync(file, "old", { mode: 0o640 });
    const out = await openAtomicFile(file, { mode: "inherit" });
    await out.commit();
    assert.equal(mode(file), 0o640);
  });

  it("discard leaves the target as it was", async () => {
    const file = join(root, "kept.txt");
    writeFileSync(file, "kept");
    const out = await openAtomicFile(file);
    await out.write(new TextEncoder().encode("lost"));
    await out.discard();
    assert.equal(readFileSync(file, "utf8"), "kept");
    assert.deepEqual(readdirSync(root).filter((n) => n.endsWith(".tmp")), []);
  });
});

describe("writeFileAtomicSync (the emulator's data file)", () => {
  const root = tempDir("ax-atomic-sync-");
  after(() => removeDir(root));

  it("replaces the file whole and leaves no temporary file behind", () => {
    const dir = join(root, "whole");
    mkdirSync(dir);
    const path = join(dir, "f.json");
    writeFileAtomicSync(path, "one");
    writeFileAtomicSync(path, "two");
    assert.equal(readFileSync(path, "utf8"), "two");
    assert.deepEqual(readdirSync(dir), ["f.json"]);
    if (posix) assert.equal(mode(path), 0o600);
  });

  it("throws for a missing folder and creates nothing", () => {
    const dir = join(root, "missing");
    mkdirSync(dir);
    assert.throws(() => writeFileAtomicSync(join(dir, "nope", "f.json"), "x"), /ENOENT/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it("refuses a symlink and leaves its target alone", { skip: !posix }, () => {
    const dir = join(root, "link");
    mkdirSync(dir);
    writeFileSync(join(dir, "target.json"), "precious");
    symlinkSync(join(dir, "target.json"), join(dir, "data.json"));
    assert.throws(() => writeFileAtomicSync(join(dir, "data.json"), "x"), /symbolic link/);
    assert.equal(readFileSync(join(dir, "target.json"), "utf8"), "precious");
    assert.deepEqual(readdirSync(dir).sort(), ["data.json", "target.json"]);
  });
});
