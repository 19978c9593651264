/**
 * `deno task docs`: writes docs/commands.md, the command reference, from the
 * command declarations (cli/reference.ts). tests/cli/reference_test.ts fails
 * when the committed file differs from what this writes.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { commandReference } from "../cli/reference.ts";
import { COMMANDS } from "../commands/mod.ts";

/** Where the reference lives. */
export const REFERENCE_FILE = fileURLToPath(new URL("../docs/commands.md", import.meta.url));

if (import.meta.main) {
  writeFileSync(REFERENCE_FILE, commandReference(COMMANDS));
  console.log(`wrote ${REFERENCE_FILE}`);
}
