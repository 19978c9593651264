import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { csvFormat, neutraliseFormula } from "../../formats/csv.ts";
import {
  assertGolden,
  captureSink,
  COLUMNS,
  infoFor,
  recordsOf,
  render,
  ROWS,
} from "./_support.ts";

const HEADER = COLUMNS.map((c) => c.name).join(",") + "\n";

describe("csv format", () => {
  it("writes a header and typed cells: RFC 3339 UTC times, true/false, empty for absent", async () => {
    const text = await render(csvFormat, ROWS);
    assertGolden("list.csv", text);
    const lines = text.split("\n");
    assert.equal(lines[0] + "\n", HEADER);
    assert.equal(
      lines[3],
      'QXBp1003,old deploy key,"Rotated, see ticket OPS-12",revoked,,,2023-12-31T22:59:59Z,',
    );
    assert.ok(lines[2].includes(",2024-02-01T08:00:00.5Z,"), "fractions kept, in UTC");
  });

  it("always writes the header, with the full column set, even for an empty list", async () => {
    assert.equal(await render(csvFormat, []), HEADER);
  });

  it("keeps the schema's columns and order whatever the records carry", async () => {
    const text = await render(csvFormat, [{ extra: "x", name: "only name", id: "i" }]);
    assert.equal(text, HEADER + "i,only name,,,,,,\n");
  });

  it("writes an object as a header and one row", async () => {
    const text = await render(csvFormat, [ROWS[0]], { info: { shape: "object" } });
    assert.equal(text.split("\n").length, 3);
  });

  it("prefixes ' to text cells a spreadsheet would run as a formula (S5)", async () => {
    const dangerous = ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tTAB", "\rCR"];
    const rows = dangerous.map((description, i) => ({ ...ROWS[0], id: `k${i}`, description }));
    const text = await render(csvFormat, rows);
    assertGolden("formula.csv", text);
    for (const value of dangerous) assert.equal(neutraliseFormula(value), `'${value}`);
    assert.equal(neutraliseFormula("safe = here"), "safe = here");
    assert.ok(text.includes(",'=1+1,"));
    assert.ok(text.includes(`,"'\rCR",`), "a CR cell is prefixed and quoted");
  });

  it("does not prefix numbers or times, which are not text", async () => {
    const text = await render(csvFormat, [{ ...ROWS[0], uses: -5 }]);
    assert.ok(text.includes(",-5,"));
  });

  it("quotes per RFC 4180: commas, quotes and line breaks", async () => {
    const row = { ...ROWS[0], name: 'say "hi", ok', description: "two\nlines" };
    const text = await render(csvFormat, [row]);
    assert.ok(text.includes(`,"say ""hi"", ok",`));
    assert.ok(text.includes(`,"two\nlines",`));
  });

  it("writes in batches, not a write per row", async () => {
    const many = Array.from({ length: 2500 }, (_, i) => ({ ...ROWS[0], id: `k${i}` }));
    const sink = captureSink();
    await csvFormat.write(recordsOf(many), sink, infoFor());
    assert.equal(sink.writes, 4, "header + three batches");
    assert.equal(sink.text().split("\n").length, 2502);
  });
});
