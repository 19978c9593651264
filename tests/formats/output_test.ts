import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import {
  type OutputTarget,
  preflightOutput,
  resolveOutputTarget,
  writeOutput,
} from "../../formats/output.ts";
import { createFormatRegistry } from "../../formats/registry.ts";
import { csvFormat } from "../../formats/csv.ts";
import type { Format, Row } from "../../formats/types.ts";
import { AxError, FileError, InterruptedError, UsageError } from "../../runtime/errors.ts";
import { fakeContext } from "../_helpers/fake_context.ts";
import { makeReadOnly, mountTinyDisk } from "./_fs_traps.ts";
import { COLUMNS, recordsOf, ROWS, WRITE_INFO as INFO } from "./_support.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ax-output-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function context(options: Parameters<typeof fakeContext>[0] = {}) {
  return fakeContext({ cwd: dir, ...options });
}

function resolve(value: string | undefined, options: { tty?: boolean; fallback?: string } = {}) {
  const { ctx } = context({ tty: options.tty });
  return resolveOutputTarget(value, {
    registry: createFormatRegistry(),
    ctx,
    fallback: options.fallback,
  });
}

/** Many rows, so the output is well past one buffer flush. */
function manyRows(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({ ...ROWS[i % 3], id: `k${i}` }));
}

describe("resolveOutputTarget", () => {
  it("takes format names in any case, and jsonl as ndjson", () => {
    assert.equal(resolve("json").format.name, "json");
    assert.equal(resolve("CSV").format.name, "csv");
    assert.equal(resolve("jsonl").format.name, "ndjson");
    assert.equal(resolve("JSONL").format.name, "ndjson");
    assert.equal(resolve("json").path, undefined);
    assert.equal(resolve("json").origin, "built-in");
  });

  it("picks the format from a file's extension and makes the path absolute", () => {
    const cases: [string, string][] = [
      ["keys.json", "json"],
      ["keys.ndjson", "ndjson"],
      ["keys.jsonl", "ndjson"],
      ["out/keys.CSV", "csv"],
      ["keys.parquet", "parquet"],
      ["keys.pq", "parquet"],
    ];
    for (const [value, name] of cases) {
      const target = resolve(value);
      assert.equal(target.format.name, name, value);
      assert.equal(target.path, join(dir, value));
    }
    assert.equal(resolve("/abs/keys.csv").path, "/abs/keys.csv");
  });

  it("falls back to the profile's format, then to table", () => {
    assert.equal(resolve(undefined).format.name, "table");
    assert.equal(resolve(undefined, { fallback: "csv" }).format.name, "csv");
    assert.equal(resolve("json", { fallback: "csv" }).format.name, "json");
  });

  it("refuses an unknown format with the valid names and extensions (exit 2)", () => {
    assert.throws(() => resolve("yaml"), (error: UsageError) => {
      assert.ok(error instanceof UsageError);
      assert.equal(error.exitCode, 2);
      assert.match(error.message, /Unknown output format 'yaml' \(--output\)/);
      assert.match(error.hints.join("\n"), /table, wide, json, ndjson \(jsonl\), csv, parquet/);
      assert.match(error.hints.join("\n"), /\.json \.ndjson \.jsonl \.csv \.parquet \.pq/);
      return true;
    });
    assert.throws(
      () => resolve(undefined, { fallback: "yaml" }),
      /the profile's \[output\] format/,
    );
    assert.throws(() => resolve(""), UsageError);
  });

  it("refuses a file whose extension no format owns; table never goes to a file", () => {
    assert.throws(() => resolve("keys.txt"), (error: UsageError) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /No output format for '.txt' files/);
      assert.match(error.hints.join("\n"), /table format only goes to the terminal/);
      return true;
    });
    assert.throws(
      () => resolve("./out"),
      (error: UsageError) => error.hints.some((hint) => hint.includes("needs an extension")),
    );
  });

  it("refuses a binary format on a terminal, suggesting a file or a pipe", () => {
    assert.throws(() => resolve("parquet", { tty: true }), (error: UsageError) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /parquet format is binary/);
      assert.match(error.hints[0], /-o file\.parquet/);
      return true;
    });
    assert.equal(resolve("parquet", { tty: false }).format.name, "parquet");
    assert.equal(resolve("keys.parquet", { tty: true }).format.name, "parquet");
  });

  it("names the file of a broken plugin when its format is asked for", () => {
    const registry = createFormatRegistry([
      { ok: false, origin: "/p/markdown.ts", name: "markdown", error: "cannot load it: boom" },
    ]);
    const { ctx } = context();
    assert.throws(
      () => resolveOutputTarget("markdown", { registry, ctx }),
      (error: AxError) => {
        assert.ok(error instanceof AxError && !(error instanceof UsageError));
        assert.match(
          error.message,
          /Format plugin \/p\/markdown\.ts is broken: cannot load it: boom/,
        );
        return true;
      },
    );
    assert.throws(
      () => resolveOutputTarget("keys.md", { registry, ctx }),
      (error: UsageError) => error.hints.some((h) => h.includes("/p/markdown.ts is broken")),
    );
  });
});

describe("writeOutput", () => {
  it("streams to stdout, with colour only on a terminal", async () => {
    const plain = context();
    await writeOutput(recordsOf(ROWS), resolve("table"), INFO, plain.ctx);
    assert.ok(plain.stdout.text().includes("CI pipeline key"));
    assert.ok(!plain.stdout.text().includes("\x1b"));
    assert.equal(plain.stderr.text(), "");

    const tty = context({ tty: true });
    await writeOutput(recordsOf(ROWS), resolve("table"), INFO, tty.ctx);
    assert.ok(tty.stdout.text().includes("\x1b[32mactive"));

    const noColor = context({ tty: true, env: { NO_COLOR: "1" } });
    await writeOutput(recordsOf(ROWS), resolve("table"), INFO, noColor.ctx);
    assert.ok(!noColor.stdout.text().includes("\x1b"));
  });

  it("writes a file atomically and says where on stderr", async () => {
    const { ctx, stdout, stderr } = context();
    const target = resolveOutputTarget("keys.csv", { registry: createFormatRegistry(), ctx });
    await writeOutput(recordsOf(ROWS), target, INFO, ctx);
    const path = join(dir, "keys.csv");
    assert.equal(readFileSync(path, "utf8").split("\n")[0], COLUMNS.map((c) => c.name).join(","));
    assert.equal(stdout.text(), "");
    assert.equal(stderr.text(), `✓ Saved to ${path}\n`);
    assert.deepEqual(readdirSync(dir), ["keys.csv"], "no temp file left");
  });

  it("replaces an existing file whole, keeping its permissions", async () => {
    const path = join(dir, "keys.json");
    writeFileSync(path, "old content", { mode: 0o640 });
    const { ctx } = context();
    await writeOutput(
      recordsOf(ROWS),
      { format: resolve("json").format, origin: "built-in", path },
      INFO,
      ctx,
    );
    assert.equal(JSON.parse(readFileSync(path, "utf8")).api_keys.length, 3);
    if (process.platform !== "win32") assert.equal(statSync(path).mode & 0o777, 0o640);
  });

  it(
    "creates a file holding a secret with mode 0600",
    { skip: process.platform === "win32" },
    async () => {
      const path = join(dir, "key.json");
      const { ctx } = context();
      const target: OutputTarget = { format: resolve("json").format, origin: "built-in", path };
      await writeOutput(
        recordsOf([ROWS[0]]),
        target,
        { ...INFO, shape: "object", secret: true },
        ctx,
      );
      assert.equal(statSync(path).mode & 0o777, 0o600);
    },
  );

  it("fails with exit 5 naming the file when the folder does not exist", async () => {
    const { ctx, stderr } = context();
    const target = resolveOutputTarget("missing/keys.csv", {
      registry: createFormatRegistry(),
      ctx,
    });
    await assert.rejects(writeOutput(recordsOf(ROWS), target, INFO, ctx), (error: FileError) => {
      assert.ok(error instanceof FileError);
      assert.equal(error.exitCode, 5);
      assert.match(
        error.message,
        /Cannot write .*missing\/keys\.csv: the folder .*missing does not exist/,
      );
      return true;
    });
    assert.equal(stderr.text(), "");
  });

  it(
    "fails with exit 5 saying a folder that exists takes no new files (/proc)",
    { skip: !existsSync("/proc/self") },
    async () => {
      const { ctx } = context();
      const target = resolveOutputTarget("/proc/keys.csv", {
        registry: createFormatRegistry(),
        ctx,
      });
      await assert.rejects(writeOutput(recordsOf(ROWS), target, INFO, ctx), (error: FileError) => {
        assert.ok(error instanceof FileError);
        assert.equal(error.exitCode, 5);
        assert.equal(
          error.message,
          "Cannot write /proc/keys.csv: the folder /proc does not take new files.",
        );
        return true;
      });
    },
  );

  it("fails with exit 5 in a read-only folder and leaves the existing file unchanged", async (t) => {
    const locked = join(dir, "locked");
    mkdirSync(locked);
    const path = join(locked, "keys.csv");
    writeFileSync(path, "precious");
    const undo = makeReadOnly(locked);
    if (!undo) return t.skip("cannot make a read-only folder on this machine");
    try {
      const { ctx } = context();
      const target: OutputTarget = { format: csvFormat, origin: "built-in", path };
      await assert.rejects(
        writeOutput(recordsOf(ROWS), target, INFO, ctx),
        (error: FileError) => error instanceof FileError && error.message.includes(path),
      );
      await assert.rejects(preflightOutput(target, ctx), FileError);
    } finally {
      undo();
    }
    assert.equal(readFileSync(path, "utf8"), "precious");
    assert.deepEqual(readdirSync(locked), ["keys.csv"]);
  });

  it("fails with exit 5 on a full disk, removes the temp file, keeps the old file", async (t) => {
    const disk = join(dir, "disk");
    mkdirSync(disk);
    const unmount = mountTinyDisk(disk);
    if (!unmount) return t.skip("mounting a tiny tmpfs needs root on Linux");
    try {
      const path = join(disk, "keys.csv");
      writeFileSync(path, "precious");
      const { ctx } = context();
      const target: OutputTarget = { format: csvFormat, origin: "built-in", path };
      await assert.rejects(
        writeOutput(recordsOf(manyRows(5000)), target, INFO, ctx),
        (error: FileError) => {
          assert.ok(error instanceof FileError);
          assert.match(error.message, /no space left on device/);
          return true;
        },
      );
      assert.equal(readFileSync(path, "utf8"), "precious");
      assert.deepEqual(readdirSync(disk), ["keys.csv"]);
    } finally {
      unmount();
    }
  });

  it("turns a full device into a FileError naming it (/dev/full)", {
    skip: !existsSync("/dev/full"),
  }, async () => {
    const { ctx } = context();
    const target: OutputTarget = { format: csvFormat, origin: "built-in", path: "/dev/full" };
    await assert.rejects(writeOutput(recordsOf(ROWS), target, INFO, ctx), (error: FileError) => {
      assert.ok(error instanceof FileError);
      assert.equal(error.message, "Cannot write /dev/full: no space left on device.");
      return true;
    });
  });

  it("on Ctrl-C mid-write leaves no file and no temp file, and rethrows the interrupt", async () => {
    const controller = new AbortController();
    const { ctx } = context({ signal: controller.signal });
    const path = join(dir, "keys.ndjson");
    let tempSeenAfterAbort: string[] = [];
    async function* interrupted() {
      yield* manyRows(3000); // past the 64 KiB buffer: the temp file has content
      assert.equal(readdirSync(dir).filter((f) => f.endsWith(".tmp")).length, 1);
      controller.abort(new InterruptedError());
      tempSeenAfterAbort = readdirSync(dir);
      yield ROWS[0]; // the format's next write notices the abort
    }
    const target = resolveOutputTarget(path, { registry: createFormatRegistry(), ctx });
    await assert.rejects(writeOutput(interrupted(), target, INFO, ctx), InterruptedError);
    assert.deepEqual(tempSeenAfterAbort, [], "the temp file went at the moment of the abort");
    assert.deepEqual(readdirSync(dir), []);
  });

  it("on an error from the records (say, the API) leaves the old file as it was", async () => {
    const path = join(dir, "keys.csv");
    writeFileSync(path, "old");
    const { ctx } = context();
    async function* failing() {
      yield* manyRows(3000);
      throw new AxError("API went away", { exitCode: 4 });
    }
    const target = resolveOutputTarget(path, { registry: createFormatRegistry(), ctx });
    await assert.rejects(writeOutput(failing(), target, INFO, ctx), /API went away/);
    assert.equal(readFileSync(path, "utf8"), "old");
    assert.deepEqual(readdirSync(dir), ["keys.csv"]);
  });

  it("names the plugin file when a plugin's format throws", async () => {
    const broken: Format = {
      name: "boom",
      description: "throws",
      extensions: [".boom"],
      binary: false,
      write: () => Promise.reject(new TypeError("x is not a function")),
    };
    const { ctx } = context();
    const target: OutputTarget = { format: broken, origin: "/plugins/boom.ts" };
    await assert.rejects(writeOutput(recordsOf(ROWS), target, INFO, ctx), (error: AxError) => {
      assert.ok(error instanceof AxError);
      assert.equal(error.message, "Format plugin /plugins/boom.ts failed: x is not a function");
      return true;
    });
  });
});

describe("preflightOutput", () => {
  it("accepts a writable folder and leaves nothing behind", async () => {
    const { ctx } = context();
    await preflightOutput(
      resolveOutputTarget("keys.json", { registry: createFormatRegistry(), ctx }),
      ctx,
    );
    assert.deepEqual(readdirSync(dir), []);
  });

  it("does nothing for stdout", async () => {
    const { ctx } = context({ cwd: "/nonexistent" });
    await preflightOutput(resolve("json"), ctx);
  });

  it("fails with exit 5 for a missing folder or a directory target", async () => {
    const { ctx } = context();
    const registry = createFormatRegistry();
    await assert.rejects(
      preflightOutput(resolveOutputTarget("nope/keys.json", { registry, ctx }), ctx),
      (error: FileError) => error instanceof FileError && /does not exist/.test(error.message),
    );
    mkdirSync(join(dir, "taken.json"));
    await assert.rejects(
      preflightOutput(resolveOutputTarget("taken.json", { registry, ctx }), ctx),
      /it is a directory/,
    );
  });
});
