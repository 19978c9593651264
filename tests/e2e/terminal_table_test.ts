/**
 * T7 on a real terminal: the real ax (from source, or the compiled binary
 * with AX_BIN) lists keys with long, CJK, emoji and bidi names from a real
 * emulator inside tmux at 80 and 120 columns. No line may be wider than the
 * terminal, and the 80-column screen is kept as a golden. Its dynamic parts
 * are fixed: the keys come from a data file with fixed IDs, the admin key's
 * secret (and so its redacted form) is given, and every time is placed in the
 * middle of its relative unit (`in 12 days` is 12.5 days away), so a few
 * seconds of test run never change a word. Skipped where tmux is missing.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import process from "node:process";
import { createInitialState } from "../../emulator/seed.ts";
import type { KeyRecord } from "../../emulator/model.ts";
import { textWidth } from "../../formats/_text_width.ts";
import { type EmulatorFixture, useEmulator } from "../_helpers/emulator_fixture.ts";
import { axShellWords } from "../_helpers/ax_process.ts";
import { runAx } from "../_helpers/run_ax.ts";
import { haveTmux, runInPane } from "../_helpers/tmux_pane.ts";

const DAY = 86_400_000;
const ADMIN_KEY = "ak-" + "T3rm1nalG0ldenAdm1nKey".padEnd(48, "x");
const GOLDEN = fileURLToPath(new URL("../fixtures/terminal/api_keys_list_80.txt", import.meta.url));

/** The admin's keys: name, and times in days from now (undefined: absent). */
const KEYS: readonly { name: string; created: number; expires?: number; used?: number }[] = [
  { name: "emulator admin key", created: -200.5 },
  {
    name: "A very long key name that goes on and on for the nightly pipeline",
    created: -100.5,
    expires: 12.5,
    used: -95.5,
  },
  { name: "本番環境のデプロイ用キー（東京リージョン）", created: -50.5 },
  { name: "🔑 deploy 🚀 emoji key 🎉", created: -20.5, expires: 400.5, used: -2.5 },
  { name: "evil\u202eexe.txt", created: -10.5, used: -0.25 },
  { name: "laptop", created: -1.5, expires: 45.5 },
];

/** Emulator state holding {@link KEYS} with fixed IDs, times relative to `now`. */
function dataFile(path: string, now: number): void {
  const state = createInitialState(now);
  const owner = state.bootstrap.admin_user_id;
  KEYS.forEach((key, i) => {
    const seq = state.next_seq++;
    const record: KeyRecord = {
      id: btoa(`ApiKey:${seq}:fix${i}`),
      seq,
      name: key.name,
      key_type: "user",
      status: "active",
      redacted_key: `ak-fx${i}...ed${i}`,
      hash: null,
      created_ms: Math.floor((now + key.created * DAY) / 1000) * 1000,
      created_by_user_id: owner,
    };
    if (key.expires !== undefined) record.expires_ms = now + key.expires * DAY;
    if (key.used !== undefined) record.last_used_ms = now + key.used * DAY;
    state.keys.push(record);
  });
  // The first key is the admin's bootstrap key: the emulator keeps its ID and
  // gives it ADMIN_KEY's hash at start.
  state.bootstrap.admin_key_id = state.keys[0].id;
  writeFileSync(path, JSON.stringify(state));
}

/** The emulator fixture, once the describe block (skipped without tmux) has started it. */
let fx: EmulatorFixture;

function env(extra: Record<string, string | undefined> = {}) {
  return {
    ...fx.env({ NO_COLOR: undefined, TERM: "xterm-256color" }),
    PATH: process.env.PATH,
    ...extra,
  };
}

function listOnScreen(width: number, args: string[] = []) {
  return runInPane({
    command: axShellWords(["api-keys", "list", ...args]),
    width,
    height: 40,
    env: env(),
    cwd: fx.box.home,
  });
}

describe("the api-keys table on a real terminal (T7)", {
  skip: haveTmux() ? false : "tmux is not installed",
}, () => {
  const own = useEmulator("terminal-table", (box) => {
    const data = join(box.dir("emulator"), "state.json");
    dataFile(data, Date.now());
    return { data, args: ["--admin-key", ADMIN_KEY] };
  });
  before(() => void (fx = own));

  it("80 columns: fits, cuts names with …, matches the golden screen", async () => {
    const { lines, code } = await listOnScreen(80);
    assert.equal(code, 0, lines.join("\n"));
    for (const line of lines) assert.ok(textWidth(line) <= 80, `wider than 80: ${line}`);
    assert.equal(lines.length, KEYS.length + 1, "a header and one line per key: nothing wrapped");
    assert.match(lines[0], /^NAME +ID +TYPE +STATUS +EXPIRES +LAST USED$/);
    assert.match(
      lines.join("\n"),
      /^A very long key .*… +QXBpS2V5Oj\S+ +user +active +in 12 days +3 months ago$/m,
    );
    assert.match(lines.join("\n"), /^evil\\u202eexe\.txt +\S+ +user +active +never +6 hours ago$/m);
    const screen = lines.join("\n") + "\n";
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(GOLDEN, screen);
    assert.equal(
      screen,
      readFileSync(GOLDEN, "utf8"),
      "tests/fixtures/terminal/api_keys_list_80.txt",
    );
  });

  it("120 columns: every summary column, whole names, aligned by display width", async () => {
    const { lines, code } = await listOnScreen(120);
    assert.equal(code, 0, lines.join("\n"));
    for (const line of lines) assert.ok(textWidth(line) <= 120, `wider than 120: ${line}`);
    assert.equal(lines.length, KEYS.length + 1);
    const text = lines.join("\n");
    assert.ok(text.includes("本番環境のデプロイ用キー（東京リージョン）"), "the CJK name whole");
    assert.ok(text.includes("🔑 deploy 🚀 emoji key 🎉"), "the emoji name whole");
    assert.match(text, /^emulator admin key +\S+ +user +active +never +just now$/m);
    assert.match(text, /^🔑 deploy 🚀 emoji key 🎉 +\S+ +user +active +in 1 year +2 days ago$/m);
    const idAt = lines.slice(1).map((line) => textWidth(line.slice(0, line.indexOf("QXBp"))));
    assert.equal(new Set(idAt).size, 1, `ids start in one column: ${idAt}`);
  });

  it("-o wide shows every column; --columns picks them", async () => {
    const wide = await listOnScreen(300, ["-o", "wide"]);
    assert.match(wide.lines[0], /^NAME +ID +DESCRIPTION +TYPE +STATUS +REDACTED KEY +CREATED AT/);
    // At 120 columns the wide row overflows whatever is cut: names stay readable.
    const wrapped = await listOnScreen(120, ["-o", "wide"]);
    assert.match(wrapped.lines.join("\n"), /^emulator ad… +QXBp\S+ +— +user +active /m);
    const picked = await listOnScreen(80, ["--columns", "id,name"]);
    assert.match(picked.lines[0], /^ID +NAME$/);
    const bad = await listOnScreen(80, ["--columns", "id,nope"]);
    assert.equal(bad.code, 2);
    assert.match(bad.lines.join("\n"), /Unknown column 'nope' in --columns/);
  });

  it("piped: tab-separated lines, whole names, absolute times", async () => {
    const result = await runAx(["api-keys", "list"], { env: env() });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split("\n");
    assert.equal(lines[0], "name\tid\tkey_type\tstatus\texpires_at\tlast_used_at");
    assert.ok(result.stdout.includes(`\t${KEYS[1].name}`) || lines[1].startsWith(KEYS[5].name));
    assert.ok(result.stdout.includes(KEYS[1].name + "\t"), "names are never cut");
    assert.match(result.stdout, /\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
    assert.ok(!/[…┃│]/.test(result.stdout) && !result.stdout.includes("\x1b"));
  });
});
