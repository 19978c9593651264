import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { API_KEY_COLUMNS, API_KEY_DISPLAY_ORDER } from "../../commands/api_keys/_columns.ts";
import { PREVIEW_ROWS, tableFormat } from "../../formats/table.ts";
import { textWidth } from "../../formats/_text_width.ts";
import type { Row } from "../../formats/types.ts";
import {
  assertGolden,
  captureSink,
  COLUMNS,
  DISPLAY_ORDER,
  infoFor,
  RAW_CONTROL,
  render,
  ROWS,
} from "./_support.ts";

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const visibleWidth = (line: string) => textWidth(line.replace(ANSI, ""));

describe("table format", () => {
  it("draws a list off a terminal: header, rows, — for absent, UTC times, no colour", async () => {
    const text = await render(tableFormat, ROWS);
    assertGolden("table_list_plain.txt", text);
    assert.ok(!text.includes("\x1b"), "no escape codes off a terminal");
  });

  it("colours status (active green, revoked red) and the header when colour is on", async () => {
    const text = await render(tableFormat, ROWS, {
      isTerminal: true,
      width: 200,
      info: { color: true },
    });
    assertGolden("table_list_color.txt", text);
    assert.ok(text.includes("\x1b[32mactive\x1b[0m"));
    assert.ok(text.includes("\x1b[31mrevoked\x1b[0m"));
    assert.equal(text.replace(ANSI, ""), await render(tableFormat, ROWS), "same layout otherwise");
  });

  it("says 'No items to display' for an empty list (dimmed when coloured)", async () => {
    assert.equal(await render(tableFormat, []), "No items to display\n");
    assert.equal(
      await render(tableFormat, [], { info: { color: true } }),
      "\x1b[2mNo items to display\x1b[0m\n",
    );
  });

  it("uses the display order, and the schema order without one", async () => {
    const ordered = (await render(tableFormat, ROWS)).split("\n")[1];
    assert.match(ordered, /^┃ name +┃ id +┃/);
    const canonical = (await render(tableFormat, ROWS, { info: { displayOrder: undefined } }))
      .split("\n")[1];
    assert.match(canonical, /^┃ id +┃ name +┃/);
  });

  it("shows a single object as a key: value panel of the present fields", async () => {
    const text = await render(tableFormat, [ROWS[1]], { info: { shape: "object" } });
    assertGolden("table_object.txt", text);
    assert.ok(!text.includes("expires_at"), "absent fields are left out");
    assert.ok(!text.includes("description"));
  });

  it("prints the panel's lines bare when the box would not fit the terminal (values are never cut)", async () => {
    const secret = "ak-" + "x".repeat(80);
    const text = await render(tableFormat, [{ ...ROWS[0], key: secret }], {
      isTerminal: true,
      width: 60,
      info: { shape: "object", displayOrder: [...DISPLAY_ORDER, "key"] },
    });
    assert.ok(text.includes(`key: ${secret}\n`), "the whole secret, on one line");
    assert.ok(!text.includes("╭"));
  });

  it("aligns wide characters (CJK, emoji) by display width", async () => {
    const rows: Row[] = [
      { ...ROWS[0], name: "日本語のキー", description: "emoji 🎉🔑 ok" },
      { ...ROWS[1], name: "ascii", description: "Ünïcödé ç" },
    ];
    const text = await render(tableFormat, rows);
    assertGolden("table_unicode.txt", text);
    const widths = new Set(text.trimEnd().split("\n").map(visibleWidth));
    assert.equal(widths.size, 1, "every line has the same display width");
  });

  it("escapes control characters from the server (S4)", async () => {
    const hostile: Row = {
      ...ROWS[0],
      name: "evil\x1b[2J\x1b]0;pwned\x07",
      description: "line1\nline2\ttab \u009b31m c1 \x7f del",
    };
    const text = await render(tableFormat, [hostile], { info: { color: true } });
    assertGolden("table_hostile.txt", text);
    const withoutOurColours = text.replace(ANSI, "");
    assert.ok(!RAW_CONTROL.test(withoutOurColours), "no raw controls left");
    assert.ok(text.includes("evil\\x1b[2J\\x1b]0;pwned\\x07"));
  });

  it("cuts description and name with … on a narrow terminal instead of wrapping", async () => {
    const text = await render(tableFormat, ROWS, { isTerminal: true, width: 120 });
    assertGolden("table_narrow.txt", text);
    for (const line of text.trimEnd().split("\n")) assert.ok(visibleWidth(line) <= 120, line);
    assert.ok(text.includes("…"));
    assert.ok(text.includes("QXBp1003"), "identifiers are never cut");
  });

  it("cuts nothing when even the narrowest free text cannot fit (100 and 160 columns)", async () => {
    for (const width of [100, 160]) {
      const text = await renderApiKeys({ isTerminal: true, width });
      if (width === 160) assertGolden("table_api_keys_160.txt", text);
      assert.ok(!text.includes("…"), `nothing cut at ${width}`);
      assert.ok(text.includes("emulator admin key"));
      assert.ok(
        text.includes("Bootstrap key of the local emulator; its secret changes at every start"),
      );
      const widths = new Set(text.trimEnd().split("\n").map(visibleWidth));
      assert.equal(widths.size, 1, "every line as wide as the table");
      const [tableWidth] = widths;
      assert.ok(tableWidth > width, "the terminal wraps the lines, as it must");
      assert.equal(tableWidth, visibleWidth((await renderApiKeys()).split("\n")[0]));
    }
  });

  it("fits the terminal exactly when cutting free text is enough", async () => {
    const text = await renderApiKeys({ isTerminal: true, width: 200 });
    assert.ok(text.includes("…"));
    for (const line of text.trimEnd().split("\n")) assert.equal(visibleWidth(line), 200, line);
    assert.ok(text.includes("QXBpS2V5OjEwMDAxMDpsWTI3"), "identifiers are never cut");
  });

  it("never cuts off a terminal, however wide the rows", async () => {
    const long = "d".repeat(300);
    const text = await render(tableFormat, [{ ...ROWS[0], description: long }]);
    assert.ok(text.includes(long));
  });

  it("shows timestamps as YYYY-MM-DD HH:MM:SS in UTC; unparseable ones as sent", async () => {
    const text = await render(tableFormat, [
      { ...ROWS[0], created_at: "2024-03-10T01:30:00-05:00", expires_at: "not a date" },
    ]);
    assert.ok(text.includes("2024-03-10 06:30:00"));
    assert.ok(text.includes("not a date"));
  });

  it("streams after the first rows: later rows are drawn to the preview's widths", async () => {
    const sink = captureSink();
    let writesBeforeEnd = -1;
    async function* many() {
      for (let i = 0; i < PREVIEW_ROWS + 500; i++) {
        const long = i === PREVIEW_ROWS + 10;
        yield {
          ...ROWS[0],
          id: `id${String(i).padStart(5, "0")}`,
          description: long ? "x".repeat(200) : "short",
        };
      }
      writesBeforeEnd = sink.writes;
    }
    await tableFormat.write(many(), sink, infoFor());
    assert.ok(writesBeforeEnd > 0, "rows were written before the records ended");
    const lines = sink.text().trimEnd().split("\n");
    assert.equal(lines.length, PREVIEW_ROWS + 500 + 4);
    const widths = new Set(lines.map(visibleWidth));
    assert.equal(widths.size, 1, "a late long description is cut to the settled width");
    assert.ok(sink.text().includes("shor…") || sink.text().includes("x…"));
  });

  it("keeps the schema's types: integers and booleans as text, absent as —", async () => {
    const text = await render(tableFormat, [ROWS[2]], { info: { columns: COLUMNS } });
    const row = text.split("\n")[3];
    assert.match(row, /│ — +│ — +│ 2023-12-31 22:59:59 │ — +│$/);
  });
});

/** API keys as the emulator lists them: 24-character base64 IDs, RFC 3339 times. */
const API_KEY_ROWS: readonly Row[] = [
  {
    id: "QXBpS2V5Ojg6VHVWTg==XyZ1",
    name: "emulator admin key",
    description: "Bootstrap key of the local emulator; its secret changes at every start",
    key_type: "user",
    status: "active",
    redacted_key: "ak-5RQ...lAs",
    created_at: "2026-11-26T20:29:18Z",
    created_by_user_id: "VXNlcjozOk9GT3g=",
    last_used_at: "2026-11-26T20:31:05Z",
  },
  {
    id: "QXBpS2V5OjEwMDAxMDpsWTI3",
    name: "seed key 100000",
    key_type: "service",
    status: "revoked",
    redacted_key: "ak-4Ny...f8r",
    created_at: "2026-11-26T20:29:17Z",
    expires_at: "2027-11-17T20:29:18Z",
    created_by_user_id: "VXNlcjozOk9GT3g=",
  },
];

/** The api-keys table of {@link API_KEY_ROWS}, with api-keys' own columns and order. */
function renderApiKeys(options: { isTerminal?: boolean; width?: number } = {}): Promise<string> {
  return render(tableFormat, API_KEY_ROWS, {
    ...options,
    info: { columns: API_KEY_COLUMNS, displayOrder: API_KEY_DISPLAY_ORDER },
  });
}
