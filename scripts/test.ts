/**
 * Runs the whole test suite with `deno test` and ends with the one plain line
 * CI reads: `N passed, N failed`. Counts leaf tests (a `describe` block is not
 * a test; the `it`s inside it are). Extra arguments are passed to `deno test`
 * (e.g. a path or `--filter`).
 *
 * A full run (no path given) then builds this machine's binary with Bun
 * (scripts/compile.ts; reused when no source is newer) and runs the
 * end-to-end tests again against it: every `*_test.ts` under tests/e2e/, with
 * `AX_BIN` set so tests/_helpers/run_ax.ts and the emulator helper start the
 * binary instead of `deno run main.ts`. Those runs count too. Without Bun
 * that pass is reported as skipped, with the reason; a broken build counts
 * as one failure.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { ensureBinary } from "./compile.ts";

/** Where the tests that run ax as a process live; they are re-run against the binary. */
const E2E_DIR = "tests/e2e/";

/** Runs a command, inheriting stdio; resolves to its exit code. */
function run(cmd: string, argv: string[], env: Record<string, string> = {}): Promise<number> {
  const child = spawn(cmd, argv, { stdio: "inherit", env: { ...process.env, ...env } });
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
}

/** Leaf test results of one `deno test` JUnit report; undefined when there is none. */
function countReport(junitPath: string): { passed: number; failed: number } | undefined {
  let xml: string;
  try {
    xml = readFileSync(junitPath, "utf8");
  } catch {
    return undefined; // No report: deno test failed before running anything.
  }
  const cases = [...xml.matchAll(/<testcase name="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)]
    .map((m) => ({
      name: m[1],
      failed: (m[3] ?? "").includes("<failure"),
    }));
  const names = new Set(cases.map((c) => c.name));
  const isParent = (name: string) => [...names].some((other) => other.startsWith(`${name} &gt; `));
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    if (isParent(c.name)) continue;
    if (c.failed) failed++;
    else passed++;
  }
  return { passed, failed };
}

/** Runs `deno test` over `paths` and counts its leaf tests; a crash counts as one failure. */
async function testRun(
  paths: string[],
  options: { extra: string[]; env?: Record<string, string> },
): Promise<{ passed: number; failed: number; ok: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), "ax-test-"));
  const junitPath = join(dir, "report.xml");
  const args = [
    "test",
    "--allow-all",
    "--no-check",
    `--junit-path=${junitPath}`,
    ...options.extra,
    ...paths,
  ];
  const exitCode = await run(Deno.execPath(), args, options.env);
  const counts = countReport(junitPath) ?? { passed: 0, failed: 0 };
  rmSync(dir, { recursive: true, force: true });
  if (exitCode !== 0 && counts.failed === 0) counts.failed++;
  return { ...counts, ok: exitCode === 0 };
}

/** The test files under tests/e2e/. */
function e2eFiles(): string[] {
  if (!existsSync(E2E_DIR)) return [];
  return readdirSync(E2E_DIR, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith("_test.ts"))
    .map((name) => join(E2E_DIR, name))
    .sort();
}

// The tree must stay clean: formatting, lint and types count as tests.
const treeChecks: [string, string[]][] = [
  ["deno fmt --check", ["fmt", "--check"]],
  ["deno lint", ["lint"]],
  ["deno check", ["check", "main.ts", "scripts/", "tests/", "plugins/"]],
];
let passed = 0;
let failed = 0;
for (const [label, argv] of treeChecks) {
  const ok = (await run(Deno.execPath(), argv)) === 0;
  console.log(`${ok ? "ok" : "FAILED"}: ${label}`);
  if (ok) passed++;
  else failed++;
}

const extra = process.argv.slice(2);
const fullRun = !extra.some((a) => !a.startsWith("-"));
const source = await testRun(fullRun ? ["tests/"] : [], { extra });
passed += source.passed;
failed += source.failed;
let allOk = source.ok;

if (fullRun) {
  const files = e2eFiles();
  const binary = files.length === 0
    ? { skipped: `no test files under ${E2E_DIR}` }
    : await ensureBinary();
  if ("skipped" in binary) {
    console.log(`skipped: end-to-end tests against the compiled binary: ${binary.skipped}`);
  } else if ("failed" in binary) {
    console.log(`FAILED: building the binary for the end-to-end tests: ${binary.failed}`);
    failed++;
    allOk = false;
  } else {
    console.log(`end-to-end tests against the compiled binary ${binary.file}:`);
    const compiled = await testRun(files, { extra, env: { AX_BIN: binary.file } });
    passed += compiled.passed;
    failed += compiled.failed;
    allOk &&= compiled.ok;
  }
}

console.log(`${passed} passed, ${failed} failed`);
Deno.exit(allOk && failed === 0 ? 0 : 1);
