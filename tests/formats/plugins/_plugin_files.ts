/**
 * Writes throwaway plugin files for tests: modules from source text and
 * `#!/bin/sh` executables.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh temp folder. */
export function tempFolder(prefix = "ax-plugins-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `source` to `<dir>/<file>` (creating `dir`) and returns the path. */
export function writeModule(dir: string, file: string, source: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, source);
  return path;
}

/** Writes an executable shell script `<dir>/<file>` with `body` after the shebang. */
export function writeExecutable(dir: string, file: string, body: string): string {
  const path = writeModule(dir, file, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** A valid module plugin's source, with parts overridable as source text. */
export function formatSource(
  parts: { name?: string; extensions?: string; binary?: string; write?: string } = {},
): string {
  return `export default {
  name: ${parts.name ?? '"demo"'},
  description: "demo format",
  extensions: ${parts.extensions ?? '[".demo"]'},
  binary: ${parts.binary ?? "false"},
  ${
    parts.write ??
      'async write(records, sink) { for await (const r of records) await sink.write(r.id + "\\n"); }'
  },
};
`;
}
