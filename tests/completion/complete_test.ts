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
import { fetchStub } from "../_helpers/fetch_stub.ts";
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
      for (const name of ["table", "json", "ndjson", "csv", "parquet", "shout"]) {
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
        "table\tHuman-readable table (a key: value panel for one object); stdout only",
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
    const hangingFetch = ((_url: string, init?: RequestInit) =>
      new Promise((_, reject) => {
        started();
        init?.signal?.addEventListener("abort", () => {
          aborted = true;
          reject(init.signal!.reason);
        });
      })) as typeof fetch;
    // The budget's timer runs out as soon as the request is under way.
    const sleep = (ms: number) => {
      budget = ms;
      return requestStarted;
    };
    const result = await complete(["api-keys", "revoke", ""], {
      fetch: hangingFetch,
      env: { ARIZE_API_KEY: "ak-test", ARIZE_BASE_URL: BASE_URL },
      ctx: { sleep },
    });
    assert.equal(budget, 2000);
    assert.ok(aborted, "the request was aborted");
    assert.deepEqual(result.values, []);
    assert.equal(result.directive, ":4");
  });
});
