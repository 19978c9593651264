import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { loadFormatRegistry } from "../../../formats/registry.ts";
import { resolveOutputTarget, writeOutput } from "../../../formats/output.ts";
import { AxError } from "../../../runtime/errors.ts";
import { fakeContext } from "../../_helpers/fake_context.ts";
import { formatSource, tempFolder, writeModule } from "./_plugin_files.ts";
import { COLUMNS } from "../_support.ts";

let root: string;
before(() => {
  root = tempFolder();
});
after(() => {
  rmSync(root, { recursive: true, force: true });
});

let counter = 0;
/** Writes a module under a fresh name (imports are cached by URL) and loads the registry with it. */
async function loadWith(source: string, extension = ".ts") {
  const path = writeModule(root, `plugin${counter++}${extension}`, source);
  const { ctx, stdout, stderr } = fakeContext({ cwd: root, env: { PATH: "" } });
  const registry = await loadFormatRegistry(ctx, { configDir: undefined, pluginPaths: [path] });
  return { path, registry, ctx, stdout, stderr };
}

const INFO = {
  columns: COLUMNS,
  shape: "list" as const,
  collection: "api_keys",
  pagination: () => undefined,
};

async function* twoRecords() {
  yield { id: "a" };
  yield { id: "b" };
}

describe("module plugins", () => {
  for (const extension of [".ts", ".mjs", ".js"]) {
    it(`loads a ${extension} module whose default export is a format, and writes with it`, async () => {
      const { path, registry, ctx, stdout } = await loadWith(formatSource(), extension);
      assert.deepEqual(registry.broken(), []);
      const entry = registry.get("demo");
      assert.equal(entry?.origin, path);
      assert.equal(registry.byExtension(".demo")?.format.name, "demo");
      await writeOutput(twoRecords(), resolveOutputTarget("demo", { registry, ctx }), INFO, ctx);
      assert.equal(stdout.text(), "a\nb\n");
    });
  }

  it("loads TypeScript with types (they are erased)", async () => {
    const { registry } = await loadWith(
      `interface Shape { name: string }\nconst x: Shape & Record<string, unknown> = ${
        formatSource().replace("export default ", "").replace(/;\n$/, "")
      };\nexport default x;\n`,
    );
    assert.ok(registry.get("demo"));
  });

  const broken: [string, string, RegExp][] = [
    ["a syntax error", "export default {", /^cannot load it: SyntaxError/],
    ["a throw at import", "throw new Error('no config');", /^cannot load it: Error: no config/],
    ["no default export", "export const x = 1;", /has no default export/],
    ["a default export that is not an object", "export default 42;", /must be a format object/],
    ["a bad name", formatSource({ name: '"My Format"' }), /'name' must be lower-case.*"My Format"/],
    ["a bad extension", formatSource({ extensions: '["md"]' }), /'extensions' must be an array/],
    ["a non-boolean binary", formatSource({ binary: '"no"' }), /'binary' must be true or false/],
    ["no write function", formatSource({ write: "write: 1" }), /'write' must be a function/],
  ];
  for (const [what, source, error] of broken) {
    it(`records a module with ${what} as broken, naming the file; other formats still work`, async () => {
      const { path, registry, ctx } = await loadWith(source);
      const [plugin] = registry.broken();
      assert.equal(plugin.origin, path);
      assert.match(plugin.error, error);
      assert.equal(registry.get("json")?.origin, "built-in");
      assert.equal(resolveOutputTarget("json", { registry, ctx }).format.name, "json");
      assert.throws(
        () => resolveOutputTarget(plugin.name!, { registry, ctx }),
        (e: AxError) => e instanceof AxError && e.message.includes(path) && e.exitCode === 1,
      );
    });
  }

  it("refuses a module that shadows a built-in, naming both", async () => {
    const { path, registry } = await loadWith(formatSource({ name: '"csv"' }));
    assert.equal(registry.get("csv")?.origin, "built-in");
    assert.deepEqual(registry.broken().map((b) => [b.origin, b.error]), [
      [path, "format name 'csv' is already taken by a built-in format"],
    ]);
  });

  it("refuses a second module with the same name, naming the first file", async () => {
    const first = writeModule(join(root, "dup"), "one.ts", formatSource({ name: '"dup"' }));
    const second = writeModule(join(root, "dup"), "two.ts", formatSource({ name: '"dup"' }));
    const { ctx } = fakeContext({ cwd: root, env: { PATH: "" } });
    const registry = await loadFormatRegistry(ctx, {
      configDir: undefined,
      pluginPaths: [first, second],
    });
    assert.equal(registry.get("dup")?.origin, first);
    assert.deepEqual(registry.broken().map((b) => [b.origin, b.error]), [
      [second, `format name 'dup' is already taken by ${first}`],
    ]);
  });

  it("names the plugin file when its write throws", async () => {
    const { path, registry, ctx } = await loadWith(
      formatSource({ write: "async write() { throw new RangeError('bad row'); }" }),
    );
    const target = resolveOutputTarget("demo", { registry, ctx });
    await assert.rejects(
      writeOutput(twoRecords(), target, INFO, ctx),
      (error: AxError) => error.message === `Format plugin ${path} failed: bad row`,
    );
  });

  it("loads plugins from <config dir>/plugins", async () => {
    const configDir = join(root, "cfg");
    writeModule(join(configDir, "plugins"), "fromconfig.ts", formatSource({ name: '"cfgfmt"' }));
    const { ctx } = fakeContext({ cwd: root, env: { PATH: "" } });
    const registry = await loadFormatRegistry(ctx, { configDir });
    assert.equal(registry.get("cfgfmt")?.origin, join(configDir, "plugins", "fromconfig.ts"));
  });
});
