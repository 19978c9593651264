/**
 * QUALITY.md I4 and I8: Ctrl-C (SIGINT to the real process), SIGTERM and
 * SIGHUP while waiting on the network, during a retry sleep and in the
 * middle of writing a large output file stop at once with exit 128+signal
 * (130, 143, 129), leave no output file, no temp file, and an existing file
 * exactly as it was.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { useEmulator } from "../../_helpers/emulator_fixture.ts";
import type { AxResult } from "../../_helpers/run_ax.ts";
import { leftoverTempFiles, startAx, waitFor } from "../../_helpers/ax_process.ts";

/** Enough keys that `--all` to csv takes a few seconds: time to interrupt it mid-write. */
const MANY_KEYS = 200_000;

const fx = useEmulator("interrupts", { faults: true, seedKeys: MANY_KEYS });

function env(): Record<string, string> {
  return {
    ARIZE_BASE_URL: fx.emu.url,
    ARIZE_API_KEY: fx.emu.adminKey,
    AX_CONFIG_DIR: fx.box.configDir,
    HOME: fx.box.home,
    DISABLE_PRERELEASE_WARNING: "true",
  };
}

async function count(route: string): Promise<number> {
  return (await fx.emu.stats()).by_route[route] ?? 0;
}

/** The stop signals and the exit code each must give (128 + signal number). */
const SIGNALS = [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const;

/**
 * Awaits `waiting`; if it fails, the run is killed first, so a `list --all`
 * left running cannot take the next test's fault or requests.
 */
async function killedOnFailure(run: ReturnType<typeof startAx>, waiting: Promise<unknown>) {
  try {
    await waiting;
  } catch (error) {
    run.kill("SIGKILL");
    await run.done;
    throw error;
  }
}

/** Sends `signal` and checks the process ends promptly with `code` and nothing on stdout. */
async function interruptAndCheck(
  run: ReturnType<typeof startAx>,
  stop: { signal: "SIGINT" | "SIGTERM" | "SIGHUP"; code: number },
): Promise<AxResult> {
  const sent = Date.now();
  run.kill(stop.signal);
  const result = await run.done;
  const took = Date.now() - sent;
  assert.equal(result.code, stop.code, `stderr: ${result.stderr}`);
  assert.equal(result.signal, null, "ax exits by itself, not killed by the signal");
  // main.ts gives clean-up 2 s at most; an interrupt that waited for the
  // network (10 s) or the retry sleep (5 s) would take far longer.
  assert.ok(took < 2_500, `exit took ${took} ms after ${stop.signal}`);
  assert.equal(result.stdout, "");
  assert.doesNotMatch(result.stderr, /at .*\.ts:\d+|Error: Interrupted/, "no stack trace");
  return result;
}

for (const [signal, code] of SIGNALS) {
  describe(`${signal} stops ax at once (I4, I8)`, () => {
    const stop = { signal, code };

    it(`while waiting on a slow server: exit ${code}, no output file, no temp file`, async () => {
      const dir = fx.box.dir("slow");
      await fx.emu.fault({ route: "GET /v2/api-keys", delay_ms: 10_000 });
      const before = await count("GET /v2/api-keys");
      const run = startAx(["api-keys", "list", "-o", "keys.json"], { env: env(), cwd: dir });
      await waitFor(async () => (await count("GET /v2/api-keys")) > before, {
        what: "the request to reach the emulator",
      });
      await interruptAndCheck(run, stop);
      assert.deepEqual(readdirSync(dir), []);
      await fx.emu.clearFaults();
    });

    it(`while a create is in flight: exit ${code}, and the key file is never written`, async () => {
      const dir = fx.box.dir("create");
      await fx.emu.fault({ route: "POST /v2/api-keys", delay_ms: 10_000 });
      const before = await count("POST /v2/api-keys");
      const run = startAx(["api-keys", "create", "-n", "interrupted", "--env-file", ".env"], {
        env: env(),
        cwd: dir,
      });
      await waitFor(async () => (await count("POST /v2/api-keys")) > before, {
        what: "the POST to reach the emulator",
      });
      const result = await interruptAndCheck(run, stop);
      // The POST may have been carried out: the user is told how to find out.
      assert.match(
        result.stderr,
        /Interrupted during POST \/v2\/api-keys: the request may have reached the server, so its outcome is unknown\.\nRun `ax api-keys list` to check/,
      );
      assert.deepEqual(readdirSync(dir), []);
      await fx.emu.clearFaults();
    });

    it(`during a retry sleep (503, Retry-After: 5): exit ${code} without a second request`, async () => {
      const dir = fx.box.dir("retry");
      await fx.emu.fault({ route: "GET /v2/api-keys", status: 503, retry_after: "5" });
      const before = await count("GET /v2/api-keys");
      const run = startAx(["api-keys", "list", "-v", "-o", "keys.csv"], { env: env(), cwd: dir });
      await waitFor(() => run.stderr().includes("retrying in 5000 ms"), {
        what: "ax to announce its retry sleep",
      });
      await interruptAndCheck(run, stop);
      assert.equal(await count("GET /v2/api-keys"), before + 1, "no retry after Ctrl-C");
      assert.deepEqual(readdirSync(dir), []);
    });

    it(`mid-write of \`list --all -o keys.csv\`: exit ${code}, old file unchanged, no temp file`, async () => {
      const dir = fx.box.dir("midwrite");
      const target = join(dir, "keys.csv");
      writeFileSync(target, "the previous export\n");
      const run = startAx(["api-keys", "list", "--all", "-o", "keys.csv"], {
        env: env(),
        cwd: dir,
      });
      // The temp file has grown past the first pages: the write is under way.
      // (It may be renamed between the listing and the stat: then not yet.)
      await killedOnFailure(
        run,
        waitFor(() => {
          const temp = readdirSync(dir).find((name) => name.endsWith(".tmp"));
          const size = temp === undefined
            ? 0
            : statSync(join(dir, temp), { throwIfNoEntry: false })?.size ?? 0;
          return size > 100_000;
        }, { what: "the temp file to fill up", intervalMs: 10 }),
      );
      await interruptAndCheck(run, stop);
      assert.equal(readFileSync(target, "utf8"), "the previous export\n");
      assert.deepEqual(leftoverTempFiles(dir), []);
      assert.deepEqual(readdirSync(dir), ["keys.csv"]);
    });

    it("mid-write of a new file: no file at all afterwards", async () => {
      const dir = fx.box.dir("midwrite-new");
      const run = startAx(["api-keys", "list", "--all", "-o", "keys.ndjson"], {
        env: env(),
        cwd: dir,
      });
      await killedOnFailure(
        run,
        waitFor(() => readdirSync(dir).some((name) => name.endsWith(".tmp")), {
          what: "the temp file to appear",
          intervalMs: 10,
        }),
      );
      await interruptAndCheck(run, stop);
      assert.equal(existsSync(join(dir, "keys.ndjson")), false);
      assert.deepEqual(readdirSync(dir), []);
    });
  });
}
