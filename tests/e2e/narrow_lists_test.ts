/**
 * T7 for the lists besides api-keys, on a real terminal (tmux) 40 and 80
 * columns wide: `spaces list` and `formats list` fit the screen by leaving
 * out their least useful columns before they cut the names people type back
 * (`--space "Bob's $HOME space"`, `-o parquet`). Real ax (source, or the
 * binary with AX_BIN) against a real emulator. Skipped where tmux is missing.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { textWidth } from "../../formats/_text_width.ts";
import { useEmulator } from "../_helpers/emulator_fixture.ts";
import { axShellWords } from "../_helpers/ax_process.ts";
import { haveTmux, runInPane } from "../_helpers/tmux_pane.ts";

const SPACE_NAMES = ["My Space", "Bob's $HOME space"];

const fx = useEmulator("narrow-lists");

async function onScreen(width: number, args: string[]) {
  const result = await runInPane({
    command: axShellWords(args),
    width,
    height: 40,
    env: { ...fx.env({ NO_COLOR: undefined, TERM: "xterm-256color" }), PATH: process.env.PATH },
    cwd: fx.box.home,
  });
  assert.equal(result.code, 0, result.lines.join("\n"));
  for (const line of result.lines) {
    assert.ok(textWidth(line) <= width, `wider than ${width}: ${line}`);
  }
  return result.lines;
}

describe("spaces and formats lists on a narrow terminal (T7)", {
  skip: haveTmux() ? false : "tmux is not installed",
}, () => {
  before(async () => {
    for (const name of SPACE_NAMES) await fx.emu.admin("POST", "spaces", { name });
  });

  for (const width of [40, 80]) {
    it(`spaces list at ${width} columns: name first and whole, one line per space`, async () => {
      const lines = await onScreen(width, ["spaces", "list"]);
      assert.match(lines[0], /^NAME +ID\b/);
      assert.equal(lines.length, 1 + fx.emu.spaces.length + SPACE_NAMES.length, "nothing wrapped");
      for (const name of [...SPACE_NAMES, ...fx.emu.spaces.map((s) => s.name)]) {
        const row = lines.find((line) => line.startsWith(`${name}  `));
        assert.ok(row, `a row starts with the whole name '${name}':\n${lines.join("\n")}`);
      }
    });

    it(`formats list at ${width} columns: whole format names, one line each`, async () => {
      const lines = await onScreen(width, ["formats", "list"]);
      assert.match(
        lines[0],
        width === 40 ? /^NAME +EXTENSIONS +DESCRIPTION$/ : /^NAME +EXTENSIONS +/,
      );
      for (const name of ["table", "wide", "json", "ndjson", "csv", "parquet"]) {
        assert.ok(lines.some((line) => line.startsWith(`${name} `)), `'${name}' whole`);
      }
      assert.equal(lines.length, 7, "a header and one line per format");
    });
  }
});
