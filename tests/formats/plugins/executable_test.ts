import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { delimiter, join } from "node:path";
import process from "node:process";
import { loadFormatRegistry } from "../../../formats/registry.ts";
import { resolveOutputTarget, writeOutput } from "../../../formats/output.ts";
import { AxError, InterruptedError, UsageError } from "../../../runtime/errors.ts";
import { fakeContext } from "../../_helpers/fake_context.ts";
import { COLUMNS, DISPLAY_ORDER, ROWS, WRITE_INFO as INFO } from "../_support.ts";
import { tempFolder, writeExecutable } from "./_plugin_files.ts";
import type { Row } from "../../../formats/types.ts";

let root: string;
before(() => {
  root = tempFolder();
});
after(() => {
  rmSync(root, { recursive: true, force: true });
});

async function* records(rows: readonly Row[]) {
  yield* rows;
}

let counter = 0;
/** Puts `ax-format-<name>` with `body` in a fresh PATH folder and loads the registry. */
async function withPlugin(body: string, options: { tty?: boolean; signal?: AbortSignal } = {}) {
  const bin = join(root, `bin${counter++}`);
  const path = writeExecutable(bin, "ax-format-demo", body);
  const fake = fakeContext({
    cwd: root,
    env: { PATH: [bin, "/usr/bin", "/bin"].join(delimiter) },
    tty: options.tty,
    signal: options.signal,
  });
  const registry = await loadFormatRegistry(fake.ctx, { configDir: undefined });
  return { path, registry, ...fake };
}

describe("executable plugins", { skip: process.platform === "win32" }, () => {
  it("gets a schema line, then one compact record per line, absent fields dropped", async () => {
    const { registry, ctx, stdout } = await withPlugin("exec cat");
    const target = resolveOutputTarget("demo", { registry, ctx });
    await writeOutput(records(ROWS), target, INFO, ctx);
    const [schema, ...lines] = stdout.text().trimEnd().split("\n");
    assert.deepEqual(JSON.parse(schema), {
      ax_format_version: 1,
      format: "demo",
      shape: "list",
      collection: "api_keys",
      columns: COLUMNS,
      display_order: DISPLAY_ORDER,
      is_terminal: false,
      color: false,
    });
    assert.equal(lines.length, 3);
    assert.equal(lines[1], JSON.stringify({ ...ROWS[1], description: undefined }));
    assert.ok(!lines[1].includes("null"));
  });

  it("tells a program on a terminal the width and colour", async () => {
    const { registry, ctx, stdout } = await withPlugin("exec head -n 1", { tty: true });
    await writeOutput(records(ROWS), resolveOutputTarget("demo", { registry, ctx }), INFO, ctx);
    const schema = JSON.parse(stdout.text());
    assert.equal(schema.is_terminal, true);
    assert.equal(schema.color, true);
    assert.equal(schema.width, 120);
  });

  it("passes the program's stderr through", async () => {
    const { registry, ctx, stderr } = await withPlugin("echo 'note: 3 keys' >&2\ncat >/dev/null");
    await writeOutput(records(ROWS), resolveOutputTarget("demo", { registry, ctx }), INFO, ctx);
    assert.equal(stderr.text(), "note: 3 keys\n");
  });

  it("fails with the program's path and exit status when it exits non-zero", async () => {
    const { path, registry, ctx, stderr } = await withPlugin(
      "cat >/dev/null\necho 'cannot render' >&2\nexit 3",
    );
    await assert.rejects(
      writeOutput(records(ROWS), resolveOutputTarget("demo", { registry, ctx }), INFO, ctx),
      (error: AxError) => {
        assert.ok(error instanceof AxError);
        assert.equal(error.message, `Format plugin ${path} exited with status 3.`);
        return true;
      },
    );
    assert.equal(stderr.text(), "cannot render\n");
  });

  it("is fine when the program stops reading early and exits 0 (no EPIPE crash)", async () => {
    const { registry, ctx, stdout } = await withPlugin("exec head -n 2");
    const many = Array.from({ length: 20_000 }, (_, i) => ({ ...ROWS[0], id: `k${i}` }));
    await writeOutput(records(many), resolveOutputTarget("demo", { registry, ctx }), INFO, ctx);
    assert.equal(stdout.text().trimEnd().split("\n").length, 2);
  });

  it("reports a program that exits non-zero without reading", async () => {
    const { path, registry, ctx } = await withPlugin("exit 4");
    const many = Array.from({ length: 20_000 }, (_, i) => ({ ...ROWS[0], id: `k${i}` }));
    await assert.rejects(
      writeOutput(records(many), resolveOutputTarget("demo", { registry, ctx }), INFO, ctx),
      new RegExp(`${path} exited with status 4`),
    );
  });

  it("uses --ax-describe for description, extensions and binary", async () => {
    const { registry, ctx } = await withPlugin(
      `if [ "$1" = "--ax-describe" ]; then
  echo '{"ax_format_version":1,"description":"Demo rows","extensions":[".dm"],"binary":true}'
  exit 0
fi
exec cat`,
    );
    const entry = registry.get("demo");
    assert.equal(entry?.format.description, "Demo rows");
    assert.deepEqual(entry?.format.extensions, [".dm"]);
    assert.equal(entry?.format.binary, true);
    assert.equal(resolveOutputTarget("out.dm", { registry, ctx }).format.name, "demo");
  });

  it("refuses a binary executable format on a terminal", async () => {
    const { registry, ctx } = await withPlugin(
      `[ "$1" = "--ax-describe" ] && echo '{"ax_format_version":1,"description":"bin","binary":true}' && exit 0
exec cat`,
      { tty: true },
    );
    assert.throws(() => resolveOutputTarget("demo", { registry, ctx }), UsageError);
  });

  it("works without --ax-describe: no extensions, text", async () => {
    const { path, registry } = await withPlugin("exec cat");
    const entry = registry.get("demo");
    assert.equal(entry?.origin, path);
    assert.deepEqual(entry?.format.extensions, []);
    assert.equal(entry?.format.binary, false);
    assert.equal(entry?.format.description, "External program ax-format-demo");
  });

  it("marks a program with a wrong --ax-describe answer as broken", async () => {
    const { path, registry } = await withPlugin(
      `[ "$1" = "--ax-describe" ] && echo '{"ax_format_version":2,"description":"x"}' && exit 0
exec cat`,
    );
    assert.equal(registry.get("demo"), undefined);
    assert.equal(registry.broken()[0].origin, path);
    assert.match(registry.broken()[0].error, /ax_format_version 2 is not supported/);
  });

  it("writes its output to a file atomically", async () => {
    const { registry, ctx, stderr } = await withPlugin(
      `[ "$1" = "--ax-describe" ] && echo '{"ax_format_version":1,"description":"d","extensions":[".dm"]}' && exit 0
exec wc -l`,
    );
    const out = join(root, "files");
    mkdirSync(out);
    const target = resolveOutputTarget(join(out, "rows.dm"), { registry, ctx });
    await writeOutput(records(ROWS), target, INFO, ctx);
    assert.equal(readFileSync(join(out, "rows.dm"), "utf8").trim(), "4");
    assert.deepEqual(readdirSync(out), ["rows.dm"]);
    assert.match(stderr.text(), /Saved to .*rows\.dm/);
  });

  it("is stopped by Ctrl-C", async () => {
    const controller = new AbortController();
    const { registry, ctx } = await withPlugin(
      '[ "$1" = "--ax-describe" ] && exit 1\nexec sleep 30',
      {
        signal: controller.signal,
      },
    );
    const started = Date.now();
    const timer = setTimeout(() => controller.abort(new InterruptedError()), 100);
    await assert.rejects(
      writeOutput(records(ROWS), resolveOutputTarget("demo", { registry, ctx }), INFO, ctx),
      InterruptedError,
    );
    clearTimeout(timer);
    assert.ok(Date.now() - started < 10_000, "did not wait for the program to finish");
  });
});
