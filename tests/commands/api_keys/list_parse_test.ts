import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ListOptions } from "../../../commands/api_keys/list.ts";
import { parseArgv } from "./_parse_harness.ts";

const COMMON = { output: undefined, verbose: false, plugins: [], timeoutMs: undefined };

describe("ax api-keys list: argv → options", () => {
  const cases: [string[], Partial<ListOptions>][] = [
    [[], { want: "page" }],
    [["--limit", "40"], { want: 40 }],
    [["-l", "250"], { want: 250 }],
    [["--all"], { want: "all" }],
    [["--cursor", "abc"], { want: "page", cursor: "abc" }],
    [["-c", "abc", "--all"], { want: "all", cursor: "abc" }],
    [["--key-type", "SERVICE"], { want: "page", keyType: "service" }],
    [["-s", "My Space", "--key-type", "service"], {
      want: "page",
      keyType: "service",
      space: "My Space",
    }],
    [["--key-type", "user", "--status", "Revoked"], {
      want: "page",
      keyType: "user",
      status: "revoked",
    }],
    [["--user", "VXNlcjo5"], { want: "page", user: "VXNlcjo5" }],
    [["--key-type", "service", "--user", "VXNlcjo5"], {
      want: "page",
      keyType: "service",
      user: "VXNlcjo5",
    }],
  ];
  for (const [argv, expected] of cases) {
    it(argv.join(" ") || "(no options)", async () => {
      const options = await parseArgv<ListOptions>(["list", ...argv]);
      assert.deepEqual(options, {
        keyType: undefined,
        status: undefined,
        space: undefined,
        user: undefined,
        cursor: undefined,
        common: COMMON,
        ...expected,
      });
    });
  }

  it("collects the shared options", async () => {
    const options = await parseArgv<ListOptions>([
      "list",
      "-o",
      "json",
      "-v",
      "--plugin",
      "a.ts",
      "--plugin",
      "b.ts",
      "--timeout",
      "2.5",
    ]);
    assert.deepEqual(options.common, {
      output: "json",
      verbose: true,
      plugins: ["a.ts", "b.ts"],
      timeoutMs: 2500,
    });
  });

  const errors: [string[], RegExp][] = [
    [["--limit", "0"], /^--limit must be a positive whole number .*got '0'/],
    [["--limit", "-1"], /^--limit must be a positive whole number .*got '-1'/],
    [["--limit", "abc"], /^--limit .*got 'abc'/],
    [["--limit", "1e9"], /^--limit .*got '1e9'/],
    [["--limit", "5", "--all"], /^--limit and --all cannot be used together/],
    [
      ["--key-type", "bot"],
      /--key-type <type>' argument 'bot' is invalid\. Allowed values are user, service/,
    ],
    [
      ["--status", "expired"],
      /--status <status>' argument 'expired' is invalid\. .*active, revoked/,
    ],
    [["--cursor", ""], /^--cursor must not be empty/],
    [["--space", ""], /^--space must not be empty/],
    [["--user", " "], /^--user must not be empty/],
    [["--timeout", "0"], /--timeout/],
    [["--timeout", "soon"], /--timeout/],
    [["--bogus"], /unknown option '--bogus'/],
    [["extra"], /too many arguments/],
    [["--limit"], /option '-l, --limit <n>' argument missing/],
  ];
  for (const [argv, message] of errors) {
    it(`rejects ${argv.join(" ")}`, async () => {
      await assert.rejects(parseArgv<ListOptions>(["list", ...argv]), (error: Error) => {
        assert.equal(error.name, "UsageError");
        assert.match(error.message, message);
        return true;
      });
    });
  }

  it("offers the enum values to help and completion", async () => {
    const { buildProgram } = await import("../../../commands/mod.ts");
    const { fakeContext } = await import("../../_helpers/fake_context.ts");
    const program = await buildProgram(fakeContext().ctx);
    const group = program.commands.find((c) => c.name() === "api-keys")!;
    const cmd = group.commands.find((c) => c.name() === "list")!;
    const choices = Object.fromEntries(cmd.options.map((o) => [o.long, o.argChoices]));
    assert.deepEqual(choices["--key-type"], ["user", "service"]);
    assert.deepEqual(choices["--status"], ["active", "revoked"]);
    assert.match(cmd.helpInformation().replace(/\s+/g, " "), /choices: "user", "service"/);
  });
});
