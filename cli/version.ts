/** The `ax --version` line, shared by commander and the fast path of commands/mod.ts. */
import type { VersionInfo } from "../runtime/context.ts";

/** `ax 0.1.0 (commit abc123, bun 1.4.5)`, without a newline. */
export function versionLine(info: VersionInfo): string {
  return `ax ${info.version} (commit ${info.commit}, ${info.runtime})`;
}
