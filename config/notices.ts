/**
 * One-time notices, remembered per machine in `<config dir>/notices.json`.
 * A notice is a courtesy: it goes to stderr only and never fails a command,
 * even when its state cannot be read or written.
 */
import type { Context } from "../runtime/context.ts";
import { readRegularText } from "../runtime/read_regular_file.ts";
import { colorEnabled, paint } from "../runtime/terminal.ts";
import { writeFileAtomic } from "../runtime/atomic_file.ts";
import { noticesPath } from "./paths.ts";

interface NoticeState {
  /** Command group → when its ALPHA notice was shown (ISO 8601). */
  prerelease?: Record<string, string>;
}

/**
 * Prints the ALPHA warning for command `group` (e.g. `api-keys`) the first
 * time it is used on this machine. Silenced by `DISABLE_PRERELEASE_WARNING`
 * set to true, 1 or yes. When the state cannot be stored (read-only or
 * missing config directory) the notice is shown and the command carries on.
 */
export async function showPrereleaseNotice(ctx: Context, group: string): Promise<void> {
  if (isTruthy(ctx.env.DISABLE_PRERELEASE_WARNING)) return;
  let file: string | undefined;
  try {
    file = noticesPath(ctx);
  } catch {
    file = undefined;
  }
  const state = file ? await readState(file) : {};
  if (state.prerelease?.[group]) return;
  const color = colorEnabled(ctx.stderr, ctx.env);
  // Best effort like the rest of the notice: a closed stderr must not stop the command.
  await ctx.stderr.write(
    // Each line fits 80 columns (a terminal would wrap it mid-word).
    `${paint("⚠ Warning:", "yellow", color)} \`ax ${group}\` uses an ALPHA API ` +
      "that may change without notice.\n" +
      "  This is shown once; set DISABLE_PRERELEASE_WARNING=true to silence it.\n",
  ).catch(() => {});
  if (!file) return;
  const next: NoticeState = {
    ...state,
    prerelease: { ...state.prerelease, [group]: ctx.now().toISOString() },
  };
  try {
    await writeFileAtomic(file, JSON.stringify(next, null, 2) + "\n", { mode: 0o600 });
  } catch {
    // Read-only home, full disk…: the notice will simply show again next time.
  }
}

async function readState(file: string): Promise<NoticeState> {
  try {
    // A FIFO planted as notices.json must not hang ax: it counts as no state (S8).
    const parsed: unknown = JSON.parse(await readRegularText(file));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    const prerelease = (parsed as NoticeState).prerelease;
    if (prerelease === undefined) return parsed as NoticeState;
    if (typeof prerelease !== "object" || prerelease === null || Array.isArray(prerelease)) {
      return {};
    }
    return parsed as NoticeState;
  } catch {
    // Missing or corrupt state: behave as if nothing was shown yet.
    return {};
  }
}

function isTruthy(value: string | undefined): boolean {
  return ["true", "1", "yes"].includes((value ?? "").trim().toLowerCase());
}
