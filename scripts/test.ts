/**
 * Runs the whole test suite with `deno test` and ends with the one plain line
 * CI reads: `N passed, N failed`. Counts leaf tests (a `describe` block is not
 * a test; the `it`s inside it are). Extra arguments are passed to `deno test`
 * (e.g. a path or `--filter`).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";

/** Runs a command, inheriting stdio; resolves to its exit code. */
function run(cmd: string, argv: string[], env: Record<string, string> = {}): Promise<number> {
  const child = spawn(cmd, argv, { stdio: "inherit", env: { ...process.env, ...env } });
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
}

// The tree must stay clean: formatting, lint and types count as tests.
const treeChecks: [string, string[]][] = [
  ["deno fmt --check", ["fmt", "--check"]],
  ["deno lint", ["lint"]],
  ["deno check", ["check", "main.ts", "scripts/", "tests/", "plugins/"]],
];
const treeResults: boolean[] = [];
for (const [label, argv] of treeChecks) {
  const ok = (await run(Deno.execPath(), argv)) === 0;
  console.log(`${ok ? "ok" : "FAILED"}: ${label}`);
  treeResults.push(ok);
}

const dir = mkdtempSync(join(tmpdir(), "ax-test-"));
const junitPath = join(dir, "report.xml");
const extra = process.argv.slice(2);
const paths = extra.some((a) => !a.startsWith("-")) ? [] : ["tests/"];
const args = ["test", "--allow-all", "--no-check", `--junit-path=${junitPath}`, ...extra, ...paths];
const exitCode = await run(Deno.execPath(), args);

let passed = treeResults.filter((ok) => ok).length;
let failed = treeResults.length - passed;
try {
  const xml = readFileSync(junitPath, "utf8");
  const cases = [...xml.matchAll(/<testcase name="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)]
    .map((m) => ({
      name: m[1],
      failed: (m[3] ?? "").includes("<failure"),
    }));
  const names = new Set(cases.map((c) => c.name));
  const isParent = (name: string) => [...names].some((other) => other.startsWith(`${name} &gt; `));
  for (const c of cases) {
    if (isParent(c.name)) continue;
    if (c.failed) failed++;
    else passed++;
  }
} catch {
  // No report: deno test failed before running anything.
}
rmSync(dir, { recursive: true, force: true });
if (exitCode !== 0 && failed === treeResults.filter((ok) => !ok).length) failed++; // a crash counts
console.log(`${passed} passed, ${failed} failed`);
Deno.exit(exitCode === 0 && failed === 0 ? 0 : 1);
