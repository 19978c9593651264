import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createFormatRegistry, registryFor } from "../../formats/registry.ts";
import type { Context } from "../../runtime/context.ts";
import { fakeContext } from "../_helpers/fake_context.ts";
import { formatSource, tempFolder, writeModule } from "./plugins/_plugin_files.ts";
import type { Format } from "../../formats/types.ts";

function plugin(name: string, extensions: string[] = []): Format {
  return { name, description: `${name} plugin`, extensions, binary: false, write: async () => {} };
}

describe("format registry", () => {
  it("holds the built-ins, in order, with origin built-in", () => {
    const registry = createFormatRegistry();
    assert.deepEqual(
      registry.entries().map((e) => [e.format.name, e.origin]),
      [
        ["table", "built-in"],
        ["wide", "built-in"],
        ["json", "built-in"],
        ["ndjson", "built-in"],
        ["csv", "built-in"],
        ["parquet", "built-in"],
      ],
    );
    assert.deepEqual(registry.broken(), []);
  });

  it("finds formats by name (any case, aliases) and by extension (with or without the dot)", () => {
    const registry = createFormatRegistry();
    assert.equal(registry.get("Parquet")?.format.name, "parquet");
    assert.equal(registry.get("jsonl")?.format.name, "ndjson");
    assert.equal(registry.get("nope"), undefined);
    assert.equal(registry.byExtension(".PQ")?.format.name, "parquet");
    assert.equal(registry.byExtension("jsonl")?.format.name, "ndjson");
    assert.equal(registry.byExtension(".txt"), undefined);
  });

  it("adds plugins after the built-ins, reachable by name and extension", () => {
    const registry = createFormatRegistry([
      { ok: true, format: plugin("markdown", [".md"]), origin: "/p/markdown.ts" },
    ]);
    assert.equal(registry.get("markdown")?.origin, "/p/markdown.ts");
    assert.equal(registry.byExtension(".MD")?.format.name, "markdown");
    assert.equal(registry.entries().at(-1)?.format.name, "markdown");
  });

  it("refuses a plugin that shadows a built-in name, alias or extension, naming both", () => {
    const registry = createFormatRegistry([
      { ok: true, format: plugin("csv"), origin: "/p/csv.ts" },
      { ok: true, format: plugin("jsonl"), origin: "/p/jsonl.ts" },
      { ok: true, format: plugin("excel", [".csv"]), origin: "/p/excel.ts" },
    ]);
    assert.equal(registry.get("csv")?.origin, "built-in");
    assert.equal(registry.get("excel"), undefined);
    assert.deepEqual(
      registry.broken().map((b) => [b.origin, b.error]),
      [
        ["/p/csv.ts", "format name 'csv' is already taken by a built-in format"],
        ["/p/jsonl.ts", "format name 'jsonl' is already taken by a built-in format"],
        ["/p/excel.ts", "extension '.csv' is already taken by format 'csv' (a built-in format)"],
      ],
    );
  });

  it("keeps the first of two plugins with one name and reports the second, naming both files", () => {
    const registry = createFormatRegistry([
      { ok: true, format: plugin("md", [".md"]), origin: "/first/md.ts" },
      { ok: true, format: plugin("md"), origin: "/second/md.ts" },
      { ok: true, format: plugin("markdown", [".md"]), origin: "/third/markdown.ts" },
    ]);
    assert.equal(registry.get("md")?.origin, "/first/md.ts");
    assert.deepEqual(registry.broken().map((b) => b.error), [
      "format name 'md' is already taken by /first/md.ts",
      "extension '.md' is already taken by format 'md' (/first/md.ts)",
    ]);
    assert.deepEqual(registry.broken().map((b) => b.origin), [
      "/second/md.ts",
      "/third/markdown.ts",
    ]);
  });

  it("records plugins that failed to load without failing itself", () => {
    const registry = createFormatRegistry([
      { ok: false, origin: "/p/bad.ts", name: "bad", error: "cannot load it: SyntaxError" },
    ]);
    assert.equal(registry.entries().length, 6);
    assert.equal(registry.broken()[0].origin, "/p/bad.ts");
  });
});

describe("registryFor: plugins load only when the built-ins cannot answer", () => {
  let root: string;
  let marker: string;
  let ctx: Context;
  beforeEach(() => {
    root = tempFolder();
    marker = join(root, "loaded");
    // Importing this plugin leaves a mark, so a test can tell whether it was loaded.
    writeModule(
      join(root, "config", "plugins"),
      "md.js",
      `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "");\n` +
        formatSource({ name: '"md"', extensions: '[".md"]' }),
    );
    ctx = fakeContext({ cwd: root, env: { PATH: "" } }).ctx;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const options = () => ({ configDir: join(root, "config") });

  for (
    const [wanted, asFile] of [["json", false], ["JSONL", false], ["keys.csv", true], [
      " table ",
      false,
    ]] as const
  ) {
    it(`'${wanted}' is answered by the built-ins, no plugin loaded`, async () => {
      const registry = await registryFor(wanted, { ctx, asFile, options: options() });
      assert.deepEqual(registry.entries().map((e) => e.origin), Array(6).fill("built-in"));
      assert.equal(existsSync(marker), false);
    });
  }

  // A module is imported once per process: each case has its own plugin file (beforeEach).
  for (const [wanted, asFile] of [["md", false], ["notes.md", true], ["yaml", false]] as const) {
    it(`'${wanted}' loads the plugins`, async () => {
      const registry = await registryFor(wanted, { ctx, asFile, options: options() });
      assert.ok(registry.get("md"));
      assert.equal(existsSync(marker), true);
    });
  }

  it("a profile's format is never a file: its extension alone does not settle it", async () => {
    const registry = await registryFor("keys.csv", { ctx, asFile: false, options: options() });
    assert.ok(registry.get("md"));
  });
});
