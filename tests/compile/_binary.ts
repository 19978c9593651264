/**
 * The compiled binary for tests, built once per source change (see
 * `ensureBinary` in scripts/compile.ts). Tests skip when this machine cannot
 * build it (no Bun, target runtime not downloadable) and fail when the build
 * itself breaks.
 */
import { ensureBinary, type TargetName } from "../../scripts/compile.ts";

/** The binary, as a test sees it. */
export interface TestBinary {
  /** A skip reason for `describe(…, { skip })`, or false. */
  skip: string | false;
  /** The binary's path; throws (failing the test) when the build broke. */
  file(): string;
}

/** Builds (or reuses) the binary of `target`, default this machine's. */
export async function testBinary(target?: TargetName): Promise<TestBinary> {
  const result = await ensureBinary(target);
  if ("file" in result) return { skip: false, file: () => result.file };
  if ("skipped" in result) {
    const reason = `no binary: ${result.skipped}`;
    return {
      skip: reason,
      file: () => {
        throw new Error(reason);
      },
    };
  }
  return {
    skip: false,
    file: () => {
      throw new Error(`building the binary failed: ${result.failed}`);
    },
  };
}
