/**
 * The compiled binary of this machine (dist/ax-<os>-<arch>, rebuilt with Bun
 * only when sources are newer): version facts, no `.env` / `bunfig.toml`
 * from the working directory (S6), and an empty environment but PATH.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { findBun, ROOT } from "../../scripts/compile.ts";
import { testBinary } from "./_binary.ts";
import { listenOnLoopback, type RunningServer } from "../_helpers/loopback_server.ts";

const binary = await testBinary();
const skip = binary.skip;

/** Runs a program with exactly `env`, collecting its output. */
function run(cmd: string, args: string[], options: { cwd?: string; env: Record<string, string> }) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b));
    child.stderr.on("data", (b: Buffer) => (stderr += b));
    child.stdin.end();
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const PATH_ONLY = { PATH: process.env.PATH ?? "/usr/bin:/bin" };

describe("compiled ax binary", { skip }, () => {
  it("prints version, the embedded git commit and the runtime", async () => {
    const { code, stdout } = await run(binary.file(), ["--version"], { env: PATH_ONLY });
    assert.equal(code, 0);
    const match = /^ax (\d+\.\d+\.\d+) \(commit ([0-9a-f]{7,40})(-dirty)?, bun (\d+\.\d+\.\d+)\)\n$/
      .exec(stdout);
    assert.ok(match, `unexpected --version output: ${stdout}`);
    const known = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${match[2]}^{commit}`], {
      cwd: ROOT,
    });
    assert.equal(known.status, 0, `commit ${match[2]} is not in this repository`);
  });

  it("runs with an empty environment except PATH", async () => {
    const home = mkdtempSync(join(tmpdir(), "ax-bin-home-"));
    try {
      const help = await run(binary.file(), ["--help"], { env: PATH_ONLY, cwd: home });
      assert.equal(help.code, 0);
      assert.match(help.stdout, /Usage: ax /);
      const script = await run(binary.file(), ["completion", "bash"], {
        env: PATH_ONLY,
        cwd: home,
      });
      assert.equal(script.code, 0);
      assert.match(script.stdout, /complete -F __ax_complete ax/);
      const answer = await run(binary.file(), [
        "complete",
        "--",
        "api-keys",
        "list",
        "--status",
        "",
      ], {
        env: PATH_ONLY,
        cwd: home,
      });
      assert.equal(answer.stdout, "active\t\nrevoked\t\n:4\n");
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe("compiled ax binary ignores .env and bunfig.toml in the working directory (S6)", {
  skip,
}, () => {
  let dir = "";
  let server: RunningServer;
  let requests = 0;
  let baseUrl = "";

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "ax-bin-s6-"));
    server = await listenOnLoopback(createServer((_req, res) => {
      requests++;
      res.writeHead(500).end();
    }));
    baseUrl = `http://127.0.0.1:${server.port}`;
    // If either file were honoured, the key would reach the recorder and the
    // preload would leave a marker behind.
    writeFileSync(join(dir, ".env"), `ARIZE_API_KEY=ak-from-dotenv\nARIZE_BASE_URL=${baseUrl}\n`);
    writeFileSync(join(dir, "bunfig.toml"), `preload = ["./preload.js"]\n`);
    writeFileSync(
      join(dir, "preload.js"),
      `require("node:fs").writeFileSync(${JSON.stringify(join(dir, "marker"))}, "ran");\n`,
    );
  });

  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a Bun binary built without ax's flags does read both (the fixture works)", async () => {
    const bun = findBun()!;
    const probe = join(dir, "probe.js");
    writeFileSync(probe, `console.log(process.env.ARIZE_API_KEY ?? "unset");\n`);
    const built = spawnSync(bun[0], [
      ...bun.slice(1),
      "build",
      "--compile",
      probe,
      "--outfile",
      join(dir, "probe"),
    ]);
    assert.equal(built.status, 0, built.stderr?.toString());
    const { stdout } = await run(join(dir, "probe"), [], { cwd: dir, env: PATH_ONLY });
    assert.equal(stdout, "ak-from-dotenv\n");
    assert.ok(existsSync(join(dir, "marker")));
    rmSync(join(dir, "marker"));
  });

  it("ax reads neither: no preload runs and no request carries the .env key", async () => {
    const home = mkdtempSync(join(tmpdir(), "ax-bin-home-"));
    try {
      const env = { ...PATH_ONLY, HOME: home };
      const version = await run(binary.file(), ["--version"], { cwd: dir, env });
      assert.equal(version.code, 0);
      const list = await run(binary.file(), ["api-keys", "list"], { cwd: dir, env });
      assert.notEqual(list.code, 0, "without credentials the command must fail");
      assert.match(list.stderr, /No API key/);
      assert.doesNotMatch(list.stdout + list.stderr, /ak-from-dotenv/);
      assert.equal(requests, 0);
      assert.ok(!existsSync(join(dir, "marker")), "bunfig.toml preload ran");
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
