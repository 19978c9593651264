import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import {
  NotRegularFileError,
  readRegularFile,
  readRegularText,
} from "../../runtime/read_regular_file.ts";

describe("readRegularFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "ax-read-regular-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a regular file's bytes exactly", async () => {
    const file = join(dir, "bytes");
    writeFileSync(file, new Uint8Array([0xff, 0x00, 0x41, 0x0d, 0x0a]));
    assert.deepEqual(await readRegularFile(file), new Uint8Array([0xff, 0x00, 0x41, 0x0d, 0x0a]));
    writeFileSync(file, "héllo");
    assert.equal(await readRegularText(file), "héllo");
  });

  it("refuses a FIFO at once instead of waiting for a writer", {
    skip: process.platform === "win32",
  }, async () => {
    const fifo = join(dir, "notices.json");
    execFileSync("mkfifo", [fifo]);
    await assert.rejects(readRegularFile(fifo), (error: unknown) => {
      assert.ok(error instanceof NotRegularFileError);
      assert.equal(error.code, "ENOTREG");
      assert.match(error.message, /not a regular file/);
      return true;
    });
  });

  it("passes ENOENT through for the caller to treat as absent", async () => {
    await assert.rejects(readRegularFile(join(dir, "missing")), { code: "ENOENT" });
  });
});
