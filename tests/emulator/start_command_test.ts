import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  parseEmulatorStart,
  type RawEmulatorStartValues,
  runEmulator,
} from "../../commands/emulator/start.ts";
import { DEFAULT_PORT } from "../../commands/emulator/mod.ts";
import { runCommand } from "../_helpers/run_command.ts";
import { ConfigError, FileError, NetworkError, UsageError } from "../../runtime/errors.ts";
import { fakeContext } from "../_helpers/fake_context.ts";

const parse = (values: RawEmulatorStartValues) => parseEmulatorStart({ values, cwd: "/work" });

describe("parseEmulatorStart", () => {
  it("defaults to 127.0.0.1:8787, no data file, no seed keys, no faults", () => {
    assert.deepEqual(parse({}), {
      port: DEFAULT_PORT,
      host: "127.0.0.1",
      data: undefined,
      adminKey: undefined,
      seedKeys: 0,
      faults: false,
      clock: undefined,
    });
    assert.equal(DEFAULT_PORT, 8787);
  });

  it("reads every option; a relative --data is resolved against the working directory", () => {
    assert.deepEqual(
      parse({
        port: "0",
        host: "::1",
        data: "state/emu.json",
        adminKey: "ak-local-admin",
        seedKeys: "100000",
        faults: true,
        clock: "2026-01-01T00:00:00Z",
      }),
      {
        port: 0,
        host: "::1",
        data: "/work/state/emu.json",
        adminKey: "ak-local-admin",
        seedKeys: 100000,
        faults: true,
        clock: Date.parse("2026-01-01T00:00:00Z"),
      },
    );
    assert.equal(parse({ data: "/abs/file.json" }).data, "/abs/file.json");
  });

  const bad: [RawEmulatorStartValues, RegExp][] = [
    [{ port: "65536" }, /--port/],
    [{ port: "-1" }, /--port/],
    [{ port: "80.5" }, /--port/],
    [{ port: "abc" }, /--port/],
    [{ port: "" }, /--port/],
    [{ seedKeys: "-5" }, /--seed-keys/],
    [{ seedKeys: "1e5" }, /--seed-keys/],
    [{ seedKeys: "ten" }, /--seed-keys/],
    [{ host: "" }, /--host/],
    [{ host: "a b" }, /--host/],
    [{ adminKey: "short" }, /--admin-key/],
    [{ adminKey: "has space in it" }, /--admin-key/],
    [{ clock: "2026-01-01" }, /--clock/],
    [{ data: " " }, /--data/],
  ];
  for (const [values, message] of bad) {
    it(`rejects ${JSON.stringify(values)} with a usage error`, () => {
      assert.throws(
        () => parse(values),
        (error) => error instanceof UsageError && message.test(error.message),
      );
    });
  }

  it("is reached through the CLI, where bad values are usage errors", async () => {
    const run = await runCommand(["emulator", "start", "--port", "x"]);
    assert.ok(run.error instanceof UsageError);
    assert.equal(run.code, 2);
  });

  it("documents its options and examples in --help", async () => {
    const run = await runCommand(["emulator", "start", "--help"]);
    assert.equal(run.error, undefined);
    for (
      const text of [
        "--port",
        "--host",
        "--data",
        "--admin-key",
        "--seed-keys",
        "--faults",
        "--clock",
        "not a security boundary",
        "Examples:",
      ]
    ) {
      assert.ok(run.stdout.includes(text), text);
    }
  });
});

describe("runEmulator", () => {
  it("prints one readiness line, serves until the signal aborts, then resolves", async () => {
    const abort = new AbortController();
    const { ctx, stdout, stderr } = fakeContext({ signal: abort.signal });
    const running = runEmulator({ ...parse({ port: "0" }) }, ctx);
    const line = await waitFor(() => stdout.text().includes("\n") ? stdout.text() : undefined);
    assert.equal(line.split("\n").length, 2);
    const readiness = JSON.parse(line);
    assert.match(readiness.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(readiness.spaces.map((s: { name: string }) => s.name), ["default", "staging"]);
    assert.match(readiness.admin_key, /^ak-/);
    assert.match(readiness.user_key, /^ak-/);
    const response = await fetch(`${readiness.url}/v2/spaces`, {
      headers: { authorization: `Bearer ${readiness.admin_key}` },
    });
    assert.equal(response.status, 200);
    await response.text();
    // The fake context's clock is fixed: the emulator dates keys from ctx.now().
    const created = await fetch(`${readiness.url}/v2/api-keys`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${readiness.admin_key}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ name: "dated" }),
    });
    assert.equal((await created.json()).created_at, "2026-06-01T12:00:00Z");
    abort.abort();
    await running;
    assert.match(stderr.text(), /^GET \/v2\/spaces 200 /m);
    await assert.rejects(fetch(`${readiness.url}/v2/spaces`));
  });

  it("saves --data on shutdown and refuses a corrupt file with a ConfigError", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ax-emu-cmd-"));
    try {
      const data = join(dir, "state.json");
      const abort = new AbortController();
      const { ctx } = fakeContext({ signal: abort.signal });
      abort.abort();
      await runEmulator({ ...parse({ port: "0" }), data }, ctx);
      assert.equal(JSON.parse(readFileSync(data, "utf8")).format, "ax-emulator-state");

      writeFileSync(data, "{broken");
      await assert.rejects(
        runEmulator({ ...parse({ port: "0" }), data }, ctx),
        (error) =>
          error instanceof ConfigError && error.message.includes(data) &&
          error.hints.some((h) => h.includes("left unchanged")),
      );
      assert.equal(readFileSync(data, "utf8"), "{broken");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails with a FileError when --data cannot be written", async () => {
    const { ctx } = fakeContext();
    await assert.rejects(
      runEmulator({ ...parse({ port: "0" }), data: "/nonexistent-folder-ax/emu.json" }, ctx),
      (error) => error instanceof FileError && error.message.includes("/nonexistent-folder-ax"),
    );
  });

  it("reports a port in use as a NetworkError with a hint", async () => {
    const first = new AbortController();
    const { ctx, stdout } = fakeContext({ signal: first.signal });
    const running = runEmulator(parse({ port: "0" }), ctx);
    const readiness = JSON.parse(await waitFor(() => stdout.text() || undefined));
    const port = new URL(readiness.url).port;
    const { ctx: second } = fakeContext();
    await assert.rejects(
      runEmulator(parse({ port }), second),
      (error) => error instanceof NetworkError && /already in use/.test(error.message),
    );
    first.abort();
    await running;
  });

  it("warns when listening beyond loopback", async () => {
    const abort = new AbortController();
    const { ctx, stdout, stderr } = fakeContext({ signal: abort.signal });
    const running = runEmulator(parse({ port: "0", host: "0.0.0.0" }), ctx);
    await waitFor(() => stdout.text() || undefined);
    abort.abort();
    await running;
    assert.match(stderr.text(), /not a security boundary/);
  });
});

async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("timed out");
}
