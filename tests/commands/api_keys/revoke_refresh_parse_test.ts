import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { RefreshOptions } from "../../../commands/api_keys/refresh.ts";
import type { RevokeOptions } from "../../../commands/api_keys/revoke.ts";
import { parseArgv } from "./_parse_harness.ts";

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
      assert.deepEqual(await parseArgv<RevokeOptions>(["revoke", ...argv], tty), {
        id: "k1",
        force,
        common: COMMON,
      });
    });
  }

  const refusals: [string, { stdinTTY: boolean; stdoutTTY: boolean }][] = [
    ["stdin and stdout piped", { stdinTTY: false, stdoutTTY: false }],
    ["stdin piped", { stdinTTY: false, stdoutTTY: true }],
    ["stdout piped", { stdinTTY: true, stdoutTTY: false }],
  ];
  for (const [name, tty] of refusals) {
    it(`refuses without --force when ${name}`, async () => {
      await assert.rejects(parseArgv<RevokeOptions>(["revoke", "k1"], tty), (error: Error) => {
        assert.equal(error.name, "UsageError");
        assert.match(error.message, /no terminal to ask on: pass --force/);
        return true;
      });
    });
  }

  const errors: [string[], RegExp][] = [
    [[], /missing required argument 'key-id'/],
    [["", "-f"], /^The key ID must not be empty/],
    [["k1", "k2", "-f"], /too many arguments/],
    [["k1", "-f", "-o", "json"], /unknown option '-o'/],
  ];
  for (const [argv, message] of errors) {
    it(`rejects ${JSON.stringify(argv)}`, async () => {
      await assert.rejects(parseArgv<RevokeOptions>(["revoke", ...argv]), (error: Error) => {
        assert.equal(error.name, "UsageError");
        assert.match(error.message, message);
        return true;
      });
    });
  }
});

describe("ax api-keys refresh: argv → options", () => {
  const cases: [string[], Partial<RefreshOptions>][] = [
    [["k1"], {}],
    [["k1", "--grace-period-seconds", "0"], { gracePeriodSeconds: 0 }],
    [["k1", "--grace-period-seconds", "86400"], { gracePeriodSeconds: 86400 }],
    [["k1", "--expires-at", "2026-12-31T23:59:59"], { expiresAt: "2026-12-31T23:59:59Z" }],
    [["k1", "--env-file", "keys/.env", "-o", "json"], {
      envFile: "keys/.env",
      common: { ...COMMON, output: "json" },
    }],
  ];
  for (const [argv, expected] of cases) {
    it(argv.join(" "), async () => {
      assert.deepEqual(await parseArgv<RefreshOptions>(["refresh", ...argv]), {
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
    [["k1", "--force"], /unknown option '--force'/],
  ];
  for (const [argv, message] of errors) {
    it(`rejects ${JSON.stringify(argv)}`, async () => {
      await assert.rejects(parseArgv<RefreshOptions>(["refresh", ...argv]), (error: Error) => {
        assert.equal(error.name, "UsageError");
        assert.match(error.message, message);
        return true;
      });
    });
  }
});
