/**
 * S8 (docs/reliability.md) through real ax and emulator processes: once the
 * server has issued a key, ax delivers the whole secret where the user asked,
 * or revokes the new key (create, create-service-key) and says so, or — for
 * refresh, which cannot be undone — prints the exact recovery command; it
 * never exits 0 unless the secret was delivered, and where it cannot tell (a
 * pipe's reader that takes the key and drops it) it prints the command that
 * undoes the key. Each failure class of issue 10 is tried: a stdout pipe
 * whose reader is gone, a closed or full stderr, a format plugin (module or
 * program) that throws, exits non-zero or hangs, `-o` and `--env-file`
 * naming one file, FIFOs and symlinks where files are expected, and command
 * lines printed for pasting whatever the server sent.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { useEmulator } from "../../_helpers/emulator_fixture.ts";
import { type AxResult, runAx } from "../../_helpers/run_ax.ts";
import {
  axShellWords,
  emulatorEnv,
  hasScript,
  leftoverTempFiles,
  makeSandbox,
  requestsSince,
  runOnTerminal,
  runShell,
  type Sandbox,
  shellWords,
  startAx,
  waitFor,
} from "../../_helpers/ax_process.ts";
import { reply, type ScriptedServer, startScriptedServer } from "../../_helpers/scripted_server.ts";

const fx = useEmulator("delivery");
const scriptAvailable = await hasScript();

interface KeyView {
  id: string;
  name: string;
  status: string;
}

/** Every key on the server with this name, active or revoked, read with ax. */
async function keysNamed(name: string, space?: string): Promise<KeyView[]> {
  const found: KeyView[] = [];
  for (const status of ["active", "revoked"]) {
    const result = await runAx(
      [
        "api-keys",
        "list",
        "--all",
        "--status",
        status,
        "-o",
        "ndjson",
        ...(space ? ["--key-type", "service", "--space", space] : []),
      ],
      { env: fx.env(), cwd: fx.box.home },
    );
    assert.equal(result.code, 0, result.stderr);
    for (const line of result.stdout.split("\n").filter(Boolean)) {
      const key = JSON.parse(line) as KeyView;
      if (key.name === name) found.push(key);
    }
  }
  return found;
}

/** The status of the key with this ID on the server. */
async function statusOf(id: string): Promise<string | undefined> {
  for (const status of ["active", "revoked"]) {
    const result = await runAx(
      ["api-keys", "list", "--all", "--status", status, "-o", "ndjson"],
      { env: fx.env(), cwd: fx.box.home },
    );
    if (result.stdout.includes(`"id":"${id}"`)) return status;
  }
  return undefined;
}

/** A key made outside ax, to refresh. */
async function keyToRefresh(name: string): Promise<string> {
  const made = await fx.emu.admin("POST", "keys", { name }) as { api_keys: { id: string }[] };
  return made.api_keys[0].id;
}

/**
 * Runs `ax <args> <redirections> | <reader>` in sh; ax's own exit code and
 * stderr are captured in files, since a pipeline's status is the reader's.
 */
async function inShell(
  args: string[],
  options: { reader?: string; redirect?: string; env?: Record<string, string | undefined> } = {},
): Promise<{ code: number; stderr: string; dir: string; shell: AxResult }> {
  const dir = fx.box.dir("sh");
  const redirect = options.redirect ?? `2>'${dir}/stderr'`;
  const ax = `${axShellWords(args)} ${redirect}; echo $? >'${dir}/code'`;
  const script = options.reader ? `{ ${ax}; } | ${options.reader}` : ax;
  const shell = await runShell(script, {
    env: { ...fx.env(), ...options.env },
    cwd: dir,
    timeoutMs: 60_000,
  });
  const stderrFile = join(dir, "stderr");
  return {
    code: Number(readFileSync(join(dir, "code"), "utf8").trim()),
    stderr: existsSync(stderrFile) ? readFileSync(stderrFile, "utf8") : "",
    dir,
    shell,
  };
}

/** The indented `ax api-keys refresh …` line a lost refresh prints. */
function recoveryLine(stderr: string): string {
  const line = stderr.split("\n").find((l) => /^\s+ax api-keys refresh /.test(l));
  assert.ok(line, `no recovery command in:\n${stderr}`);
  return line.trim();
}

/** The command of the `ℹ If the reader lost the key: …` line a piped secret ends with. */
function undoLine(stderr: string): string {
  const lines = stderr.trimEnd().split("\n");
  const match = /^ℹ If the reader lost the key: (ax .*)$/.exec(lines.at(-1)!);
  assert.ok(match, `stderr does not end with the undo line:\n${stderr}`);
  return match[1];
}

/** Runs a printed `ax …` line in sh, with `ax` replaced by the ax under test. */
function runPrinted(line: string, dir: string): Promise<AxResult> {
  assert.match(line, /^ax /);
  return runShell(`${axShellWords([])} ${line.slice(3)}`, {
    env: fx.env(),
    cwd: dir,
    timeoutMs: 60_000,
  });
}

describe("a new key is delivered or undone (S8)", () => {
  describe("stdout is a pipe whose reader has gone", () => {
    for (const format of ["json", "table", "csv", "ndjson"]) {
      it(`create -o ${format} | true: exit 5, the new key revoked, and the user told`, async () => {
        const name = `pipe ${format}`;
        const run = await inShell(["api-keys", "create", "-n", name, "-o", format], {
          reader: "true",
        });
        assert.equal(run.code, 5, run.stderr);
        assert.match(run.stderr, /standard output: its reader went away \(broken pipe\)/);
        assert.match(run.stderr, /could not be saved, so it was revoked/);
        const keys = await keysNamed(name);
        assert.equal(keys.length, 1);
        assert.equal(keys[0].status, "revoked");
      });
    }

    it("create-service-key -o json | true: revoked too", async () => {
      const name = "pipe service";
      const run = await inShell(
        ["api-keys", "create-service-key", "-n", name, "-s", "default", "-o", "json"],
        { reader: "true" },
      );
      assert.equal(run.code, 5, run.stderr);
      assert.match(run.stderr, /so it was revoked/);
      assert.deepEqual((await keysNamed(name, "default")).map((k) => k.status), ["revoked"]);
    });

    for (const format of ["json", "csv"]) {
      it(`refresh -o ${format} | true: exit 5, the replacement stays active, and the printed recovery command works`, async () => {
        const name = `pipe refresh ${format}`;
        const old = await keyToRefresh(name);
        const run = await inShell(["api-keys", "refresh", old, "-o", format], { reader: "true" });
        assert.equal(run.code, 5, run.stderr);
        assert.match(run.stderr, /replacement '([^']+)' could not be saved/);
        const replacement = /replacement '([^']+)'/.exec(run.stderr)![1];
        assert.equal(await statusOf(replacement), "active");
        assert.equal(await statusOf(old), "revoked");
        const line = recoveryLine(run.stderr);
        assert.equal(line, `ax api-keys refresh ${replacement} -o ${format}`);
        // Pasted as printed (into a working stdout this time), it recovers.
        const recovered = await runPrinted(line, run.dir);
        assert.equal(recovered.code, 0, recovered.stderr);
        assert.match(recovered.stdout, /ak-/);
        assert.equal(await statusOf(replacement), "revoked");
      });
    }
  });

  describe("stdout is a pipe whose reader takes the key and drops it", () => {
    // The whole secret fits in the pipe's buffer: every write succeeds, the
    // reader throws it away later, and no process can tell. So ax exits 0
    // and stderr ends with the command that undoes the key.
    for (
      const [label, options, reader] of [
        ["-o json | head -c 5", ["-o", "json"], "head -c 5 >/dev/null"],
        ["| head -1", [], "head -1 >/dev/null"],
      ] as const
    ) {
      it(`create ${label}: exit 0, the ID and its revoke on stderr, and that revoke works`, async () => {
        const name = `dropped ${label}`;
        const run = await inShell(["api-keys", "create", "-n", name, ...options], { reader });
        assert.equal(run.code, 0, run.stderr);
        const [key] = await keysNamed(name);
        assert.equal(key.status, "active");
        const line = undoLine(run.stderr);
        assert.equal(line, `ax api-keys revoke ${key.id} --force`);
        const revoked = await runPrinted(line, run.dir);
        assert.equal(revoked.code, 0, revoked.stderr);
        assert.deepEqual((await keysNamed(name)).map((k) => k.status), ["revoked"]);
      });
    }

    it("create-service-key -o json | head -c 5: the same revoke line", async () => {
      const name = "dropped service";
      const run = await inShell(
        ["api-keys", "create-service-key", "-n", name, "-s", "default", "-o", "json"],
        { reader: "head -c 5 >/dev/null" },
      );
      assert.equal(run.code, 0, run.stderr);
      const [key] = await keysNamed(name, "default");
      assert.equal(undoLine(run.stderr), `ax api-keys revoke ${key.id} --force`);
    });

    it("refresh -o json | head -c 5: exit 0, the replacement's recovery on stderr, and it recovers", async () => {
      const old = await keyToRefresh("dropped refresh");
      const run = await inShell(["api-keys", "refresh", old, "-o", "json"], {
        reader: "head -c 5 >/dev/null",
      });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(await statusOf(old), "revoked");
      const line = undoLine(run.stderr);
      const replacement = /^ax api-keys refresh (\S+) -o json$/.exec(line)?.[1];
      assert.ok(replacement, line);
      assert.equal(await statusOf(replacement), "active");
      // Pasted as printed (into a reader that keeps it this time), it recovers.
      const recovered = await runPrinted(line, run.dir);
      assert.equal(recovered.code, 0, recovered.stderr);
      const fresh = JSON.parse(recovered.stdout);
      assert.match(fresh.key, /^ak-/);
      assert.equal(fresh.name, "dropped refresh");
      assert.equal(await statusOf(replacement), "revoked");
      assert.equal(await statusOf(fresh.id), "active");
    });

    it("stdout a regular file (> key.json): no such line", async () => {
      const run = await inShell(["api-keys", "create", "-n", "to a file", "-o", "json"], {
        redirect: `>key.json 2>stderr`,
      });
      assert.equal(run.code, 0, run.stderr);
      assert.match(JSON.parse(readFileSync(join(run.dir, "key.json"), "utf8")).key, /^ak-/);
      assert.match(run.stderr, /Save this API key now/);
      assert.doesNotMatch(run.stderr, /reader lost/);
    });

    // TERM=dumb too: no spinner then, so stdout reaches delivery unwrapped.
    for (const term of ["xterm-256color", "dumb"]) {
      it(`stdout a terminal (TERM=${term}): no such line`, {
        skip: scriptAvailable ? false : "util-linux `script` is not installed (needed for a pty)",
      }, async () => {
        const run = await runOnTerminal(["api-keys", "create", "-n", `on ${term}`], {
          env: fx.env({ TERM: term }),
          cwd: fx.box.dir("tty"),
        });
        assert.equal(run.code, 0, run.stdout);
        assert.match(run.stdout, /Save this API key now/);
        assert.doesNotMatch(run.stdout, /reader lost/);
      });
    }
  });

  describe("stderr closed or unwritable while stdout is a file", () => {
    for (const [label, redirect] of [["2>&-", "2>&-"], ["2>/dev/full", "2>/dev/full"]]) {
      it(`create -o key.json ${label}: exit 0, the whole key in the file, the key active`, async () => {
        const name = `stderr ${label}`;
        const run = await inShell(["api-keys", "create", "-n", name, "-o", "key.json"], {
          redirect,
        });
        assert.equal(run.code, 0);
        const saved = JSON.parse(readFileSync(join(run.dir, "key.json"), "utf8"));
        assert.match(saved.key, /^ak-\w{40,}$/);
        assert.deepEqual((await keysNamed(name)).map((k) => [k.id, k.status]), [
          [saved.id, "active"],
        ]);
      });

      it(`refresh > key.json (stdout redirected) ${label}: exit 0 and the key in the file`, async () => {
        const old = await keyToRefresh(`stderr refresh ${label}`);
        const run = await inShell(["api-keys", "refresh", old, "-o", "json"], {
          redirect: `>key.json ${redirect}`,
        });
        assert.equal(run.code, 0);
        const saved = JSON.parse(readFileSync(join(run.dir, "key.json"), "utf8"));
        assert.match(saved.key, /^ak-/);
        assert.equal(await statusOf(saved.id), "active");
      });
    }

    it("--env-file with 2>/dev/full and the ALPHA notice on: exit 0, the key in the env file", async () => {
      const name = "stderr env";
      const run = await inShell(["api-keys", "create", "-n", name, "--env-file", ".env"], {
        redirect: ">/dev/null 2>/dev/full",
        env: { DISABLE_PRERELEASE_WARNING: undefined },
      });
      assert.equal(run.code, 0);
      assert.match(readFileSync(join(run.dir, ".env"), "utf8"), /^ARIZE_API_KEY=ak-\w+\n$/);
      assert.deepEqual((await keysNamed(name)).map((k) => k.status), ["active"]);
    });
  });

  describe("a format plugin that fails during create or refresh", () => {
    let plugins: string;
    before(() => {
      plugins = fx.box.dir("plugins");
      writeFileSync(
        join(plugins, "throws.ts"),
        `export default { name: "throws", description: "throws", extensions: [".boom"], binary: false,
          async write(records) { for await (const _ of records) {} throw new Error("plugin bug"); } };`,
      );
      writeFileSync(
        join(plugins, "swallows.ts"),
        `export default { name: "swallows", description: "ignores write errors", extensions: [],
          binary: false, async write(records, sink) {
            for await (const r of records) { try { await sink.write(JSON.stringify(r) + "\\n"); } catch {} }
          } };`,
      );
      writeFileSync(
        join(plugins, "hangs.ts"),
        `export default { name: "hangs", description: "never ends", extensions: [], binary: false,
          write() { return new Promise(() => {}); } };`,
      );
      const program = (name: string, body: string) => {
        const path = join(plugins, `ax-format-${name}`);
        writeFileSync(path, `#!/bin/sh\n[ "$1" = --ax-describe ] && exit 1\n${body}\n`);
        chmodSync(path, 0o755);
      };
      program("fails", "cat >/dev/null; echo half; exit 3");
      // Records its pid, then never ends: ax must kill it.
      program("stuck", `echo $$ > "$STUCK_PID_FILE"; cat >/dev/null; exec sleep 600`);
    });
    const env = () => ({ PATH: `${plugins}:${process.env.PATH}` });

    const cases: [string, string[], RegExp][] = [
      ["module throws", ["-o", "throws", "--plugin", "PLUGINS/throws.ts"], /plugin bug/],
      [
        "module hangs past --timeout",
        ["-o", "hangs", "--plugin", "PLUGINS/hangs.ts", "--timeout", "1"],
        /did not finish within 1 s/,
      ],
      ["program exits non-zero", ["-o", "fails"], /exited with status 3/],
      ["program hangs past --timeout", ["-o", "stuck", "--timeout", "1"], /did not finish/],
    ];
    for (const [label, options, why] of cases) {
      const resolved = () => options.map((o) => o.replace("PLUGINS", plugins));

      it(`create, ${label}: non-zero exit, the new key revoked, the plugin named`, async () => {
        const name = `plugin ${label}`;
        const dir = fx.box.dir("plugin");
        const pidFile = join(dir, "pid");
        const result = await runAx(["api-keys", "create", "-n", name, ...resolved()], {
          env: { ...fx.env(), ...env(), STUCK_PID_FILE: pidFile },
          cwd: dir,
          timeoutMs: 60_000,
        });
        assert.notEqual(result.code, 0);
        assert.equal(result.signal, null);
        assert.match(result.stderr, why);
        assert.match(result.stderr, /Format plugin \S+/);
        assert.match(result.stderr, /could not be saved, so it was revoked/);
        assert.deepEqual((await keysNamed(name)).map((k) => k.status), ["revoked"]);
        if (existsSync(pidFile)) {
          const pid = Number(readFileSync(pidFile, "utf8"));
          await waitFor(() => !alive(pid), { what: `plugin process ${pid} to be gone` });
        }
      });

      it(`refresh, ${label}: non-zero exit, replacement active, recovery command printed`, async () => {
        const old = await keyToRefresh(`plugin refresh ${label}`);
        const dir = fx.box.dir("plugin");
        const result = await runAx(["api-keys", "refresh", old, ...resolved()], {
          env: { ...fx.env(), ...env(), STUCK_PID_FILE: join(dir, "pid") },
          cwd: dir,
          timeoutMs: 60_000,
        });
        assert.notEqual(result.code, 0);
        assert.match(result.stderr, why);
        const replacement = /replacement '([^']+)'/.exec(result.stderr)![1];
        assert.equal(await statusOf(replacement), "active");
        assert.match(
          recoveryLine(result.stderr),
          new RegExp(`^ax api-keys refresh ${replacement} `),
        );
      });
    }

    it("a module that swallows its write error into a gone reader: still exit 5 and revoked", async () => {
      const name = "plugin swallows";
      const run = await inShell(
        [
          "api-keys",
          "create",
          "-n",
          name,
          "-o",
          "swallows",
          "--plugin",
          join(plugins, "swallows.ts"),
        ],
        { reader: "true" },
      );
      assert.equal(run.code, 5, run.stderr);
      assert.match(run.stderr, /broken pipe/);
      assert.deepEqual((await keysNamed(name)).map((k) => k.status), ["revoked"]);
    });

    it("Ctrl-C during the hand-over: exit 130, and the printed revoke command undoes the key", async () => {
      const name = "interrupted hand-over";
      const dir = fx.box.dir("plugin-int");
      const run = startAx(
        ["api-keys", "create", "-n", name, "-o", "hangs", "--plugin", join(plugins, "hangs.ts")],
        { env: fx.env(), cwd: dir },
      );
      await waitFor(() => run.stderr().includes("created successfully"), { what: "the key" });
      run.kill("SIGINT");
      const result = await run.done;
      assert.equal(result.code, 130, result.stderr);
      const line = /Revoke it yourself: (.*)$/m.exec(result.stderr)?.[1];
      assert.ok(line, result.stderr);
      assert.deepEqual((await keysNamed(name)).map((k) => k.status), ["active"]);
      const revoked = await runPrinted(line, dir);
      assert.equal(revoked.code, 0, revoked.stderr);
      assert.deepEqual((await keysNamed(name)).map((k) => k.status), ["revoked"]);
    });

    it("a plugin failing into -o FILE: key revoked, no file and no temp file left", async () => {
      const dir = fx.box.dir("plugin-file");
      const result = await runAx(
        ["api-keys", "create", "-n", "plugin file", "-o", "k.boom", "--plugin", plugins],
        { env: fx.env(), cwd: dir },
      );
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /plugin bug/);
      assert.deepEqual((await keysNamed("plugin file")).map((k) => k.status), ["revoked"]);
      assert.ok(!existsSync(join(dir, "k.boom")));
      assert.deepEqual(leftoverTempFiles(dir), []);
    });
  });

  describe("checked before the POST: nothing is created", () => {
    async function refusedBeforePost(args: string[], cwd: string, code: number) {
      const since = await requestsSince(fx.emu);
      const result = await runAx(args, { env: fx.env(), cwd, timeoutMs: 20_000 });
      assert.equal(result.code, code, result.stderr);
      assert.equal(result.signal, null);
      const routes = await since();
      assert.equal(routes["POST /v2/api-keys"], undefined, JSON.stringify(routes));
      assert.equal(routes["POST /v2/api-keys/{id}/refresh"], undefined, JSON.stringify(routes));
      assert.match(result.stderr, /Nothing was created|symbolic link/);
      return result;
    }

    it("--env-file and -o naming one file, in any spelling: exit 2", async () => {
      const dir = fx.box.dir("same");
      mkdirSync(join(dir, "real"));
      symlinkSync(join(dir, "real"), join(dir, "via-link"));
      writeFileSync(join(dir, "real", "a.json"), "");
      linkSync(join(dir, "real", "a.json"), join(dir, "real", "hard.json"));
      const spellings: [string, string][] = [
        ["out.json", "out.json"],
        ["./out.json", join(dir, "out.json")],
        ["real/../out.json", "out.json"],
        ["via-link/new.json", "real/new.json"],
        ["real/a.json", "real/hard.json"],
      ];
      for (const [envFile, output] of spellings) {
        const result = await refusedBeforePost(
          ["api-keys", "create", "-n", "same", "--env-file", envFile, "-o", output],
          dir,
          2,
        );
        assert.match(result.stderr, /name the same file/, `${envFile} vs ${output}`);
      }
      const old = await keyToRefresh("same refresh");
      await refusedBeforePost(
        ["api-keys", "refresh", old, "--env-file", "./k.json", "-o", "k.json"],
        dir,
        2,
      );
      assert.equal(await statusOf(old), "active");
      assert.deepEqual(await keysNamed("same"), []);
    });

    it("-o naming a FIFO: exit 5 at once, no hang, for create and refresh", async () => {
      const dir = fx.box.dir("fifo");
      const fifo = join(dir, "key.json");
      assert.equal((await runShell(`mkfifo '${fifo}'`)).code, 0);
      const result = await refusedBeforePost(
        ["api-keys", "create", "-n", "fifo", "-o", fifo],
        dir,
        5,
      );
      assert.match(result.stderr, /not a regular file/);
      const old = await keyToRefresh("fifo refresh");
      await refusedBeforePost(["api-keys", "refresh", old, "-o", fifo], dir, 5);
      assert.equal(await statusOf(old), "active");
    });

    it("-o naming a symlink (even to /dev/null): exit 5", async () => {
      const dir = fx.box.dir("link");
      symlinkSync("/dev/null", join(dir, "null.json"));
      await refusedBeforePost(
        ["api-keys", "create", "-n", "link", "-o", "null.json"],
        dir,
        5,
      );
    });

    it("--env-file naming a FIFO: exit 5 at once", async () => {
      const dir = fx.box.dir("fifo-env");
      assert.equal((await runShell(`mkfifo '${join(dir, ".env")}'`)).code, 0);
      await refusedBeforePost(["api-keys", "create", "-n", "x", "--env-file", ".env"], dir, 5);
    });
  });

  describe("-o onto a symlink is refused for every command", () => {
    it("list -o link.csv: exit 5, the link and its target untouched", async () => {
      const dir = fx.box.dir("list-link");
      writeFileSync(join(dir, "target.csv"), "keep me\n");
      symlinkSync(join(dir, "target.csv"), join(dir, "link.csv"));
      const result = await runAx(["api-keys", "list", "-o", "link.csv"], {
        env: fx.env(),
        cwd: dir,
      });
      assert.equal(result.code, 5, result.stderr);
      assert.match(result.stderr, /link\.csv: it is a symbolic link/);
      assert.equal(readFileSync(join(dir, "target.csv"), "utf8"), "keep me\n");
      assert.deepEqual(leftoverTempFiles(dir), []);
    });
  });

  describe("config files that are FIFOs never hang ax", () => {
    it("notices.json a FIFO: the notice is best effort, the key is delivered", async () => {
      const sandbox = makeSandbox("delivery-notices");
      try {
        mkdirSync(sandbox.configDir, { recursive: true });
        assert.equal(
          (await runShell(`mkfifo '${join(sandbox.configDir, "notices.json")}'`)).code,
          0,
        );
        const result = await runAx(["api-keys", "create", "-n", "notice fifo", "-o", "json"], {
          env: emulatorEnv(fx.emu, sandbox, { DISABLE_PRERELEASE_WARNING: undefined }),
          cwd: sandbox.home,
          timeoutMs: 20_000,
        });
        assert.equal(result.code, 0, result.stderr);
        assert.match(JSON.parse(result.stdout).key, /^ak-/);
        assert.match(result.stderr, /ALPHA/);
      } finally {
        sandbox.remove();
      }
    });

    for (
      const [label, file] of [[".active_profile", ".active_profile"], [
        "a profile",
        "profiles/default.toml",
      ]]
    ) {
      it(`${label} a FIFO: a clear error naming it, before any request`, async () => {
        const sandbox = makeSandbox("delivery-config");
        try {
          mkdirSync(join(sandbox.configDir, "profiles"), { recursive: true });
          const path = join(sandbox.configDir, file);
          assert.equal((await runShell(`mkfifo '${path}'`)).code, 0);
          const since = await requestsSince(fx.emu);
          const result = await runAx(["api-keys", "create", "-n", "cfg fifo", "-o", "json"], {
            env: emulatorEnv(fx.emu, sandbox, { ARIZE_API_KEY: undefined }),
            cwd: sandbox.home,
            timeoutMs: 20_000,
          });
          assert.equal(result.signal, null, "ax hung and was killed");
          assert.notEqual(result.code, 0);
          assert.ok(result.stderr.includes(path), result.stderr);
          assert.match(result.stderr, /not a regular file/);
          assert.deepEqual(await since(), {});
        } finally {
          sandbox.remove();
        }
      });
    }
  });
});

describe("command lines printed for pasting are shell-quoted whatever the server sent", () => {
  let server: ScriptedServer;
  let sandbox: Sandbox;
  const HOSTILE_ID = "$(touch PWNED)'; touch PWNED2 #";
  const HOSTILE_CURSOR = "`touch PWNED3` $HOME";

  before(async () => {
    sandbox = makeSandbox("delivery-quote");
    server = await startScriptedServer((req, res) => {
      if (req.method === "POST") {
        return reply(res, {
          status: 201,
          body: JSON.stringify({
            id: HOSTILE_ID,
            name: "q",
            key_type: "user",
            status: "active",
            redacted_key: "ak-x...y",
            created_at: "2026-01-01T00:00:00Z",
            created_by_user_id: "u",
            key: "ak-secret0000000000000000000000000000000000",
          }),
        });
      }
      if (req.method === "PUT") {
        return reply(res, {
          status: 403,
          body: JSON.stringify({ title: "Forbidden", status: 403 }),
        });
      }
      reply(res, {
        status: 200,
        body: JSON.stringify({
          api_keys: [{
            id: "k1",
            name: "n",
            key_type: "user",
            status: "active",
            redacted_key: "ak-a...b",
            created_at: "2026-01-01T00:00:00Z",
            created_by_user_id: "u",
          }],
          pagination: { has_more: true, next_cursor: HOSTILE_CURSOR },
        }),
      });
    });
  });
  after(async () => {
    await server?.close();
    sandbox?.remove();
  });

  it("the revoke hint after a failed revoke, and the --cursor hint, run nothing", async () => {
    const dir = sandbox.dir("q");
    const env = emulatorEnv({ url: server.url, adminKey: "ak-test" }, sandbox);
    const run = await runShell(
      `${axShellWords(["api-keys", "create", "-n", "q", "-o", "json"])} 2>stderr | true`,
      { env, cwd: dir, timeoutMs: 60_000 },
    );
    assert.equal(run.code, 0);
    const stderr = readFileSync(join(dir, "stderr"), "utf8");
    const hint = /Revoke it yourself: (.*)$/m.exec(stderr)?.[1];
    assert.ok(hint, stderr);
    assert.deepEqual(await shellWords(hint, dir), [
      "ax",
      "api-keys",
      "revoke",
      HOSTILE_ID,
      "--force",
    ]);

    const listed = await runAx(["api-keys", "list", "-o", "csv"], { env, cwd: dir });
    assert.equal(listed.code, 0, listed.stderr);
    const cursorLine = listed.stderr.split("\n").find((l) => l.includes("--cursor"))!.trim();
    assert.deepEqual(await shellWords(cursorLine, dir), ["--cursor", HOSTILE_CURSOR]);
    assert.ok(!existsSync(join(dir, "PWNED")) && !existsSync(join(dir, "PWNED3")));
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
