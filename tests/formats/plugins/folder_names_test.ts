/**
 * folderNames has two implementations: Bun.Glob in a Bun binary, readdir
 * elsewhere. Both must list the same names; the Bun one is run through Bun.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { folderNames } from "../../../formats/plugins/_folder_names.ts";
import { findBun } from "../../../scripts/compile.ts";

const MODULE = fileURLToPath(new URL("../../../formats/plugins/_folder_names.ts", import.meta.url));

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), "ax-folder-names-"));
  for (const name of ["ax-format-b", "ax-format-a", "other", ".ax-format-hidden", "ax-format-*x"]) {
    writeFileSync(join(dir, name), "");
  }
  mkdirSync(join(dir, "ax-format-dir"));
  symlinkSync(join(dir, "missing"), join(dir, "ax-format-dangling"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const ALL = [
  "ax-format-*x",
  "ax-format-a",
  "ax-format-b",
  "ax-format-dangling",
  "ax-format-dir",
  "other",
];
const PREFIXED = ALL.filter((name) => name.startsWith("ax-format-"));

/** What folderNames answers when run by Bun (its Bun.Glob path). */
function underBun(folder: string, prefix: string): unknown {
  const bun = findBun();
  assert.ok(bun, "bun is needed for this test (CI installs it)");
  const script = `const { folderNames } = await import(${JSON.stringify(MODULE)});` +
    `console.log(JSON.stringify(await folderNames(${JSON.stringify(folder)}, ${
      JSON.stringify(prefix)
    })));`;
  const run = spawnSync(bun[0], [...bun.slice(1), "-e", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

describe("folderNames", () => {
  it("lists every name not starting with a dot, sorted, links and folders included", async () => {
    assert.deepEqual(await folderNames(dir), ALL);
    assert.deepEqual(await folderNames(dir, "ax-format-"), PREFIXED);
  });

  it("has none for a folder that does not exist or is a file", async () => {
    assert.deepEqual(await folderNames(join(dir, "nope")), []);
    assert.deepEqual(await folderNames(join(dir, "other"), "ax-format-"), []);
  });

  it("answers the same through Bun.Glob in Bun", () => {
    assert.deepEqual(underBun(dir, ""), ALL);
    assert.deepEqual(underBun(dir, "ax-format-"), PREFIXED);
    assert.deepEqual(underBun(join(dir, "nope"), "ax-format-"), []);
  });
});
