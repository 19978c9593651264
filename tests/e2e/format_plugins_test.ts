/**
 * Format plugins from every place ax looks for them, as a user installs
 * them: a module in `<config dir>/plugins/`, one given with `--plugin`, one in
 * `AX_PLUGIN_PATH`, and the example `ax-format-tsv` program on PATH and in the
 * plugins folder. A plugin cannot take a built-in's name; a broken one (a
 * syntax error, no default export, not executable) leaves commands that do
 * not use it alone and, when used, fails naming its file and what is wrong —
 * from source and from the compiled binary (AX_BIN), whose runtime reports a
 * syntax error differently. Real ax against a real emulator.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { useEmulator } from "../_helpers/emulator_fixture.ts";

const EXAMPLES = fileURLToPath(new URL("../../formats/plugins/examples/", import.meta.url));

const fx = useEmulator("format-plugins");

/** A module plugin printing `<tag> <name>` per record. */
function tagPlugin(name: string, tag: string, extension: string): string {
  return `export default { name: ${JSON.stringify(name)}, description: "tags names",
    extensions: [${JSON.stringify(extension)}], binary: false,
    async write(records, sink) { for await (const r of records) await sink.write("${tag} " + r.name + "\\n"); } };`;
}

describe("format plugins from every source (compiled binary too)", () => {
  let plugins: string;
  let elsewhere: string;
  let bin: string;
  const keyNames = ["plugin key one", "plugin key 二 🔑"];

  before(async () => {
    plugins = join(fx.box.configDir, "plugins");
    mkdirSync(plugins, { recursive: true });
    elsewhere = fx.box.dir("elsewhere");
    bin = fx.box.dir("bin");
    writeFileSync(join(plugins, "folder.js"), tagPlugin("folder", "F", ".fold"));
    writeFileSync(join(elsewhere, "flag.mjs"), tagPlugin("flag", "G", ".flag"));
    writeFileSync(join(elsewhere, "envpath.js"), tagPlugin("envpath", "E", ".envp"));
    writeFileSync(join(elsewhere, "shadow.js"), tagPlugin("csv", "SHADOW", ".csv"));
    writeFileSync(join(elsewhere, "syntax.js"), "export default {{{\n");
    writeFileSync(join(elsewhere, "noexport.js"), "export const x = 1;\n");
    copyFileSync(join(EXAMPLES, "ax-format-tsv"), join(bin, "ax-format-tsv"));
    chmodSync(join(bin, "ax-format-tsv"), 0o755);
    // The same program under another name; its own extension, as two plugins cannot share one.
    writeFileSync(
      join(plugins, "ax-format-folder-tsv"),
      readFileSync(join(EXAMPLES, "ax-format-tsv"), "utf8").replace('[".tsv"]', '[".ftsv"]'),
    );
    chmodSync(join(plugins, "ax-format-folder-tsv"), 0o755);
    copyFileSync(join(EXAMPLES, "markdown.ts"), join(plugins, "markdown.ts"));
    for (const name of keyNames) await fx.axExpecting(0, ["api-keys", "create", "-n", name]);
  });

  const env = () => ({
    PATH: `${bin}:${process.env.PATH}`,
    AX_PLUGIN_PATH: join(elsewhere, "envpath.js"),
  });

  it("every source works for -o NAME and by extension", async () => {
    const cases: [string[], RegExp][] = [
      [["-o", "folder"], /^F plugin key one$/m],
      [["-o", "flag", "--plugin", join(elsewhere, "flag.mjs")], /^G plugin key 二 🔑$/m],
      [["-o", "envpath"], /^E plugin key one$/m],
      [["-o", "tsv"], /^\S+\tplugin key 二 🔑\t/m],
      [["-o", "folder-tsv"], /^\S+\tplugin key one\t/m],
      [["-o", "markdown"], /^\| plugin key 二 🔑 \| \S+ \|/m],
    ];
    for (const [args, expected] of cases) {
      const result = await fx.axExpecting(0, ["api-keys", "list", ...args], { env: env() });
      assert.match(result.stdout, expected, args.join(" "));
    }
    await fx.axExpecting(0, ["api-keys", "list", "-o", "keys.fold"], { env: env() });
    assert.match(readFileSync(join(fx.box.home, "keys.fold"), "utf8"), /^F plugin key one$/m);
    await fx.axExpecting(0, ["api-keys", "list", "-o", "keys.ftsv"], { env: env() });
    assert.match(readFileSync(join(fx.box.home, "keys.ftsv"), "utf8"), /^id\tname\t/);
  });

  it("ax formats list shows each plugin and where it came from", async () => {
    const result = await fx.axExpecting(0, ["formats", "list", "-o", "json"], { env: env() });
    const formats: { name: string; origin: string; status: string }[] =
      JSON.parse(result.stdout).formats;
    const origin = (name: string) => formats.find((f) => f.name === name)?.origin;
    assert.equal(origin("folder"), join(plugins, "folder.js"));
    assert.equal(origin("envpath"), join(elsewhere, "envpath.js"));
    assert.equal(origin("tsv"), join(bin, "ax-format-tsv"));
    assert.equal(origin("folder-tsv"), join(plugins, "ax-format-folder-tsv"));
    assert.ok(formats.every((f) => f.status === "ok"), result.stdout);
  });

  it("a plugin cannot shadow a built-in: csv stays csv", async () => {
    const result = await fx.axExpecting(
      0,
      ["api-keys", "list", "-o", "csv", "--plugin", join(elsewhere, "shadow.js")],
      { env: env() },
    );
    assert.match(result.stdout, /^id,name,/);
    assert.doesNotMatch(result.stdout, /SHADOW/);
  });

  it("broken plugins do not break other formats, and fail naming the file when used", async () => {
    const broken = [
      ["syntax", /SyntaxError: .*\{/], // the offending token, from Deno or Bun
      ["noexport", /no default export/],
    ] as const;
    const all = broken.flatMap(([name]) => ["--plugin", join(elsewhere, `${name}.js`)]);
    const fine = await fx.axExpecting(0, ["api-keys", "list", "-o", "json", ...all], {
      env: env(),
    });
    assert.equal(JSON.parse(fine.stdout).api_keys.length >= keyNames.length, true);
    for (const [name, problem] of broken) {
      const used = await fx.axExpecting(1, ["api-keys", "list", "-o", name, ...all], {
        env: env(),
      });
      assert.equal(used.stdout, "");
      const first = used.stderr.split("\n")[0];
      assert.ok(first.includes(join(elsewhere, `${name}.js`)), first);
      assert.match(first, problem);
      assert.doesNotMatch(first, /\d+ errors building/, "the error itself, not Bun's summary");
    }
  });

  it("a non-executable ax-format-* in the plugins folder is reported only when used", async () => {
    const path = join(plugins, "ax-format-noexec");
    writeFileSync(path, "#!/bin/sh\necho hi\n");
    chmodSync(path, 0o644);
    try {
      await fx.axExpecting(0, ["spaces", "list", "-o", "ndjson"], { env: env() });
      const used = await fx.axExpecting(1, ["api-keys", "list", "-o", "noexec"], { env: env() });
      assert.match(used.stderr, new RegExp(`${path}.*not executable`));
    } finally {
      rmSync(path);
    }
  });
});
