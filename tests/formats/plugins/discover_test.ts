import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { delimiter, join } from "node:path";
import process from "node:process";
import { discoverPlugins, suggestedName } from "../../../formats/plugins/discover.ts";
import { fakeContext } from "../../_helpers/fake_context.ts";
import { formatSource, tempFolder, writeExecutable, writeModule } from "./_plugin_files.ts";

let root: string;
beforeEach(() => {
  root = tempFolder();
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function context(env: Record<string, string | undefined> = {}) {
  return fakeContext({ cwd: root, env: { PATH: "", ...env } }).ctx;
}

describe("plugin discovery", { skip: process.platform === "win32" }, () => {
  it("finds modules and executables in <config dir>/plugins, ignoring other files", async () => {
    const folder = join(root, "config", "plugins");
    writeModule(folder, "a.ts", formatSource());
    writeModule(folder, "b.mjs", formatSource());
    writeModule(folder, "c.js", formatSource());
    writeModule(folder, "README.md", "# notes");
    writeModule(folder, ".hidden.ts", formatSource());
    writeExecutable(folder, "ax-format-tsv", "cat");
    writeModule(folder, "ax-format-off", "not executable");
    const { candidates, problems } = await discoverPlugins(context(), {
      configDir: join(root, "config"),
    });
    assert.deepEqual(candidates.map((c) => [c.kind, c.name, c.path]), [
      ["module", "a", join(folder, "a.ts")],
      ["executable", "tsv", join(folder, "ax-format-tsv")],
      ["module", "b", join(folder, "b.mjs")],
      ["module", "c", join(folder, "c.js")],
    ]);
    assert.deepEqual(problems, [{
      path: join(folder, "ax-format-off"),
      name: "off",
      error: "the file is not executable (chmod +x it)",
    }]);
  });

  it("has nothing to find without a config dir or plugins folder", async () => {
    assert.deepEqual(await discoverPlugins(context(), { configDir: undefined }), {
      candidates: [],
      problems: [],
    });
    assert.deepEqual(await discoverPlugins(context(), { configDir: join(root, "none") }), {
      candidates: [],
      problems: [],
    });
  });

  it("takes --plugin paths (relative to the working dir) and AX_PLUGIN_PATH, files or folders", async () => {
    writeModule(root, "mine.ts", formatSource());
    writeModule(join(root, "envdir"), "fromenv.ts", formatSource());
    writeModule(root, "single.mjs", formatSource());
    const env = {
      AX_PLUGIN_PATH: [join(root, "envdir"), join(root, "single.mjs")].join(delimiter),
    };
    const { candidates } = await discoverPlugins(context(env), {
      configDir: undefined,
      pluginPaths: ["mine.ts"],
    });
    assert.deepEqual(candidates.map((c) => c.name), ["mine", "fromenv", "single"]);
  });

  it("reports explicit paths that are missing or not plugins, naming them", async () => {
    writeModule(root, "notes.txt", "hello");
    const { candidates, problems } = await discoverPlugins(context(), {
      configDir: undefined,
      pluginPaths: ["gone.ts", "notes.txt"],
    });
    assert.deepEqual(candidates, []);
    assert.deepEqual(problems.map((p) => [p.path, p.error.split(":")[0]]), [
      [join(root, "gone.ts"), "no such file or folder"],
      [join(root, "notes.txt"), "not a plugin"],
    ]);
  });

  it("finds ax-format-<name> executables on PATH; the first folder wins, like a shell", async () => {
    const first = join(root, "bin1");
    const second = join(root, "bin2");
    writeExecutable(first, "ax-format-tsv", "cat");
    writeExecutable(second, "ax-format-tsv", "cat");
    writeExecutable(second, "ax-format-yaml", "cat");
    writeModule(second, "ax-format-plain", "not executable");
    writeExecutable(second, "other-tool", "cat");
    const { candidates, problems } = await discoverPlugins(
      context({ PATH: [first, join(root, "missing"), second].join(delimiter) }),
      { configDir: undefined },
    );
    assert.deepEqual(candidates.map((c) => c.path), [
      join(first, "ax-format-tsv"),
      join(second, "ax-format-yaml"),
    ]);
    assert.deepEqual(problems, [], "non-plugins on PATH are none of our business");
  });

  it("lists explicit plugins first, then the plugins folder, then PATH, without duplicates", async () => {
    const folder = join(root, "config", "plugins");
    writeExecutable(folder, "ax-format-x", "cat");
    writeModule(root, "explicit.ts", formatSource());
    const { candidates } = await discoverPlugins(context({ PATH: folder }), {
      configDir: join(root, "config"),
      pluginPaths: ["explicit.ts", join(folder, "ax-format-x")],
    });
    assert.deepEqual(candidates.map((c) => c.name), ["explicit", "x"]);
  });

  it("suggests a format name from a file name", () => {
    assert.equal(suggestedName("/p/markdown.ts"), "markdown");
    assert.equal(suggestedName("/p/ax-format-tsv"), "tsv");
    assert.equal(suggestedName("/p/ax-format-md.mjs"), "md");
  });
});
