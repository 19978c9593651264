import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { CreateOptions } from "../../../commands/api_keys/create.ts";
import type { CreateServiceKeyOptions } from "../../../commands/api_keys/create_service_key.ts";
import { assertUsageError, parseArgv } from "../../_helpers/parse_argv.ts";

const COMMON = { output: undefined, verbose: false, plugins: [], timeoutMs: undefined };

describe("ax api-keys create: argv → options", () => {
  const cases: [string[], Partial<CreateOptions>][] = [
    [["--name", "CI"], { name: "CI" }],
    [["-n", "CI", "--description", "d"], { name: "CI", description: "d" }],
    [["-n", "CI", "--expires-at", "2030-01-02"], { name: "CI", expiresAt: "2030-01-02T00:00:00Z" }],
    [["-n", "CI", "--expires-at", "2030-01-02 03:04"], {
      name: "CI",
      expiresAt: "2030-01-02T03:04:00Z",
    }],
    [["-n", "CI", "--expires-in", "2w"], { name: "CI", expiresAt: "2026-06-15T12:00:00Z" }],
    [["-n", "CI", "--expires-at", "2030-01-02T03:04:05+01:00"], {
      name: "CI",
      expiresAt: "2030-01-02T02:04:05Z",
    }],
    [["-n", "CI", "--env-file", ".env"], { name: "CI", envFile: ".env" }],
    [["-n", "x".repeat(256), "--description", "y".repeat(1000)], {
      name: "x".repeat(256),
      description: "y".repeat(1000),
    }],
  ];
  for (const [argv, expected] of cases) {
    it(argv.join(" ").slice(0, 60), async () => {
      assert.deepEqual(await parseArgv<CreateOptions>(["api-keys", "create", ...argv]), {
        description: undefined,
        expiresAt: undefined,
        envFile: undefined,
        common: COMMON,
        ...expected,
      });
    });
  }

  const errors: [string[], RegExp][] = [
    [[], /required option '-n, --name <name>' not specified/],
    [["--name"], /option '-n, --name <name>' argument missing/],
    [["--name", ""], /^--name must not be empty/],
    [["--name", "x".repeat(257)], /^--name is too long: 257 characters \(at most 256\)/],
    [["-n", "a", "--description", "d".repeat(1001)], /^--description is too long: 1001/],
    [["-n", "a", "--expires-at", "2024-02-30"], /^Invalid datetime format: '2024-02-30'\./],
    [["-n", "a", "--expires-at", ""], /^Invalid datetime format: ''\./],
    [["-n", "a", "--expires-at", "2025-12-31"], /^--expires-at '2025-12-31' is in the past/],
    [["-n", "a", "--expires-in", "2x"], /^--expires-in must be a positive duration/],
    [["-n", "a", "--expires-in", "1d", "--expires-at", "2030-01-02"], /cannot be used together/],
    [["-n", "a", "--env-file", ""], /^--env-file must not be empty/],
    [["-n", "a", "--space", "s"], /unknown option '--space'/],
  ];
  for (const [argv, message] of errors) {
    it(`rejects ${argv.join(" ").slice(0, 60) || "(no options)"}`, async () => {
      await assertUsageError(["api-keys", "create", ...argv], message);
    });
  }
});

describe("ax api-keys create-service-key: argv → options", () => {
  const base = { description: undefined, expiresAt: undefined, envFile: undefined, common: COMMON };
  const cases: [string[], Partial<CreateServiceKeyOptions>][] = [
    [["-n", "S", "-s", "My Space"], { name: "S", space: "My Space" }],
    [["--name", "S", "--space", "U3BhY2U6MTphYmM="], { name: "S", space: "U3BhY2U6MTphYmM=" }],
    [["-n", "S", "-s", "sp", "--expires-in", "36h"], {
      name: "S",
      space: "sp",
      expiresAt: "2026-06-03T00:00:00Z",
    }],
    [[
      "-n",
      "S",
      "-s",
      "sp",
      "--space-role",
      "READ-ONLY",
      "--org-role",
      "Admin",
      "--account-role",
      "member",
    ], {
      name: "S",
      space: "sp",
      spaceRole: "read-only",
      orgRole: "admin",
      accountRole: "member",
    }],
  ];
  for (const [argv, expected] of cases) {
    it(argv.join(" "), async () => {
      assert.deepEqual(
        await parseArgv<CreateServiceKeyOptions>(["api-keys", "create-service-key", ...argv]),
        {
          ...base,
          spaceRole: undefined,
          orgRole: undefined,
          accountRole: undefined,
          ...expected,
        },
      );
    });
  }

  const errors: [string[], RegExp][] = [
    [["-n", "S"], /required option '-s, --space <name-or-id>' not specified/],
    [["-s", "sp"], /required option '-n, --name <name>' not specified/],
    [["-n", "S", "-s", ""], /^--space must not be empty/],
    [
      ["-n", "S", "-s", "sp", "--space-role", "owner"],
      /'--space-role <role>' argument 'owner' is invalid\. Allowed values are admin, member, read-only/,
    ],
    [["-n", "S", "-s", "sp", "--org-role", "x"], /'--org-role <role>' argument 'x' is invalid/],
    [
      ["-n", "S", "-s", "sp", "--account-role", "read-only"],
      /'--account-role <role>' argument 'read-only' is invalid\. Allowed values are admin, member/,
    ],
    [
      ["-n", "S", "-s", "sp", "--expires-at", "31/12/2024"],
      /^Invalid datetime format: '31\/12\/2024'/,
    ],
    [["-n", "S", "-s", "sp", "--expires-at", "2026-05-31 23:59"], /is in the past/],
    [["-n", "S", "-s", "sp", "--expires-in", "0w"], /^--expires-in must be a positive/],
  ];
  for (const [argv, message] of errors) {
    it(`rejects ${argv.join(" ")}`, async () => {
      await assertUsageError(["api-keys", "create-service-key", ...argv], message);
    });
  }
});
