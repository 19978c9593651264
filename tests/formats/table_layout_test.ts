import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cellOf, drawRow, planLayout, rowWidth } from "../../formats/_table_layout.ts";

/** name (cuttable), id, type, status, expires, last used: api-keys' summary. */
const NATURAL = [60, 20, 7, 7, 10, 12];
const HEADERS = [4, 2, 4, 6, 7, 9];
const CUTTABLE = [true, false, false, false, false, false];
const DROP_RANK = [-1, -1, 1, 3, 2, 0];

function plan(available: number, dropRank = DROP_RANK) {
  return planLayout({
    natural: NATURAL,
    headers: HEADERS,
    cuttable: CUTTABLE,
    dropRank,
    available,
  });
}

describe("planLayout", () => {
  it("keeps natural widths when the row fits", () => {
    assert.deepEqual(plan(200), { shown: [0, 1, 2, 3, 4, 5], widths: NATURAL });
  });

  for (const width of [40, 80, 120]) {
    it(`fits ${width} columns exactly by cutting the cuttable column`, () => {
      const layout = plan(width);
      assert.equal(rowWidth(layout.widths), width);
      layout.shown.forEach((column, i) => {
        if (!CUTTABLE[column]) assert.equal(layout.widths[i], NATURAL[column], "never cut");
      });
    });
  }

  it("leaves out columns in drop order while the cut name would be under 12 columns", () => {
    assert.deepEqual(plan(80).shown, [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(plan(70).shown, [0, 1, 2, 3, 4]);
    assert.deepEqual(plan(60).shown, [0, 1, 3, 4]);
    assert.deepEqual(plan(45).shown, [0, 1, 3]);
    assert.deepEqual(plan(40).shown, [0, 1]);
  });

  it("never leaves out columns without a rank; cuts further, then overflows", () => {
    const none = NATURAL.map(() => -1);
    assert.deepEqual(plan(70, none).widths, [4, 20, 7, 7, 10, 12], "name cut to 4");
    assert.ok(rowWidth(plan(50, none).widths) > 50, "ids and times are never cut");
    assert.equal(plan(50, none).widths[0], 12, "overflowing anyway: the name stays readable");
  });
});

describe("drawRow", () => {
  it("pads to the column widths, two spaces apart, no trailing blanks", () => {
    const cells = [cellOf("ab"), cellOf("日本"), cellOf("x"), cellOf("")];
    assert.equal(drawRow(cells, { widths: [4, 6, 3, 5], color: false }), "ab    日本    x\n");
  });

  it("paints coloured cells without counting the escapes", () => {
    const cells = [cellOf("ok", "green"), cellOf("z")];
    assert.equal(drawRow(cells, { widths: [3, 1], color: true }), "\x1b[32mok\x1b[0m   z\n");
  });
});
