/**
 * Builds standalone `ax` binaries.
 *
 *   deno task compile [--target T …] [--compiler bun|deno] [--outdir dist] [--no-bytecode]
 *
 * Targets: linux-x64, linux-arm64, darwin-x64, darwin-arm64, windows-x64
 * (default: all of them) or `host` (this machine). Writes
 * `<outdir>/ax-<os>-<arch>[.exe]` and `<outdir>/SHA256SUMS` (sha256sum format,
 * one line per binary built by this run). A target that cannot be built here
 * is reported in one line and the others still build; the exit code is 1 when
 * any target failed.
 *
 * Bun (the default) cross-compiles every target: it fetches the other
 * targets' runtimes from the npm registry once and caches them in
 * ~/.bun/install/cache. Deno needs its `denort` runtime from dl.deno.land (or
 * `DENORT_BIN`). The git commit is embedded as `AX_BUILD_COMMIT`
 * (runtime/version.ts), so `ax --version` names it.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import process from "node:process";
import type { BunBuildRequest } from "./_bun_build.ts";

/** The project root (the folder holding deno.json). */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The Bun release the binaries are built with when `bun` is not on PATH. */
export const BUN_VERSION = "1.4.5";

/** Every target, with the name each compiler knows it by. */
export const TARGETS = {
  "linux-x64": { bun: "bun-linux-x64", deno: "x86_64-unknown-linux-gnu", exe: false },
  "linux-arm64": { bun: "bun-linux-arm64", deno: "aarch64-unknown-linux-gnu", exe: false },
  "darwin-x64": { bun: "bun-darwin-x64", deno: "x86_64-apple-darwin", exe: false },
  "darwin-arm64": { bun: "bun-darwin-arm64", deno: "aarch64-apple-darwin", exe: false },
  "windows-x64": { bun: "bun-windows-x64", deno: "x86_64-pc-windows-msvc", exe: true },
} as const;

/** A target name such as `linux-x64`. */
export type TargetName = keyof typeof TARGETS;

/** The compiler backend. */
export type Compiler = "bun" | "deno";

/** What {@link buildBinary} builds. */
export interface BuildOptions {
  target: TargetName;
  compiler: Compiler;
  /** Path of the binary to write (replaced atomically). */
  outfile: string;
  /** Entry module; default main.ts. The bench compiles an empty program the same way. */
  entry?: string;
  /** Bun `--bytecode` (default true): precompiled bytecode, 2–3× faster start-up. */
  bytecode?: boolean;
  /** Commit to embed; default {@link gitCommit}. */
  commit?: string;
}

/**
 * The outcome of one build: the file, or a one-line reason it could not be
 * built. `unavailable` means this machine lacks the compiler or its runtime
 * for the target (not a fault of the sources); `error` means the build broke.
 */
export type BuildResult = { ok: true; file: string; seconds: number } | {
  ok: false;
  kind: "unavailable" | "error";
  reason: string;
};

/** Sources whose change makes a compiled binary stale. */
const SOURCE_PATHS = [
  "main.ts",
  "deno.json",
  "deno.lock",
  "runtime",
  "commands",
  "api",
  "config",
  "formats",
  "plugins",
  "emulator",
  "scripts/compile.ts",
  "scripts/_bun_build.ts",
];

/** The file name of a target's binary, e.g. `ax-windows-x64.exe`. */
export function binaryName(target: TargetName): string {
  return `ax-${target}${TARGETS[target].exe ? ".exe" : ""}`;
}

/** The target this machine runs, or undefined when no binary exists for it. */
export function hostTarget(): TargetName | undefined {
  const os = { linux: "linux", darwin: "darwin", win32: "windows" }[process.platform as string];
  const arch = { x64: "x64", arm64: "arm64" }[process.arch as string];
  const name = `${os}-${arch}`;
  return name in TARGETS && name !== "windows-arm64" ? name as TargetName : undefined;
}

/** The short commit of HEAD, `-dirty` when tracked files changed; `unknown` outside git. */
export function gitCommit(): string {
  const head = spawnSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: ROOT });
  if (head.status !== 0) return "unknown";
  const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], {
    cwd: ROOT,
  });
  const dirty = status.status === 0 && status.stdout.toString().trim() !== "";
  return head.stdout.toString().trim() + (dirty ? "-dirty" : "");
}

let bunCommand: string[] | null | undefined;

/**
 * The command that runs Bun: `bun` from PATH, else `npx --yes bun@1.4.5`
 * (installs it from npm on first use). Undefined when neither works.
 */
export function findBun(): string[] | undefined {
  if (bunCommand !== undefined) return bunCommand ?? undefined;
  const candidates = [["bun"], ["npx", "--yes", `bun@${BUN_VERSION}`]];
  bunCommand = null;
  for (const candidate of candidates) {
    const probe = spawnSync(candidate[0], [...candidate.slice(1), "--version"], {
      timeout: 180_000,
    });
    if (probe.status === 0) {
      bunCommand = candidate;
      break;
    }
  }
  return bunCommand ?? undefined;
}

/** Runs a command, collecting stderr (the compilers' progress and errors go there). */
function run(cmd: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(cmd[0], cmd.slice(1), { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => chunks.push(b));
    child.stderr.on("data", (b: Buffer) => chunks.push(b));
    child.on("error", (error) => done({ code: 127, output: String(error) }));
    child.on(
      "close",
      (code) => done({ code: code ?? 1, output: Buffer.concat(chunks).toString() }),
    );
  });
}

/** The last meaningful line of a compiler's output, without colour codes. */
function lastErrorLine(output: string): string {
  // deno-lint-ignore no-control-regex
  const lines = output.replace(/\x1b\[[0-9;]*m/g, "").split("\n").map((l) => l.trim())
    .filter((l) => l !== "");
  const error = lines.find((l) => /^error:|failed to|error sending request/i.test(l));
  return error ?? lines.at(-1) ?? "no output";
}

/** Why a Bun build failed, in one line users can act on. */
function bunFailure(target: TargetName, output: string): BuildResult {
  const line = lastErrorLine(output);
  if (/Failed to download/i.test(output)) {
    const reason = `bun could not fetch its ${TARGETS[target].bun} runtime from the npm ` +
      `registry (${line}); build on a machine that reaches registry.npmjs.org once ` +
      `(runtimes are cached in ~/.bun/install/cache)`;
    return { ok: false, kind: "unavailable", reason };
  }
  return { ok: false, kind: "error", reason: `bun build failed: ${line}` };
}

/** Why a Deno build failed, in one line users can act on. */
function denoFailure(output: string): BuildResult {
  if (/dl\.deno\.land|denort|base binary/i.test(output)) {
    const reason = "deno compile needs its denort runtime from dl.deno.land, which is " +
      "unreachable here; set DENORT_BIN to a local denort of the same Deno version, or use " +
      "--compiler bun";
    return { ok: false, kind: "unavailable", reason };
  }
  return { ok: false, kind: "error", reason: `deno compile failed: ${lastErrorLine(output)}` };
}

/** Builds one binary. Never throws for a failed build: the result says why. */
export async function buildBinary(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const outfile = resolve(options.outfile);
  const entry = resolve(options.entry ?? join(ROOT, "main.ts"));
  const commit = options.commit ?? gitCommit();
  // Build in a private folder, then rename: a reader never sees half a binary,
  // and Bun's habit of appending `.exe` cannot clash with a temp suffix.
  const work = join(resolve(outfile, ".."), `.build-${process.pid}-${basename(outfile)}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const built = join(work, basename(outfile));
  try {
    const result = options.compiler === "bun"
      ? await bunBuild({ ...options, entry, commit, outfile: built })
      : await denoBuild({ ...options, entry, commit, outfile: built, work });
    if (!result.ok) return result;
    renameSync(built, outfile);
    return { ok: true, file: outfile, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function bunBuild(
  options: Required<Omit<BuildOptions, "bytecode">> & { bytecode?: boolean },
): Promise<BuildResult> {
  const bun = findBun();
  if (!bun) {
    return {
      ok: false,
      kind: "unavailable",
      reason: `bun is not on PATH and 'npx --yes bun@${BUN_VERSION}' failed`,
    };
  }
  // Bun.build (not `bun build`): the build needs a plugin, see _bun_build.ts.
  const request: BunBuildRequest = {
    entry: options.entry,
    outfile: options.outfile,
    target: TARGETS[options.target].bun,
    bytecode: options.bytecode !== false,
    define: { AX_BUILD_COMMIT: JSON.stringify(options.commit) },
  };
  const script = join(ROOT, "scripts", "_bun_build.ts");
  const { code, output } = await run([...bun, script, JSON.stringify(request)], ROOT);
  if (code !== 0 || !existsSync(options.outfile)) {
    return bunFailure(options.target, output);
  }
  return { ok: true, file: options.outfile, seconds: 0 };
}

/** The permissions ax needs: files (output, config, plugins), network, env, plugin executables. */
const DENO_PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-net",
  "--allow-env",
  "--allow-run",
  "--allow-sys",
];

async function denoBuild(
  options: Required<Omit<BuildOptions, "bytecode">> & { work: string },
): Promise<BuildResult> {
  // `deno compile` has no --define: a tiny entry sets the global that
  // runtime/version.ts reads, then evaluates main.ts (imports run in order).
  const setter = join(options.work, "set_commit.ts");
  const entry = join(options.work, "entry.ts");
  writeFileSync(
    setter,
    `(globalThis as Record<string, unknown>).AX_BUILD_COMMIT = ${
      JSON.stringify(options.commit)
    };\n`,
  );
  writeFileSync(entry, `import "./set_commit.ts";\nimport ${JSON.stringify(options.entry)};\n`);
  const args = [
    "compile",
    "--no-check",
    "--quiet",
    ...DENO_PERMISSIONS,
    "--config",
    join(ROOT, "deno.json"),
    "--target",
    TARGETS[options.target].deno,
    "--output",
    options.outfile,
    entry,
  ];
  const { code, output } = await run([process.execPath, ...args], ROOT);
  const written = existsSync(options.outfile) ? options.outfile : `${options.outfile}.exe`;
  if (code !== 0 || !existsSync(written)) return denoFailure(output);
  if (written !== options.outfile) renameSync(written, options.outfile);
  return { ok: true, file: options.outfile, seconds: 0 };
}

/** SHA-256 of a file, hex. */
export function sha256File(file: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash("sha256");
    createReadStream(file).on("data", (chunk) => hash.update(chunk)).on("error", fail)
      .on("end", () => done(hash.digest("hex")));
  });
}

/** The newest modification time (ms) among the sources a binary is built from. */
export function newestSourceMtime(): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  for (const path of SOURCE_PATHS) visit(join(ROOT, path));
  return newest;
}

/**
 * A binary ready to run, or why there is none: `skipped` when this machine
 * cannot build it (no Bun, target runtime not downloadable), `failed` when
 * the build itself broke (tests must fail, not skip).
 */
export type EnsuredBinary = { file: string; built: boolean } | { skipped: string } | {
  failed: string;
};

/**
 * The binary of `target` (default: this machine's) in dist/, rebuilt with Bun
 * only when a source file is newer than it. Used by the binary tests and
 * scripts/test.ts.
 */
export async function ensureBinary(target = hostTarget()): Promise<EnsuredBinary> {
  if (!target) return { skipped: `no ax binary target for ${process.platform}-${process.arch}` };
  const file = join(ROOT, "dist", binaryName(target));
  if (existsSync(file) && statSync(file).mtimeMs >= newestSourceMtime()) {
    return { file, built: false };
  }
  if (!findBun()) {
    return { skipped: `bun is not on PATH and 'npx --yes bun@${BUN_VERSION}' failed` };
  }
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  const result = await buildBinary({ target, compiler: "bun", outfile: file });
  if (result.ok) return { file, built: true };
  return result.kind === "unavailable" ? { skipped: result.reason } : { failed: result.reason };
}

/** Parses the command line of `deno task compile`. */
function parseCommandLine(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      target: { type: "string", multiple: true },
      compiler: { type: "string", default: "bun" },
      outdir: { type: "string", default: "dist" },
      "no-bytecode": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: deno task compile [--target T …] [--compiler bun|deno] [--outdir dist] [--no-bytecode]\n" +
        `targets: ${Object.keys(TARGETS).join(", ")}, host (default: all)`,
    );
    process.exit(0);
  }
  if (values.compiler !== "bun" && values.compiler !== "deno") {
    throw new Error(`--compiler must be bun or deno, not '${values.compiler}'`);
  }
  const requested = (values.target ?? Object.keys(TARGETS)).flatMap((t) => t.split(","));
  const targets = requested.map((name) => {
    const target = name === "host" ? hostTarget() : name;
    if (!target || !(target in TARGETS)) {
      throw new Error(`unknown target '${name}' (use ${Object.keys(TARGETS).join(", ")}, host)`);
    }
    return target as TargetName;
  });
  return {
    targets: [...new Set(targets)],
    compiler: values.compiler as Compiler,
    outdir: resolve(ROOT, values.outdir),
    bytecode: !values["no-bytecode"],
  };
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    return 2;
  }
  mkdirSync(options.outdir, { recursive: true });
  const commit = gitCommit();
  if (options.compiler === "bun") {
    const bun = findBun();
    if (bun) console.log(`compiler: ${bun.join(" ")}; commit ${commit}`);
  }
  const sums: string[] = [];
  let failures = 0;
  for (const target of options.targets) {
    const outfile = join(options.outdir, binaryName(target));
    const result = await buildBinary({ ...options, target, outfile, commit });
    if (result.ok) {
      const size = (statSync(outfile).size / 1e6).toFixed(1);
      console.log(`✓ ${target}: ${outfile} (${size} MB, ${result.seconds.toFixed(1)} s)`);
      sums.push(`${await sha256File(outfile)}  ${basename(outfile)}`);
    } else {
      failures++;
      console.log(`✗ ${target}: not built: ${result.reason}`);
    }
  }
  if (sums.length > 0) {
    writeFileSync(join(options.outdir, "SHA256SUMS"), sums.join("\n") + "\n");
    console.log(`checksums: ${join(options.outdir, "SHA256SUMS")}`);
  }
  return failures === 0 ? 0 : 1;
}

if (import.meta.main) process.exit(await main());
