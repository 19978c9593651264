/**
 * The api-keys lifecycle as an adversarial user meets it: real ax processes
 * (from source, and as the compiled binary under `deno task test`) in a real
 * shell against a real emulator, each case a defect that was found this way.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { type EmulatorHandle, startEmulator } from "../_helpers/emulator_process.ts";
import {
  axShellWords,
  emulatorEnv,
  hasScript,
  makeSandbox,
  runShell,
  type Sandbox,
  startAx,
  startOnTerminal,
  waitFor,
} from "../_helpers/ax_process.ts";
import { type AxResult, runAx } from "../_helpers/run_ax.ts";

let emu: EmulatorHandle;
let box: Sandbox;
const scriptAvailable = await hasScript();

function ax(args: string[], env: Record<string, string | undefined> = {}): Promise<AxResult> {
  return runAx(args, { env: emulatorEnv(emu, box, env), cwd: box.home });
}

/**
 * Runs `ax <args> <redirect>` in sh, or `{ ax <args>; } | <reader>`; returns
 * ax's own exit code and stderr (kept in files: a pipeline's status is the reader's).
 */
async function inShell(
  args: string[],
  redirect: string,
  reader?: string,
): Promise<{ code: number; stderr: string; dir: string }> {
  const dir = box.dir("sh");
  // A redirect of its own for stderr replaces the capture (stderr then reads "").
  const capture = /(^|\s)2>/.test(redirect) ? "" : `2>'${dir}/stderr'`;
  const run = `${axShellWords(args)} ${redirect} ${capture}; echo $? >'${dir}/code'`;
  await runShell(reader ? `{ ${run}; } | ${reader}` : run, {
    env: emulatorEnv(emu, box),
    cwd: dir,
    timeoutMs: 60_000,
  });
  return {
    code: Number(readFileSync(join(dir, "code"), "utf8").trim()),
    stderr: existsSync(join(dir, "stderr")) ? readFileSync(join(dir, "stderr"), "utf8") : "",
    dir,
  };
}

/** Name → status of every key with this name (active and revoked), read with ax. */
async function statusesNamed(name: string): Promise<string[]> {
  const found: string[] = [];
  for (const status of ["active", "revoked"]) {
    const result = await ax([
      "api-keys",
      "list",
      "--all",
      "--status",
      status,
      "--name",
      name,
      "-q",
    ]);
    assert.equal(result.code, 0, result.stderr);
    for (const _ of result.stdout.split("\n").filter(Boolean)) found.push(status);
  }
  return found;
}

describe("api-keys lifecycle, found by hand", () => {
  before(async () => {
    emu = await startEmulator({ faults: true });
    box = makeSandbox("lifecycle-qa");
  });
  after(async () => {
    await emu?.stop();
    box?.remove();
  });

  // A closed stdout is replaced by the null device when the runtime starts;
  // only Linux shows ax that it happened.
  describe("a closed stdout (>&-) never swallows a new key (S8)", {
    skip: process.platform !== "linux",
  }, () => {
    it("create >&-: exit 5 before any key exists, and the user told why", async () => {
      const before = (await emu.stats()).by_route["POST /v2/api-keys"] ?? 0;
      const run = await inShell(["api-keys", "create", "-n", "closed stdout", "-o", "json"], ">&-");
      assert.equal(run.code, 5, run.stderr);
      assert.match(run.stderr, /standard output is closed/);
      assert.match(run.stderr, /Nothing was created/);
      assert.equal((await emu.stats()).by_route["POST /v2/api-keys"] ?? 0, before);
      assert.deepEqual(await statusesNamed("closed stdout"), []);
    });

    it("refresh >&-: exit 5 and the old key untouched", async () => {
      const made = await emu.admin("POST", "keys", { name: "closed refresh" }) as {
        api_keys: { id: string }[];
      };
      const run = await inShell(["api-keys", "refresh", made.api_keys[0].id], ">&-");
      assert.equal(run.code, 5, run.stderr);
      assert.match(run.stderr, /standard output is closed/);
      assert.deepEqual(await statusesNamed("closed refresh"), ["active"]);
    });

    it("create --env-file .env >&-: the key goes to the file, exit 0", async () => {
      const run = await inShell(
        ["api-keys", "create", "-n", "closed env", "--env-file", ".env"],
        ">&-",
      );
      assert.equal(run.code, 0, run.stderr);
      assert.match(readFileSync(join(run.dir, ".env"), "utf8"), /^ARIZE_API_KEY=ak-\w+\n$/);
      assert.deepEqual(await statusesNamed("closed env"), ["active"]);
    });
  });

  describe("a filtered list's cursor survives what the user did in between", () => {
    /** Every `wave-*` key page by page, `--limit 4`, running `between` after each page. */
    async function pages(between: (ids: string[]) => Promise<void>): Promise<string[][]> {
      const seen: string[][] = [];
      let cursor: string | undefined;
      do {
        const result = await ax([
          "api-keys",
          "list",
          "--name",
          "wave-*",
          "--limit",
          "4",
          "-o",
          "csv",
          "--columns",
          "id,name",
          ...(cursor ? ["--cursor", cursor] : []),
        ]);
        assert.equal(result.code, 0, result.stderr);
        const rows = result.stdout.trim().split("\n").slice(1).map((row) => row.split(","));
        seen.push(rows.map(([, name]) => name));
        cursor = /--cursor (\S+)/.exec(result.stderr)?.[1];
        await between(rows.map(([id]) => id));
        assert.ok(seen.length < 10, "the cursor never ends");
      } while (cursor);
      return seen;
    }

    before(async () => {
      for (let i = 1; i <= 10; i++) {
        const made = await ax(["api-keys", "create", "-n", `wave-${i}`, "-o", "json"]);
        assert.equal(made.code, 0, made.stderr);
      }
    });

    it("list --limit 4 -q | revoke - --force, page after page: every key once, none skipped", async () => {
      const seen = await pages(async (ids) => {
        const revoked = await runAx(["api-keys", "revoke", "-", "--force"], {
          env: emulatorEnv(emu, box),
          cwd: box.home,
          stdin: ids.join("\n") + "\n",
        });
        assert.equal(revoked.code, 0, revoked.stderr);
      });
      // The limit lands in the middle of the server's page each time.
      assert.deepEqual(seen, [
        ["wave-10", "wave-9", "wave-8", "wave-7"],
        ["wave-6", "wave-5", "wave-4", "wave-3"],
        ["wave-2", "wave-1"],
      ]);
      assert.deepEqual(await statusesNamed("wave-*"), Array(10).fill("revoked"));
    });

    it("a matching key created between two pages neither repeats nor hides the others", async () => {
      for (let i = 1; i <= 6; i++) {
        assert.equal((await ax(["api-keys", "create", "-n", `wave-b${i}`, "-o", "json"])).code, 0);
      }
      let created = false;
      const seen = await pages(async () => {
        if (created) return;
        created = true;
        assert.equal((await ax(["api-keys", "create", "-n", "wave-late", "-o", "json"])).code, 0);
      });
      assert.deepEqual(seen, [["wave-b6", "wave-b5", "wave-b4", "wave-b3"], [
        "wave-b2",
        "wave-b1",
      ]]);
    });
  });

  describe("audit's exit code survives a reader that goes away", () => {
    const everyKind = ["expired", "expires-soon", "never-expires", "unused", "never-used"]
      .flatMap((kind) => ["--ignore", kind]);

    before(async () => {
      // A key that never expires: at least one finding whatever ran before.
      assert.equal((await ax(["api-keys", "create", "-n", "audit forever", "-o", "json"])).code, 0);
    });

    for (const format of [["-o", "table"], ["-o", "csv"], ["-o", "json"], ["-q"]]) {
      it(`audit ${format.join(" ")} | true: still exit 6, with the summary`, async () => {
        const run = await inShell(["api-keys", "audit", ...format], "", "true");
        assert.equal(run.code, 6, run.stderr);
        assert.match(run.stderr, /⚠ \d+ findings? in \d+ of \d+ API keys: .*never-expires/);
      });
    }

    it("audit -o csv | true with nothing to report: exit 0", async () => {
      const run = await inShell(["api-keys", "audit", "-o", "csv", ...everyKind], "", "true");
      assert.equal(run.code, 0, run.stderr);
    });
  });

  describe("a bulk revoke stopped by a signal says how far it got", () => {
    for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130], ["SIGHUP", 129]] as const) {
      it(`${signal} while revoking the second of four keys: exit ${code}, counts, and the way to finish`, async () => {
        const ids: string[] = [];
        for (let i = 1; i <= 4; i++) {
          const made = await emu.admin("POST", "keys", { name: `stopped ${signal} ${i}` }) as {
            api_keys: { id: string }[];
          };
          ids.push(made.api_keys[0].id);
        }
        assert.equal((await ax(["api-keys", "revoke", ids[0], "--force"])).code, 0);
        // The first revoke request hangs at the server until ax is stopped.
        await emu.fault({ route: "PUT /v2/api-keys/{id}/revoke", delay_ms: 20_000 });
        const run = startAx(["api-keys", "revoke", ...ids, "--force"], {
          env: emulatorEnv(emu, box),
          cwd: box.home,
        });
        await waitFor(() => run.stderr().includes("already revoked"), {
          what: "the first key to be passed over",
        });
        run.kill(signal);
        const result = await run.done;
        await emu.clearFaults();
        assert.equal(result.code, code, result.stderr);
        assert.match(
          result.stderr,
          new RegExp(
            `Stopped after 0 revoked, 1 already revoked, 0 failed; ${
              ids[1]
            } may or may not be revoked, and 2 more were not tried`,
          ),
        );
        assert.match(result.stderr, /run the same command again to finish/);
        const again = await ax(["api-keys", "revoke", ...ids, "--force"]);
        assert.equal(again.code, 0, again.stderr);
        assert.deepEqual(await statusesNamed(`stopped ${signal} *`), Array(4).fill("revoked"));
      });
    }
  });

  it("refresh of a revoked key: the server's reason, no guess about --expires-at", async () => {
    const made = await emu.admin("POST", "keys", {
      name: "refresh revoked",
      status: "revoked",
    }) as {
      api_keys: { id: string }[];
    };
    const result = await ax(["api-keys", "refresh", made.api_keys[0].id]);
    assert.equal(result.code, 4, result.stderr);
    assert.match(result.stderr, /^✗ Error: 422 .*revoked/);
    assert.doesNotMatch(result.stderr, /expires-at/);
    assert.equal(result.stdout, "");
  });

  describe("a full stderr (2>/dev/full) never stops the work it reports on", () => {
    it("bulk revoke: every key revoked, exit 0", async () => {
      const ids: string[] = [];
      for (let i = 1; i <= 3; i++) {
        const made = await emu.admin("POST", "keys", { name: `full stderr ${i}` }) as {
          api_keys: { id: string }[];
        };
        ids.push(made.api_keys[0].id);
      }
      const run = await inShell(["api-keys", "revoke", ...ids, "--force"], "2>/dev/full");
      assert.equal(run.code, 0);
      assert.deepEqual(await statusesNamed("full stderr *"), ["revoked", "revoked", "revoked"]);
    });

    it("audit: still exit 6 with findings, the IDs on stdout", async () => {
      const run = await inShell(["api-keys", "audit", "-q"], "2>/dev/full >ids");
      assert.equal(run.code, 6);
      assert.ok(readFileSync(join(run.dir, "ids"), "utf8").trim().length > 0);
    });

    it("list: the data out, exit 0", async () => {
      const run = await inShell(["api-keys", "list", "-o", "json"], "2>/dev/full >keys.json");
      assert.equal(run.code, 0);
      assert.ok(
        Array.isArray(JSON.parse(readFileSync(join(run.dir, "keys.json"), "utf8")).api_keys),
      );
    });
  });

  describe("printed commands reach the account the run used (--profile)", () => {
    /** No key in the environment: the profiles decide. */
    const profileEnv = { ARIZE_API_KEY: undefined, ARIZE_BASE_URL: undefined };
    let dir: string;

    /** Runs a printed `ax …` line in sh, in `dir`, with `ax` replaced by the ax under test. */
    function runPrinted(line: string): Promise<AxResult> {
      assert.match(line, /^ax /);
      return runShell(`${axShellWords([])} ${line.slice(3)}`, {
        env: emulatorEnv(emu, box, profileEnv),
        cwd: dir,
      });
    }

    before(async () => {
      dir = box.dir("profiles");
      // The active profile is another user's: a line without --profile reaches the wrong account.
      for (const [name, key] of [["work", emu.adminKey], ["mine", emu.userKey]]) {
        const made = await runAx(
          ["profiles", "create", name, "--api-key", "-", "--base-url", emu.url, "--use"],
          { env: emulatorEnv(emu, box, profileEnv), cwd: dir, stdin: key },
        );
        assert.equal(made.code, 0, made.stderr);
      }
    });

    it("refresh --profile work | true: the recovery command names the profile, and works", async () => {
      const old = await emu.admin("POST", "keys", { name: "profile refresh" }) as {
        api_keys: { id: string }[];
      };
      const run = await runShell(
        `{ ${
          axShellWords([
            "api-keys",
            "refresh",
            old.api_keys[0].id,
            "--profile",
            "work",
            "-o",
            "json",
          ])
        } 2>stderr; echo $? >code; } | true`,
        { env: emulatorEnv(emu, box, profileEnv), cwd: dir },
      );
      assert.equal(run.code, 0);
      const stderr = readFileSync(join(dir, "stderr"), "utf8");
      assert.equal(readFileSync(join(dir, "code"), "utf8").trim(), "5", stderr);
      const line = stderr.split("\n").find((l) => /^\s+ax api-keys refresh /.test(l))?.trim();
      assert.ok(line, stderr);
      assert.match(line, / --profile work( |$)/);
      const recovered = await runPrinted(line);
      assert.equal(recovered.code, 0, recovered.stderr);
      assert.match(JSON.parse(recovered.stdout).key, /^ak-/);
    });

    it("revoke --profile work without a terminal: the printed revoke command names the profile", async () => {
      const made = await emu.admin("POST", "keys", { name: "profile revoke" }) as {
        api_keys: { id: string }[];
      };
      const id = made.api_keys[0].id;
      const refused = await runAx(["api-keys", "revoke", id, "--profile", "work"], {
        env: emulatorEnv(emu, box, profileEnv),
        cwd: dir,
      });
      assert.equal(refused.code, 2, refused.stderr);
      const line = /To revoke, run: (ax .*)$/m.exec(refused.stderr)?.[1];
      assert.ok(line, refused.stderr);
      assert.match(line, / --profile work( |$)/);
      const revoked = await runPrinted(line);
      assert.equal(revoked.code, 0, revoked.stderr);
      assert.deepEqual(await statusesNamed("profile revoke"), ["revoked"]);
    });
  });

  it("bulk revoke whose name lookup is refused (403) still revokes every key by ID", async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 2; i++) {
      const made = await emu.admin("POST", "keys", { name: `lookup refused ${i}` }) as {
        api_keys: { id: string }[];
      };
      ids.push(made.api_keys[0].id);
    }
    await emu.fault({ route: "GET /v2/api-keys", status: 403 });
    const result = await ax(["api-keys", "revoke", ...ids, "--force"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Could not look the keys up \(403 .*\); going on by ID alone/);
    assert.match(result.stderr, /✓ 2 revoked, 0 already revoked, 0 failed/);
    assert.deepEqual(await statusesNamed("lookup refused *"), ["revoked", "revoked"]);
  });

  it("revoke - --force typed on a terminal says it is reading IDs, then revokes them", {
    skip: scriptAvailable ? false : "util-linux `script` is not installed (needed for a pty)",
  }, async () => {
    const made = await emu.admin("POST", "keys", { name: "typed id" }) as {
      api_keys: { id: string }[];
    };
    const session = startOnTerminal(["api-keys", "revoke", "-", "--force"], {
      env: emulatorEnv(emu, box),
      cwd: box.home,
    });
    await waitFor(() => session.screen().includes("press Ctrl-D when done"), {
      what: "the hint that IDs are read from the terminal",
    });
    session.type(`${made.api_keys[0].id}\r\x04`);
    const result = await session.done;
    assert.equal(result.code, 0, result.stdout);
    assert.deepEqual(await statusesNamed("typed id"), ["revoked"]);
  });
});
