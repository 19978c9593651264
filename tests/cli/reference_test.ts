/**
 * docs/commands.md is generated from the declarations; this fails when the
 * committed file is stale (run `deno task docs`).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { commandReference } from "../../cli/reference.ts";
import { isGroup } from "../../cli/command.ts";
import { COMMANDS } from "../../commands/mod.ts";
import { REFERENCE_FILE } from "../../scripts/docs.ts";

/** The generated text as `deno fmt` leaves it (the task formats the file it writes). */
function formatted(markdown: string): string {
  return execFileSync("deno", ["fmt", "--ext", "md", "-"], { input: markdown, encoding: "utf8" });
}

describe("docs/commands.md", () => {
  it("is what `deno task docs` writes from the declarations", () => {
    assert.equal(
      readFileSync(REFERENCE_FILE, "utf8"),
      formatted(commandReference(COMMANDS)),
      "docs/commands.md is stale: run `deno task docs`",
    );
  });

  it("has a section for every visible command and every help topic", () => {
    const text = commandReference(COMMANDS);
    for (const spec of COMMANDS) {
      const paths = isGroup(spec)
        ? spec.commands.map((c) => `${spec.name} ${c.name}`)
        : spec.hidden
        ? []
        : [spec.name];
      for (const path of paths) assert.match(text, new RegExp(`^#+ ax ${path}$`, "m"));
    }
    for (const topic of ["environment", "exit-codes", "formats"]) {
      assert.match(text, new RegExp(`^### ax help ${topic}$`, "m"));
    }
  });
});
