/**
 * `ax emulator start` as users start it, against what cannot work: a --data
 * file in a folder that does not exist says so in words, naming the file the
 * user gave (not errno text about a temp file beside it), exit 5, and nothing
 * on stdout where a script waits for the readiness line. Real ax processes
 * (source, or the binary with AX_BIN).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAx } from "../_helpers/run_ax.ts";

describe("ax emulator start, failing before it listens", () => {
  it("--data in a missing folder: exit 5, one line naming the folder, no readiness line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ax-emulator-start-"));
    try {
      const data = join(dir, "missing", "emu.json");
      const result = await runAx(["emulator", "start", "--port", "0", "--data", data], {
        env: { HOME: dir },
      });
      assert.equal(result.code, 5, result.stderr);
      assert.equal(result.stdout, "");
      const first = result.stderr.split("\n")[0];
      assert.ok(first.includes(data), first);
      assert.match(first, new RegExp(`the folder ${join(dir, "missing")} does not exist`));
      assert.doesNotMatch(result.stderr, /ENOENT|\.tmp/);
      assert.equal(existsSync(join(dir, "missing")), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
