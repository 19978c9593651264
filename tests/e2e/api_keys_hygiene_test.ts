/**
 * End to end, issue 14 (and issue 13's dates and prompt): real ax processes
 * against a real emulator. The emulator's clock is moved into the past to
 * make keys that were created or last used long ago, then set back to the
 * present, the time ax reads; all thresholds are days wide, so the seconds a
 * test takes never matter.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { useEmulator } from "../_helpers/emulator_fixture.ts";

const DAY = 86_400_000;

const fx = useEmulator("hygiene", { faults: true, seedKeys: 230 });
/** Name → ID of the keys made in `before`. */
const ids: Record<string, string> = {};

/** Creates a user key through ax; returns its record with the secret. */
async function create(name: string, extra: string[] = []): Promise<Record<string, string>> {
  const result = await fx.axExpecting(0, [
    "api-keys",
    "create",
    "-n",
    name,
    "-o",
    "json",
    ...extra,
  ]);
  const record = JSON.parse(result.stdout);
  ids[name] = record.id;
  return record;
}

/** Authenticates once with `secret`, which records the key's last use at the emulator's now. */
async function use(secret: string): Promise<void> {
  await fx.axExpecting(0, ["api-keys", "list", "-l", "1", "-q"], {
    env: { ARIZE_API_KEY: secret },
  });
}

const lines = (text: string) => text.split("\n").filter((line) => line !== "");

describe("key hygiene against the emulator", () => {
  before(async () => {
    const now = Date.now();
    // 200 days ago: one key used then and never since, one never used at all.
    await fx.emu.setClock(new Date(now - 200 * DAY).toISOString());
    await use((await create("old-used")).key);
    await create("old-never-used");
    await fx.emu.setClock(new Date(now).toISOString());
    for (
      const [name, extra] of [
        ["CI-soon", ["--expires-in", "3d"]],
        ["ci-later", ["--expires-in", "60d"]],
        ["forever", []],
      ] as [string, string[]][]
    ) {
      await use((await create(name, extra)).key);
    }
    // An active key past its expiry cannot be created through the API; the
    // admin route adds one.
    const added = await fx.emu.admin("POST", "keys", {
      name: "expired",
      expires_at: new Date(now - 2 * DAY).toISOString().replace(/\.\d+Z$/, "Z"),
    }) as { api_keys: { id: string }[] };
    ids.expired = added.api_keys[0].id;
  });

  /** IDs of `list` with `args`, among the keys made here. */
  async function listed(args: string[]): Promise<string[]> {
    const result = await fx.axExpecting(0, ["api-keys", "list", "--all", "-q", ...args]);
    const mine = new Set(Object.values(ids));
    return lines(result.stdout).filter((id) => mine.has(id));
  }
  const named = (...names: string[]) => names.map((name) => ids[name]);

  describe("list filters", () => {
    it("--expires-within: expiring before now + D, expired ones included", async () => {
      assert.deepEqual(
        new Set(await listed(["--expires-within", "7d"])),
        new Set(named("CI-soon", "expired")),
      );
      assert.deepEqual(
        new Set(await listed(["--expires-within", "9w"])),
        new Set(named("CI-soon", "ci-later", "expired")),
      );
    });
    it("--never-expires", async () => {
      assert.deepEqual(
        new Set(await listed(["--never-expires"])),
        new Set(named("old-used", "old-never-used", "forever")),
      );
    });
    it("--unused-for: last used before, or never used and created before", async () => {
      assert.deepEqual(
        new Set(await listed(["--unused-for", "90d"])),
        new Set(named("old-used", "old-never-used")),
      );
      assert.deepEqual(await listed(["--unused-for", "300d"]), []);
    });
    it("--name: a case-insensitive glob; filters combine", async () => {
      assert.deepEqual(
        new Set(await listed(["--name", "ci-*"])),
        new Set(named("CI-soon", "ci-later")),
      );
      assert.deepEqual(
        await listed(["--name", "ci-*", "--expires-within", "7d"]),
        named("CI-soon"),
      );
      assert.deepEqual(
        await listed(["--name", "*OLD*", "--never-expires", "--unused-for", "90d"]).then((l) =>
          new Set(l)
        ),
        new Set(named("old-used", "old-never-used")),
      );
    });
    it("every format honours the filter (csv, ndjson, json, table)", async () => {
      const csv = await fx.axExpecting(0, ["api-keys", "list", "--name", "ci-*", "-o", "csv"]);
      assert.deepEqual(lines(csv.stdout).slice(1).map((l) => l.split(",")[1]).sort(), [
        "CI-soon",
        "ci-later",
      ]);
      const ndjson = await fx.axExpecting(0, [
        "api-keys",
        "list",
        "--name",
        "ci-*",
        "-o",
        "ndjson",
      ]);
      assert.deepEqual(lines(ndjson.stdout).map((l) => JSON.parse(l).name).sort(), [
        "CI-soon",
        "ci-later",
      ]);
      const json = JSON.parse(
        (await fx.axExpecting(0, ["api-keys", "list", "--name", "ci-*", "-o", "json"])).stdout,
      );
      assert.equal(json.api_keys.length, 2);
      assert.deepEqual(json.pagination, { has_more: false });
      const table = await fx.axExpecting(0, ["api-keys", "list", "--name", "forever"]);
      assert.match(table.stdout, /forever/);
      assert.doesNotMatch(table.stdout, /CI-soon|seed key/);
    });
    it("--limit counts matches; continuing with the printed cursor skips and repeats nothing", async () => {
      // 230 seeded keys span three server pages; 7 matches a run ends inside pages.
      const all = lines(
        (await fx.axExpecting(0, ["api-keys", "list", "--all", "-q", "--name", "*7*"])).stdout,
      );
      assert.ok(all.length > 30, `enough matches to page through: ${all.length}`);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let round = 0; round < 20; round++) {
        const result = await fx.axExpecting(0, [
          "api-keys",
          "list",
          "--name",
          "*7*",
          "-l",
          "7",
          "-q",
          ...(cursor ? ["--cursor", cursor] : []),
        ]);
        const got = lines(result.stdout);
        seen.push(...got);
        cursor = /--cursor (ax1\.\S+)/.exec(result.stderr)?.[1];
        if (!cursor) break;
        assert.equal(got.length, 7, "a full count of matches before the hint");
      }
      assert.deepEqual(seen, all);
    });
    it("--sort expires_at: soonest first, keys without an expiry last", async () => {
      const result = await fx.axExpecting(0, [
        "api-keys",
        "list",
        "--all",
        "--sort",
        "expires_at",
        "--name",
        "*e*",
        "-o",
        "ndjson",
      ]);
      const rows = lines(result.stdout).map((l) => JSON.parse(l));
      const expiring = rows.filter((r) => r.expires_at !== undefined);
      assert.deepEqual(rows.slice(0, expiring.length), expiring, "absent values last");
      const times = expiring.map((r) => Date.parse(r.expires_at));
      assert.deepEqual(times, [...times].sort((a, b) => a - b));
      assert.equal(rows[0].name, "expired");
      const desc = await fx.axExpecting(0, [
        "api-keys",
        "list",
        "--sort",
        "name:desc",
        "--name",
        "ci-*",
        "-q",
      ]);
      assert.deepEqual(lines(desc.stdout), named("CI-soon", "ci-later"));
    });
    it("-q prints only IDs; -q with -o is refused", async () => {
      const result = await fx.axExpecting(0, ["api-keys", "list", "--name", "forever", "-q"]);
      assert.equal(result.stdout, `${ids.forever}\n`);
      await fx.axExpecting(2, ["api-keys", "list", "-q", "-o", "json"]);
    });
  });

  describe("get", () => {
    it("by ID and by name, without a secret", async () => {
      const byId = JSON.parse(
        (await fx.axExpecting(0, ["api-keys", "get", ids.forever, "-o", "json"])).stdout,
      );
      assert.equal(byId.name, "forever");
      assert.equal(byId.key, undefined);
      const byName = JSON.parse(
        (await fx.axExpecting(0, ["api-keys", "get", "old-used", "-o", "json"])).stdout,
      );
      assert.equal(byName.id, ids["old-used"]);
    });
    it("after a refresh, the name means the new key, not the revoked old one", async () => {
      const old = await create("rotating");
      const refreshed = JSON.parse(
        (await fx.axExpecting(0, ["api-keys", "refresh", old.id, "-o", "json"])).stdout,
      );
      assert.notEqual(refreshed.id, old.id);
      const byName = JSON.parse(
        (await fx.axExpecting(0, ["api-keys", "get", "rotating", "-o", "json"])).stdout,
      );
      assert.equal(byName.id, refreshed.id);
      assert.equal(byName.status, "active");
      await fx.axExpecting(0, ["api-keys", "revoke", refreshed.id, "-f"]);
    });
    it("a name several keys share is refused with their IDs (exit 1)", async () => {
      const a = await create("twin");
      const b = await create("twin");
      const result = await fx.axExpecting(1, ["api-keys", "get", "twin"]);
      assert.match(
        result.stderr,
        new RegExp(`2 API keys are named 'twin'.*Matching IDs: .*${b.id}`),
      );
      assert.ok(result.stderr.includes(a.id));
      await fx.axExpecting(0, ["api-keys", "revoke", a.id, b.id, "-f"]);
    });
  });

  describe("audit", () => {
    const expected: Record<string, string[]> = {
      expired: ["expired"],
      "expires-soon": ["CI-soon"],
      "never-expires": ["old-used", "old-never-used", "forever"],
      unused: ["old-used"],
      "never-used": ["old-never-used"],
    };
    for (const [kind, names] of Object.entries(expected)) {
      it(`${kind}: reported, exit 6`, async () => {
        const others = Object.keys(expected).filter((k) => k !== kind).flatMap((
          k,
        ) => ["--ignore", k]);
        const result = await fx.axExpecting(6, ["api-keys", "audit", "-o", "json", ...others]);
        const rows = JSON.parse(result.stdout).findings as Record<string, string>[];
        assert.ok(rows.every((row) => row.finding === kind));
        const mine = rows.filter((row) => Object.values(ids).includes(row.id));
        assert.deepEqual(new Set(mine.map((row) => row.name)), new Set(names));
        assert.deepEqual(Object.keys(rows[0]), ["id", "name", "key_type", "finding", "detail"]);
        assert.match(
          result.stderr,
          new RegExp(
            `^⚠ ${rows.length} findings? in \\d+ of \\d+ API keys: ${rows.length} ${kind}\\n$`,
          ),
        );
      });
    }
    it("details say when", async () => {
      const result = await fx.axExpecting(6, ["api-keys", "audit", "-o", "csv"]);
      assert.match(
        result.stdout,
        new RegExp(`${ids["CI-soon"]},CI-soon,user,expires-soon,expires in (2|3) days`),
      );
      assert.match(result.stdout, /old-used,user,unused,last used 200 days ago/);
      assert.match(
        result.stdout,
        /old-never-used,user,never-used,never used; created 200 days ago/,
      );
    });
    it("service keys only with --space or --all-spaces", async () => {
      const made = await fx.axExpecting(0, [
        "api-keys",
        "create-service-key",
        "-n",
        "svc-soon",
        "-s",
        "default",
        "--expires-in",
        "5d",
        "-o",
        "json",
      ]);
      const id = JSON.parse(made.stdout).id;
      const found = async (args: string[]) => {
        const result = await fx.axExpecting(6, ["api-keys", "audit", "-o", "ndjson", ...args]);
        return lines(result.stdout).map((l) => JSON.parse(l)).filter((row) => row.id === id);
      };
      assert.deepEqual(await found([]), []);
      for (const scope of [["--space", "default"], ["--all-spaces"]]) {
        const rows = await found(scope);
        assert.deepEqual(rows.map((r) => [r.key_type, r.finding]), [["service", "expires-soon"]]);
      }
      await fx.axExpecting(0, ["api-keys", "revoke", id, "-f"]);
    });
    it("nothing to report: exit 0 and a summary", async () => {
      const result = await fx.axExpecting(0, [
        "api-keys",
        "audit",
        "--ignore",
        "never-expires",
        "-o",
        "csv",
      ], { env: { ARIZE_API_KEY: fx.emu.userKey } });
      assert.equal(result.stdout, "id,name,key_type,finding,detail\n");
      assert.match(result.stderr, /^✓ No findings in 1 API key\n$/);
    });
  });

  describe("revoke many", () => {
    it("IDs from stdin: every key attempted, a failure in the middle, a summary, exit 4", async () => {
      for (const name of ["bulk-1", "bulk-2", "bulk-3", "bulk-gone"]) await create(name);
      await fx.axExpecting(0, ["api-keys", "revoke", ids["bulk-gone"], "-f"]);
      const missing = "QXBpS2V5Ojk5OTk5Onh4eA==";
      const stdin = [
        "# quarterly cleanup",
        ids["bulk-1"],
        "",
        missing,
        `  ${ids["bulk-2"]}  `,
        ids["bulk-gone"],
        ids["bulk-3"],
        "",
      ].join("\n");
      const before = (await fx.emu.stats()).by_route["PUT /v2/api-keys/{id}/revoke"] ?? 0;
      const result = await fx.axExpecting(4, ["api-keys", "revoke", "-", "--force"], { stdin });
      assert.match(result.stderr, new RegExp(`✓ Revoked ${ids["bulk-1"]} \\(bulk-1\\)`));
      assert.match(result.stderr, new RegExp(`✗ ${missing} \\(name unknown\\): 404`));
      assert.match(
        result.stderr,
        new RegExp(`ℹ ${ids["bulk-gone"]} \\(bulk-gone\\): already revoked`),
      );
      assert.match(
        result.stderr,
        /Not every key was revoked: 3 revoked, 1 already revoked, 1 failed\./,
      );
      const after = (await fx.emu.stats()).by_route["PUT /v2/api-keys/{id}/revoke"] ?? 0;
      assert.equal(after - before, 4, "every key but the already-revoked one was sent");
      assert.deepEqual(await listed(["--name", "bulk-*"]), []);
    });
    it("list -q | revoke - --dry-run changes nothing; | revoke - --force revokes them all", async () => {
      for (const name of ["stale-1", "stale-2"]) await create(name);
      const list = await fx.axExpecting(0, ["api-keys", "list", "--name", "stale-*", "-q"]);
      const dry = await fx.axExpecting(0, ["api-keys", "revoke", "-", "--dry-run"], {
        stdin: list.stdout,
      });
      assert.match(
        dry.stderr,
        /Dry run: would revoke 2 API keys:\n {2}\S+ \(stale-\d\)\n {2}\S+ \(stale-\d\)\n/,
      );
      assert.equal((await listed(["--name", "stale-*"])).length, 2);
      const done = await fx.axExpecting(0, ["api-keys", "revoke", "-", "--force"], {
        stdin: list.stdout,
      });
      assert.match(done.stderr, /✓ 2 revoked, 0 already revoked, 0 failed\n$/);
      assert.deepEqual(await listed(["--name", "stale-*"]), []);
    });
  });

  describe("dates (issue 13)", () => {
    it("--expires-in and the table's date form are accepted", async () => {
      const before = Date.now();
      const inDays = await create("in-90d", ["--expires-in", "90d"]);
      const offset = Date.parse(inDays.expires_at) - before;
      assert.ok(offset > 90 * DAY - 60_000 && offset < 90 * DAY + 60_000, inDays.expires_at);
      const spaced = await create("spaced", ["--expires-at", "2099-01-02 03:04"]);
      assert.equal(spaced.expires_at, "2099-01-02T03:04:00Z");
    });
  });

  describe("bad input exits 2 before any request", () => {
    const cases: [string[], string | undefined, RegExp][] = [
      [
        ["list", "--expires-within", "0"],
        undefined,
        /--expires-within must be a positive duration/,
      ],
      [["list", "--expires-within", "-5d"], undefined, /got '-5d'/],
      [["list", "--unused-for", "3 days"], undefined, /got '3 days'/],
      [["list", "--sort", "nope"], undefined, /argument 'nope' is invalid/],
      [["list", "--sort", "name:up"], undefined, /argument 'name:up' is invalid/],
      [["audit", "--ignore", "stale"], undefined, /argument 'stale' is invalid/],
      [["revoke", "-", "--force"], "", /No key IDs on stdin/],
      [["revoke", "-", "--force"], "# only a comment\n\n", /No key IDs on stdin/],
      [["revoke", "--force"], undefined, /Give at least one key ID, or -/],
      [["revoke", "-", "--force"], "k1 k2\n", /Line 1 of stdin is not one key ID/],
      [["create", "-n", "x", "--expires-at", "2020-01-01 10:00"], undefined, /is in the past/],
      [["create", "-n", "x", "--expires-in", "0d"], undefined, /--expires-in must be a positive/],
      [["refresh", "QXBpS2V5OjE6YWJj", "--expires-in", "1x"], undefined, /--expires-in/],
    ];
    for (const [args, stdin, message] of cases) {
      it(`${args.join(" ")}${stdin === undefined ? "" : ` <<< ${JSON.stringify(stdin)}`}`, async () => {
        const before = (await fx.emu.stats()).requests;
        const result = await fx.axExpecting(2, ["api-keys", ...args], { stdin });
        assert.match(result.stderr, message);
        assert.equal((await fx.emu.stats()).requests, before, "no request was sent");
      });
    }
  });
});
