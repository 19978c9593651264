/**
 * Runs `ax api-keys …` in-process through the real program (commands/mod.ts)
 * with a fake context: a fetch stub that checks every request, captured
 * stdout/stderr with chosen TTY facts, scripted prompt answers, and a fresh
 * temporary config directory and working directory.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../../commands/mod.ts";
import type { ApiKey, ApiKeyCreated } from "../../../api/types.ts";
import { fakeContext, type FakeContextOptions } from "../../_helpers/fake_context.ts";
import { type FetchStub, fetchStub } from "../../_helpers/fetch_stub.ts";

/** The API key every in-process run authenticates with. */
export const TEST_KEY = "ak-test-0123456789abcdef";
/** The base URL every in-process run talks to. */
export const BASE_URL = "https://api.arize.test";

/** A stub that checks the headers every request must carry. */
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

/** What one run did. */
export interface RunResult {
  stdout: string;
  stderr: string;
  /** The error `runCli` threw (main.ts would report it), if any. */
  error: unknown;
  /** Questions the prompter was asked. */
  questions: string[];
  /** The working directory of the run (for output files). */
  cwd: string;
}

/** Options of {@link runApiKeys}. */
export interface RunOptions extends Omit<FakeContextOptions, "fetch" | "cwd"> {
  stub: FetchStub;
  /** Defaults to a fresh temporary directory. */
  cwd?: string;
}

/** Runs `ax api-keys <argv>`; never throws, returns the error instead. */
export async function runApiKeys(argv: string[], options: RunOptions): Promise<RunResult> {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), "ax-run-"));
  const fake = fakeContext({
    ...options,
    fetch: options.stub.fetch,
    cwd,
    env: {
      ARIZE_API_KEY: TEST_KEY,
      ARIZE_BASE_URL: BASE_URL,
      AX_CONFIG_DIR: join(cwd, ".arize-config"),
      ...options.env,
    },
  });
  let error: unknown;
  try {
    await runCli(["api-keys", ...argv], fake.ctx);
  } catch (caught) {
    error = caught;
  }
  return {
    stdout: fake.stdout.text(),
    stderr: fake.stderr.text(),
    error,
    questions: fake.questions,
    cwd,
  };
}

/** A listed key `n`, with every optional field unless overridden. */
export function apiKey(n: number, overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: `key${n}`,
    name: `Key ${n}`,
    description: `Description ${n}`,
    key_type: "user",
    status: "active",
    redacted_key: `ak-k${n}...xyz`,
    created_at: "2026-01-15T10:30:00Z",
    expires_at: "2027-01-15T10:30:00Z",
    created_by_user_id: "Usr1",
    last_used_at: "2026-02-01T08:00:00Z",
    ...overrides,
  };
}

/** A created key with its secret. */
export function createdKey(n: number, overrides: Partial<ApiKeyCreated> = {}): ApiKeyCreated {
  return { ...apiKey(n), key: `ak-secret-${n}-0123456789abcdefghij`, ...overrides };
}

/** `json`'s rendering of one object or a list document (2-space indent, newline). */
export function pretty(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
