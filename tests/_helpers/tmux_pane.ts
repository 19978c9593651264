/**
 * Runs one command in a real terminal — a private tmux server, its own
 * socket in a temp folder — of a chosen size, and reads the screen back once
 * the command has ended. Every wait polls the screen against a deadline
 * instead of sleeping a fixed time. (tests/completion/_tmux.ts drives an
 * interactive shell instead.)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** How long a command may take to finish on the screen. */
const DEADLINE_MS = 60_000;

const DONE = "__ax_pane_done__";

/** True when a `tmux` binary runs here. */
export function haveTmux(): boolean {
  return spawnSync("tmux", ["-V"]).status === 0;
}

/** What {@link runInPane} runs, and on what size of screen. */
export interface PaneOptions {
  /** A `sh -c` command line (quote its words, e.g. with axShellWords). */
  command: string;
  width: number;
  height: number;
  /** The complete environment of the command (PATH included). */
  env: Record<string, string | undefined>;
  cwd?: string;
}

/** The screen the command left, and its exit status. */
export interface PaneResult {
  /** The screen's lines up to the command's end, wrapped lines joined (`capture-pane -J`). */
  lines: string[];
  code: number;
}

/** Runs `options.command` in a fresh `width`×`height` tmux window and captures the screen. */
export async function runInPane(options: PaneOptions): Promise<PaneResult> {
  const dir = mkdtempSync(join(tmpdir(), "ax-pane-"));
  const socket = join(dir, "tmux.sock");
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined) env[k] = v;
  const tmux = (args: string[]) => {
    const result = spawnSync("tmux", ["-S", socket, "-f", "/dev/null", ...args], {
      env,
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr}`);
    return result.stdout;
  };
  // The shell stays (sleeping) after the command, so the screen can be read.
  const script = `${options.command}; echo "${DONE} $?"; exec sleep 600`;
  try {
    tmux([
      "new-session",
      "-d",
      "-s",
      "t",
      "-x",
      String(options.width),
      "-y",
      String(options.height),
      ...(options.cwd ? ["-c", options.cwd] : []),
      "sh",
      "-c",
      script,
    ]);
    const deadline = Date.now() + DEADLINE_MS;
    for (;;) {
      const screen = tmux(["capture-pane", "-p", "-J", "-t", "t"]);
      const lines = screen.split("\n");
      const end = lines.findIndex((line) => line.startsWith(DONE));
      if (end >= 0) {
        return { lines: lines.slice(0, end), code: Number(lines[end].slice(DONE.length + 1)) };
      }
      if (Date.now() > deadline) throw new Error(`command did not finish; screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    spawnSync("tmux", ["-S", socket, "kill-server"]);
    rmSync(dir, { recursive: true, force: true });
  }
}
