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

/**
 * Runs a command, inheriting stdio; resolves to its exit code. Deno's daily
 * check for a newer Deno is off for it and every process it starts: the suite
 * must not reach beyond 127.0.0.1, and proxy tests record every CONNECT.
 */
function run(cmd: string, argv: string[], env: Record<string, string> = {}): Promise<number> {
  const child = spawn(cmd, argv, {
    stdio: "inherit",
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", ...env },
  });
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
}

/** Leaf test counts of one `deno test` run, with the names of the failed ones. */
interface Counts {
  passed: number;
  failedNames: string[];
}

/** Leaf test results of one `deno test` JUnit report; undefined when there is none. */
function countReport(junitPath: string): Counts | undefined {
  let xml: string;
  try {
    xml = readFileSync(junitPath, "utf8");
  } catch {
    return undefined; // No report: deno test failed before running anything.
  }
  const cases = [
    ...xml.matchAll(
      /<testcase name="([^"]*)" classname="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g,
    ),
  ].map((m) => ({
    name: m[1],
    classname: m[2],
    failure: /<failure message="([^"]*)"/.exec(m[4] ?? "")?.[1],
  }));
  // Steps of node:test's describe/it carry deno's shim as their classname;
  // their file is the one of the top-level test they belong to.
  const fileOf = new Map(
    cases.filter((c) => !c.name.includes(" &gt; ")).map((c) => [c.name, c.classname]),
  );
  const file = (name: string) => fileOf.get(name.split(" &gt; ")[0]) ?? "?";
  const names = new Set(cases.map((c) => c.name));
  const isParent = (name: string) => [...names].some((other) => other.startsWith(`${name} &gt; `));
  const leaves = cases.filter((c) => !isParent(c.name));
  const failedNames = leaves.filter((c) => c.failure !== undefined).map((c) =>
    unescapeXml(
      `${file(c.name)}: ${c.name}\n    ${c.failure!.split("\n").slice(0, 4).join("\n    ")}`,
    )
  );
  return { passed: leaves.length - failedNames.length, failedNames };
}

/** Undoes the XML escapes deno writes into test names. */
function unescapeXml(text: string): string {
  return text.replaceAll("&gt;", ">").replaceAll("&lt;", "<").replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'").replaceAll("&amp;", "&");
}

/** Runs `deno test` over `paths` and counts its leaf tests; a crash counts as one failure. */
async function testRun(
  paths: string[],
  options: { extra: string[]; env?: Record<string, string> },
): Promise<Counts & { ok: boolean }> {
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
  const counts = countReport(junitPath) ?? { passed: 0, failedNames: [] };
  rmSync(dir, { recursive: true, force: true });
  if (exitCode !== 0 && counts.failedNames.length === 0) {
    counts.failedNames.push(
      `deno test ${paths.join(" ")} exited ${exitCode} without a failed test`,
    );
  }
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
  ["deno check", ["check", "main.ts", "scripts/", "tests/", "formats/plugins/examples/"]],
];
let passed = 0;
// Every failure by name, repeated just above the summary: CI shows only the
// end of a long log, and deno's own failure list scrolls away under the
// binary pass that follows it.
const failures: string[] = [];
for (const [label, argv] of treeChecks) {
  const ok = (await run(Deno.execPath(), argv)) === 0;
  console.log(`${ok ? "ok" : "FAILED"}: ${label}`);
  if (ok) passed++;
  else failures.push(label);
}

const extra = process.argv.slice(2);
const fullRun = !extra.some((a) => !a.startsWith("-"));
const source = await testRun(fullRun ? ["tests/"] : [], { extra });
passed += source.passed;
failures.push(...source.failedNames);
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
    failures.push(`building the binary: ${binary.failed}`);
    allOk = false;
  } else {
    console.log(`end-to-end tests against the compiled binary ${binary.file}:`);
    const compiled = await testRun(files, { extra, env: { AX_BIN: binary.file } });
    passed += compiled.passed;
    failures.push(...compiled.failedNames.map((name) => `[binary] ${name}`));
    allOk &&= compiled.ok;
  }
}

for (const name of failures) console.log(`FAILED: ${name}`);
console.log(`${passed} passed, ${failures.length} failed`);
Deno.exit(allOk && failures.length === 0 ? 0 : 1);
