/**
 * The pure pieces of key hygiene (issue 14): durations, the local filters
 * and their glob, ax's own list cursor, sorting, and audit findings.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseDuration, spanInWords } from "../../../commands/api_keys/_duration.ts";
import { globPattern, keyFilter, parseKeyFilter } from "../../../commands/api_keys/_key_filter.ts";
import { decodeListCursor, encodeListCursor } from "../../../commands/api_keys/_match_cursor.ts";
import { sortKeys, sortSpec } from "../../../commands/api_keys/_sort.ts";
import { findingsFor } from "../../../commands/api_keys/_findings.ts";
import { idsFromText } from "../../../commands/api_keys/revoke.ts";
import { UsageError } from "../../../runtime/errors.ts";
import { apiKey } from "./_fixtures.ts";

const NOW = new Date("2026-06-01T12:00:00Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const ahead = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

describe("parseDuration", () => {
  const good: [string, number][] = [
    ["45s", 45_000],
    ["30m", 1_800_000],
    ["12h", 43_200_000],
    ["90d", 90 * DAY],
    ["2w", 14 * DAY],
    ["7D", 7 * DAY],
  ];
  for (const [value, ms] of good) {
    it(`reads ${value}`, () => assert.equal(parseDuration(value, "--x"), ms));
  }
  for (
    const value of ["0", "0d", "-5d", "3 days", "3days", "1.5d", "d", "", "90", "1y"]
  ) {
    it(`refuses '${value}' naming the option`, () => {
      assert.throws(() => parseDuration(value, "--unused-for"), (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.equal(error.exitCode, 2);
        assert.match(error.message, /^--unused-for must be a positive duration/);
        return true;
      });
    });
  }
  for (const value of ["999999w", "365001d", "99999999999999999999d"]) {
    it(`refuses '${value}' as too long, saying the bound`, () => {
      assert.throws(
        () => parseDuration(value, "--expires-in"),
        /^UsageError: --expires-in is too long: at most 1000 years \(365000d\), got '/,
      );
    });
  }
  it("accepts exactly 1000 years", () =>
    assert.equal(parseDuration("365000d", "--x"), 365000 * DAY));
  it("puts spans in words", () => {
    assert.equal(spanInWords(3 * DAY + 5), "3 days");
    assert.equal(spanInWords(30 * 3_600_000), "30 hours");
    assert.equal(spanInWords(61_000), "1 minute");
    assert.equal(spanInWords(10), "1 minute");
  });
});

describe("local filters", () => {
  it("none given is no filter", () => assert.equal(parseKeyFilter({}), undefined));
  it("refuses --expires-within with --never-expires", () => {
    assert.throws(
      () => parseKeyFilter({ expiresWithin: "1d", neverExpires: true }),
      /cannot be used together/,
    );
  });

  // Used yesterday unless said otherwise.
  const used = (n: number, overrides: Parameters<typeof apiKey>[1]) =>
    apiKey(n, { last_used_at: ago(1), ...overrides });
  const keys = {
    expired: used(1, { expires_at: ago(1) }),
    soon: used(2, { expires_at: ahead(3) }),
    later: used(3, { expires_at: ahead(30) }),
    never: used(4, { expires_at: undefined }),
    usedLongAgo: used(5, { last_used_at: ago(100), expires_at: undefined }),
    usedRecently: used(6, { last_used_at: ago(2) }),
    neverUsedOld: used(7, { last_used_at: undefined, created_at: ago(200) }),
    neverUsedNew: used(8, { last_used_at: undefined, created_at: ago(5) }),
  };
  const select = (values: Parameters<typeof parseKeyFilter>[0]) => {
    const match = keyFilter(parseKeyFilter(values)!, NOW);
    return Object.entries(keys).filter(([, key]) => match(key)).map(([name]) => name);
  };

  it("--expires-within: expiry before now + D, expired ones included", () => {
    assert.deepEqual(select({ expiresWithin: "7d" }), ["expired", "soon"]);
  });
  it("--never-expires: no expiry", () => {
    assert.deepEqual(select({ neverExpires: true }), ["never", "usedLongAgo"]);
  });
  it("--unused-for: last used before now − D, or never used and created before then", () => {
    assert.deepEqual(select({ unusedFor: "90d" }), ["usedLongAgo", "neverUsedOld"]);
  });
  it("filters combine (all must hold)", () => {
    assert.deepEqual(select({ unusedFor: "90d", neverExpires: true }), ["usedLongAgo"]);
  });
  it("--name is a case-insensitive whole-name glob", () => {
    const matches = (glob: string, name: string) => globPattern(glob).test(name);
    assert.ok(matches("ci-*", "CI-deploy"));
    assert.ok(!matches("ci-*", "old ci-deploy"));
    assert.ok(matches("*staging*", "the Staging key"));
    assert.ok(matches("k?y", "kéy"));
    assert.ok(matches("k?y", "k🔑y"), "? is one character, an emoji too");
    assert.ok(matches("a.b(c)[d]+", "A.B(C)[D]+"), "regex characters are literal");
    assert.ok(!matches("a.b", "axb"));
    assert.ok(matches("*", "multi\nline"));
  });
});

describe("ax's list cursor", () => {
  it("round-trips a server cursor and an offset, leaving the server cursor untouched", () => {
    for (
      const position of [
        { serverCursor: undefined, skip: 0 },
        { serverCursor: "opaque/+=cursor é", skip: 37 },
        { serverCursor: "opaque", skip: 3, key: "QXBpS2V5OjEwOmFiY2Q=" },
      ]
    ) {
      const cursor = encodeListCursor(position);
      assert.match(cursor, /^ax1\.[A-Za-z0-9_-]+$/, "one shell word, no quoting needed");
      assert.deepEqual(decodeListCursor(cursor), position);
    }
  });
  it("a server cursor starts at its page", () => {
    assert.deepEqual(decodeListCursor("abc"), { serverCursor: "abc", skip: 0 });
  });
  it("refuses a damaged ax cursor (exit 2)", () => {
    for (
      const value of [
        "ax1.",
        "ax1.!!!",
        `ax1.${btoa('{"c":1,"s":-1}')}`,
        `ax1.${btoa('{"c":null,"s":1,"k":7}')}`,
      ]
    ) {
      assert.throws(() => decodeListCursor(value), /is not a cursor ax printed/);
    }
  });
});

describe("sortKeys", () => {
  const keys = [
    apiKey(1, { name: "beta", expires_at: ahead(5), last_used_at: undefined }),
    apiKey(2, { name: "Alpha", expires_at: undefined, last_used_at: ago(1) }),
    apiKey(3, { name: "gamma", expires_at: ahead(1), last_used_at: ago(9) }),
    apiKey(4, { name: "alpha 2", expires_at: ahead(9), last_used_at: undefined }),
  ];
  const ids = async (spec: string) => (await sortKeys(keys, sortSpec(spec))).map((key) => key.id);
  it("by name, any case", async () =>
    assert.deepEqual(await ids("name"), ["key2", "key4", "key1", "key3"]));
  it("descending", async () =>
    assert.deepEqual(await ids("name:desc"), ["key3", "key1", "key4", "key2"]));
  it("absent values last, both ways; ties keep server order", async () => {
    assert.deepEqual(await ids("expires_at"), ["key3", "key1", "key4", "key2"]);
    assert.deepEqual(await ids("expires_at:desc"), ["key4", "key1", "key3", "key2"]);
    assert.deepEqual(await ids("last_used_at:asc"), ["key3", "key2", "key1", "key4"]);
    assert.deepEqual(await ids("last_used_at:desc"), ["key2", "key3", "key1", "key4"]);
  });
});

describe("audit findings", () => {
  const rules = {
    now: NOW,
    expiresWithinMs: 14 * DAY,
    unusedForMs: 90 * DAY,
    ignore: new Set<never>(),
  };
  const kinds = (overrides: Parameters<typeof apiKey>[1], ignore: string[] = []) =>
    findingsFor(apiKey(1, { last_used_at: ago(1), ...overrides }), {
      ...rules,
      ignore: new Set(ignore) as never,
    }).map((f) => `${f.finding}: ${f.detail}`);
  it("expired", () =>
    assert.deepEqual(kinds({ expires_at: ago(3) }), ["expired: expired 3 days ago"]));
  it("expires-soon", () => {
    assert.deepEqual(kinds({ expires_at: ahead(3) }), ["expires-soon: expires in 3 days"]);
    assert.deepEqual(kinds({ expires_at: ahead(20) }), []);
  });
  it("never-expires", () => {
    assert.deepEqual(kinds({ expires_at: undefined }), ["never-expires: no expiry date"]);
  });
  it("unused", () => {
    assert.deepEqual(kinds({ expires_at: ahead(300), last_used_at: ago(120) }), [
      "unused: last used 120 days ago",
    ]);
  });
  it("never-used (only when older than the window)", () => {
    assert.deepEqual(kinds({ last_used_at: undefined, created_at: ago(100) }), [
      "never-used: never used; created 100 days ago",
    ]);
    assert.deepEqual(kinds({ last_used_at: undefined, created_at: ago(10) }), []);
  });
  it("two findings of one key, and --ignore drops a kind", () => {
    const key = { expires_at: undefined, last_used_at: ago(100) };
    assert.deepEqual(kinds(key), [
      "never-expires: no expiry date",
      "unused: last used 100 days ago",
    ]);
    assert.deepEqual(kinds(key, ["never-expires"]), ["unused: last used 100 days ago"]);
  });
});

describe("revoke -: IDs from stdin", () => {
  it("one per line; blanks, surrounding spaces and # comments ignored", () => {
    assert.deepEqual(idsFromText("# stale keys\n\n  k1  \r\nk2\n#k3\n"), ["k1", "k2"]);
  });
  it("refuses a line that is not one ID, naming the line", () => {
    assert.throws(() => idsFromText("k1\nk2 CI key\n"), /Line 2 of stdin is not one key ID/);
    assert.throws(() => idsFromText(".."), UsageError);
  });
});
