import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { runFormatsList } from "../../commands/formats/list.ts";
import { runCommand } from "../_helpers/run_command.ts";
import { AxError } from "../../runtime/errors.ts";
import { fakeContext } from "../_helpers/fake_context.ts";
import { formatSource, tempFolder, writeModule } from "./plugins/_plugin_files.ts";
import { assertGolden } from "./_support.ts";

let home: string;
before(() => {
  home = tempFolder("ax-formats-list-");
});
after(() => {
  rmSync(home, { recursive: true, force: true });
});

describe("ax formats list", () => {
  it("shows the built-in formats with origin, extensions and description", async () => {
    const run = await runCommand(["formats", "list"], { homeDir: home, env: { PATH: "" } });
    assert.equal(run.error, undefined);
    assertGolden("formats_list.txt", run.stdout);
    assert.equal(run.stderr, "");
  });

  it("prints JSON with -o json", async () => {
    const { ctx, stdout } = fakeContext({ homeDir: home, env: { PATH: "" } });
    await runFormatsList({ output: "json", plugins: [] }, ctx);
    const listing = JSON.parse(stdout.text()).formats;
    assert.deepEqual(listing.map((f: { name: string }) => f.name), [
      "table",
      "wide",
      "json",
      "ndjson",
      "csv",
      "parquet",
    ]);
    assert.deepEqual(listing[5], {
      name: "parquet",
      origin: "built-in",
      extensions: ".parquet .pq",
      binary: true,
      status: "ok",
      description: "Apache Parquet: typed columns, UTC microsecond timestamps, snappy",
    });
  });

  it("lists plugins with their file, and broken ones with the error, then fails (exit 1)", async () => {
    const plugins = join(home, ".arize", "plugins");
    const good = writeModule(plugins, "good.ts", formatSource({ name: '"good"' }));
    const bad = writeModule(plugins, "bad.ts", "export default { name: 'bad' };");
    const { ctx, stdout, stderr } = fakeContext({ homeDir: home, env: { PATH: "" } });
    await assert.rejects(runFormatsList({ output: "json", plugins: [] }, ctx), (error: AxError) => {
      assert.ok(error instanceof AxError);
      assert.equal(error.exitCode, 1);
      assert.equal(error.message, `1 format plugin is broken: ${bad}`);
      return true;
    });
    const listing = JSON.parse(stdout.text()).formats;
    assert.deepEqual(listing.at(-2), {
      name: "good",
      origin: good,
      extensions: ".demo",
      binary: false,
      status: "ok",
      description: "demo format",
    });
    assert.deepEqual(listing.at(-1), {
      name: "bad",
      origin: bad,
      status: "broken",
      error: "'description' must be a non-empty string (got nothing)",
    });
    assert.equal(stderr.text(), "");
    rmSync(plugins, { recursive: true });
  });

  it("fits an 80-column terminal with a broken plugin's long path and error", async () => {
    const plugins = join(home, ".arize", "plugins");
    writeModule(plugins, "a_rather_long_plugin_file_name_for_testing.ts", "export default {};");
    const { ctx, stdout } = fakeContext({
      homeDir: home,
      env: { PATH: "", NO_COLOR: "1" },
      tty: true,
      columns: 80,
    });
    await assert.rejects(runFormatsList({ plugins: [] }, ctx), AxError);
    const lines = stdout.text().trimEnd().split("\n");
    assert.match(lines[0], /^NAME +EXTENSIONS +STATUS +ORIGIN +DESCRIPTION +ERROR$/);
    for (const line of lines) assert.ok(line.length <= 80, line);
    assert.match(lines.at(-1)!, /^a_rather_lo… +— +broken +\/.*…/);
    rmSync(plugins, { recursive: true });
  });

  it("takes --plugin, and works without a home folder", async () => {
    const extra = writeModule(join(home, "extra"), "extra.ts", formatSource({ name: '"extra"' }));
    const run = await runCommand(
      ["formats", "list", "--plugin", "extra/extra.ts", "-o", "ndjson"],
      {
        homeDir: undefined,
        cwd: home,
        env: { PATH: "" },
      },
    );
    assert.equal(run.error, undefined);
    const last = JSON.parse(run.stdout.trimEnd().split("\n").at(-1)!);
    assert.equal(last.origin, extra);
  });
});
