/**
 * The one way tests start, seed, use and stop an emulator process:
 * `useEmulator` registers `before`/`after` hooks (in a `describe` block or at
 * the top of a file) that start `ax emulator start` (from source, or
 * `AX_BIN`) and a private sandbox, then stop and remove both. Seed through
 * the start options (`seedKeys`, `data`, `args`; given as a function of the
 * sandbox, they can write a `--data` file there first) or in a later
 * `before` with `fx.emu.admin(…)`/`fx.ax(…)`; hooks run in the order
 * registered.
 *
 * ```ts
 * const fx = useEmulator("retries", { faults: true });
 * before(() => fx.emu.admin("POST", "keys", { name: "seeded" }));
 * it("…", async () => {
 *   const run = await fx.ax(["api-keys", "list", "-o", "json"], { env: { AX_TIMEOUT: "5" } });
 * });
 * ```
 *
 * `useScriptedServer` is the same fixture with a scripted loopback server
 * (scripted_server.ts) in the emulator's place, for answers the emulator
 * cannot give on purpose.
 *
 * The in-memory emulator of the emulator's own unit tests
 * (tests/emulator/_support.ts) is the unit under test there, not a fixture.
 */
import { after, before } from "node:test";
import assert from "node:assert/strict";
import {
  type EmulatorHandle,
  startEmulator,
  type StartEmulatorOptions,
} from "./emulator_process.ts";
import { emulatorEnv, makeSandbox, type Sandbox } from "./ax_process.ts";
import { type AxResult, runAx, type RunAxOptions } from "./run_ax.ts";
import { type Handler, type ScriptedServer, startScriptedServer } from "./scripted_server.ts";

/** Options of one {@link EmulatorFixture.ax} run. */
export interface FixtureRunOptions extends Omit<RunAxOptions, "env"> {
  /** Added to (or, when undefined, removed from) the fixture's environment. */
  env?: Record<string, string | undefined>;
}

/** A running emulator with its sandbox; valid inside tests and later hooks. */
export interface EmulatorFixture {
  /** The emulator process (its URL, keys, admin routes). */
  readonly emu: EmulatorHandle;
  /** The private home and config directory of this fixture's ax runs. */
  readonly box: Sandbox;
  /** ax's environment against the emulator as its admin user, with `extra` applied. */
  env(extra?: Record<string, string | undefined>): Record<string, string | undefined>;
  /** Runs ax (from source or `AX_BIN`) in the sandbox's home against the emulator. */
  ax(args: string[], options?: FixtureRunOptions): Promise<AxResult>;
  /** Like {@link ax}, and fails with ax's output unless it exits with `code`. */
  axExpecting(code: number, args: string[], options?: FixtureRunOptions): Promise<AxResult>;
}

/** Start options, or a function of the new sandbox that returns them. */
export type FixtureStartOptions = StartEmulatorOptions | ((box: Sandbox) => StartEmulatorOptions);

/** Registers the hooks that start the emulator and sandbox `name`, and stop and remove them. */
export function useEmulator(name: string, options: FixtureStartOptions = {}): EmulatorFixture {
  let emu: EmulatorHandle | undefined;
  let box: Sandbox | undefined;
  before(async () => {
    box = makeSandbox(name);
    emu = await startEmulator(typeof options === "function" ? options(box) : options);
  });
  after(async () => {
    await emu?.stop();
    box?.remove();
  });
  const fixture: EmulatorFixture = {
    get emu() {
      return started(emu);
    },
    get box() {
      return started(box);
    },
    ...runsAgainst(() => started(emu), () => started(box)),
  };
  return fixture;
}

/** A running scripted server standing in for the emulator, with its sandbox. */
export interface ScriptedServerFixture {
  /** The server; replace its answers with `server.handle(…)`. */
  readonly server: ScriptedServer;
  readonly box: Sandbox;
  /** ax's environment against the server with `token` as its key, with `extra` applied. */
  env(extra?: Record<string, string | undefined>): Record<string, string | undefined>;
  /** Runs ax in the sandbox's home against the server. */
  ax(args: string[], options?: FixtureRunOptions): Promise<AxResult>;
  /** Like {@link ax}, and fails with ax's output unless it exits with `code`. */
  axExpecting(code: number, args: string[], options?: FixtureRunOptions): Promise<AxResult>;
}

/**
 * Registers the hooks that start a scripted server (answering with `handler`
 * until a test replaces it) and sandbox `name`; ax sends `token` as its key.
 */
export function useScriptedServer(
  name: string,
  input: { handler: Handler; token: string },
): ScriptedServerFixture {
  let server: ScriptedServer | undefined;
  let box: Sandbox | undefined;
  before(async () => {
    box = makeSandbox(name);
    server = await startScriptedServer(input.handler);
  });
  after(async () => {
    await server?.close();
    box?.remove();
  });
  const target = () => ({ url: started(server).url, adminKey: input.token });
  return {
    get server() {
      return started(server);
    },
    get box() {
      return started(box);
    },
    ...runsAgainst(target, () => started(box)),
  };
}

function started<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("a test fixture is used before its hook ran");
  return value;
}

/** The `env` and `ax` of a fixture whose server and sandbox exist once its hook ran. */
function runsAgainst(
  target: () => Pick<EmulatorHandle, "url" | "adminKey">,
  sandbox: () => Sandbox,
): Pick<EmulatorFixture, "env" | "ax" | "axExpecting"> {
  const env = (extra: Record<string, string | undefined> = {}) =>
    emulatorEnv(target(), sandbox(), extra);
  const ax = (args: string[], run: FixtureRunOptions = {}) =>
    runAx(args, { ...run, cwd: run.cwd ?? sandbox().home, env: env(run.env) });
  return {
    env,
    ax,
    async axExpecting(code, args, run) {
      const result = await ax(args, run);
      const output = `stdout: ${result.stdout}\nstderr: ${result.stderr}`;
      assert.equal(result.code, code, `ax ${args.join(" ")}\n${output}`);
      return result;
    },
  };
}
