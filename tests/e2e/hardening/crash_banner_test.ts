/**
 * S9: what a runtime crash prints. Bun's crash handler (1.4.5) prints the
 * first 196 characters of argv ("Args: …") on any crash, and nothing turns
 * that off; it never prints the environment or stdin. So a key that reaches
 * ax through ARIZE_API_KEY, a profile or `--api-key -` stays out of a crash
 * report — this test crashes a compiled binary on purpose (SIGSEGV while it
 * waits on the network) and checks. From source (Deno) there is no such
 * banner; the test runs only against the binary (AX_BIN).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { createServer, type Server } from "node:http";
import { listenOnLoopback, type RunningServer } from "../../_helpers/loopback_server.ts";
import { makeSandbox, type Sandbox, startAx, waitFor } from "../../_helpers/ax_process.ts";

const SECRET = "ak-crash-banner-SUPERSECRET-0123456789";
const binary = process.env.AX_BIN;

let box: Sandbox;
let server: RunningServer;
let waiting = 0;

describe("a crash report never shows a key kept out of argv (S9)", {
  skip: binary ? false : "needs the compiled binary (AX_BIN): only Bun prints a crash banner",
}, () => {
  before(async () => {
    box = makeSandbox("crash-banner");
    // Accepts requests and never answers: ax sits waiting on the network.
    const http: Server = createServer(() => void waiting++);
    server = await listenOnLoopback(http);
  });
  after(async () => {
    await server.close();
    box.remove();
  });

  it("ARIZE_API_KEY: the banner shows argv, never the key", async () => {
    const run = startAx(["api-keys", "list", "-o", "json"], {
      env: {
        ARIZE_BASE_URL: `http://127.0.0.1:${server.port}`,
        ARIZE_API_KEY: SECRET,
        AX_CONFIG_DIR: box.configDir,
        HOME: box.home,
        DISABLE_PRERELEASE_WARNING: "true",
      },
    });
    const before = waiting;
    await waitFor(() => waiting > before, { what: "the request to arrive" });
    process.kill(run.pid, "SIGSEGV");
    const result = await run.done;
    // The crash handler did run (it is what could leak), and argv is in it.
    assert.match(result.stderr, /Args: .*"api-keys" "list"/);
    assert.ok(!result.stderr.includes(SECRET), "the key is not in the crash report");
    assert.ok(!result.stdout.includes(SECRET));
  });
});
