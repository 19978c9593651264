/**
 * The linux-arm64 binary, run under qemu-user-static (Debian's
 * `qemu-user-static` + `libc6-arm64-cross`): it starts and reports itself.
 * Skipped where qemu or the arm64 C library is missing, or on non-Linux hosts.
 * Costs about 1 s once the arm64 Bun runtime is cached (first build fetches
 * ~50 MB from the npm registry).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import process from "node:process";
import { type TestBinary, testBinary } from "./_binary.ts";

const QEMU = "/usr/bin/qemu-aarch64-static";
const SYSROOT = "/usr/aarch64-linux-gnu";

function skipReason(): string | false {
  if (process.platform !== "linux") return "not a Linux host";
  if (!existsSync(QEMU)) return `${QEMU} missing (apt-get install qemu-user-static)`;
  if (!existsSync(`${SYSROOT}/lib/ld-linux-aarch64.so.1`)) {
    return `${SYSROOT} missing (apt-get install libc6-arm64-cross)`;
  }
  return false;
}

const reason = skipReason();
const binary: TestBinary | undefined = reason ? undefined : await testBinary("linux-arm64");
const skip = reason || (binary?.skip ?? false);

describe("linux-arm64 binary under qemu", { skip }, () => {
  it("prints its version", () => {
    const file = binary!.file();
    const result = spawnSync(QEMU, ["-L", SYSROOT, file, "--version"], {
      env: { PATH: process.env.PATH },
      timeout: 60_000,
    });
    assert.equal(result.status, 0, result.stderr?.toString());
    assert.match(result.stdout.toString(), /^ax \d+\.\d+\.\d+ \(commit [0-9a-f]+(-dirty)?, bun /);
  });
});
