/**
 * QUALITY.md S4 and S5 with hostile key names and descriptions stored in the
 * emulator (through its admin route, which skips the API's validation):
 * terminal escapes, C1 controls, OSC hyperlinks, CR/TAB/newline, spreadsheet
 * formulas. Table output shows them escaped (no raw control character at
 * all); json and ndjson stay valid and carry the exact values; csv prefixes
 * formula-like cells with `'` and otherwise round-trips.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { useEmulator } from "../../_helpers/emulator_fixture.ts";
import { type AxResult } from "../../_helpers/run_ax.ts";
import { hasScript, runOnTerminal } from "../../_helpers/ax_process.ts";
import { parseCsv } from "../../_helpers/csv_parse.ts";

/** [label, value]: each is stored as a key's name and its description. */
const HOSTILE: [string, string][] = [
  ["SGR colour", "\x1b[31mred\x1b[0m"],
  ["clear screen", "\x1b[2J\x1b[Hwiped"],
  ["window title (OSC 0, BEL)", "\x1b]0;pwned\x07title"],
  ["OSC 8 hyperlink", "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"],
  ["C1 CSI", "\u009b31mc1-red"],
  ["C1 NEL and DEL", "a\u0085b\u007fc"],
  ["carriage return overwrite", "innocent\rEVIL"],
  ["newline", "two\nlines"],
  ["backspace", "abc\b\b\bxyz"],
  ["NUL", "nul\u0000byte"],
  ["formula =", '=HYPERLINK("https://evil.example","click")'],
  ["formula +", "+1+1"],
  ["formula -", "-2+3"],
  ["formula @", "@SUM(A1)"],
  ["leading tab", "\t=1"],
  ["leading CR", "\r=1"],
  ["quotes and commas", 'say "hi", then, leave'],
];

/** Any raw C0 control except LF, DEL, or C1 control. */
// deno-lint-ignore no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const scriptAvailable = await hasScript();

const fx = useEmulator("hostile");

function ax(args: string[], extra: Record<string, string | undefined> = {}): Promise<AxResult> {
  return fx.ax(args, { env: extra });
}

async function ok(args: string[], extra: Record<string, string | undefined> = {}) {
  const result = await ax(args, extra);
  assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
  return result;
}

describe("hostile server strings (S4, S5)", () => {
  before(async () => {
    for (const [, value] of HOSTILE) {
      await fx.emu.admin("POST", "keys", { name: value, description: value });
    }
  });

  it("json: valid, exact values, no raw C1 or DEL characters in the text", async () => {
    const result = await ok(["api-keys", "list", "--all", "-o", "json"]);
    assert.doesNotMatch(result.stdout, RAW_CONTROL);
    const names = JSON.parse(result.stdout).api_keys.map((k: { name: string }) => k.name);
    for (const [label, value] of HOSTILE) assert.ok(names.includes(value), label);
  });

  it("ndjson: every line valid, exact values, no raw control characters", async () => {
    const result = await ok(["api-keys", "list", "--all", "-o", "ndjson"]);
    assert.doesNotMatch(result.stdout, RAW_CONTROL);
    const records = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
    for (const [label, value] of HOSTILE) {
      const record = records.find((r) => r.name === value);
      assert.ok(record, label);
      assert.equal(record.description, value, label);
    }
  });

  it("table (even with colour forced): no server-sent control character reaches the terminal", async () => {
    for (const extra of [{}, { NO_COLOR: undefined, CLICOLOR_FORCE: "1" }]) {
      const result = await ok(["api-keys", "list", "--all"], extra);
      // ax's own colour codes are SGR sequences, and piped the table's fields
      // are separated by tabs; strip exactly those, then nothing control-like
      // may remain, and every record is one line of the header's fields.
      // deno-lint-ignore no-control-regex
      const text = result.stdout.replace(/\x1b\[(?:\d+(?:;\d+)*)?m/g, "");
      assert.doesNotMatch(text.replaceAll("\t", ""), RAW_CONTROL);
      const fields = new Set(text.trimEnd().split("\n").map((line) => line.split("\t").length));
      assert.equal(fields.size, 1, "one line per record, the header's fields on each");
      assert.ok(!result.stdout.includes("\x1b]"), "no OSC sequence");
      assert.ok(!result.stdout.includes("\x1b[2J"), "no screen clearing");
      assert.ok(!result.stdout.includes("\x1b[31mred"), "no server colour");
      assert.ok(result.stdout.includes("\\x1b[31mred"), "shown escaped");
      assert.ok(result.stdout.includes("innocent\\rEVIL"));
      assert.ok(result.stdout.includes("two\\nlines"));
    }
  });

  it("the single-object panel of a hostile key is escaped too", async () => {
    const created = await fx.emu.admin("POST", "keys", {
      name: "\x1b]0;panel\x07\u009b2J",
      description: "x\ry",
    }) as { api_keys: { id: string; key: string }[] };
    const { key } = created.api_keys[0];
    // The hostile key refreshes itself: refresh prints its replacement's panel.
    const result = await ok(["api-keys", "refresh", created.api_keys[0].id], {
      ARIZE_API_KEY: key,
    });
    // Piped, the panel is one tab-separated record.
    assert.doesNotMatch(result.stdout.replaceAll("\t", ""), RAW_CONTROL);
    assert.ok(result.stdout.includes("\\x1b]0;panel\\x07\\x9b2J"), result.stdout);
    assert.ok(result.stdout.includes("x\\ry"));
  });

  it("csv (stdout and file): formula cells start with ', everything else round-trips", async () => {
    const piped = await ok(["api-keys", "list", "--all", "-o", "csv"]);
    await ok(["api-keys", "list", "--all", "-o", "keys.csv"]);
    const saved = readFileSync(join(fx.box.home, "keys.csv"), "utf8");
    const [header, ...rows] = parseCsv(piped.stdout);
    // The same cells either way, but for last_used_at: the admin key used by
    // both runs may be stamped in different seconds.
    const lastUsed = header.indexOf("last_used_at");
    const withoutLastUsed = (table: string[][]) =>
      table.map((row) => row.filter((_, i) => i !== lastUsed));
    assert.deepEqual(withoutLastUsed(parseCsv(saved)), withoutLastUsed([header, ...rows]));
    const name = header.indexOf("name");
    const description = header.indexOf("description");
    for (const [label, value] of HOSTILE) {
      const expected = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
      const row = rows.find((r) => r[name] === expected);
      assert.ok(row, `${label}: ${JSON.stringify(expected)} not found`);
      assert.equal(row[description], expected, label);
    }
    // No cell at all starts with a formula character.
    for (const row of rows) {
      for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, JSON.stringify(cell));
    }
  });

  it("csv, ndjson and json on a terminal: no raw control character reaches it", {
    skip: scriptAvailable ? false : "util-linux `script` is not installed (needed for a pty)",
  }, async () => {
    for (const format of ["csv", "ndjson", "json"]) {
      const result = await runOnTerminal(["api-keys", "list", "--all", "-o", format], {
        env: fx.env(),
        cwd: fx.box.home,
      });
      assert.equal(result.code, 0, result.stdout.slice(-300));
      // The pty turns LF into CRLF and the progress line uses CR and erase-line.
      // deno-lint-ignore no-control-regex
      const text = result.stdout.replaceAll("\r\n", "\n").replace(/\r?\x1b\[2K/g, "")
        .replace(/\r/g, "");
      assert.doesNotMatch(text, RAW_CONTROL, format);
      assert.ok(text.includes("\\x1b[31mred") || text.includes("\\u001b[31mred"), format);
    }
  });

  it("an error detail from the server is escaped on stderr", async () => {
    // The emulator echoes the unknown key ID in its 404 detail.
    const id = "QXBpS2V5Ojk5OTk5OnF1aXJreQ";
    const result = await ax(["api-keys", "revoke", `${id}\x1b[2J`, "-f", "-v"]);
    assert.equal(result.code, 4, result.stderr);
    assert.ok(!result.stderr.includes("\x1b[2J"), "raw escape on stderr");
  });
});
