/**
 * `ax spaces list`: parse (argv → options), run (a fetch stub that checks
 * every request; exact stdout/stderr) and end to end (the real process
 * against the emulator, every built-in format).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Space } from "../../../api/types.ts";
import type { SpacesListOptions } from "../../../commands/spaces/list.ts";
import { UsageError } from "../../../runtime/errors.ts";
import { useEmulator } from "../../_helpers/emulator_fixture.ts";
import { runAx } from "../../_helpers/run_ax.ts";
import { apiStub, runCommand } from "../../_helpers/run_command.ts";
import { parseArgv } from "../../_helpers/parse_argv.ts";

const COMMON = { output: undefined, verbose: false, plugins: [], timeoutMs: undefined };

function space(n: number): Space {
  return { id: `U3BhY2U6${n}`, name: `Space ${n}`, created_at: "2026-01-15T10:30:00Z" };
}

describe("ax spaces list: argv → options", () => {
  const parse = (argv: string[]) => parseArgv<SpacesListOptions>(["spaces", "list", ...argv]);

  it("one page by default; --name, --limit, --all, --cursor and the shared options", async () => {
    assert.deepEqual(await parse([]), {
      name: undefined,
      quiet: false,
      want: "page",
      cursor: undefined,
      common: COMMON,
    });
    assert.deepEqual(await parse(["-n", "My", "-l", "250", "-c", "abc", "-q"]), {
      name: "My",
      quiet: true,
      want: 250,
      cursor: "abc",
      common: COMMON,
    });
    assert.equal((await parse(["--all", "-o", "csv", "--profile", "work"])).want, "all");
    assert.deepEqual((await parse(["--all", "-o", "csv", "--profile", "work"])).common, {
      ...COMMON,
      output: "csv",
      profile: "work",
    });
  });

  for (
    const [argv, message] of [
      [["--limit", "5", "--all"], /--limit and --all cannot be used together/],
      [["--limit", "0"], /--limit must be a positive whole number/],
      [["--name", " "], /--name must not be empty/],
      [["-q", "-o", "json"], /-q\/--quiet and -o\/--output cannot be used together/],
    ] as const
  ) {
    it(`refuses ${argv.join(" ")}`, async () => {
      await assert.rejects(parse([...argv]), (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.match(error.message, message);
        return true;
      });
    });
  }
});

describe("ax spaces list: requests and output", () => {
  it("-q prints only the IDs, one per line, and still says how to get the next page", async () => {
    const stub = apiStub().expect({ method: "GET", path: "/v2/spaces?limit=15" }, {
      status: 200,
      json: { spaces: [space(1), space(2)], pagination: { has_more: true, next_cursor: "c2" } },
    });
    const run = await runCommand(["spaces", "list", "-q"], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.equal(run.stdout, "U3BhY2U61\nU3BhY2U62\n");
    assert.equal(run.stderr, "More items available. To fetch the next page, add:\n  --cursor c2\n");
  });

  it("an empty table for a --name with * or ? says the server matches text, not patterns", async () => {
    const stub = apiStub().expect({ method: "GET", path: "/v2/spaces?name=stag*&limit=15" }, {
      status: 200,
      json: { spaces: [], pagination: { has_more: false } },
    });
    const run = await runCommand(["spaces", "list", "--name", "stag*"], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.equal(run.stdout, "");
    assert.equal(
      run.stderr,
      "No spaces found: --name matches text in names; * and ? are not wildcards here.\n",
    );
    const plain = apiStub().expect({ method: "GET", path: "/v2/spaces?name=stag&limit=15" }, {
      status: 200,
      json: { spaces: [], pagination: { has_more: false } },
    });
    const none = await runCommand(["spaces", "list", "--name", "stag"], { stub: plain });
    assert.equal(none.stderr, "No items to display\n");
  });

  it("fetches one page of 15 and says how to get the next", async () => {
    const stub = apiStub().expect({ method: "GET", path: "/v2/spaces?limit=15" }, {
      status: 200,
      json: { spaces: [space(1), space(2)], pagination: { has_more: true, next_cursor: "c2" } },
    });
    const run = await runCommand(["spaces", "list", "-o", "csv"], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.equal(
      run.stdout,
      "id,name,description,created_at\n" +
        "U3BhY2U61,Space 1,,2026-01-15T10:30:00Z\n" +
        "U3BhY2U62,Space 2,,2026-01-15T10:30:00Z\n",
    );
    assert.equal(run.stderr, "More items available. To fetch the next page, add:\n  --cursor c2\n");
  });

  it("--name filters on the server; --limit 150 reads two pages, the last asking for the rest", async () => {
    const stub = apiStub()
      .expect({ method: "GET", path: "/v2/spaces?name=Space&limit=100" }, {
        status: 200,
        json: {
          spaces: Array.from({ length: 100 }, (_, i) => space(i)),
          pagination: { has_more: true, next_cursor: "p2" },
        },
      })
      .expect({ method: "GET", path: "/v2/spaces?name=Space&limit=50&cursor=p2" }, {
        status: 200,
        json: { spaces: [space(100)], pagination: { has_more: false } },
      });
    const run = await runCommand([
      "spaces",
      "list",
      "--name",
      "Space",
      "--limit",
      "150",
      "-o",
      "json",
    ], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
    const document = JSON.parse(run.stdout);
    assert.equal(document.spaces.length, 101);
    assert.deepEqual(document.pagination, { has_more: false });
    assert.equal(run.stderr, "");
  });
});

describe("ax spaces list: end to end", () => {
  const fx = useEmulator("spaces");

  it("lists the emulator's spaces in every built-in format", async () => {
    const env = fx.env();
    const json = await runAx(["spaces", "list", "--all", "-o", "json"], { env, cwd: fx.box.home });
    assert.equal(json.code, 0, json.stderr);
    const names = JSON.parse(json.stdout).spaces.map((s: Space) => s.name);
    assert.deepEqual(names.toSorted(), fx.emu.spaces.map((s) => s.name).toSorted());
    const ndjson = await runAx(["spaces", "list", "-o", "ndjson"], { env, cwd: fx.box.home });
    assert.equal(ndjson.stdout.trim().split("\n").length, names.length);
    const csv = await runAx(["spaces", "list", "-o", "csv"], { env, cwd: fx.box.home });
    assert.equal(csv.stdout.split("\n")[0], "id,name,description,created_at");
    const table = await runAx(["spaces", "list"], { env, cwd: fx.box.home });
    for (const name of names) assert.ok(table.stdout.includes(name), table.stdout);
    const parquet = await runAx(["spaces", "list", "-o", "spaces.parquet"], {
      env,
      cwd: fx.box.home,
    });
    assert.equal(parquet.code, 0, parquet.stderr);
    assert.ok(statSync(join(fx.box.home, "spaces.parquet")).size > 0);
    assert.equal(
      readFileSync(join(fx.box.home, "spaces.parquet")).subarray(0, 4).toString(),
      "PAR1",
    );
  });

  it("--name keeps the spaces whose name contains the text", async () => {
    const env = fx.env();
    const wanted = fx.emu.spaces[0].name;
    const result = await runAx(["spaces", "list", "--name", wanted, "-o", "json"], {
      env,
      cwd: fx.box.home,
    });
    assert.equal(result.code, 0, result.stderr);
    for (const s of JSON.parse(result.stdout).spaces) {
      assert.ok(s.name.toLowerCase().includes(wanted.toLowerCase()), s.name);
    }
  });
});
