/**
 * QUALITY.md N8 through real processes: an endless body, a gzip bomb and a
 * declared length over the ceiling are refused (exit 1, one line saying the
 * answer is too large) without reading them all; memory stays bounded and
 * the runtime never prints a crash banner.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { createGzip } from "node:zlib";
import { axCommand, type AxResult, runProcess, runtimeEnv } from "../../_helpers/run_ax.ts";
import { emulatorEnv, makeSandbox, type Sandbox } from "../../_helpers/ax_process.ts";
import { type ScriptedServer, startScriptedServer } from "../../_helpers/scripted_server.ts";

const TOKEN = "ak-body-cap-bearer-token-0123456789";
const MIB = 1024 * 1024;
const CRASH = /panic|Segmentation fault|oh no: Bun has crashed|Args:|RangeError|out of memory/i;
const TIME = "/usr/bin/time";

let server: ScriptedServer;
let box: Sandbox;
/** Bytes the current handler produced (before compression) until ax hung up. */
let produced = 0;

/**
 * Runs ax, under GNU time when it is installed so the peak resident memory
 * (KiB) is known; `rssKiB` is undefined without it.
 */
async function ax(args: string[]): Promise<AxResult & { rssKiB?: number }> {
  const env = { ...runtimeEnv(), ...emulatorEnv({ url: server.url, adminKey: TOKEN }, box) };
  if (!existsSync(TIME)) return await runProcess([...axCommand(), ...args], { env });
  const result = await runProcess([TIME, "-f", "peak-rss-kib=%M", ...axCommand(), ...args], {
    env,
  });
  const match = /peak-rss-kib=(\d+)\n?$/.exec(result.stderr);
  return {
    ...result,
    stderr: result.stderr.replace(
      /(Command exited with non-zero status \d+\n)?peak-rss-kib=\d+\n?$/,
      "",
    ),
    rssKiB: match ? Number(match[1]) : undefined,
  };
}

/** Writes `chunk` to `out` forever, respecting backpressure, until the peer goes away. */
function pumpForever(
  out: { write(chunk: Uint8Array): boolean; once(event: "drain", f: () => void): void },
  res: ServerResponse,
  chunk: Uint8Array,
): void {
  let closed = false;
  res.on("close", () => void (closed = true));
  const pump = () => {
    while (!closed) {
      produced += chunk.byteLength;
      if (!out.write(chunk)) return out.once("drain", pump);
    }
  };
  pump();
}

/** `[{"id": "x", … ` repeated forever: valid-looking JSON that never ends. */
const ENDLESS_JSON = new TextEncoder().encode(`{"id":"${"x".repeat(1000)}"},`.repeat(64));

function assertRefused(result: AxResult & { rssKiB?: number }): void {
  assert.equal(result.code, 1, result.stderr);
  assert.match(
    result.stderr,
    /^✗ Error: Request to 127\.0\.0\.1:\d+ failed: the response is larger than 16 MiB; ax stopped reading it\./,
  );
  assert.doesNotMatch(result.stderr, CRASH);
  assert.equal(result.stdout, "");
  if (result.rssKiB !== undefined) {
    // Without the ceiling an endless body grows until the timeout (GBs at
    // loopback speed); with it, the runtime plus 16 MiB and its text.
    assert.ok(result.rssKiB < 400 * 1024, `peak memory ${result.rssKiB} KiB`);
  }
}

describe("response bodies are bounded (N8)", () => {
  before(async () => {
    box = makeSandbox("body-cap");
    server = await startScriptedServer((_req, res) => res.end());
  });
  after(async () => {
    await server.close();
    box.remove();
  });

  it("an endless plain body is refused after 16 MiB, not retried", async () => {
    produced = 0;
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"api_keys":[');
      pumpForever(res, res, ENDLESS_JSON);
    });
    const before = server.requests.length;
    const result = await ax(["api-keys", "list", "--all", "-o", "ndjson", "--timeout", "60"]);
    assertRefused(result);
    assert.equal(server.requests.length - before, 1, "another attempt would read the same flood");
    // Read up to the ceiling, plus what the sockets buffered on the way.
    assert.ok(produced < 64 * MIB, `${produced} bytes produced`);
  });

  it("a gzip bomb is bounded after decompression", async () => {
    produced = 0;
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      const gzip = createGzip();
      gzip.pipe(res);
      gzip.write('{"api_keys":[');
      pumpForever(gzip, res, new Uint8Array(MIB).fill(0x20));
    });
    const result = await ax(["api-keys", "list", "-o", "json", "--timeout", "60"]);
    assertRefused(result);
  });

  it("a declared Content-Length over the ceiling is refused before reading", async () => {
    produced = 0;
    server.handle((_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        "content-length": String(1024 * MIB),
      });
      // A little of the promised gigabyte, then nothing: ax must not wait for it.
      res.write('{"api_keys":[');
    });
    const result = await ax(["api-keys", "list", "-o", "json", "--timeout", "60"]);
    assertRefused(result);
  });

  it("an error answer with an endless body is bounded too", async () => {
    server.handle((_req, res) => {
      res.writeHead(500, { "content-type": "application/problem+json" });
      pumpForever(res, res, ENDLESS_JSON);
    });
    const result = await ax(["api-keys", "list", "-o", "json", "--timeout", "60"]);
    assertRefused(result);
  });

  it("create: an oversized answer says the outcome is unknown", async () => {
    server.handle((_req, res) => {
      res.writeHead(201, { "content-type": "application/json" });
      pumpForever(res, res, ENDLESS_JSON);
    });
    const result = await ax(["api-keys", "create", "-n", "big", "--timeout", "60"]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /larger than 16 MiB.*outcome is unknown/);
    assert.match(result.stderr, /ax api-keys list/);
    assert.doesNotMatch(result.stderr, CRASH);
  });
});
