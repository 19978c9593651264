import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ListOptions } from "../../../commands/api_keys/list.ts";
import { assertUsageError, parseArgv } from "../../_helpers/parse_argv.ts";

const COMMON = { output: undefined, verbose: false, plugins: [], timeoutMs: undefined };
const HYGIENE: ListOptions["hygiene"] = {
  filter: undefined,
  sort: undefined,
  quiet: false,
  from: { serverCursor: undefined, skip: 0 },
};

describe("ax api-keys list: argv → options", () => {
  const cases: [string[], Partial<ListOptions>][] = [
    [[], { want: "page" }],
    [["--limit", "40"], { want: 40 }],
    [["-l", "250"], { want: 250 }],
    [["--all"], { want: "all" }],
    [["--cursor", "abc"], {
      want: "page",
      cursor: "abc",
      hygiene: { ...HYGIENE, from: { serverCursor: "abc", skip: 0 } },
    }],
    [["-c", "abc", "--all"], {
      want: "all",
      cursor: "abc",
      hygiene: { ...HYGIENE, from: { serverCursor: "abc", skip: 0 } },
    }],
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
      const options = await parseArgv<ListOptions>(["api-keys", "list", ...argv]);
      assert.deepEqual(options, {
        keyType: undefined,
        status: undefined,
        space: undefined,
        user: undefined,
        cursor: undefined,
        hygiene: HYGIENE,
        common: COMMON,
        ...expected,
      });
    });
  }

  it("collects the shared options", async () => {
    const options = await parseArgv<ListOptions>([
      "api-keys",
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
      await assertUsageError(["api-keys", "list", ...argv], message);
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

describe("ax api-keys list: hygiene options → options (issue 14)", () => {
  const DAY = 86_400_000;
  const cases: [string[], Partial<ListOptions["hygiene"]>][] = [
    [["--expires-within", "2w"], { filter: { expiresWithinMs: 14 * DAY } }],
    [["--never-expires"], { filter: { neverExpires: true } }],
    [["--unused-for", "90d", "--name", "ci-*"], {
      filter: { unusedForMs: 90 * DAY, name: "ci-*" },
    }],
    [["--sort", "expires_at"], { sort: { field: "expires_at", descending: false } }],
    [["--sort", "Last_Used_At:DESC"], { sort: { field: "last_used_at", descending: true } }],
    [["--sort", "name:asc"], { sort: { field: "name", descending: false } }],
    [["-q"], { quiet: true }],
    [["--cursor", "ax1.eyJjIjoieCIsInMiOjN9"], { from: { serverCursor: "x", skip: 3 } }],
  ];
  for (const [argv, expected] of cases) {
    it(argv.join(" "), async () => {
      const options = await parseArgv<ListOptions>(["api-keys", "list", ...argv]);
      const { filter, ...rest } = expected;
      assert.deepEqual(options.hygiene, {
        ...HYGIENE,
        ...rest,
        filter: filter === undefined ? undefined : {
          expiresWithinMs: undefined,
          neverExpires: undefined,
          unusedForMs: undefined,
          name: undefined,
          ...filter,
        },
      });
    });
  }

  const errors: [string[], RegExp][] = [
    [["--expires-within", "0"], /^--expires-within must be a positive duration.*got '0'/],
    [["--expires-within", "-5d"], /got '-5d'/],
    [["--unused-for", "3 days"], /^--unused-for must be a positive duration.*got '3 days'/],
    [["--sort", "nope"], /'--sort <field\[:asc\|:desc\]>' argument 'nope' is invalid/],
    [["--sort", "name:up"], /argument 'name:up' is invalid/],
    [["--sort", "name", "--cursor", "c"], /^--sort and --cursor cannot be used together/],
    [["-q", "-o", "json"], /^-q\/--quiet and -o\/--output cannot be used together/],
    [["--never-expires", "--expires-within", "1d"], /cannot be used together/],
    [["--name", ""], /^--name must not be empty/],
    [["--cursor", "ax1.bm9wZQ"], /is not a cursor ax printed/],
  ];
  for (const [argv, message] of errors) {
    it(`rejects ${JSON.stringify(argv)}`, async () => {
      await assertUsageError(["api-keys", "list", ...argv], message);
    });
  }
});
