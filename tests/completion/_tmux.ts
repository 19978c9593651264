/**
 * Drives an interactive shell inside a private tmux server: start it, type
 * keys (TAB included), and read the screen back. Every wait polls the screen
 * against a deadline instead of sleeping a fixed time.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** How long a screen may take to show what a test waits for. */
const DEADLINE_MS = 15_000;

/** One shell running in its own tmux server. */
export interface TmuxShell {
  /** Sends tmux key names (`Tab`, `Enter`, `C-u`) or literal text (`{ literal: "ax api-" }`). */
  send(...keys: (string | { literal: string })[]): void;
  /** The visible screen, trailing blanks trimmed. */
  screen(): string;
  /** Polls the screen until `test` passes; fails with the last screen at the deadline. */
  waitFor(test: (screen: string) => boolean, what: string): Promise<string>;
  /** Kills the tmux server and the shell. */
  close(): void;
}

/** What {@link startShell} runs. */
export interface ShellOptions {
  /** Folder for the tmux socket; also the working directory of the shell. */
  dir: string;
  /** The shell command line, e.g. `["bash", "--noprofile", "--rcfile", rc, "-i"]`. */
  argv: string[];
  /** The complete environment of the shell (tmux passes it on). */
  env: Record<string, string>;
}

function tmux(socket: string, args: string[], env?: Record<string, string>) {
  const result = spawnSync("tmux", ["-S", socket, "-f", "/dev/null", ...args], {
    env,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`tmux ${args[0]} failed: ${result.stderr || result.error}`);
  }
  return result.stdout;
}

/** True when a `tmux` binary runs here. */
export function haveTmux(): boolean {
  return spawnSync("tmux", ["-V"]).status === 0;
}

/** Starts `options.argv` in a fresh 200×50 tmux session. */
export function startShell(options: ShellOptions): TmuxShell {
  const socket = join(options.dir, "tmux.sock");
  tmux(socket, [
    "new-session",
    "-d",
    "-s",
    "t",
    "-c",
    options.dir,
    "-x",
    "200",
    "-y",
    "50",
    ...options.argv,
  ], {
    ...options.env,
    // tmux itself needs a TERM to draw; the shell inside gets screen/tmux.
    TERM: "xterm-256color",
  });
  const shell: TmuxShell = {
    send(...keys) {
      for (const key of keys) {
        if (typeof key === "string") tmux(socket, ["send-keys", "-t", "t", key]);
        else tmux(socket, ["send-keys", "-t", "t", "-l", key.literal]);
      }
    },
    screen() {
      return tmux(socket, ["capture-pane", "-p", "-J", "-t", "t"]).replace(/\s+$/, "");
    },
    async waitFor(test, what) {
      const deadline = Date.now() + DEADLINE_MS;
      let last = "";
      while (Date.now() < deadline) {
        last = shell.screen();
        if (test(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`timed out waiting for ${what}; screen:\n${last}`);
    },
    close() {
      spawnSync("tmux", ["-S", socket, "kill-server"]);
    },
  };
  return shell;
}
