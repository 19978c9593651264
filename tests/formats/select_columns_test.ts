import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { printTable, resolveOutputTarget, writeOutput } from "../../formats/output.ts";
import { createFormatRegistry } from "../../formats/registry.ts";
import { parseColumnSelection } from "../../formats/select_columns.ts";
import { UsageError } from "../../runtime/errors.ts";
import { fakeContext } from "../_helpers/fake_context.ts";
import { COLUMNS, recordsOf, ROWS, WRITE_INFO } from "./_support.ts";

const parse = (value: string) =>
  parseColumnSelection(value, { columns: COLUMNS, option: "--columns" });

describe("--columns", () => {
  it("takes names in the order given, any case, spaces ignored, repeats dropped", () => {
    assert.deepEqual(parse("name,ID, created_at ,name"), ["name", "id", "created_at"]);
  });

  for (const bad of ["nope", "name,,id", "", "name,"]) {
    it(`refuses '${bad}' with exit 2, listing the valid columns`, () => {
      assert.throws(() => parse(bad), (error: UsageError) => {
        assert.ok(error instanceof UsageError);
        assert.equal(error.exitCode, 2);
        assert.match(error.message, /--columns/);
        assert.equal(error.hints[0], `Valid columns: ${COLUMNS.map((c) => c.name).join(", ")}.`);
        return true;
      });
    });
  }

  async function write(format: string, tty = false) {
    const { ctx, stdout, stderr } = fakeContext({ tty, columns: 120 });
    const target = resolveOutputTarget(format, { registry: createFormatRegistry(), ctx });
    await writeOutput(
      recordsOf(ROWS),
      target,
      { ...WRITE_INFO, selected: ["status", "name"] },
      ctx,
    );
    return { out: stdout.text(), err: stderr.text() };
  }

  it("picks the csv columns", async () => {
    const { out } = await write("csv");
    assert.equal(
      out,
      "status,name\nactive,CI pipeline key\nactive,laptop\nrevoked,old deploy key\n",
    );
  });

  it("picks the table columns, piped and on a terminal, and wide's too", async () => {
    assert.equal((await write("table")).out.split("\n")[0], "status\tname");
    assert.equal((await write("wide")).out.split("\n")[0], "status\tname");
    // deno-lint-ignore no-control-regex
    const onTerminal = (await write("table", true)).out.replace(/\x1b\[[0-9;]*m/g, "");
    assert.match(onTerminal.split("\n")[0], /^STATUS +NAME$/);
    assert.match(onTerminal.split("\n")[3], /^revoked +old deploy key$/);
  });

  it("is refused for formats that write whole records, before anything is written", async () => {
    for (const format of ["json", "ndjson"]) {
      await assert.rejects(write(format), (error: UsageError) => {
        assert.ok(error instanceof UsageError);
        assert.match(error.message, new RegExp(`--columns does not apply to the ${format} format`));
        return true;
      });
    }
  });
});

describe("printTable", () => {
  it("prints through the table format; an empty list says so on stderr only", async () => {
    const { ctx, stdout, stderr } = fakeContext();
    await printTable(recordsOf(ROWS), WRITE_INFO, ctx);
    assert.equal(stdout.text().split("\n")[0], WRITE_INFO.displayOrder!.join("\t"));
    const empty = fakeContext();
    await printTable(recordsOf([]), WRITE_INFO, empty.ctx);
    assert.equal(empty.stdout.text(), "");
    assert.equal(empty.stderr.text(), "No items to display\n");
    assert.equal(stderr.text(), "");
  });
});
