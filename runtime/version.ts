/**
 * Version facts. `scripts/compile.ts` replaces `AX_BUILD_COMMIT` at build time
 * (bun `--define`); from source it stays `undefined` and shows as `source`.
 */

/** The version of ax; bump on release. */
export const AX_VERSION = "0.1.0";

declare const AX_BUILD_COMMIT: string | undefined;

/** The git commit embedded by the compiler, or `source` when run from source. */
export function buildCommit(): string {
  return typeof AX_BUILD_COMMIT === "string" ? AX_BUILD_COMMIT : "source";
}
