import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { stringify } from "csv-stringify/sync";
import { csvField, csvFormat, neutraliseFormula } from "../../formats/csv.ts";
import { CHUNK_CHARS } from "../../formats/_buffered_sink.ts";
import { assertChunked, assertGolden, chunkedWrites, COLUMNS, render, ROWS } from "./_support.ts";

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

  it("escapes control characters on a terminal only (S4); pipes and files keep the data", async () => {
    const row = { ...ROWS[0], name: "a\x1b]0;title\x07b", description: "x\u009b2Jy\nz" };
    const onTerminal = await render(csvFormat, [row], { isTerminal: true });
    assert.ok(onTerminal.includes(",a\\x1b]0;title\\x07b,x\\x9b2Jy\\nz,"), onTerminal);
    const piped = await render(csvFormat, [row]);
    assert.ok(piped.includes(`,a\x1b]0;title\x07b,"x\u009b2Jy\nz",`), piped);
  });

  it("writes a long list in chunks of about 64 KiB while still reading it", async () => {
    assertChunked(await chunkedWrites(csvFormat, 3000), CHUNK_CHARS + 1000);
  });

  it("quotes exactly as csv-stringify does with ax's former options", () => {
    const samples = [
      "",
      "plain",
      "a,b",
      'say "hi"',
      '"',
      "two\nlines",
      "cr\ronly",
      "crlf\r\nend",
      " spaced ",
      "tab\there",
      "'quoted'",
      "ünïcødé, 雪",
      "emoji 🎉",
      ",",
      "\n",
    ];
    for (const text of samples) {
      const expected = stringify([[text]], { record_delimiter: "\n", quoted_match: /\r/ });
      assert.equal(csvField(text) + "\n", expected, JSON.stringify(text));
    }
  });
});
