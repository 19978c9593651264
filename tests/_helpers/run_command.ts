/**
 * The one in-process command runner of the tests: runs `ax <argv>` through
 * the real program (commands/mod.ts, built from the declarations in cli/)
 * against a fake Context, and returns what main.ts would make of it: the
 * exit code, stdout, stderr and the error report. Nothing touches the real
 * process.
 *
 * ```ts
 * const stub = apiStub().expect({ method: "GET", path: "/v2/spaces?limit=15" }, { … });
 * const run = await runCommand(["spaces", "list", "-o", "json"], { stub });
 * stub.verify();
 * assert.equal(run.code, 0);
 * ```
 *
 * With a `stub`, the run authenticates as {@link TEST_KEY} against
 * {@link BASE_URL} through the environment (an `env` entry set to undefined
 * removes it, e.g. to let a profile decide). Every run gets a fresh
 * temporary working directory with its config directory inside, unless
 * `cwd` or `AX_CONFIG_DIR` says otherwise.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../commands/mod.ts";
import { reportError } from "../../runtime/report_error.ts";
import { captureOutput, fakeContext, type FakeContextOptions } from "./fake_context.ts";
import { type FetchStub, fetchStub } from "./fetch_stub.ts";

/** The API key every stubbed run authenticates with. */
export const TEST_KEY = "ak-test-0123456789abcdef";
/** The base URL every stubbed run talks to. */
export const BASE_URL = "https://api.arize.test";

/** A fetch stub at {@link BASE_URL} that checks the headers every API request must carry. */
export function apiStub(): FetchStub {
  return fetchStub({
    baseUrl: BASE_URL,
    headers: {
      authorization: `Bearer ${TEST_KEY}`,
      accept: "application/json, application/problem+json",
      "user-agent": "ax/0.0.0-test (test)",
    },
  });
}

/** Options of {@link runCommand}: the fake context's facts, and the fetch stub. */
export interface RunOptions extends Omit<FakeContextOptions, "fetch"> {
  /** Answers the run's requests; without one, any request fails. */
  stub?: FetchStub;
}

/** What one run did. */
export interface RunResult {
  /** The exit code main.ts would exit with. */
  code: number;
  stdout: string;
  /** What the command wrote to stderr (the error report is in `report`). */
  stderr: string;
  /** What main.ts would print to stderr for `error` ("" when the run succeeded). */
  report: string;
  /** The error the command threw, if any. */
  error: unknown;
  /** Questions the prompter was asked. */
  questions: string[];
  /** Sleeps the run asked for, in milliseconds (they return at once). */
  sleeps: number[];
  /** The working directory of the run (for output files). */
  cwd: string;
}

/** Runs `ax <argv>` in-process; never throws, returns the error instead. */
export async function runCommand(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), "ax-run-"));
  const credentials = options.stub ? { ARIZE_API_KEY: TEST_KEY, ARIZE_BASE_URL: BASE_URL } : {};
  const fake = fakeContext({
    ...options,
    fetch: options.stub?.fetch,
    cwd,
    env: { ...credentials, AX_CONFIG_DIR: join(cwd, ".arize-config"), ...options.env },
  });
  let error: unknown;
  let code = 0;
  const report = captureOutput(fake.stderr.isTTY);
  try {
    await runCli(argv, fake.ctx);
  } catch (caught) {
    error = caught;
    code = await reportError(caught, {
      stderr: report,
      env: fake.ctx.env,
      verbose: argv.includes("--verbose") || argv.includes("-v"),
      interrupted: fake.ctx.signal.aborted,
    });
  }
  return {
    code,
    stdout: fake.stdout.text(),
    stderr: fake.stderr.text(),
    report: report.text(),
    error,
    questions: fake.questions,
    sleeps: fake.sleeps,
    cwd,
  };
}
