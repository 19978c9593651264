/**
 * End to end, QUALITY.md I1: every bad input fails before any request, with
 * exit 2 and a message naming the option and what it accepts. Each case runs
 * a real `ax` process against a real emulator, which must count zero API
 * requests.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { useEmulator } from "../_helpers/emulator_fixture.ts";
import { type AxResult } from "../_helpers/run_ax.ts";

const DATE_HELP = "Use ISO 8601 \\(e\\.g\\. '2099-12-31T23:59:59' or '2099-12-31'\\)\\.";
const badDate = (value: string) =>
  new RegExp(
    `^✗ Error: Invalid datetime format: '${
      value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
    }'\\. ${DATE_HELP}\\n.*--expires-at`,
  );
const KEY = "QXBpS2V5OjE6YWJj";

/** [what, argv after `ax api-keys`, what stderr must say]. */
const CASES: [string, string[], RegExp][] = [
  // Dates, on every command that takes --expires-at.
  ["impossible day", ["create", "-n", "a", "--expires-at", "2024-02-30"], badDate("2024-02-30")],
  ["impossible month", ["create", "-n", "a", "--expires-at", "2024-13-01"], badDate("2024-13-01")],
  ["day-first date", ["create", "-n", "a", "--expires-at", "31/12/2024"], badDate("31/12/2024")],
  ["empty date", ["create", "-n", "a", "--expires-at", ""], badDate("")],
  [
    "hour 25",
    ["create", "-n", "a", "--expires-at", "2024-12-31T25:00"],
    badDate("2024-12-31T25:00"),
  ],
  ["a word", ["create", "-n", "a", "--expires-at", "tomorrow"], badDate("tomorrow")],
  [
    "29 Feb of a common year",
    ["refresh", KEY, "--expires-at", "2023-02-29"],
    badDate("2023-02-29"),
  ],
  [
    "a space for T, in the past",
    ["refresh", KEY, "--expires-at", "2024-12-31 23:59"],
    /^✗ Error: --expires-at '2024-12-31 23:59' is in the past \(it is now /,
  ],
  [
    "31 April",
    ["create-service-key", "-n", "a", "-s", "default", "--expires-at", "2024-04-31"],
    badDate("2024-04-31"),
  ],
  // Names and descriptions, counted in code points like the server.
  ["empty name", ["create", "-n", ""], /^✗ Error: --name must not be empty\./],
  ["blank name", ["create", "--name", "   "], /^✗ Error: --name must not be empty\./],
  [
    "257-character name",
    ["create", "-n", "x".repeat(257)],
    /^✗ Error: --name is too long: 257 characters \(at most 256\)\./,
  ],
  [
    "257-emoji name",
    ["create", "-n", "🔑".repeat(257)],
    /^✗ Error: --name is too long: 257 characters/,
  ],
  [
    "1001-character description",
    ["create", "-n", "a", "--description", "d".repeat(1001)],
    /^✗ Error: --description is too long: 1001 characters \(at most 1000\)\./,
  ],
  [
    "service key name too long",
    ["create-service-key", "-n", "x".repeat(300), "-s", "default"],
    /^✗ Error: --name is too long: 300/,
  ],
  [
    "service key empty name",
    ["create-service-key", "-n", "", "-s", "default"],
    /^✗ Error: --name must not be empty/,
  ],
  ["service key description too long", [
    "create-service-key",
    "-n",
    "a",
    "-s",
    "default",
    "--description",
    "é".repeat(1001),
  ], /^✗ Error: --description is too long: 1001/],
  // Enums.
  [
    "unknown key type",
    ["list", "--key-type", "bot"],
    /^✗ Error: option '--key-type <type>' argument 'bot' is invalid\. Allowed values are user, service/,
  ],
  [
    "unknown status",
    ["list", "--status", "expired"],
    /^✗ Error: option '--status <status>' argument 'expired' is invalid\. Allowed values are active, revoked/,
  ],
  [
    "unknown space role",
    ["create-service-key", "-n", "a", "-s", "default", "--space-role", "owner"],
    /--space-role <role>' argument 'owner' is invalid\. Allowed values are admin, member, read-only/,
  ],
  ["unknown org role", [
    "create-service-key",
    "-n",
    "a",
    "-s",
    "default",
    "--org-role",
    "superuser",
  ], /--org-role <role>' argument 'superuser' is invalid/],
  ["read-only is no account role", [
    "create-service-key",
    "-n",
    "a",
    "-s",
    "default",
    "--account-role",
    "read-only",
  ], /--account-role <role>' argument 'read-only' is invalid\. Allowed values are admin, member/],
  // --limit.
  [
    "limit 0",
    ["list", "--limit", "0"],
    /^✗ Error: --limit must be a positive whole number .*got '0'/,
  ],
  [
    "limit -1",
    ["list", "--limit", "-1"],
    /^✗ Error: --limit must be a positive whole number .*got '-1'/,
  ],
  ["limit abc", ["list", "-l", "abc"], /^✗ Error: --limit .*got 'abc'/],
  ["limit 1e9", ["list", "--limit", "1e9"], /^✗ Error: --limit .*got '1e9'/],
  ["limit 1.5", ["list", "--limit", "1.5"], /^✗ Error: --limit .*got '1\.5'/],
  [
    "limit with all",
    ["list", "--limit", "5", "--all"],
    /^✗ Error: --limit and --all cannot be used together/,
  ],
  // --grace-period-seconds.
  [
    "grace -1",
    ["refresh", KEY, "--grace-period-seconds", "-1"],
    /^✗ Error: --grace-period-seconds must be a whole number from 0 to 86400, got '-1'/,
  ],
  [
    "grace 1.5",
    ["refresh", KEY, "--grace-period-seconds", "1.5"],
    /^✗ Error: --grace-period-seconds .*got '1\.5'/,
  ],
  [
    "grace abc",
    ["refresh", KEY, "--grace-period-seconds", "abc"],
    /^✗ Error: --grace-period-seconds .*got 'abc'/,
  ],
  [
    "grace 86401",
    ["refresh", KEY, "--grace-period-seconds", "86401"],
    /^✗ Error: --grace-period-seconds .*got '86401'/,
  ],
  // Unknown options, missing values and arguments.
  ["unknown option", ["list", "--bogus"], /^✗ Error: unknown option '--bogus'/],
  [
    "misspelled option",
    ["create", "-n", "a", "--nmae", "b"],
    /^✗ Error: unknown option '--nmae'\nDid you mean --name\?\n/,
  ],
  [
    "misspelled command",
    ["lsit"],
    /^✗ Error: unknown command 'lsit'\nDid you mean list\?\nRun 'ax api-keys --help'/,
  ],
  ["missing --name", ["create"], /^✗ Error: required option '-n, --name <name>' not specified/],
  [
    "missing --space",
    ["create-service-key", "-n", "a"],
    /^✗ Error: required option '-s, --space <name-or-id>' not specified/,
  ],
  ["missing key id to revoke", ["revoke", "-f"], /^✗ Error: Give at least one key ID, or -/],
  ["missing key id to refresh", ["refresh"], /^✗ Error: missing required argument 'key-id'/],
  [
    "option without its value",
    ["list", "--cursor"],
    /^✗ Error: option '-c, --cursor <cursor>' argument missing/,
  ],
  ["extra argument", ["list", "extra"], /^✗ Error: too many arguments for 'list'/],
  ["unknown command", ["frobnicate"], /^✗ Error: unknown command 'frobnicate'/],
  ["empty key id", ["revoke", "", "-f"], /^✗ Error: The key ID must not be empty/],
  ["'..' as key id", ["revoke", "..", "-f"], /^✗ Error: Invalid ID '\.\.'/],
  ["'.' as key id", ["refresh", "."], /^✗ Error: Invalid ID '\.'/],
  ["empty cursor", ["list", "--cursor", ""], /^✗ Error: --cursor must not be empty/],
  [
    "empty space",
    ["create-service-key", "-n", "a", "-s", ""],
    /^✗ Error: --space must not be empty/,
  ],
  [
    "empty env file",
    ["create", "-n", "a", "--env-file", ""],
    /^✗ Error: --env-file must not be empty/,
  ],
  ["timeout 0", ["list", "--timeout", "0"], /^✗ Error: Invalid --timeout '0'/],
  ["timeout -5", ["refresh", KEY, "--timeout", "-5"], /^✗ Error: .*--timeout/],
  // Output and confirmation.
  [
    "unknown output format",
    ["list", "-o", "yaml"],
    /^✗ Error: Unknown output format 'yaml' \(--output\)\.\nValid formats: /,
  ],
  [
    "unknown output extension",
    ["create", "-n", "a", "-o", "key.txt"],
    /^✗ Error: No output format for '\.txt' files/,
  ],
  [
    "--space with --key-type user",
    ["list", "--space", "default", "--key-type", "user"],
    /^✗ Error: --space lists a space's service keys; it cannot be used with --key-type user\.\n/,
  ],
  [
    "a duration beyond 1000 years",
    ["create", "-n", "a", "--expires-in", "99999w"],
    /^✗ Error: --expires-in is too long: at most 1000 years \(365000d\), got '99999w'\./,
  ],
  [
    "revoke without a terminal or --force",
    ["revoke", KEY],
    /^✗ Error: .*neither stdin nor stdout is a terminal .*: pass --force/,
  ],
];

const fx = useEmulator("bad-input");

function ax(args: string[]): Promise<AxResult> {
  // The ALPHA notice stays on: each message must still be the first error line.
  return fx.ax(["api-keys", ...args], { env: { DISABLE_PRERELEASE_WARNING: undefined } });
}

describe("ax api-keys rejects bad input before any request (exit 2)", () => {
  // Processes run a few at a time (each costs a runtime start); the
  // emulator's counter is checked after every batch.
  const results = new Map<string, Promise<AxResult>>();
  let batch: Promise<unknown>[] = [];

  it(`has at least 40 cases (${CASES.length})`, () => assert.ok(CASES.length >= 40));

  CASES.forEach(([name, , message], index) => {
    it(name, async () => {
      if (index % 4 === 0) {
        // Start this case and the next three together.
        batch = CASES.slice(index, index + 4).map(([caseName, caseArgv]) => {
          const run = ax(caseArgv);
          results.set(caseName, run);
          return run;
        });
      }
      const result = await results.get(name)!;
      await Promise.all(batch);
      assert.equal(result.code, 2, `stderr: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, "");
      assert.equal((await fx.emu.stats()).requests, 0, "a request reached the emulator");
    });
  });
});
