/**
 * QUALITY.md I3 on a real pseudo-terminal: revoke (and profiles delete) ask
 * only when stdin and stdout are terminals, default to No, act on "y", stop
 * with exit 130 on Ctrl-C at the prompt; with stdout piped they refuse with
 * exit 2 naming --force and send nothing.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { useEmulator } from "../../_helpers/emulator_fixture.ts";
import { hasScript, requestsSince, startOnTerminal, waitFor } from "../../_helpers/ax_process.ts";

const REVOKE = "PUT /v2/api-keys/{id}/revoke";
/** The one request that names the key in the prompt (issue 13). */
const LOOKUP = "GET /v2/api-keys";
const scriptAvailable = await hasScript();

const fx = useEmulator("prompts");

async function newKeyId(): Promise<string> {
  const made = await fx.emu.admin("POST", "keys", { name: "prompted" }) as {
    api_keys: { id: string }[];
  };
  return made.api_keys[0].id;
}

/** Runs `args` on a terminal, answers the prompt with `keys`, returns the result. */
async function answer(args: string[], keys: string, env = fx.env()) {
  const session = startOnTerminal(args, { env, cwd: fx.box.home });
  await waitFor(() => session.screen().includes("[y/N]"), { what: "the confirmation prompt" });
  session.type(keys);
  return await session.done;
}

describe("confirmation prompts (I3)", {
  skip: scriptAvailable ? false : "util-linux `script` is not installed (needed for a pty)",
}, () => {
  for (const [what, keys] of [["n", "n\r"], ["Enter (the default)", "\r"], ["no", "no\r"]]) {
    it(`revoke answered ${what}: not revoked, exit 0, only the lookup sent`, async () => {
      const id = await newKeyId();
      const since = await requestsSince(fx.emu);
      const result = await answer(["api-keys", "revoke", id], keys);
      assert.equal(result.code, 0, result.stdout);
      assert.match(
        result.stdout,
        new RegExp(`This will permanently revoke the API key '${id}' \\(prompted\\)`),
      );
      assert.match(result.stdout, /API key not revoked/);
      assert.deepEqual(await since(), { [LOOKUP]: 1 });
    });
  }

  it("revoke answered y: revoked, one PUT", async () => {
    const id = await newKeyId();
    const since = await requestsSince(fx.emu);
    const result = await answer(["api-keys", "revoke", id], "y\r");
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, new RegExp(`API key with ID '${id}' revoked successfully`));
    assert.deepEqual(await since(), { [LOOKUP]: 1, [REVOKE]: 1 });
  });

  it("Ctrl-C at the prompt: exit 130, nothing revoked", async () => {
    const id = await newKeyId();
    const since = await requestsSince(fx.emu);
    const result = await answer(["api-keys", "revoke", id], "\x03");
    assert.equal(result.code, 130, result.stdout);
    assert.deepEqual(await since(), { [LOOKUP]: 1 });
  });

  it("stdin a terminal but stdout piped: no prompt, exit 2 naming --force, nothing sent", async () => {
    const id = await newKeyId();
    const since = await requestsSince(fx.emu);
    // `| cat` inside the pty: ax's stdout is a pipe, its stdin still the terminal.
    const session = startOnTerminal(["api-keys", "revoke", id], {
      env: fx.env(),
      cwd: fx.box.home,
      pipeStdout: true,
    });
    const result = await session.done;
    assert.equal(result.code, 2, result.stdout);
    assert.doesNotMatch(result.stdout, /\[y\/N\]/);
    assert.match(result.stdout, /but stdout is not a terminal .*: pass --force/);
    assert.match(result.stdout, /To revoke, run: ax api-keys revoke \S+ --force/);
    assert.deepEqual(await since(), {});
  });

  it("profiles delete asks too: n keeps the file, y deletes it", async () => {
    const dir = join(fx.box.dir("cfg"), ".arize");
    mkdirSync(join(dir, "profiles"), { recursive: true, mode: 0o700 });
    const file = join(dir, "profiles", "doomed.toml");
    writeFileSync(file, '[auth]\napi_key = "ak-doomed-0123456789"\n', { mode: 0o600 });
    const env = { ...fx.env(), AX_CONFIG_DIR: dir };
    const kept = await answer(["profiles", "delete", "doomed"], "n\r", env);
    assert.equal(kept.code, 0, kept.stdout);
    assert.ok(existsSync(file));
    const deleted = await answer(["profiles", "delete", "doomed"], "y\r", env);
    assert.equal(deleted.code, 0, deleted.stdout);
    assert.equal(existsSync(file), false);
  });
});
