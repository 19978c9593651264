/**
 * Key hygiene commands in-process against a fake fetch (issue 14): list's
 * local filters with --limit, ax's own cursor, --sort and -q; bulk revoke;
 * get; audit and its exit code.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { apiStub, runCommand } from "../../_helpers/run_command.ts";
import { apiKey, pretty } from "./_fixtures.ts";
import type { ApiKey } from "../../../api/types.ts";
import type { AxError } from "../../../runtime/errors.ts";
import type { FetchStub } from "../../_helpers/fetch_stub.ts";

// The fake context's clock reads 2026-06-01T12:00:00Z.
const DAY = 86_400_000;
const NOW = Date.parse("2026-06-01T12:00:00Z");
const ago = (days: number) => new Date(NOW - days * DAY).toISOString().replace(".000", "");
const ahead = (days: number) => new Date(NOW + days * DAY).toISOString().replace(".000", "");

function page(stub: FetchStub, query: string, keys: ApiKey[], next?: string): FetchStub {
  return stub.expect({ method: "GET", path: `/v2/api-keys?${query}` }, {
    status: 200,
    json: {
      api_keys: keys,
      pagination: next === undefined ? { has_more: false } : { has_more: true, next_cursor: next },
    },
  });
}

const csvIds = (csv: string) => csv.trim().split("\n").slice(1).map((line) => line.split(",")[0]);

describe("ax api-keys list with local filters", () => {
  const named = (n: number, name: string) => apiKey(n, { name });
  const page1 = [
    named(1, "deploy"),
    named(2, "CI-one"),
    named(3, "other"),
    named(4, "ci-two"),
    named(5, "x"),
  ];
  const page2 = [named(6, "y"), named(7, "ci-three"), named(8, "z")];

  it("--limit counts matches; the cursor resumes inside the server page, nothing skipped or repeated", async () => {
    const first = page(page(apiStub(), "limit=100", page1, "c2"), "limit=100&cursor=c2", page2);
    const run1 = await runCommand(["api-keys", "list", "--name", "ci-*", "-l", "1", "-o", "csv"], {
      stub: first,
    });
    first.verify();
    assert.equal(run1.error, undefined);
    assert.deepEqual(csvIds(run1.stdout), ["key2"]);
    const cursor = /--cursor (\S+)/.exec(run1.stderr)?.[1];
    assert.match(cursor ?? "", /^ax1\./, run1.stderr);

    const second = page(page(apiStub(), "limit=100", page1, "c2"), "limit=100&cursor=c2", page2);
    const run2 = await runCommand([
      "api-keys",
      "list",
      "--name",
      "ci-*",
      "-c",
      cursor!,
      "-o",
      "csv",
    ], {
      stub: second,
    });
    second.verify();
    assert.deepEqual(csvIds(run2.stdout), ["key4", "key7"]);
    assert.equal(run2.stderr, "", "no more matches: no hint");
  });

  it("json carries ax's cursor in its pagination", async () => {
    const stub = page(page(apiStub(), "limit=100", page1, "c2"), "limit=100&cursor=c2", page2);
    const run = await runCommand(["api-keys", "list", "--name", "CI-*", "-l", "2", "-o", "json"], {
      stub,
    });
    const doc = JSON.parse(run.stdout);
    assert.deepEqual(doc.api_keys.map((k: ApiKey) => k.id), ["key2", "key4"]);
    assert.equal(doc.pagination.has_more, true);
    assert.match(doc.pagination.next_cursor, /^ax1\./);
    assert.equal(run.stderr, "");
  });

  it("the time filters read the context's clock", async () => {
    const keys = [
      apiKey(1, { expires_at: ahead(3), last_used_at: ago(1) }),
      apiKey(2, { expires_at: undefined, last_used_at: ago(200) }),
      apiKey(3, { expires_at: ahead(30), last_used_at: undefined, created_at: ago(100) }),
      apiKey(4, { expires_at: ago(2), last_used_at: ago(1) }),
    ];
    const cases: [string[], string[]][] = [
      [["--expires-within", "7d"], ["key1", "key4"]],
      [["--never-expires"], ["key2"]],
      [["--unused-for", "90d"], ["key2", "key3"]],
      [["--unused-for", "90d", "--expires-within", "60d"], ["key3"]],
    ];
    for (const [argv, ids] of cases) {
      const stub = page(apiStub(), "limit=100", keys);
      const run = await runCommand(["api-keys", "list", ...argv, "--all", "-o", "csv"], { stub });
      stub.verify();
      assert.deepEqual(csvIds(run.stdout), ids, argv.join(" "));
    }
  });

  it("--sort reads every page, sorts (absent last) and shows the first --limit", async () => {
    const stub = page(
      page(apiStub(), "limit=100", [
        apiKey(1, { expires_at: ahead(9) }),
        apiKey(2, { expires_at: undefined }),
      ], "c2"),
      "limit=100&cursor=c2",
      [apiKey(3, { expires_at: ahead(1) }), apiKey(4, { expires_at: ahead(5) })],
    );
    const run = await runCommand([
      "api-keys",
      "list",
      "--sort",
      "expires_at",
      "-l",
      "3",
      "-o",
      "csv",
    ], {
      stub,
    });
    stub.verify();
    assert.deepEqual(csvIds(run.stdout), ["key3", "key4", "key1"]);
    assert.equal(
      run.stderr,
      "ℹ Showing the first 3 of 4 keys in this order; use --limit N or --all for more.\n",
    );
  });

  it("-q prints IDs only, one per line", async () => {
    const stub = page(apiStub(), "limit=15", [apiKey(1), apiKey(2)]);
    const run = await runCommand(["api-keys", "list", "-q"], { stub });
    stub.verify();
    assert.equal(run.stdout, "key1\nkey2\n");
  });
});

describe("ax api-keys revoke with many keys", () => {
  /** The lookup of key1 and key3: both are on the first listing, so it stops there. */
  const lookups = () => page(apiStub(), "status=active&limit=100", [apiKey(1), apiKey(3)]);

  it("attempts every key, counts outcomes, and fails (exit 4) when one failed", async () => {
    // key2 is already revoked: no request. "gone" is found nowhere, so the
    // lookup reads every listing (user keys in both statuses, then the spaces).
    const reordered = apiStub();
    page(
      page(reordered, "status=active&limit=100", [apiKey(1), apiKey(3)]),
      "status=revoked&limit=100",
      [
        apiKey(2, { status: "revoked" }),
      ],
    );
    reordered.expect({ method: "GET", path: "/v2/spaces?limit=100" }, {
      status: 200,
      json: { spaces: [], pagination: { has_more: false } },
    })
      .expect({ method: "PUT", path: "/v2/api-keys/key1/revoke" }, { status: 204 })
      .expect({ method: "PUT", path: "/v2/api-keys/gone/revoke" }, {
        status: 404,
        json: { title: "Not Found", status: 404, detail: "API key 'gone' not found" },
      })
      .expect({ method: "PUT", path: "/v2/api-keys/key3/revoke" }, { status: 204 });
    const run = await runCommand(["api-keys", "revoke", "key1", "gone", "key2", "key3", "-f"], {
      stub: reordered,
    });
    reordered.verify();
    assert.equal((run.error as AxError).exitCode, 4);
    assert.match(
      (run.error as Error).message,
      /^Not every key was revoked: 2 revoked, 1 already revoked, 1 failed\.$/,
    );
    assert.equal(
      run.stderr,
      [
        "✓ Revoked key1 (Key 1)",
        "✗ gone (name unknown): 404 Not Found; API key 'gone' not found",
        "ℹ key2 (Key 2): already revoked",
        "✓ Revoked key3 (Key 3)",
        "",
      ].join("\n"),
    );
  });

  it("one confirmation on a terminal lists every key; No sends nothing", async () => {
    const stub = lookups();
    const run = await runCommand(["api-keys", "revoke", "key1", "key3"], {
      stub,
      tty: true,
      answers: [""],
      env: { NO_COLOR: "1" },
    });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.deepEqual(run.questions, ["Are you sure? [y/N]: "]);
    assert.equal(
      run.stderr,
      "⚠ Warning: This will permanently revoke 2 API keys:\n  key1 (Key 1)\n  key3 (Key 3)\n" +
        "ℹ No API keys revoked\n",
    );
  });

  it("--dry-run names the keys and sends no revoke", async () => {
    const stub = lookups();
    const run = await runCommand(["api-keys", "revoke", "key3", "key1", "--dry-run"], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.equal(
      run.stderr,
      "ℹ Dry run: would revoke 2 API keys:\n  key3 (Key 3)\n  key1 (Key 1)\nℹ Nothing was revoked.\n",
    );
  });

  /** A lookup that reads every listing: key1 and key3 active, key2 revoked, no spaces. */
  const fullLookup = () =>
    page(
      page(apiStub(), "status=active&limit=100", [apiKey(1), apiKey(3)]),
      "status=revoked&limit=100",
      [apiKey(2, { status: "revoked" })],
    ).expect({ method: "GET", path: "/v2/spaces?limit=100" }, {
      status: 200,
      json: { spaces: [], pagination: { has_more: false } },
    });

  it("--dry-run names the IDs no listing holds and exits 4, as the real revoke would", async () => {
    const one = fullLookup();
    const single = await runCommand(["api-keys", "revoke", "key1", "nope1", "--dry-run"], {
      stub: one,
    });
    one.verify();
    assert.equal(single.code, 4);
    assert.equal(
      (single.error as AxError).message,
      "Dry run: 1 of 2 key IDs was not found. Nothing was revoked.",
    );

    const stub = fullLookup();
    const run = await runCommand(["api-keys", "revoke", "nope1", "key1", "nope2", "--dry-run"], {
      stub,
    });
    stub.verify();
    assert.equal(run.code, 4);
    assert.equal(
      run.stderr,
      "ℹ Dry run: would revoke 1 API key:\n  key1 (Key 1)\n" +
        "⚠ Not found among the keys you can list, so a real revoke would fail for them:\n" +
        "  nope1\n  nope2\n",
    );
    assert.equal(
      (run.error as AxError).message,
      "Dry run: 2 of 3 key IDs were not found. Nothing was revoked.",
    );
    assert.match((run.error as AxError).hints.join("\n"), /account admin/);
  });

  it("--dry-run with no ID found lists them as not found, and nothing as to revoke", async () => {
    const stub = fullLookup();
    const run = await runCommand(["api-keys", "revoke", "nope1", "nope2", "--dry-run"], { stub });
    stub.verify();
    assert.equal(run.code, 4);
    assert.equal(
      run.stderr,
      "⚠ Not found among the keys you can list, so a real revoke would fail for them:\n" +
        "  nope1\n  nope2\n",
    );
    assert.match(
      run.report,
      /^✗ Error: Dry run: 2 of 2 key IDs were not found\. Nothing was revoked\.\n/,
    );
  });

  it("--dry-run claims nothing is missing when the lookup could not finish", async () => {
    const stub = page(
      page(apiStub(), "status=active&limit=100", [apiKey(1)]),
      "status=revoked&limit=100",
      [],
    ).expect({ method: "GET", path: "/v2/spaces?limit=100" }, {
      status: 403,
      json: { title: "Forbidden", status: 403 },
    });
    const run = await runCommand(["api-keys", "revoke", "key1", "nope1", "--dry-run"], { stub });
    stub.verify();
    assert.equal(run.code, 0);
    assert.match(run.stderr, /Could not look the keys up/);
    assert.match(
      run.stderr,
      /ℹ Dry run: would revoke 2 API keys:\n {2}key1 \(name unknown\)\n {2}nope1 \(name unknown\)\nℹ Nothing was revoked\.\n$/,
    );
  });
});

describe("ax api-keys get", () => {
  it("by ID: reading stops at the key; json without a secret", async () => {
    const stub = page(apiStub(), "status=active&limit=100", [apiKey(1), apiKey(2)], "more");
    const run = await runCommand(["api-keys", "get", "key2", "-o", "json"], { stub });
    // The page after was perhaps requested ahead; nothing else.
    assert.equal(run.error, undefined);
    assert.equal(run.stdout, pretty(apiKey(2)));
  });

  it("a name shared by one active key and revoked ones means the active key", async () => {
    const stub = page(
      page(apiStub(), "status=active&limit=100", [apiKey(1), apiKey(2, { name: "dup" })]),
      "status=revoked&limit=100",
      [apiKey(3, { name: "dup", status: "revoked" })],
    ).expect({ method: "GET", path: "/v2/spaces?limit=100" }, {
      status: 200,
      json: { spaces: [], pagination: { has_more: false } },
    });
    const run = await runCommand(["api-keys", "get", "dup", "-o", "json"], { stub });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.equal(run.stdout, pretty(apiKey(2, { name: "dup" })));
  });

  it("a name shared by several active keys is refused with every match's ID", async () => {
    const stub = page(
      page(apiStub(), "status=active&limit=100", [
        apiKey(1, { name: "dup" }),
        apiKey(2, { name: "dup" }),
      ]),
      "status=revoked&limit=100",
      [apiKey(3, { name: "dup", status: "revoked" })],
    ).expect({ method: "GET", path: "/v2/spaces?limit=100" }, {
      status: 200,
      json: { spaces: [], pagination: { has_more: false } },
    });
    const run = await runCommand(["api-keys", "get", "dup"], { stub });
    stub.verify();
    assert.equal((run.error as AxError).exitCode, 1);
    assert.equal(
      (run.error as Error).message,
      "3 API keys are named 'dup'. Use an ID to choose one. Matching IDs: key1, key2, key3",
    );
    assert.equal(run.stdout, "");
  });
});

describe("ax api-keys audit", () => {
  it("one row per finding, a summary on stderr, exit 6", async () => {
    const stub = page(apiStub(), "status=active&limit=100", [
      apiKey(1, { expires_at: ago(3), last_used_at: ago(1) }),
      apiKey(2, { expires_at: ahead(3), last_used_at: ago(1) }),
      apiKey(3, { expires_at: undefined, last_used_at: ago(100) }),
      apiKey(4, { expires_at: ahead(300), last_used_at: undefined, created_at: ago(95) }),
      apiKey(5, { expires_at: ahead(300), last_used_at: ago(1) }),
    ]);
    const run = await runCommand(["api-keys", "audit", "-o", "csv"], { stub });
    stub.verify();
    assert.equal((run.error as AxError).exitCode, 6);
    assert.equal(
      run.stdout,
      [
        "id,name,key_type,finding,detail",
        "key1,Key 1,user,expired,expired 3 days ago",
        "key2,Key 2,user,expires-soon,expires in 3 days",
        "key3,Key 3,user,never-expires,no expiry date",
        "key3,Key 3,user,unused,last used 100 days ago",
        "key4,Key 4,user,never-used,never used; created 95 days ago",
        "",
      ].join("\n"),
    );
    assert.equal(
      run.stderr,
      "⚠ 5 findings in 4 of 5 API keys: 1 expired, 1 expires-soon, 1 never-expires, 1 unused, " +
        "1 never-used\n",
    );
  });

  it("nothing to report: exit 0; --all-spaces reads every space's service keys", async () => {
    const stub = page(apiStub(), "status=active&limit=100", [apiKey(5, { last_used_at: ago(1) })])
      .expect({ method: "GET", path: "/v2/spaces?limit=100" }, {
        status: 200,
        json: { spaces: [{ id: "U3A6MTp4", name: "prod" }], pagination: { has_more: false } },
      });
    page(stub, "key_type=service&space_id=U3A6MTp4&status=active&limit=100", [
      apiKey(6, { key_type: "service", expires_at: undefined, last_used_at: ago(1) }),
    ]);
    const run = await runCommand([
      "api-keys",
      "audit",
      "--all-spaces",
      "--ignore",
      "never-expires",
      "-q",
    ], {
      stub,
    });
    stub.verify();
    assert.equal(run.error, undefined);
    assert.equal(run.stdout, "");
    assert.equal(run.stderr, "✓ No findings in 2 API keys\n");
  });
});
