import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { apiStub, runCommand } from "../../_helpers/run_command.ts";
import { apiKey, pretty } from "./_fixtures.ts";
import { ApiError } from "../../../runtime/errors.ts";
import type { ApiKey } from "../../../api/types.ts";

const ERASE = "\r\x1b[2K";
const dim = (text: string) => `${ERASE}\x1b[2m${text}\x1b[0m`;

function keys(from: number, count: number): ApiKey[] {
  return Array.from({ length: count }, (_, i) => apiKey(from + i));
}

describe("ax api-keys list: requests and output", () => {
  it("asks for one page of 15 and prints the json document", async () => {
    const page = keys(1, 2);
    const stub = apiStub().expect({ method: "GET", path: "/v2/api-keys?limit=15" }, {
      status: 200,
      json: { api_keys: page, pagination: { has_more: false } },
    });
    const run = await runCommand(["api-keys", "list", "-o", "json"], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.equal(run.stdout, pretty({ api_keys: page, pagination: { has_more: false } }));
    assert.equal(run.stderr, "");
  });

  it("sends filters in lower case and the cursor", async () => {
    const stub = apiStub().expect({
      method: "GET",
      path: "/v2/api-keys?key_type=service&status=revoked&limit=15&cursor=c%2F1",
    }, { status: 200, json: { api_keys: [], pagination: { has_more: false } } });
    const run = await runCommand([
      "api-keys",
      "list",
      "--key-type",
      "Service",
      "--status",
      "REVOKED",
      "-c",
      "c/1",
      "-o",
      "json",
    ], { stub });
    stub.verify();
    assert.equal(run.stdout, pretty({ api_keys: [], pagination: { has_more: false } }));
  });

  it("--space resolves the space name and lists its service keys", async () => {
    const stub = apiStub()
      .expect({ method: "GET", path: "/v2/spaces?name=Prod&limit=100" }, {
        status: 200,
        json: { spaces: [{ id: "U3BhY2U6MTp4", name: "Prod" }], pagination: { has_more: false } },
      })
      .expect({
        method: "GET",
        path: "/v2/api-keys?key_type=service&space_id=U3BhY2U6MTp4&limit=15",
      }, { status: 200, json: { api_keys: [], pagination: { has_more: false } } });
    const run = await runCommand([
      "api-keys",
      "list",
      "--key-type",
      "service",
      "-s",
      "Prod",
      "-o",
      "json",
    ], {
      stub,
    });
    stub.verify();
    assert.equal(run.error, undefined);
  });

  it("--key-type service alone asks for every readable space's service keys, no space lookup", async () => {
    const page = [{ ...apiKey(1), key_type: "service" as const }];
    const stub = apiStub().expect(
      { method: "GET", path: "/v2/api-keys?key_type=service&status=active&limit=15" },
      { status: 200, json: { api_keys: page, pagination: { has_more: false } } },
    );
    const run = await runCommand([
      "api-keys",
      "list",
      "--key-type",
      "service",
      "--status",
      "active",
      "-o",
      "json",
    ], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.equal(run.stdout, pretty({ api_keys: page, pagination: { has_more: false } }));
  });

  it("--user sends user_id, alone and with --space", async () => {
    const empty = { status: 200, json: { api_keys: [], pagination: { has_more: false } } };
    const stub = apiStub()
      .expect({ method: "GET", path: "/v2/api-keys?user_id=VXNlcjo5&limit=15" }, empty)
      .expect({
        method: "GET",
        path: "/v2/api-keys?space_id=U3BhY2U6MTp4&user_id=VXNlcjo5&limit=15",
      }, empty);
    assert.equal(
      (await runCommand(["api-keys", "list", "--user", "VXNlcjo5", "-o", "json"], { stub })).error,
      undefined,
    );
    const withSpace = await runCommand([
      "api-keys",
      "list",
      "--user",
      "VXNlcjo5",
      "-s",
      "U3BhY2U6MTp4",
      "-o",
      "json",
    ], { stub });
    stub.verify();
    assert.equal(withSpace.error, undefined);
  });

  it("--limit 250 reads pages of 100, 100, 50 into one json document", async () => {
    const stub = apiStub()
      .expect({ method: "GET", path: "/v2/api-keys?limit=100" }, {
        status: 200,
        json: { api_keys: keys(0, 100), pagination: { has_more: true, next_cursor: "p2" } },
      })
      .expect({ method: "GET", path: "/v2/api-keys?limit=100&cursor=p2" }, {
        status: 200,
        json: { api_keys: keys(100, 100), pagination: { has_more: true, next_cursor: "p3" } },
      })
      .expect({ method: "GET", path: "/v2/api-keys?limit=50&cursor=p3" }, {
        status: 200,
        json: { api_keys: keys(200, 50), pagination: { has_more: true, next_cursor: "p4" } },
      });
    const run = await runCommand(["api-keys", "list", "--limit", "250", "-o", "json"], { stub });
    stub.verify();
    const document = JSON.parse(run.stdout);
    assert.equal(document.api_keys.length, 250);
    assert.equal(document.api_keys[249].id, "key249");
    assert.deepEqual(document.pagination, { has_more: true, next_cursor: "p4" });
    // json carries the cursor itself; stderr stays empty off a terminal.
    assert.equal(run.stderr, "");
  });

  it("--all follows the cursors to the end and shows progress on a terminal stderr", async () => {
    const stub = apiStub()
      .expect({ method: "GET", path: "/v2/api-keys?limit=100" }, {
        status: 200,
        json: { api_keys: keys(0, 100), pagination: { has_more: true, next_cursor: "p2" } },
      })
      .expect({ method: "GET", path: "/v2/api-keys?limit=100&cursor=p2" }, {
        status: 200,
        json: { api_keys: keys(100, 100), pagination: { has_more: true, next_cursor: "p3" } },
      })
      .expect({ method: "GET", path: "/v2/api-keys?limit=100&cursor=p3" }, {
        status: 200,
        json: { api_keys: keys(200, 7), pagination: { has_more: false } },
      });
    const run = await runCommand(["api-keys", "list", "--all", "-o", "ndjson"], {
      stub,
      stdoutTTY: false,
      stderrTTY: true,
    });
    stub.verify();
    assert.equal(run.stdout.split("\n").filter(Boolean).length, 207);
    assert.equal(
      run.stderr,
      dim("⠋ Fetched 100 API keys…") + dim("⠋ Fetched 200 API keys…") +
        dim("⠋ Fetched 207 API keys…") +
        ERASE,
    );
  });

  it("shows no progress when stderr is not a terminal", async () => {
    const stub = apiStub()
      .expect({ method: "GET", path: "/v2/api-keys?limit=100" }, {
        status: 200,
        json: { api_keys: keys(0, 100), pagination: { has_more: true, next_cursor: "p2" } },
      })
      .expect({ method: "GET", path: "/v2/api-keys?limit=1&cursor=p2" }, {
        status: 200,
        json: { api_keys: keys(100, 1), pagination: { has_more: false } },
      });
    const run = await runCommand(["api-keys", "list", "-l", "101", "-o", "csv"], { stub });
    stub.verify();
    assert.equal(run.stdout.split("\n").filter(Boolean).length, 102); // header + 101
    assert.equal(run.stderr, "");
  });

  it("prints the table (tab-separated off a terminal), then the cursor hint on stderr", async () => {
    const stub = apiStub().expect({ method: "GET", path: "/v2/api-keys?limit=15" }, {
      status: 200,
      json: {
        api_keys: [apiKey(1, { description: undefined })],
        pagination: { has_more: true, next_cursor: "NEXT==" },
      },
    });
    const run = await runCommand(["api-keys", "list"], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
    const lines = run.stdout.trimEnd().split("\n");
    assert.equal(lines[0], "name\tid\tkey_type\tstatus\texpires_at\tlast_used_at");
    assert.match(lines[1], /^Key 1\tkey1\tuser\tactive\t/);
    assert.equal(
      run.stderr,
      "More items available. To fetch the next page, add:\n  --cursor NEXT==\n",
    );
  });

  it("says No items to display for an empty table, on stderr (stdout is data only)", async () => {
    const stub = apiStub().expect({ method: "GET", path: "/v2/api-keys?limit=15" }, {
      status: 200,
      json: { api_keys: [], pagination: { has_more: false } },
    });
    const run = await runCommand(["api-keys", "list"], { stub });
    stub.verify();
    assert.equal(run.stdout, "");
    assert.equal(run.stderr, "No items to display\n");
  });

  it("uses the profile's output format when -o is absent, and -o over it", async () => {
    const { mkdirSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const cwd = mkdtempSync(join(tmpdir(), "ax-run-"));
    mkdirSync(join(cwd, ".arize-config", "profiles"), { recursive: true });
    writeFileSync(
      join(cwd, ".arize-config", "profiles", "default.toml"),
      '[output]\nformat = "csv"\n',
    );
    const page = { api_keys: [apiKey(1)], pagination: { has_more: false } };
    const stub = apiStub()
      .expect({ method: "GET", path: "/v2/api-keys?limit=15" }, { status: 200, json: page })
      .expect({ method: "GET", path: "/v2/api-keys?limit=15" }, { status: 200, json: page });
    const fromProfile = await runCommand(["api-keys", "list"], { stub, cwd });
    const fromFlag = await runCommand(["api-keys", "list", "-o", "json"], { stub, cwd });
    stub.verify();
    assert.match(fromProfile.stdout, /^id,name,description,key_type,status,/);
    assert.equal(fromFlag.stdout, pretty(page));
  });

  it("a 401 is an ApiError with exit code 3", async () => {
    const stub = apiStub().expect({ method: "GET", path: "/v2/api-keys?limit=15" }, {
      status: 401,
      json: { title: "Unauthorized", status: 401, detail: "the API key is revoked" },
    });
    const run = await runCommand(["api-keys", "list"], { stub });
    stub.verify();
    assert.ok(run.error instanceof ApiError);
    assert.equal(run.error.exitCode, 3);
    assert.equal(run.error.message, "401 Unauthorized; the API key is revoked");
    assert.equal(run.stdout, "");
  });

  it("a 404 on the list (a proxy, not the Arize API) points at the base URL, not at an ID", async () => {
    const stub = apiStub().expect({ method: "GET", path: "/v2/api-keys?limit=15" }, {
      status: 404,
      text: "<html><body>Not Found</body></html>",
      headers: { "content-type": "text/html" },
    });
    const run = await runCommand(["api-keys", "list"], { stub });
    stub.verify();
    assert.ok(run.error instanceof ApiError);
    assert.equal(run.error.exitCode, 4);
    assert.equal(run.error.message, "404 Not Found");
    assert.deepEqual(run.error.hints, [
      "The server at https://api.arize.test does not know this endpoint: check ARIZE_BASE_URL or the profile's [routing] (`ax profiles show` shows which base URL is in use).",
    ]);
  });

  it("a 404 on the list of one space's keys keeps the ID hint", async () => {
    const stub = apiStub().expect({
      method: "GET",
      path: "/v2/api-keys?space_id=U3BhY2U6OTp4&limit=15",
    }, {
      status: 404,
      json: {
        title: "Not Found",
        status: 404,
        detail: "space_id: no space with ID 'U3BhY2U6OTp4'",
      },
    });
    const run = await runCommand(["api-keys", "list", "--space", "U3BhY2U6OTp4"], { stub });
    stub.verify();
    assert.ok(run.error instanceof ApiError);
    assert.deepEqual(run.error.hints, ["Verify the ID exists using the list command."]);
  });

  const refused: [string, string[], RegExp][] = [
    ["an unknown format", ["-o", "yaml"], /Unknown output format 'yaml'/],
    ["an unknown extension", ["-o", "keys.txt"], /No output format for '.txt' files/],
    ["table into a file", ["-o", "keys.table"], /No output format/],
    ["parquet to a terminal", ["-o", "parquet"], /binary and cannot be written to a terminal/],
    ["a bad limit", ["--limit", "0"], /^--limit must be a positive whole number/],
  ];
  for (const [name, argv, message] of refused) {
    it(`refuses ${name} before any request (exit 2)`, async () => {
      const stub = apiStub();
      const run = await runCommand(["api-keys", "list", ...argv], { stub, tty: true });
      stub.verify();
      assert.equal((run.error as ApiError).exitCode, 2);
      assert.match((run.error as Error).message, message);
      assert.equal(run.stdout, "");
    });
  }

  it("refuses to run without credentials (exit 1), before any request", async () => {
    const stub = apiStub();
    const run = await runCommand(["api-keys", "list"], { stub, env: { ARIZE_API_KEY: undefined } });
    stub.verify();
    assert.equal((run.error as ApiError).exitCode, 1);
    assert.equal((run.error as Error).message, "No API key found.");
  });
});
