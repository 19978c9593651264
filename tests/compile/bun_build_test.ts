/**
 * scripts/_bun_build.ts rewrites commander's built-in imports into lazy ones
 * for the Bun binary; the rewrite must cover exactly what commander uses and
 * fail the build, not the binary, when commander changes.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { lazyCommanderImports } from "../../scripts/_bun_build.ts";
import { ROOT } from "../../scripts/compile.ts";

const LIB = join(ROOT, "node_modules", "commander", "lib");

describe("lazy commander built-ins (Bun build)", () => {
  for (const file of ["command.js", "help.js"]) {
    it(`leaves no import of child_process, fs or util in ${file}`, () => {
      const original = readFileSync(join(LIB, file), "utf8");
      const rewritten = lazyCommanderImports(file, original);
      assert.notEqual(rewritten, original);
      assert.doesNotMatch(rewritten, /from 'node:(child_process|fs|util)'/);
      // The other imports (events, path, process, commander's own) stay.
      const kept = (text: string) =>
        text.split("\n").filter((l) =>
          /^import /.test(l) && !/node:(child_process|fs|util)'/.test(l)
        );
      assert.deepEqual(kept(rewritten), kept(original));
    });
  }

  it("fails when an expected import is missing", () => {
    assert.throws(
      () => lazyCommanderImports("help.js", "export const x = 1;\n"),
      /no longer has `import \{ stripVTControlCharacters \} from 'node:util';`/,
    );
  });

  it("fails when commander uses more of a module than the shim provides", () => {
    const text = readFileSync(join(LIB, "command.js"), "utf8") + "\nfs.readFileSync('x');\n";
    assert.throws(() => lazyCommanderImports("command.js", text), /uses fs\.readFileSync/);
  });

  it("leaves other files alone", () => {
    assert.equal(
      lazyCommanderImports("option.js", "import x from 'node:fs';"),
      "import x from 'node:fs';",
    );
  });
});
