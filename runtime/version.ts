/**
 * Version facts. `scripts/compile.ts` embeds the git commit at build time:
 * Bun replaces the `AX_BUILD_COMMIT` identifier (`--define`); for Deno a tiny
 * entry module sets `globalThis.AX_BUILD_COMMIT` before main.ts runs. From
 * source neither happens and the commit shows as `source`.
 */

/** The version of ax; bump on release. */
export const AX_VERSION = "0.1.0";

declare const AX_BUILD_COMMIT: string | undefined;

/** The git commit embedded by the compiler, or `source` when run from source. */
export function buildCommit(): string {
  // `typeof` is safe on an undeclared global and is what Bun's --define rewrites.
  return typeof AX_BUILD_COMMIT === "string" && AX_BUILD_COMMIT !== "" ? AX_BUILD_COMMIT : "source";
}
