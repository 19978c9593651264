import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { loadFormatRegistry } from "../../../formats/registry.ts";
import { resolveOutputTarget, writeOutput } from "../../../formats/output.ts";
import { fakeContext } from "../../_helpers/fake_context.ts";
import { assertGolden, COLUMNS, DISPLAY_ORDER, ROWS, WRITE_INFO as INFO } from "../_support.ts";
import { tempFolder } from "./_plugin_files.ts";
import type { Row } from "../../../formats/types.ts";

const EXAMPLES = fileURLToPath(new URL("../../../formats/plugins/examples/", import.meta.url));

// Values that need escaping in each format.
const AWKWARD: Row = {
  ...ROWS[0],
  id: "QXBp1004",
  name: 'pipe | tab\tquote " back\\slash',
  description: 'two\nlines, {braces}: and "quotes"',
};

async function* records(rows: readonly Row[]) {
  yield* rows;
}

let out: string;
before(() => {
  out = tempFolder("ax-examples-");
});
after(() => {
  rmSync(out, { recursive: true, force: true });
});

describe("example plugins", () => {
  it("markdown.ts: a Markdown table, via --plugin, to stdout and to a .md file", async () => {
    const { ctx, stdout } = fakeContext({ cwd: out, env: { PATH: "" } });
    const registry = await loadFormatRegistry(ctx, {
      configDir: undefined,
      pluginPaths: [join(EXAMPLES, "markdown.ts")],
    });
    assert.deepEqual(registry.broken(), []);
    await writeOutput(
      records([...ROWS, AWKWARD]),
      resolveOutputTarget("markdown", { registry, ctx }),
      INFO,
      ctx,
    );
    assertGolden("example_markdown.md", stdout.text());

    await writeOutput(records(ROWS), resolveOutputTarget("keys.md", { registry, ctx }), INFO, ctx);
    assert.equal(
      readFileSync(join(out, "keys.md"), "utf8").split("\n")[0],
      `| ${DISPLAY_ORDER.join(" | ")} |`,
    );
  });

  it("ax-format-tsv: tab-separated values, found on PATH, described with --ax-describe", {
    skip: process.platform === "win32",
  }, async () => {
    const path = [EXAMPLES, "/usr/bin", "/bin"].join(delimiter);
    const { ctx, stdout } = fakeContext({ cwd: out, env: { PATH: path } });
    const registry = await loadFormatRegistry(ctx, { configDir: undefined });
    const entry = registry.get("tsv");
    assert.equal(entry?.origin, join(EXAMPLES, "ax-format-tsv"));
    assert.deepEqual(entry?.format.extensions, [".tsv"]);
    await writeOutput(
      records([...ROWS, AWKWARD]),
      resolveOutputTarget("tsv", { registry, ctx }),
      INFO,
      ctx,
    );
    const text = stdout.text();
    assertGolden("example.tsv", text);
    const lines = text.trimEnd().split("\n");
    assert.equal(lines.length, 5, "one line per record, newlines escaped");
    assert.ok(lines.every((line) => line.split("\t").length === COLUMNS.length));
    assert.equal(lines[4].split("\t")[1], 'pipe | tab\\tquote " back\\\\slash');

    await writeOutput(records(ROWS), resolveOutputTarget("keys.tsv", { registry, ctx }), INFO, ctx);
    assert.equal(readFileSync(join(out, "keys.tsv"), "utf8"), lines.slice(0, 4).join("\n") + "\n");
  });
});
