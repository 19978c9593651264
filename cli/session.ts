/**
 * What every command that talks to the API does between validating its options and its
 * first request: resolve settings and credentials, pick and check the output
 * target, and build the API client, the spinner and the context they share.
 * Nothing here reaches the network.
 */
import type { ApiClient } from "../api/client.ts";
import { clientFromSettings, warnIfInsecure } from "./client.ts";
import { loadSettings, requireApiKey, type Settings } from "../config/settings.ts";
import type { OutputTarget } from "../formats/output.ts";
import type { Context } from "../runtime/context.ts";
import { colorEnabled } from "../runtime/terminal.ts";
import type { CommonOptions } from "./common.ts";
import { openOutput } from "./output.ts";
import { createStatusLine, type StatusLine } from "./status_line.ts";

/** Everything a command needs once local checks have passed. */
export interface Session {
  /** The resolved settings: the profile, base URL and key, and where each came from. */
  readonly settings: Settings;
  readonly client: ApiClient;
  /** Where records go; undefined for commands that print none (revoke). */
  readonly target: OutputTarget | undefined;
  /** The spinner / progress line on stderr. */
  readonly status: StatusLine;
  /** `--timeout`, else AX_TIMEOUT, else 30 s; also bounds a secret's hand-over (S8). */
  readonly timeoutMs: number;
  /** The caller's context, with stdout and stderr erasing the status line before each write. */
  readonly ctx: Context;
  /** Runs one request with a spinner labelled `label`, erased when it settles. */
  request<T>(label: string, work: () => Promise<T>): Promise<T>;
  /** Stops the spinner. Call it in a `finally`. */
  close(): Promise<void>;
}

/** Options of {@link openSession}. */
export interface SessionOptions {
  common: CommonOptions;
  /** True for commands that print records: the output target is resolved and checked. */
  output: boolean;
}

/**
 * Loads settings, resolves and preflights the output target (so a bad `-o`
 * fails before anything is created), requires an API key and builds the
 * client. Usage errors come before the credentials check: a wrong flag is
 * reported the same way with or without a profile.
 */
export async function openSession(ctx: Context, options: SessionOptions): Promise<Session> {
  const { common } = options;
  const settings = await loadSettings(ctx, { profile: common.profile });
  const target = options.output
    ? await openOutput(ctx, {
      output: common.output,
      plugins: common.plugins,
      profileFormat: settings.outputFormat,
      profileFormatKey: settings.outputFormatKey,
    })
    : undefined;
  const apiKey = requireApiKey(settings);
  await warnIfInsecure(ctx, settings);
  // Verbose logs stream on stderr; a spinner drawn between them would garble
  // them. So would the reader of a piped stdout (`| head`, `| less`) writing
  // to the same terminal: the line would stick to its output (gh draws no
  // spinner then either). Redirected into a file, progress still shows.
  const status = createStatusLine(ctx.stderr, {
    color: colorEnabled(ctx.stderr, ctx.env),
    enabled: !common.verbose && ctx.stdout.isPipe !== true,
    env: ctx.env,
  });
  const guarded: Context = {
    ...ctx,
    stdout: status.guard(ctx.stdout),
    stderr: status.guard(ctx.stderr),
  };
  const client = clientFromSettings(guarded, settings, {
    apiKey,
    timeoutMs: common.timeoutMs,
    verbose: common.verbose,
  });
  return {
    settings,
    client,
    target,
    status,
    timeoutMs: common.timeoutMs ?? settings.timeoutMs,
    ctx: guarded,
    async request(label, work) {
      status.spin(label);
      try {
        return await work();
      } finally {
        await status.stop();
      }
    },
    close: () => status.stop(),
  };
}
