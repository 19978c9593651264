/**
 * The api-keys lifecycle as an adversarial user meets it: real ax processes
 * (from source, and as the compiled binary under `deno task test`) in a real
 * shell against a real emulator, each case a defect that was found this way.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { type EmulatorHandle, startEmulator } from "../_helpers/emulator_process.ts";
import {
  axShellWords,
  emulatorEnv,
  makeSandbox,
  runShell,
  type Sandbox,
} from "../_helpers/ax_process.ts";
import { type AxResult, runAx } from "../_helpers/run_ax.ts";

let emu: EmulatorHandle;
let box: Sandbox;

function ax(args: string[], env: Record<string, string | undefined> = {}): Promise<AxResult> {
  return runAx(args, { env: emulatorEnv(emu, box, env), cwd: box.home });
}

/** Runs `ax <args> <redirect>` in sh; returns ax's exit code and stderr (in files). */
async function inShell(
  args: string[],
  redirect: string,
): Promise<{ code: number; stderr: string; dir: string }> {
  const dir = box.dir("sh");
  await runShell(`${axShellWords(args)} ${redirect} 2>'${dir}/stderr'; echo $? >'${dir}/code'`, {
    env: emulatorEnv(emu, box),
    cwd: dir,
    timeoutMs: 60_000,
  });
  return {
    code: Number(readFileSync(join(dir, "code"), "utf8").trim()),
    stderr: readFileSync(join(dir, "stderr"), "utf8"),
    dir,
  };
}

/** Name → status of every key with this name (active and revoked), read with ax. */
async function statusesNamed(name: string): Promise<string[]> {
  const found: string[] = [];
  for (const status of ["active", "revoked"]) {
    const result = await ax([
      "api-keys",
      "list",
      "--all",
      "--status",
      status,
      "--name",
      name,
      "-q",
    ]);
    assert.equal(result.code, 0, result.stderr);
    for (const _ of result.stdout.split("\n").filter(Boolean)) found.push(status);
  }
  return found;
}

describe("api-keys lifecycle, found by hand", () => {
  before(async () => {
    emu = await startEmulator({ faults: true });
    box = makeSandbox("lifecycle-qa");
  });
  after(async () => {
    await emu?.stop();
    box?.remove();
  });

  // A closed stdout is replaced by the null device when the runtime starts;
  // only Linux shows ax that it happened.
  describe("a closed stdout (>&-) never swallows a new key (S8)", {
    skip: process.platform !== "linux",
  }, () => {
    it("create >&-: exit 5 before any key exists, and the user told why", async () => {
      const before = (await emu.stats()).by_route["POST /v2/api-keys"] ?? 0;
      const run = await inShell(["api-keys", "create", "-n", "closed stdout", "-o", "json"], ">&-");
      assert.equal(run.code, 5, run.stderr);
      assert.match(run.stderr, /standard output is closed/);
      assert.match(run.stderr, /Nothing was created/);
      assert.equal((await emu.stats()).by_route["POST /v2/api-keys"] ?? 0, before);
      assert.deepEqual(await statusesNamed("closed stdout"), []);
    });

    it("refresh >&-: exit 5 and the old key untouched", async () => {
      const made = await emu.admin("POST", "keys", { name: "closed refresh" }) as {
        api_keys: { id: string }[];
      };
      const run = await inShell(["api-keys", "refresh", made.api_keys[0].id], ">&-");
      assert.equal(run.code, 5, run.stderr);
      assert.match(run.stderr, /standard output is closed/);
      assert.deepEqual(await statusesNamed("closed refresh"), ["active"]);
    });

    it("create --env-file .env >&-: the key goes to the file, exit 0", async () => {
      const run = await inShell(
        ["api-keys", "create", "-n", "closed env", "--env-file", ".env"],
        ">&-",
      );
      assert.equal(run.code, 0, run.stderr);
      assert.match(readFileSync(join(run.dir, ".env"), "utf8"), /^ARIZE_API_KEY=ak-\w+\n$/);
      assert.deepEqual(await statusesNamed("closed env"), ["active"]);
    });
  });
});
