import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { RefreshOptions } from "../../../commands/api_keys/refresh.ts";
import type { RevokeOptions } from "../../../commands/api_keys/revoke.ts";
import { assertUsageError, parseArgv } from "../../_helpers/parse_argv.ts";

const COMMON = { output: undefined, verbose: false, plugins: [], timeoutMs: undefined };

describe("ax api-keys revoke: argv × terminal → options", () => {
  const cases: [string, string[], { stdinTTY: boolean; stdoutTTY: boolean }, boolean][] = [
    ["--force off a terminal", ["k1", "--force"], { stdinTTY: false, stdoutTTY: false }, true],
    ["-f off a terminal", ["-f", "k1"], { stdinTTY: false, stdoutTTY: false }, true],
    ["no --force on a terminal (will ask)", ["k1"], { stdinTTY: true, stdoutTTY: true }, false],
    ["--force on a terminal", ["k1", "-f"], { stdinTTY: true, stdoutTTY: true }, true],
  ];
  for (const [name, argv, tty, force] of cases) {
    it(name, async () => {
      const { readStdin, ...options } = await parseArgv<RevokeOptions>([
        "api-keys",
        "revoke",
        ...argv,
      ], tty);
      assert.equal(typeof readStdin, "function", "the real stdin reader is injected");
      assert.deepEqual(options, {
        ids: ["k1"],
        fromStdin: false,
        force,
        dryRun: false,
        common: COMMON,
      });
    });
  }

  // The refusal names what is missing: `ax api-keys revoke ID | cat` has
  // stdin (and stderr) on the terminal, only stdout is not.
  const refusals: [string, { stdinTTY: boolean; stdoutTTY: boolean }, string][] = [
    [
      "stdin and stdout piped",
      { stdinTTY: false, stdoutTTY: false },
      "neither stdin nor stdout is",
    ],
    ["stdin piped", { stdinTTY: false, stdoutTTY: true }, "stdin is not"],
    ["stdout piped", { stdinTTY: true, stdoutTTY: false }, "stdout is not"],
  ];
  for (const [name, tty, why] of refusals) {
    it(`refuses without --force when ${name}, saying which is not a terminal`, async () => {
      await assertUsageError(
        ["api-keys", "revoke", "k1"],
        new RegExp(
          `^Revoking needs confirmation, but ${why} a terminal \\(a prompt needs both stdin ` +
            `and stdout on a terminal\\): pass --force to revoke without a prompt\\.$`,
        ),
        tty,
      );
    });
  }

  const errors: [string[], RegExp][] = [
    [[], /^Give at least one key ID, or - to read IDs from stdin\./],
    [["-f"], /^Give at least one key ID/],
    [["", "-f"], /^The key ID must not be empty/],
    [["k1", "", "-f"], /^The key ID must not be empty/],
    [["-"], /^Reading key IDs from stdin \(-\) leaves no terminal to confirm on/],
    [["k1", "-f", "-o", "json"], /unknown option '-o'/],
  ];
  for (const [argv, message] of errors) {
    it(`rejects ${JSON.stringify(argv)}`, async () => {
      await assertUsageError(["api-keys", "revoke", ...argv], message);
    });
  }
});

describe("ax api-keys refresh: argv → options", () => {
  const cases: [string[], Partial<RefreshOptions>][] = [
    [["k1"], {}],
    [["k1", "--grace-period-seconds", "0"], { gracePeriodSeconds: 0 }],
    [["k1", "--grace-period-seconds", "86400"], { gracePeriodSeconds: 86400 }],
    [["k1", "--expires-at", "2026-12-31T23:59:59"], { expiresAt: "2026-12-31T23:59:59Z" }],
    // The table's form, and a duration from the fake clock's 2026-06-01T12:00:00Z (issue 13).
    [["k1", "--expires-at", "2027-01-01 10:00"], { expiresAt: "2027-01-01T10:00:00Z" }],
    [["k1", "--expires-in", "90d"], { expiresAt: "2026-08-30T12:00:00Z" }],
    [["k1", "--expires-in", "12h"], { expiresAt: "2026-06-02T00:00:00Z" }],
    [["k1", "--env-file", "keys/.env", "-o", "json"], {
      envFile: "keys/.env",
      common: { ...COMMON, output: "json" },
    }],
  ];
  for (const [argv, expected] of cases) {
    it(argv.join(" "), async () => {
      assert.deepEqual(await parseArgv<RefreshOptions>(["api-keys", "refresh", ...argv]), {
        id: "k1",
        expiresAt: undefined,
        gracePeriodSeconds: undefined,
        envFile: undefined,
        common: COMMON,
        ...expected,
      });
    });
  }

  const errors: [string[], RegExp][] = [
    [[], /missing required argument 'key-id'/],
    [
      ["k1", "--grace-period-seconds", "-1"],
      /^--grace-period-seconds must be a whole number from 0 to 86400, got '-1'/,
    ],
    [["k1", "--grace-period-seconds", "1.5"], /got '1\.5'/],
    [["k1", "--grace-period-seconds", "abc"], /got 'abc'/],
    [["k1", "--grace-period-seconds", "86401"], /got '86401'/],
    [["k1", "--expires-at", "2024-13-01"], /^Invalid datetime format: '2024-13-01'/],
    [["k1", "--expires-at", "2026-06-01 11:59"], /^--expires-at '2026-06-01 11:59' is in the past/],
    [
      ["k1", "--expires-at", "2026-06-01T12:00:00Z"],
      /is in the past \(it is now 2026-06-01T12:00:00Z\)/,
    ],
    [["k1", "--expires-in", "0d"], /^--expires-in must be a positive duration/],
    [["k1", "--expires-in", "-5d"], /^--expires-in must be a positive duration/],
    [["k1", "--expires-in", "3 days"], /got '3 days'/],
    [["k1", "--expires-in", "90d", "--expires-at", "2027-01-01"], /cannot be used together/],
    [["k1", "--force"], /unknown option '--force'/],
  ];
  for (const [argv, message] of errors) {
    it(`rejects ${JSON.stringify(argv)}`, async () => {
      await assertUsageError(["api-keys", "refresh", ...argv], message);
    });
  }
});
