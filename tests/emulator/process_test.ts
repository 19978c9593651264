/**
 * The emulator as users run it: a real `ax emulator start` process (from
 * source, or `AX_BIN`), its readiness line, signals, restarts with --data,
 * refusal of a corrupt data file, and concurrent clients.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { startEmulator } from "../_helpers/emulator_process.ts";
import { runAx, runProcess } from "../_helpers/run_ax.ts";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "ax-emu-proc-"));
}

async function createKey(url: string, key: string, name: string) {
  const response = await fetch(`${url}/v2/api-keys`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  assert.equal(response.status, 201);
  return await response.json();
}

async function listNames(url: string, key: string): Promise<string[]> {
  const response = await fetch(`${url}/v2/api-keys?limit=100`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return (await response.json()).api_keys.map((k: { name: string }) => k.name);
}

describe("ax emulator start (process)", () => {
  it("prints exactly one readiness line and stops with exit 0 on SIGTERM", async () => {
    const emu = await startEmulator();
    const names = emu.spaces.map((s) => s.name);
    assert.deepEqual(names, ["default", "staging"]);
    assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${emu.url}/v2/spaces`, {
      headers: { authorization: `Bearer ${emu.userKey}` },
    });
    assert.equal(response.status, 200);
    await response.text();
    const exit = await emu.stop();
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.equal(emu.stdout().split("\n").length, 2);
    assert.equal(emu.stdout().endsWith("\n"), true);
    assert.match(emu.stderr(), /^GET \/v2\/spaces 200 [\d.]+ms$/m);
    assert.ok(!emu.stderr().includes(emu.userKey.slice(3)));
  });

  it("saves on SIGINT and keeps everything across a restart with --data", async () => {
    const dir = tempDir();
    try {
      const data = join(dir, "emu.json");
      const first = await startEmulator({ data, args: ["--admin-key", "ak-restart-admin"] });
      const created = await createKey(first.url, first.userKey, "survives restarts");
      await first.advanceClock(10);
      // SIGINT, as Ctrl-C sends it.
      assert.deepEqual(await first.stop("SIGINT"), { code: 0, signal: null });
      const saved = readFileSync(data, "utf8");
      assert.ok(saved.includes(created.id));
      assert.ok(!saved.includes(created.key.slice(3)));

      const second = await startEmulator({ data, args: ["--admin-key", "ak-restart-admin"] });
      try {
        assert.deepEqual(second.spaces, first.spaces);
        assert.equal(second.userId, first.userId);
        assert.ok((await listNames(second.url, second.userKey)).includes("survives restarts"));
        const stillWorks = await fetch(`${second.url}/v2/spaces`, {
          headers: { authorization: `Bearer ${created.key}` },
        });
        assert.equal(stillWorks.status, 200);
        await stillWorks.text();
        assert.equal(second.adminKey, "ak-restart-admin");
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a corrupt data file with exit 1 and leaves it unchanged", async () => {
    const dir = tempDir();
    try {
      const data = join(dir, "emu.json");
      writeFileSync(data, '{"format": "ax-emulator-state", "version": 1, "keys": "oops"}');
      const result = await runAx(["emulator", "start", "--port", "0", "--data", data]);
      assert.equal(result.code, 1);
      assert.equal(result.stdout, "");
      assert.match(result.stderr, /Refusing to start/);
      assert.ok(result.stderr.includes(data));
      assert.equal(
        readFileSync(data, "utf8"),
        '{"format": "ax-emulator-state", "version": 1, "keys": "oops"}',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects bad options with exit 2 before listening", async () => {
    for (const args of [["--port", "70000"], ["--seed-keys", "-1"], ["--bogus"]]) {
      const result = await runAx(["emulator", "start", ...args]);
      assert.equal(result.code, 2, `${args}: ${result.stderr}`);
      assert.equal(result.stdout, "");
    }
  });

  it("applies faults in a real process and keeps counting them", async () => {
    await using emu = await startEmulator({ faults: true });
    await emu.fault({ route: "GET /v2/api-keys", count: 1, status: 503, retry_after: "1" });
    const response = await fetch(`${emu.url}/v2/api-keys`, {
      headers: { authorization: `Bearer ${emu.adminKey}` },
    });
    assert.equal(response.status, 503);
    assert.equal(response.headers.get("retry-after"), "1");
    await response.text();
    assert.deepEqual(await emu.stats(), { requests: 1, by_route: { "GET /v2/api-keys": 1 } });
  });

  it("gives 50 concurrent clients in separate processes 50 distinct keys, all saved", async () => {
    const dir = tempDir();
    try {
      const data = join(dir, "emu.json");
      const emu = await startEmulator({ data });
      const script = `
        const response = await fetch(Deno.env.get("URL") + "/v2/api-keys", {
          method: "POST",
          headers: { authorization: "Bearer " + Deno.env.get("KEY"), "content-type": "application/json" },
          body: JSON.stringify({ name: "concurrent " + Deno.env.get("N") }),
        });
        console.log(JSON.stringify({ status: response.status, body: await response.json() }));`;
      const results = await Promise.all(
        Array.from(
          { length: 50 },
          (_, n) => evalOutput(script, { URL: emu.url, KEY: emu.userKey, N: String(n) }),
        ),
      );
      const created = results.map((out) => JSON.parse(out));
      assert.ok(created.every((r) => r.status === 201), JSON.stringify(created[0]));
      const ids = new Set(created.map((r) => r.body.id));
      const keys = new Set(created.map((r) => r.body.key));
      assert.equal(ids.size, 50);
      assert.equal(keys.size, 50);
      assert.equal((await emu.stats()).by_route["POST /v2/api-keys"], 50);
      assert.equal((await emu.stop()).code, 0);
      const saved = JSON.parse(readFileSync(data, "utf8"));
      const savedIds = new Set(saved.keys.map((k: { id: string }) => k.id));
      for (const id of ids) assert.ok(savedIds.has(id));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Runs a `deno eval` script with `env`; resolves with its stdout, fails unless it exits 0. */
async function evalOutput(script: string, env: Record<string, string>): Promise<string> {
  const result = await runProcess([Deno.execPath(), "eval", "--quiet", script], {
    env: { HOME: process.env.HOME ?? "", ...env },
    cwd: tmpdir(),
    timeoutMs: 120_000,
  });
  assert.equal(result.code, 0, `exit ${result.code}: ${result.stderr}`);
  return result.stdout;
}
