import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { GetOptions } from "../../../commands/api_keys/get.ts";
import type { AuditOptions } from "../../../commands/api_keys/audit.ts";
import { assertUsageError, parseArgv } from "../../_helpers/parse_argv.ts";

const COMMON = { output: undefined, verbose: false, plugins: [], timeoutMs: undefined };
const DAY = 86_400_000;

describe("ax api-keys get: argv → options", () => {
  it("an ID or a name, and --space", async () => {
    assert.deepEqual(
      await parseArgv<GetOptions>(["api-keys", "get", "CI key", "-s", "prod", "-o", "json"]),
      {
        idOrName: "CI key",
        space: "prod",
        common: { ...COMMON, output: "json" },
      },
    );
  });
  for (
    const [argv, message] of [
      [[], /missing required argument 'key-id'/],
      [[""], /The key ID or name must not be empty/],
      [["a", "b"], /too many arguments/],
    ] as [string[], RegExp][]
  ) {
    it(`rejects ${JSON.stringify(argv)}`, async () => {
      await assert.rejects(parseArgv<GetOptions>(["api-keys", "get", ...argv]), message);
    });
  }
});

describe("ax api-keys audit: argv → options", () => {
  it("defaults: 14 days, 90 days, nothing ignored, user keys only", async () => {
    assert.deepEqual(await parseArgv<AuditOptions>(["api-keys", "audit"]), {
      expiresWithinMs: 14 * DAY,
      unusedForMs: 90 * DAY,
      ignore: new Set(),
      spaces: undefined,
      quiet: false,
      common: COMMON,
    });
  });
  it("every option", async () => {
    const options = await parseArgv<AuditOptions>([
      "api-keys",
      "audit",
      "--expires-within",
      "30d",
      "--unused-for",
      "26w",
      "--ignore",
      "never-expires",
      "--ignore",
      "Expired",
      "--all-spaces",
      "-q",
    ]);
    assert.equal(options.expiresWithinMs, 30 * DAY);
    assert.equal(options.unusedForMs, 182 * DAY);
    assert.deepEqual([...options.ignore], ["never-expires", "expired"]);
    assert.equal(options.spaces, "all");
    assert.equal(options.quiet, true);
    assert.deepEqual((await parseArgv<AuditOptions>(["api-keys", "audit", "-s", "prod"])).spaces, {
      space: "prod",
    });
  });
  for (
    const [argv, message] of [
      [["--ignore", "stale"], /'--ignore <finding>' argument 'stale' is invalid/],
      [["--expires-within", "0"], /^--expires-within must be a positive duration/],
      [["--unused-for", "90"], /^--unused-for must be a positive duration/],
      [["--space", "a", "--all-spaces"], /^--space and --all-spaces cannot be used together/],
      [["-q", "-o", "csv"], /cannot be used together/],
    ] as [string[], RegExp][]
  ) {
    it(`rejects ${JSON.stringify(argv)}`, async () => {
      await assertUsageError(["api-keys", "audit", ...argv], message);
    });
  }
});
