/**
 * runtime/adapter.ts answers the same questions under Deno (portable paths)
 * and under Bun (native ones); the Bun answers are checked by running the
 * module through Bun.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  bunStdio,
  collectGarbage,
  globNames,
  nativeStringWidth,
  runtimeKind,
  runtimeName,
} from "../../runtime/adapter.ts";
import { findBun } from "../../scripts/compile.ts";

const MODULE = fileURLToPath(new URL("../../runtime/adapter.ts", import.meta.url));

/** What the adapter says about itself when Bun runs it, stdin and stdout being pipes. */
function underBun(): Record<string, unknown> {
  const bun = findBun();
  assert.ok(bun, "bun is needed for this test (CI installs it)");
  const script = `const a = await import(${JSON.stringify(MODULE)});` +
    `a.collectGarbage();` +
    `console.log(JSON.stringify({ kind: a.runtimeKind, name: a.runtimeName(),` +
    ` width: a.nativeStringWidth?.("日本x"), stdio: a.bunStdio !== undefined,` +
    ` glob: a.globNames("/", "") !== undefined, tty: [a.isTerminal(0), a.isTerminal(1)] }));`;
  const run = spawnSync(bun[0], [...bun.slice(1), "-e", script], {
    encoding: "utf8",
    stdio: ["pipe", "pipe", "pipe"],
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

describe("runtime adapter", () => {
  it("under Deno: the portable paths, no Bun natives", () => {
    assert.equal(runtimeKind, "deno");
    assert.match(runtimeName(), /^deno \d+\.\d+/);
    assert.equal(nativeStringWidth, undefined);
    assert.equal(bunStdio, undefined);
    assert.equal(globNames("/", ""), undefined);
    collectGarbage(); // nothing to do, and no error
  });

  it("collects garbage through Bun.gc(true), looked up at each call", () => {
    const global = globalThis as { Bun?: unknown };
    const saved = global.Bun;
    const calls: boolean[] = [];
    global.Bun = { gc: (force: boolean) => calls.push(force) };
    try {
      collectGarbage();
    } finally {
      global.Bun = saved;
    }
    assert.deepEqual(calls, [true]);
  });

  it("under Bun: Bun's natives, and pipes are not terminals (tty_wrap)", () => {
    const seen = underBun();
    assert.equal(seen.kind, "bun");
    assert.match(String(seen.name), /^bun \d+\.\d+/);
    assert.equal(seen.width, 5);
    assert.equal(seen.stdio, true);
    assert.equal(seen.glob, true);
    assert.deepEqual(seen.tty, [false, false]);
  });
});
