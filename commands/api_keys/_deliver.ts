/**
 * Hands a new secret to the user exactly once (S7, S8, docs/reliability.md):
 * printed in the chosen format with the "save it now" warning, or written to
 * `--env-file` with only the key's metadata printed.
 *
 * The invariant (S8): once the server has issued a key, ax either delivers
 * the whole secret where the user asked, or undoes it (`onLost`: create
 * revokes the new key; refresh, which cannot be undone, prints the recovery
 * command) and says so with a non-zero exit. Everything that can be checked
 * is checked before the request; stderr is a courtesy that can never stop
 * the hand-over; and the hand-over is bounded by the command's timeout, so a
 * hanging format plugin is stopped and counted as a failure. One loss cannot
 * be seen: a reader of stdout that takes the bytes and drops them (`| head
 * -c 5`); so when stdout is such a hand-off, stderr ends with the command
 * that undoes the key.
 */
import type { ApiKeyCreated } from "../../api/types.ts";
import { revokeApiKey } from "../../api/api_keys.ts";
import { showPrereleaseNotice } from "../../config/notices.ts";
import type { Context, TextOutput } from "../../runtime/context.ts";
import { AxError, BrokenPipeError, FileError, InterruptedError } from "../../runtime/errors.ts";
import { bestEffortOutput } from "../../runtime/stdio.ts";
import {
  API_KEY_COLUMNS,
  API_KEY_CREATED_COLUMNS,
  API_KEY_CREATED_DISPLAY_ORDER,
  API_KEY_DISPLAY_ORDER,
  toRow,
} from "./_columns.ts";
import { checkEnvFile, type EnvFilePlan, writeEnvFile } from "./_env_file.ts";
import { announce } from "../../cli/messages.ts";
import { printRecord } from "../../cli/output.ts";
import { envFileSavedMessage, ifReaderLostMessage, SAVE_NOW } from "./_messages.ts";
import type { CommonOptions } from "../../cli/common.ts";
import { revokeCommand } from "./_revoke_command.ts";
import { openSession, type Session } from "../../cli/session.ts";
import { checkSecretDestinations } from "./_secret_destinations.ts";

/** What a command that issues a secret (create, create-service-key, refresh) supplies. */
export interface Issuance {
  common: CommonOptions;
  /** `--env-file` as given; checked before anything is sent. */
  envFile: string | undefined;
  /** The success line, e.g. `✓ API key created successfully`. */
  success: string;
  /** Sends the request(s) that create the key; runs after every local check passed. */
  issue(session: Session): Promise<ApiKeyCreated>;
  /** What to do when the new secret could not be saved (see {@link Delivery.onLost}). */
  onLost(session: Session, created: ApiKeyCreated): Promise<string[]>;
  /** The command that undoes the new key (see {@link Delivery.undo}). */
  undo(created: ApiKeyCreated): string;
}

/**
 * The shared flow of the commands that issue a secret: settings, output
 * target and `--env-file` are checked first (a bad path costs nothing), then
 * the ALPHA notice, the request, and the one-time hand-over.
 */
export async function issueKey(ctx: Context, issuance: Issuance): Promise<void> {
  // From here on a message that cannot be shown is lost, never fatal (S8):
  // `2>&-` or `2>/dev/full` must not stop a key on its way to stdout.
  const quiet: Context = { ...ctx, stderr: bestEffortOutput(ctx.stderr) };
  const session = await openSession(quiet, { common: issuance.common, output: true });
  try {
    const envFile = issuance.envFile === undefined
      ? undefined
      : await checkEnvFile(issuance.envFile, quiet);
    await checkSecretDestinations(session.target!, envFile, ctx.stdout);
    await showPrereleaseNotice(session.ctx, "api-keys");
    const created = await issuance.issue(session);
    await deliverSecret(session, {
      created,
      envFile,
      success: issuance.success,
      onLost: () => issuance.onLost(session, created),
      undo: issuance.undo(created),
    });
  } finally {
    await session.close();
  }
}

/** What {@link deliverSecret} shows and how it recovers. */
export interface Delivery {
  /** The API's answer, including `key`. */
  created: ApiKeyCreated;
  /** `--env-file`, already checked; undefined prints the key. */
  envFile: EnvFilePlan | undefined;
  /** The success line, e.g. `✓ API key created successfully`. */
  success: string;
  /** Called when the secret could not be saved; returns hint lines saying what happened. */
  onLost(): Promise<string[]>;
  /**
   * The shell-quoted command that undoes the key (create: its revoke;
   * refresh: the recovery), shown when stdout may drop the secret unseen.
   */
  undo: string;
}

/**
 * Announces success, then writes the secret to the env file (printing the
 * record without `key`) or prints the whole record followed by the warning.
 * Any failure to hand the secret over — a full disk, a reader of stdout that
 * went away, a format plugin that throws, exits non-zero or outlives the
 * timeout — calls `onLost` and fails the command with its hints. A secret
 * printed into a pipe (a socket, a device) is followed by `undo`.
 */
export async function deliverSecret(session: Session, delivery: Delivery): Promise<void> {
  const { created, envFile } = delivery;
  await session.close();
  // The hand-over gets the command's timeout: a plugin that hangs is stopped
  // (the abort kills a program plugin and removes a temp file) and the key undone.
  const bound = new AbortController();
  const ctx: Context = {
    ...session.ctx,
    signal: AbortSignal.any([session.ctx.signal, bound.signal]),
  };
  await announce(ctx, delivery.success);
  let secretSaved = false;
  const timer = setTimeout(
    // Until an env file is written, the env file is what hangs; then the format.
    () => bound.abort(handOverTimeout(session, envFile !== undefined && !secretSaved)),
    session.timeoutMs,
  );
  // Settles (as a rejection) when the hand-over is given up: the timeout or
  // Ctrl-C. A plugin that ignores the signal is then simply left behind.
  const stopped = new Promise<never>((_, reject) => {
    const stop = () => reject(ctx.signal.reason);
    if (ctx.signal.aborted) stop();
    ctx.signal.addEventListener("abort", stop, { once: true });
  });
  stopped.catch(() => {});
  try {
    if (envFile) {
      await Promise.race([writeEnvFile(envFile, created.key, ctx.signal), stopped]);
      secretSaved = true;
      await announce(ctx, envFileSavedMessage(envFile.shown));
    }
    const { key: _secret, ...metadata } = created;
    const record = envFile ? toRow(metadata) : toRow(created);
    await Promise.race([
      printRecord(record, {
        target: session.target!,
        info: {
          columns: envFile ? API_KEY_COLUMNS : API_KEY_CREATED_COLUMNS,
          displayOrder: envFile ? API_KEY_DISPLAY_ORDER : API_KEY_CREATED_DISPLAY_ORDER,
          shape: "object",
          collection: "api_keys",
          pagination: () => undefined,
          // An output file holding the secret is created 0600.
          secret: !envFile,
        },
        ctx,
      }),
      stopped,
    ]);
  } catch (error) {
    // With an env file already written the secret is safe; only metadata was lost.
    if (secretSaved) throw error;
    // Ctrl-C ends as an interrupt (130), still saying which key is live and
    // the command that undoes it (a revoke cannot be sent any more).
    if (session.ctx.signal.aborted) throw new InterruptedError(await delivery.onLost());
    throw await lost(error, delivery);
  } finally {
    clearTimeout(timer);
  }
  if (envFile) return;
  await announce(ctx, SAVE_NOW);
  if (session.target!.path === undefined && mayDropUnseen(ctx.stdout)) {
    await announce(ctx, ifReaderLostMessage(delivery.undo));
  }
}

/**
 * True when stdout is neither a terminal nor a regular file: a pipe, a
 * socket or a device takes the whole secret (it fits in the buffer), and a
 * reader that then drops it (`| head -c 5`) fails no write ax could see.
 */
function mayDropUnseen(stdout: TextOutput): boolean {
  return !stdout.isTTY && stdout.isFile === false;
}

function handOverTimeout(session: Session, writingEnvFile: boolean): AxError {
  const seconds = session.timeoutMs / 1000;
  const origin = session.target!.origin;
  const what = writingEnvFile || origin === "built-in"
    ? "Writing the new key"
    : `Format plugin ${origin}`;
  return new AxError(
    `${what} did not finish within ${seconds} s (--timeout); it was stopped.`,
  );
}

/** The failure that ends the command, carrying what `onLost` did. */
async function lost(error: unknown, delivery: Delivery): Promise<AxError> {
  const hints = await delivery.onLost();
  if (error instanceof BrokenPipeError) {
    return new FileError(
      "Cannot write the new key to standard output: its reader went away (broken pipe).",
      { hints, cause: error },
    );
  }
  if (error instanceof AxError) {
    return new AxError(error.message, {
      exitCode: error.exitCode,
      hints: [...hints, ...error.hints],
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AxError(`Cannot hand over the new key: ${message}`, { hints, cause: error });
}

/**
 * The `onLost` of create and create-service-key: a new key nobody holds is
 * revoked at once, and the user told; if even that fails, how to do it.
 */
export async function revokeUnsaved(
  session: Session,
  id: string,
  common: CommonOptions,
): Promise<string[]> {
  try {
    await revokeApiKey(session.client, id);
    return [
      `The new key '${id}' could not be saved, so it was revoked; nothing else changed.`,
      "Fix the problem and run the command again.",
    ];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [
      `The new key '${id}' was created but could not be saved, and revoking it failed: ${reason}`,
      `Revoke it yourself: ${revokeCommand([id], common)}`,
    ];
  }
}
