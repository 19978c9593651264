/**
 * `ax complete -- <words…>`, answered in-process against the real program:
 * subcommands, options, `.choices()` values, formats (with a discovered
 * plugin), file paths, and live key IDs / space names from a stub server.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildProgram } from "../../commands/mod.ts";
import { completeWords } from "../../commands/completion/complete.ts";
import type { Context } from "../../runtime/context.ts";
import { fakeContext, type FakeContextOptions } from "../_helpers/fake_context.ts";
import { fetchStub, hang } from "../_helpers/fetch_stub.ts";
import { runCommand } from "../_helpers/run_command.ts";
import { writeExecutable } from "../formats/plugins/_plugin_files.ts";

const BASE_URL = "https://api.arize.test";

/** Answers `words` and returns the candidate values and the directive line. */
async function complete(
  words: string[],
  options: FakeContextOptions & { ctx?: Partial<Context> } = {},
) {
  const fake = fakeContext({ homeDir: "/nonexistent-home", ...options });
  const ctx: Context = { ...fake.ctx, ...options.ctx };
  await completeWords(await buildProgram(ctx), { words, ctx });
  const lines = fake.stdout.text().split("\n").filter((line) => line !== "");
  return {
    values: lines.slice(0, -1).map((line) => line.split("\t")[0]),
    lines: lines.slice(0, -1),
    directive: lines.at(-1),
    stderr: fake.stderr.text(),
  };
}

/**
 * The live-lookup budget (2 s) never runs out: that sleep ends only when its
 * signal aborts. Shorter sleeps (retry backoff) return at once.
 */
function patientSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms < 2000) return Promise.resolve();
  return new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
}

function keyPage(keys: { id: string; name: string }[]) {
  return {
    api_keys: keys.map((k) => ({
      ...k,
      key_type: "user",
      status: "active",
      redacted_key: "ak-…",
      created_at: "2026-01-01T00:00:00Z",
      created_by_user_id: "u1",
    })),
    pagination: { has_more: false },
  };
}

describe("ax complete: commands and options", () => {
  it("lists the visible top-level commands, not the hidden callback", async () => {
    const { values, directive } = await complete([""]);
    assert.ok(values.includes("api-keys"));
    assert.ok(values.includes("completion"));
    assert.ok(!values.includes("complete"));
    assert.equal(directive, ":4");
  });

  it("ax help offers the commands and topics, then a group's commands; <group> help too", async () => {
    const root = await complete(["help", ""]);
    for (const v of ["api-keys", "profiles", "spaces", "environment", "exit-codes", "formats"]) {
      assert.ok(root.values.includes(v), `${v} in ${root.values}`);
    }
    assert.ok(!root.values.includes("help") && !root.values.includes("complete"));
    assert.deepEqual((await complete(["help", "spaces", ""])).values, ["list"]);
    assert.deepEqual((await complete(["spaces", "help", ""])).values, ["list"]);
    assert.deepEqual((await complete(["help", "spaces", "list", ""])).values, []);
  });

  it("--columns offers the names not yet listed, after the typed ones, with no space", async () => {
    const { values, directive } = await complete(["api-keys", "list", "--columns", "name,i"]);
    assert.deepEqual(values, ["name,id"]);
    assert.equal(Number(directive!.slice(1)) & 2, 2, "no space after a list item");
    const next = await complete(["api-keys", "list", "--columns=name,id,"]);
    assert.ok(!next.values.some((v) => /,(name|id)$/.test(v.slice("name,id".length))));
    assert.ok(next.values.includes("name,id,created_at"));
  });

  it("a lone - lists the long options as well as the short ones", async () => {
    const { values } = await complete(["spaces", "list", "-"]);
    for (const v of ["-l", "-o", "--all", "--profile", "--name"]) assert.ok(values.includes(v), v);
  });

  it("completes a command prefix", async () => {
    assert.deepEqual((await complete(["api-"])).values, ["api-keys"]);
  });

  it("lists the api-keys subcommands", async () => {
    const { values } = await complete(["api-keys", ""]);
    for (const name of ["list", "create", "create-service-key", "revoke", "refresh"]) {
      assert.ok(values.includes(name), `${name} in ${values}`);
    }
  });

  it("completes long options with their descriptions", async () => {
    const { lines } = await complete(["api-keys", "list", "--st"]);
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^--status\t\S/);
  });

  it("offers the enum values declared with .choices()", async () => {
    assert.deepEqual((await complete(["api-keys", "list", "--status", ""])).values, [
      "active",
      "revoked",
    ]);
    assert.deepEqual((await complete(["api-keys", "list", "--key-type", ""])).values, [
      "user",
      "service",
    ]);
    assert.deepEqual((await complete(["completion", ""])).values, [
      "bash",
      "zsh",
      "fish",
      "powershell",
    ]);
  });

  it("offers the key-hygiene commands, options and values (issue 14)", async () => {
    const { values } = await complete(["api-keys", ""]);
    for (const name of ["get", "audit"]) assert.ok(values.includes(name), `${name} in ${values}`);
    const options = (await complete(["api-keys", "list", "--"])).values;
    for (
      const flag of [
        "--expires-within",
        "--never-expires",
        "--unused-for",
        "--name",
        "--sort",
        "--quiet",
      ]
    ) {
      assert.ok(options.includes(flag), `${flag} in ${options}`);
    }
    assert.deepEqual((await complete(["api-keys", "list", "--sort", ""])).values, [
      "name",
      "name:desc",
      "created_at",
      "created_at:desc",
      "expires_at",
      "expires_at:desc",
      "last_used_at",
      "last_used_at:desc",
    ]);
    assert.deepEqual((await complete(["api-keys", "audit", "--ignore", ""])).values, [
      "expired",
      "expires-soon",
      "never-expires",
      "unused",
      "never-used",
    ]);
    const revoke = (await complete(["api-keys", "revoke", "--"])).values;
    assert.ok(revoke.includes("--dry-run"), `--dry-run in ${revoke}`);
    const create = (await complete(["api-keys", "create", "--exp"])).values;
    assert.deepEqual(create, ["--expires-at", "--expires-in"]);
  });

  it("offers role values for create-service-key", async () => {
    const { values } = await complete(["api-keys", "create-service-key", "--space-role", ""]);
    assert.ok(values.length > 0, "roles are declared with .choices()");
  });
});

describe("ax complete: -o formats and files", () => {
  it("offers every format, including a plugin found in the config directory", async () => {
    const config = mkdtempSync(join(tmpdir(), "ax-complete-"));
    try {
      mkdirSync(join(config, "plugins"));
      writeFileSync(
        join(config, "plugins", "shout.js"),
        `export default { name: "shout", description: "Upper case", extensions: [".shout"],
           binary: false, async write() {} };\n`,
      );
      const { lines } = await complete(["api-keys", "list", "-o", ""], {
        env: { AX_CONFIG_DIR: config, PATH: "" },
      });
      const values = lines.map((l) => l.split("\t")[0]);
      for (const name of ["table", "wide", "json", "ndjson", "csv", "parquet", "shout"]) {
        assert.ok(values.includes(name), `${name} in ${values}`);
      }
      assert.ok(lines.includes("shout\tUpper case"));
    } finally {
      rmSync(config, { recursive: true, force: true });
    }
  });

  it("offers an ax-format-* program on PATH by its name without running it", async () => {
    const bin = mkdtempSync(join(tmpdir(), "ax-complete-"));
    try {
      const marker = join(bin, "ran");
      writeExecutable(bin, "ax-format-tsv", `touch '${marker}'\necho '{"ax_format_version":1}'`);
      const { lines } = await complete(["api-keys", "list", "-o", "t"], { env: { PATH: bin } });
      assert.deepEqual(lines, [
        "table\tTable of the main columns, sized to the terminal; tab-separated when piped",
        "tsv\tExternal program ax-format-tsv",
      ]);
      assert.equal(existsSync(marker), false, "a TAB runs no plugin program");
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it("completes `--output=` values", async () => {
    assert.deepEqual((await complete(["api-keys", "list", "--output=nd"])).values, ["ndjson"]);
  });

  it("offers file paths once the text is not a format name, folders without a space", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "ax-complete-"));
    try {
      mkdirSync(join(cwd, "exports"));
      writeFileSync(join(cwd, "exports", "keys.csv"), "");
      writeFileSync(join(cwd, "exports", ".hidden"), "");
      const top = await complete(["api-keys", "list", "-o", "ex"], { cwd });
      assert.deepEqual(top.values, ["exports/"]);
      assert.equal(top.directive, ":6");
      const inner = await complete(["api-keys", "list", "-o", "exports/"], { cwd });
      assert.deepEqual(inner.values, ["exports/keys.csv"]);
      assert.equal(inner.directive, ":4");
      const env = await complete(["api-keys", "create", "--env-file", ""], { cwd });
      assert.deepEqual(env.values, ["exports/"]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe("ax complete: live values", () => {
  it("offers active key IDs for revoke, described by name", async () => {
    const stub = fetchStub({ baseUrl: BASE_URL, headers: { authorization: "Bearer ak-test" } })
      .expect({ method: "GET", path: "/v2/api-keys?limit=100&status=active" }, {
        status: 200,
        json: keyPage([{ id: "key_1", name: "ci" }, { id: "key_2", name: "laptop" }]),
      });
    const { lines, directive, stderr } = await complete(["api-keys", "revoke", ""], {
      fetch: stub.fetch,
      env: { ARIZE_API_KEY: "ak-test", ARIZE_BASE_URL: BASE_URL },
      ctx: { sleep: patientSleep },
    });
    stub.verify();
    assert.deepEqual(lines, ["key_1\tci", "key_2\tlaptop"]);
    assert.equal(directive, ":4");
    assert.equal(stderr, "");
  });

  it("filters key IDs by the typed prefix (refresh too)", async () => {
    const stub = fetchStub({ baseUrl: BASE_URL })
      .expect({ method: "GET", path: "/v2/api-keys?limit=100&status=active" }, {
        status: 200,
        json: keyPage([{ id: "key_1", name: "ci" }, { id: "other", name: "x" }]),
      });
    const { values } = await complete(["api-keys", "refresh", "ke"], {
      fetch: stub.fetch,
      env: { ARIZE_API_KEY: "ak-test", ARIZE_BASE_URL: BASE_URL },
      ctx: { sleep: patientSleep },
    });
    stub.verify();
    assert.deepEqual(values, ["key_1"]);
  });

  it("offers space names for --space, asking the server with the typed text", async () => {
    const stub = fetchStub({ baseUrl: BASE_URL })
      .expect({ method: "GET", path: "/v2/spaces?limit=100&name=pro" }, {
        status: 200,
        json: {
          spaces: [{ id: "U3BhY2U6MTpx", name: "production" }],
          pagination: { has_more: false },
        },
      });
    const { lines } = await complete(["api-keys", "create-service-key", "--space", "pro"], {
      fetch: stub.fetch,
      env: { ARIZE_API_KEY: "ak-test", ARIZE_BASE_URL: BASE_URL },
      ctx: { sleep: patientSleep },
    });
    stub.verify();
    assert.deepEqual(lines, ["production\tU3BhY2U6MTpx"]);
  });

  it("sends nothing and prints nothing without credentials", async () => {
    const stub = fetchStub({ baseUrl: BASE_URL });
    const result = await complete(["api-keys", "revoke", ""], {
      fetch: stub.fetch,
      ctx: { sleep: patientSleep },
    });
    stub.verify();
    assert.deepEqual(result.values, []);
    assert.equal(result.directive, ":4");
    assert.equal(result.stderr, "");
  });

  it("is silent when the server fails", async () => {
    const stub = fetchStub({ baseUrl: BASE_URL })
      .expect({ method: "GET", path: "/v2/api-keys?limit=100&status=active" }, {
        status: 401,
        json: { title: "Unauthorized", status: 401 },
      });
    const result = await complete(["api-keys", "revoke", ""], {
      fetch: stub.fetch,
      env: { ARIZE_API_KEY: "ak-bad", ARIZE_BASE_URL: BASE_URL },
      ctx: { sleep: patientSleep },
    });
    stub.verify();
    assert.deepEqual(result.values, []);
    assert.equal(result.stderr, "");
  });

  it("gives up when the 2 s budget ends, aborting the request", async () => {
    let aborted = false;
    let budget = 0;
    let started!: () => void;
    const requestStarted = new Promise<void>((resolve) => (started = resolve));
    const stub = fetchStub({ baseUrl: BASE_URL }).any((request) => {
      started();
      request.signal?.addEventListener("abort", () => (aborted = true));
      return hang()(request);
    });
    // The budget's timer runs out as soon as the request is under way.
    const sleep = (ms: number) => {
      budget = ms;
      return requestStarted;
    };
    const result = await complete(["api-keys", "revoke", ""], {
      fetch: stub.fetch,
      env: { ARIZE_API_KEY: "ak-test", ARIZE_BASE_URL: BASE_URL },
      ctx: { sleep },
    });
    assert.equal(budget, 2000);
    assert.ok(aborted, "the request was aborted");
    stub.verify();
    assert.deepEqual(result.values, []);
    assert.equal(result.directive, ":4");
  });
});

describe("ax complete: server text that would disguise the menu (S4)", () => {
  const live = { ARIZE_API_KEY: "ak-test", ARIZE_BASE_URL: BASE_URL };
  const keys = keyPage([
    { id: "QXBpS2V5OjE6", name: "safe\u202eexe.txt" },
    { id: "QXBpS2V5OjI6", name: "tab\there\u200b\x1b[31m" },
    { id: "QXBp\u202eS2V5OjM6", name: "ID with an override" },
    { id: "QXBp\x1bS2V5OjQ6", name: "ID with an ESC" },
  ]);

  it("key names are escaped as tables escape them; a key whose ID needs escaping is not offered", async () => {
    const stub = fetchStub({ baseUrl: BASE_URL })
      .expect({ method: "GET", path: "/v2/api-keys?limit=100&status=active" }, {
        status: 200,
        json: keys,
      });
    const { lines } = await complete(["api-keys", "revoke", "QXBp"], {
      fetch: stub.fetch,
      env: live,
      ctx: { sleep: patientSleep },
    });
    stub.verify();
    assert.deepEqual(lines, [
      "QXBpS2V5OjE6\tsafe\\u202eexe.txt",
      "QXBpS2V5OjI6\ttab\\there\\u200b\\x1b[31m",
    ]);
  });

  it("bash lists the escaped name beside the ID", async () => {
    const stub = fetchStub({ baseUrl: BASE_URL })
      .expect({ method: "GET", path: "/v2/api-keys?limit=100&status=active" }, {
        status: 200,
        json: keys,
      });
    const fake = fakeContext({ homeDir: "/nonexistent-home", fetch: stub.fetch, env: live });
    const ctx: Context = { ...fake.ctx, sleep: patientSleep };
    await completeWords(await buildProgram(ctx), {
      words: ["ax api-keys revoke QXBpS2V5Oj", "QXBpS2V5Oj"],
      ctx,
      shell: "bash",
      compType: 63,
    });
    stub.verify();
    assert.equal(
      fake.stdout.text(),
      "QXBpS2V5OjE6  (safe\\u202eexe.txt)\nQXBpS2V5OjI6  (tab\\there\\u200b\\x1b[31m)\n:4\n",
    );
  });

  it("a space whose name needs escaping is offered by its ID, described and matched by the name", async () => {
    const stub = fetchStub({ baseUrl: BASE_URL })
      .expect({ method: "GET", path: "/v2/spaces?limit=100&name=sa" }, {
        status: 200,
        json: {
          spaces: [
            { id: "U3BhY2U6MTpx", name: "safe\u202eexe" },
            { id: "U3BhY2U6Mjp5", name: "safe" },
            { id: "U3Bh\u200bY2U6Mzp6", name: "same" },
            { id: "U3Bh\u200bY2U6NDp6", name: "sa\u2066me" },
          ],
          pagination: { has_more: false },
        },
      });
    const { lines } = await complete(["api-keys", "list", "--space", "sa"], {
      fetch: stub.fetch,
      env: live,
      ctx: { sleep: patientSleep },
    });
    stub.verify();
    assert.deepEqual(lines, [
      "U3BhY2U6MTpx\tsafe\\u202eexe",
      "safe\tU3BhY2U6Mjp5",
      // A safe name is offered even when its ID is not; the ID is shown escaped.
      "same\tU3Bh\\u200bY2U6Mzp6",
    ]);
  });

  it("an ID prefix offers only IDs that need no escaping, with escaped names", async () => {
    const stub = fetchStub({ baseUrl: BASE_URL })
      .expect({ method: "GET", path: "/v2/spaces?limit=100&name=U3Bh" }, {
        status: 200,
        json: { spaces: [], pagination: { has_more: false } },
      })
      .expect({ method: "GET", path: "/v2/spaces?limit=100" }, {
        status: 200,
        json: {
          spaces: [
            { id: "U3BhY2U6MTpx", name: "safe\u202eexe" },
            { id: "U3Bh\u200bY2U6Mzp6", name: "same" },
          ],
          pagination: { has_more: false },
        },
      });
    const { lines } = await complete(["api-keys", "list", "--space", "U3Bh"], {
      fetch: stub.fetch,
      env: live,
      ctx: { sleep: patientSleep },
    });
    stub.verify();
    assert.deepEqual(lines, ["U3BhY2U6MTpx\tsafe\\u202eexe"]);
  });
});

describe("ax complete: spaces that share a name", () => {
  const spaces = {
    spaces: [
      { id: "U3BhY2U6MTpx", name: "Dup" },
      { id: "U3BhY2U6Mjp5", name: "Dup" },
      { id: "U3BhY2U6Mzp6", name: "Dupe" },
    ],
    pagination: { has_more: false },
  };

  it("offers their IDs, described and matched by the name", async () => {
    const stub = fetchStub({ baseUrl: BASE_URL })
      .expect({ method: "GET", path: "/v2/spaces?limit=100&name=Du" }, {
        status: 200,
        json: spaces,
      });
    const { lines, directive } = await complete(["api-keys", "list", "--space", "Du"], {
      fetch: stub.fetch,
      env: { ARIZE_API_KEY: "ak-test", ARIZE_BASE_URL: BASE_URL },
      ctx: { sleep: patientSleep },
    });
    stub.verify();
    assert.deepEqual(lines, ["U3BhY2U6MTpx\tDup", "U3BhY2U6Mjp5\tDup", "Dupe\tU3BhY2U6Mzp6"]);
    assert.equal(directive, ":132", "zsh is told the IDs do not extend the typed text");
  });

  it("completes an ID prefix from the first page when no name starts with it", async () => {
    const stub = fetchStub({ baseUrl: BASE_URL })
      .expect({ method: "GET", path: "/v2/spaces?limit=100&name=U3BhY2U6M" }, {
        status: 200,
        json: { spaces: [], pagination: { has_more: false } },
      })
      .expect({ method: "GET", path: "/v2/spaces?limit=100" }, { status: 200, json: spaces });
    const { lines } = await complete(["api-keys", "list", "--space", "U3BhY2U6M"], {
      fetch: stub.fetch,
      env: { ARIZE_API_KEY: "ak-test", ARIZE_BASE_URL: BASE_URL },
      ctx: { sleep: patientSleep },
    });
    stub.verify();
    assert.deepEqual(lines, ["U3BhY2U6MTpx\tDup", "U3BhY2U6Mjp5\tDup", "U3BhY2U6Mzp6\tDupe"]);
  });
});

describe("ax complete: profile names", () => {
  for (const command of ["use", "show", "delete", "validate"]) {
    it(`offers existing profiles for \`profiles ${command} <TAB>\``, async () => {
      const config = mkdtempSync(join(tmpdir(), "ax-complete-"));
      try {
        mkdirSync(join(config, "profiles"));
        for (const name of ["prod", "staging"]) {
          writeFileSync(join(config, "profiles", `${name}.toml`), "");
        }
        const { values } = await complete(["profiles", command, ""], {
          env: { AX_CONFIG_DIR: config },
        });
        assert.deepEqual(values, ["prod", "staging"]);
        const typed = await complete(["profiles", command, "st"], {
          env: { AX_CONFIG_DIR: config },
        });
        assert.deepEqual(typed.values, ["staging"]);
      } finally {
        rmSync(config, { recursive: true, force: true });
      }
    });
  }

  it("completes a program-wide --profile after any command, by its option name", async () => {
    const config = mkdtempSync(join(tmpdir(), "ax-complete-"));
    try {
      mkdirSync(join(config, "profiles"));
      writeFileSync(join(config, "profiles", "prod.toml"), "");
      const answer = async (words: string[]) => {
        const fake = fakeContext({ homeDir: "/nonexistent-home", env: { AX_CONFIG_DIR: config } });
        const program = await buildProgram(fake.ctx);
        // The shape of a global option: declared once, on the program.
        program.option("--profile <name>", "profile for this run");
        await completeWords(program, { words, ctx: fake.ctx });
        return fake.stdout.text().split("\n").filter((l) => l !== "").slice(0, -1);
      };
      assert.deepEqual(await answer(["api-keys", "list", "--profile", ""]), ["prod\tprofile"]);
      assert.deepEqual(await answer(["api-keys", "revoke", "--profile=p"]), ["prod\tprofile"]);
      assert.deepEqual(await answer(["profiles", "list", "--prof"]), [
        "--profile\tprofile for this run",
      ]);
      assert.deepEqual(
        await answer(["api-keys", "list", "--vers"]),
        [],
        "--version stays the program's",
      );
    } finally {
      rmSync(config, { recursive: true, force: true });
    }
  });

  it("offers none for `profiles create`, which names a new profile", async () => {
    const { values } = await complete(["profiles", "create", ""], {
      env: { AX_CONFIG_DIR: "/nonexistent-config" },
    });
    assert.ok(!values.some((v) => !v.startsWith("-")), `${values}`);
  });
});

describe("ax complete for bash (AX_COMPLETE_SHELL=bash)", () => {
  /** Answers a bash request: the line up to the cursor and readline's word. */
  async function bash(line: string, cur: string, compType = 9) {
    const fake = fakeContext({ homeDir: "/nonexistent-home" });
    await completeWords(await buildProgram(fake.ctx), {
      words: [line, cur],
      ctx: fake.ctx,
      shell: "bash",
      compType,
    });
    const lines = fake.stdout.text().split("\n").filter((l) => l !== "");
    return { replies: lines.slice(0, -1), directive: lines.at(-1) };
  }

  it("is what `ax complete` answers when the bash script sets AX_COMPLETE_SHELL=bash", async () => {
    // Through the real entry point: the line names `api-keys` only inside one word.
    const run = await runCommand(
      ["complete", "--", "ax api-keys list --space 'My S' --status=r", "r"],
      { homeDir: "/nonexistent-home", env: { AX_COMPLETE_SHELL: "bash", COMP_TYPE: "9" } },
    );
    assert.equal(run.error, undefined);
    assert.equal(run.stdout, "revoked\n:4\n");
    assert.equal(run.stderr, "");
  });

  it("completes `--opt=value` after readline's `=` break", async () => {
    assert.deepEqual((await bash("ax api-keys list --status=r", "r")).replies, ["revoked"]);
    assert.deepEqual((await bash("ax api-keys list --status=", "")).replies, ["active", "revoked"]);
  });

  it("reads the words as bash does: quoted option values do not shift the command", async () => {
    const { replies } = await bash(`ax api-keys list --space "a b" --status 'r`, "r");
    assert.deepEqual(replies, ["revoked"]);
  });

  it("lists values with descriptions only when nothing would be inserted", async () => {
    const config = mkdtempSync(join(tmpdir(), "ax-complete-"));
    try {
      mkdirSync(join(config, "plugins"));
      writeFileSync(
        join(config, "plugins", "csv2.js"),
        `export default { name: "csv2", description: "Another CSV", extensions: [".csv2"],
           binary: false, async write() {} };\n`,
      );
      const fake = fakeContext({ homeDir: "/nonexistent-home", env: { AX_CONFIG_DIR: config } });
      const program = await buildProgram(fake.ctx);
      const answer = async (cur: string, compType: number) => {
        const f = fakeContext({ homeDir: "/nonexistent-home", env: { AX_CONFIG_DIR: config } });
        await completeWords(program, {
          words: [`ax api-keys list -o ${cur}`, cur],
          ctx: f.ctx,
          shell: "bash",
          compType,
        });
        return f.stdout.text().split("\n").filter((l) => l !== "").slice(0, -1);
      };
      // `cs` → `csv` is still to insert: bare values, so readline inserts it.
      assert.deepEqual(await answer("cs", 9), ["csv", "csv2"]);
      // `csv`: both continue it, nothing to insert: the list shows descriptions.
      const listed = await answer("csv", 63);
      assert.equal(listed.length, 2);
      assert.match(listed[0], /^csv {3}\(\S.*\)$/);
      assert.match(listed[1], /^csv2 {2}\(Another CSV\)$/);
      // menu-complete inserts each reply in turn: never descriptions.
      assert.deepEqual(await answer("csv", 37), ["csv", "csv2"]);
    } finally {
      rmSync(config, { recursive: true, force: true });
    }
  });
});
