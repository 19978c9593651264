import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  API_KEY_COLUMNS,
  API_KEY_CREATED_COLUMNS,
  API_KEY_CREATED_DISPLAY_ORDER,
  API_KEY_DISPLAY_ORDER,
  API_KEY_TABLE,
} from "../../commands/api_keys/_columns.ts";
import { NO_ITEMS, PREVIEW_ROWS, tableFormat, wideFormat } from "../../formats/table.ts";
import { textWidth, wrapToWidth } from "../../formats/_text_width.ts";
import type { Format, OutputInfo, Row } from "../../formats/types.ts";
import {
  assertGolden,
  captureSink,
  COLUMNS,
  infoFor,
  RAW_CONTROL,
  recordsOf,
  render,
  ROWS,
} from "./_support.ts";

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const visibleWidth = (line: string) => textWidth(line.replace(ANSI, ""));
const lines = (text: string) => text.replace(/\n$/, "").split("\n");

/** The fixed clock of every test here (infoFor's): 2026-06-01 12:00 UTC. */
const NOW = new Date("2026-06-01T12:00:00Z");
const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();

/** API keys with long, CJK, emoji and hostile names, times around {@link NOW}. */
const KEYS: readonly Row[] = [
  {
    id: "QXBpS2V5OjEwMTpMb25n",
    name: "A very long key name that goes on and on for the nightly pipeline",
    description: "Nightly build of every service; rotated by the platform team each quarter",
    key_type: "user",
    status: "active",
    redacted_key: "ak-Lon...g01",
    created_at: at(-95.5),
    expires_at: at(12.5),
    created_by_user_id: "VXNlcjozOkFkbWlu",
    last_used_at: at(-0.2),
  },
  {
    id: "QXBpS2V5OjEwMjpDSks=",
    name: "本番環境のデプロイ用キー",
    key_type: "service",
    status: "active",
    redacted_key: "ak-CJK...k02",
    created_at: at(-400),
    created_by_user_id: "VXNlcjozOkFkbWlu",
    last_used_at: at(-3 * 30.5),
  },
  {
    id: "QXBpS2V5OjEwMzpFbW9q",
    name: "🔑 deploy 🚀 emoji key",
    key_type: "user",
    status: "revoked",
    redacted_key: "ak-Emo...j03",
    created_at: at(-30.5),
    expires_at: at(-2.5),
    created_by_user_id: "VXNlcjozOkFkbWlu",
  },
  {
    id: "QXBpS2V5OjEwNDpTaG9y",
    name: "laptop",
    key_type: "user",
    status: "active",
    redacted_key: "ak-Sho...r04",
    created_at: at(-1),
    expires_at: at(400),
    created_by_user_id: "VXNlcjozOkFkbWlu",
    last_used_at: at(-10 / 86_400),
  },
];

const KEY_INFO: Partial<OutputInfo> = {
  columns: API_KEY_COLUMNS,
  displayOrder: API_KEY_DISPLAY_ORDER,
  table: API_KEY_TABLE,
};

function renderKeys(
  format: Format,
  options: { width?: number; color?: boolean; rows?: readonly Row[] } = {},
): Promise<string> {
  return render(format, options.rows ?? KEYS, {
    isTerminal: options.width !== undefined,
    width: options.width,
    info: { ...KEY_INFO, color: options.color ?? false },
  });
}

describe("table format on a terminal", () => {
  for (const width of [40, 80, 120]) {
    it(`fits ${width} columns: no line wider, names cut with …, ids and times whole`, async () => {
      const text = await renderKeys(tableFormat, { width });
      assertGolden(`table_keys_${width}.txt`, text);
      for (const line of lines(text)) {
        assert.ok(visibleWidth(line) <= width, `${visibleWidth(line)} > ${width}: ${line}`);
      }
      for (const key of KEYS) assert.ok(text.includes(key.id as string), "ids are never cut");
      assert.equal(lines(text).length, KEYS.length + 1, "one line per key: nothing wraps");
      assert.ok(!/[┃│┏└]/.test(text), "no box");
    });
  }

  it("shows the summary columns with relative times at 120 columns", async () => {
    const [header, first, cjk, emoji, laptop] = lines(
      await renderKeys(tableFormat, { width: 120 }),
    );
    assert.match(header, /^NAME +ID +TYPE +STATUS +EXPIRES +LAST USED$/);
    assert.match(
      first,
      /^A very long key name.*… +QXBpS2V5OjEwMTpMb25n +user +active +in 12 days +4 hours ago$/,
    );
    assert.match(
      cjk,
      /^本番環境のデプロイ用キー +QXBpS2V5OjEwMjpDSks= +service +active +never +3 months ago$/,
    );
    assert.match(emoji, /^🔑 deploy 🚀 emoji key +\S+ +user +revoked +2 days ago +never$/);
    assert.match(laptop, /^laptop +\S+ +user +active +in 1 year +just now$/);
  });

  it("aligns CJK and emoji names by display width", async () => {
    const text = await renderKeys(tableFormat, { width: 120 });
    const idColumn = new Set(
      lines(text).map((line) => visibleWidth(line.slice(0, line.indexOf("QXBp") >>> 0))),
    );
    idColumn.delete(visibleWidth(lines(text)[0])); // the header has no id
    assert.equal(idColumn.size, 1, "every id starts in the same terminal column");
  });

  it("leaves out the least important columns before names become unreadable", async () => {
    const header = async (width: number) => lines(await renderKeys(tableFormat, { width }))[0];
    assert.match(await header(80), /^NAME +ID +TYPE +STATUS +EXPIRES +LAST USED$/, "all fit at 80");
    assert.match(await header(70), /^NAME +ID +TYPE +STATUS +EXPIRES$/, "last used goes first");
    assert.match(await header(56), /^NAME +ID +STATUS +EXPIRES$/, "then the type");
    assert.match(await header(40), /^NAME +ID$/);
  });

  it("colours the header and the status when colour is on, with the same layout", async () => {
    const text = await renderKeys(tableFormat, { width: 120, color: true });
    assert.ok(text.includes("\x1b[1mNAME\x1b[0m"));
    assert.ok(text.includes("\x1b[32mactive\x1b[0m"));
    assert.ok(text.includes("\x1b[31mrevoked\x1b[0m"));
    assert.equal(text.replace(ANSI, ""), await renderKeys(tableFormat, { width: 120 }));
  });

  it("-o wide shows every column with absolute UTC times", async () => {
    const text = await renderKeys(wideFormat, { width: 400 });
    const [header, first] = lines(text);
    assert.match(
      header,
      /^NAME +ID +DESCRIPTION +TYPE +STATUS +REDACTED KEY +CREATED AT +EXPIRES +CREATED BY USER ID +LAST USED$/,
    );
    assert.ok(first.includes(KEYS[0].description as string), "nothing cut when it fits");
    assert.match(first, /2026-06-14 00:00:00/, "expires_at, absolute");
    assert.doesNotMatch(text, / ago|in \d/);
  });

  it("-o wide on a narrow terminal cuts description and name only", async () => {
    const text = await renderKeys(wideFormat, { width: 200 });
    for (const line of lines(text)) assert.ok(visibleWidth(line) <= 200, line);
    assert.ok(text.includes("…"));
    assert.ok(text.includes("VXNlcjozOkFkbWlu"), "identifiers whole");
  });

  it("escapes control, invisible and bidi characters from the server (S4, T6)", async () => {
    const hostile: Row = {
      ...KEYS[3],
      name: "evil\x1b[2J\u202eexe.txt\u200b",
      description: "line1\nline2\ttab \u009b31m \u2066iso\u2069 \ufeff",
    };
    const text = await renderKeys(wideFormat, { width: 400, rows: [hostile] });
    assert.ok(text.includes("evil\\x1b[2J\\u202eexe.txt\\u200b"), text);
    assert.ok(text.includes("line1\\nline2\\ttab \\x9b31m \\u2066iso\\u2069 \\ufeff"), text);
    assert.ok(!RAW_CONTROL.test(text.replace(ANSI, "")));
    assert.ok(!/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(text));
  });

  it("streams after the first rows: later rows are drawn to the preview's widths", async () => {
    const sink = captureSink({ isTerminal: true, width: 100 });
    let writesBeforeEnd = -1;
    async function* many() {
      for (let i = 0; i < PREVIEW_ROWS + 500; i++) {
        const long = i === PREVIEW_ROWS + 10;
        yield {
          ...ROWS[0],
          id: `id${String(i).padStart(5, "0")}`,
          name: long ? "x".repeat(200) : "short",
        };
      }
      writesBeforeEnd = sink.writes;
    }
    await tableFormat.write(many(), sink, infoFor());
    assert.ok(writesBeforeEnd > 0, "rows were written before the records ended");
    const all = lines(sink.text());
    assert.equal(all.length, PREVIEW_ROWS + 500 + 1);
    assert.ok(all.every((line) => visibleWidth(line) <= 100));
    assert.ok(sink.text().includes("shor…") || sink.text().includes("x…"), "the late name is cut");
  });
});

describe("table format off a terminal: tab-separated lines (T7)", () => {
  it("writes a header of column names, the summary columns, absolute times, empty for absent", async () => {
    const text = await renderKeys(tableFormat);
    assertGolden("table_keys_piped.tsv", text);
    const [header, ...rows] = lines(text);
    assert.equal(header, "name\tid\tkey_type\tstatus\texpires_at\tlast_used_at");
    assert.equal(
      rows[1],
      "本番環境のデプロイ用キー\tQXBpS2V5OjEwMjpDSks=\tservice\tactive\t\t2026-03-02T00:00:00Z",
    );
    assert.ok(!text.includes("…"), "nothing cut");
    assert.ok(!text.includes("\x1b"), "no colour");
  });

  it("-o wide piped writes every column", async () => {
    const [header] = lines(await renderKeys(wideFormat));
    assert.equal(header, API_KEY_DISPLAY_ORDER.join("\t"));
  });

  it("keeps one record on one line: tab, newline, CR and backslash are escaped", async () => {
    const row: Row = { ...ROWS[0], name: "a\tb\nc\rd\\e", description: "x\u202ey\x1bz" };
    const text = await render(tableFormat, [row]);
    const out = lines(text);
    assert.equal(out.length, 2);
    assert.equal(out[1].split("\t").length, out[0].split("\t").length);
    assert.match(out[1], /^a\\tb\\nc\\rd\\\\e\tQXBp1001\tx\\u202ey\\x1bz\t/);
  });

  it("colours status only when colour is forced (CLICOLOR_FORCE)", async () => {
    const text = await render(tableFormat, ROWS, { info: { color: true } });
    assert.ok(text.includes("\x1b[32mactive\x1b[0m"));
    assert.ok(text.startsWith("name\tid\t"), "the header stays plain");
  });
});

describe("empty lists and single objects", () => {
  for (const isTerminal of [true, false]) {
    it(`an empty list writes nothing to stdout and says so on stderr (${isTerminal ? "terminal" : "pipe"})`, async () => {
      const sink = captureSink({ isTerminal, width: 80 });
      const messages: string[] = [];
      const message = (text: string) => Promise.resolve(void messages.push(text));
      await tableFormat.write(recordsOf([]), sink, infoFor({ message }));
      assert.equal(sink.text(), "");
      assert.deepEqual(messages, [NO_ITEMS]);
    });
  }

  const created: Row = {
    ...KEYS[0],
    description: "d".repeat(300),
    key: "ak-" + "S".repeat(48),
  };
  const objectInfo: Partial<OutputInfo> = {
    columns: API_KEY_CREATED_COLUMNS,
    displayOrder: API_KEY_CREATED_DISPLAY_ORDER,
    table: API_KEY_TABLE,
    shape: "object",
  };

  it("a created key fits 80 columns as a panel; the secret is whole on its line", async () => {
    const text = await render(tableFormat, [created], {
      isTerminal: true,
      width: 80,
      info: objectInfo,
    });
    assertGolden("table_panel_80.txt", text);
    for (const line of lines(text)) assert.ok(visibleWidth(line) <= 80, line);
    assert.ok(text.includes(`key:                ${created.key}\n`));
    assert.match(text, /expires_at: +2026-06-14 00:00:00 \(in 12 days\)/);
    assert.ok(!/[│╭]/.test(text), "no border to copy along with the secret");
  });

  it("puts the secret on a line of its own when it cannot sit beside its label", async () => {
    const text = await render(tableFormat, [created], {
      isTerminal: true,
      width: 60,
      info: objectInfo,
    });
    assert.ok(text.includes(`\nkey:\n${created.key}\n`), text);
    for (const line of lines(text)) {
      if (line !== created.key) assert.ok(visibleWidth(line) <= 60, line);
    }
  });

  it("a single object piped is one header line and one record, secret included", async () => {
    const text = await render(tableFormat, [created], { info: objectInfo });
    const [header, row] = lines(text);
    assert.equal(header, API_KEY_CREATED_DISPLAY_ORDER.join("\t"));
    assert.ok(row.endsWith(`\t${created.key}`));
  });
});

describe("table format with the test schema", () => {
  it("keeps the schema's types: integers and booleans as text, absent as —, never for times", async () => {
    const text = await render(tableFormat, [ROWS[2]], {
      isTerminal: true,
      width: 200,
      info: { columns: COLUMNS, displayOrder: undefined },
    });
    assert.match(
      lines(text)[1],
      /^QXBp1003 +old deploy key +Rotated, see ticket OPS-12 +revoked +— +— +2 years ago +never$/,
    );
  });
});

describe("wrapToWidth (long text in a panel)", () => {
  it("breaks at spaces, keeps every word, and fits each line", () => {
    const text = "A very long key name that goes on and on for the nightly pipeline";
    const lines = wrapToWidth(text, 20);
    assert.deepEqual(lines, [
      "A very long key name",
      "that goes on and on",
      "for the nightly",
      "pipeline",
    ]);
    assert.equal(lines.join(" "), text);
  });

  it("breaks a word wider than the line between graphemes, by display width", () => {
    assert.deepEqual(wrapToWidth("x " + "d".repeat(25), 10), [
      "x",
      "dddddddddd",
      "dddddddddd",
      "ddddd",
    ]);
    const cjk = wrapToWidth("日本語のキー名前", 5);
    assert.deepEqual(cjk, ["日本", "語の", "キー", "名前"]);
    for (const line of cjk) assert.ok(textWidth(line) <= 5, line);
    const emoji = wrapToWidth("👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦", 3);
    assert.deepEqual(emoji, ["👩‍👩‍👧‍👦", "👩‍👩‍👧‍👦", "👩‍👩‍👧‍👦"]);
  });

  it("gives one empty line for empty text", () => {
    assert.deepEqual(wrapToWidth("", 10), [""]);
  });
});
