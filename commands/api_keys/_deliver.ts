/**
 * Hands a new secret to the user exactly once (QUALITY.md S7): printed in the
 * chosen format with the "save it now" warning, or written to `--env-file`
 * with only the key's metadata printed. When it cannot be saved, the command
 * decides what to do about a live key nobody holds (`onLost`).
 */
import type { ApiKeyCreated } from "../../api/types.ts";
import { revokeApiKey } from "../../api/api_keys.ts";
import { showPrereleaseNotice } from "../../config/notices.ts";
import { writeOutput } from "../../formats/output.ts";
import type { Context } from "../../runtime/context.ts";
import { FileError } from "../../runtime/errors.ts";
import {
  API_KEY_COLUMNS,
  API_KEY_CREATED_COLUMNS,
  API_KEY_CREATED_DISPLAY_ORDER,
  API_KEY_DISPLAY_ORDER,
  toRow,
} from "./_columns.ts";
import { checkEnvFile, type EnvFilePlan, writeEnvFile } from "./_env_file.ts";
import { announce } from "../../cli/messages.ts";
import { envFileSavedMessage, SAVE_NOW } from "./_messages.ts";
import type { CommonOptions } from "../../cli/common.ts";
import { openSession, type Session } from "../../cli/session.ts";

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
}

/**
 * The shared flow of the commands that issue a secret: settings, output
 * target and `--env-file` are checked first (a bad path costs nothing), then
 * the ALPHA notice, the request, and the one-time hand-over.
 */
export async function issueKey(ctx: Context, issuance: Issuance): Promise<void> {
  const session = await openSession(ctx, { common: issuance.common, output: true });
  try {
    const envFile = issuance.envFile === undefined
      ? undefined
      : await checkEnvFile(issuance.envFile, ctx);
    await showPrereleaseNotice(session.ctx, "api-keys");
    const created = await issuance.issue(session);
    await deliverSecret(session, {
      created,
      envFile,
      success: issuance.success,
      onLost: () => issuance.onLost(session, created),
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
  onLost(error: FileError): Promise<string[]>;
}

/**
 * Announces success, then writes the secret to the env file (printing the
 * record without `key`) or prints the whole record followed by the warning.
 */
export async function deliverSecret(session: Session, delivery: Delivery): Promise<void> {
  const { created, envFile } = delivery;
  const ctx = session.ctx;
  await session.close();
  await announce(ctx, delivery.success);
  let record = toRow(created);
  if (envFile) {
    try {
      await writeEnvFile(envFile, created.key);
    } catch (error) {
      throw await lost(error, delivery);
    }
    await announce(ctx, envFileSavedMessage(envFile.shown));
    const { key: _secret, ...metadata } = created;
    record = toRow(metadata);
  }
  try {
    await writeOutput(single(record), session.target!, {
      columns: envFile ? API_KEY_COLUMNS : API_KEY_CREATED_COLUMNS,
      displayOrder: envFile ? API_KEY_DISPLAY_ORDER : API_KEY_CREATED_DISPLAY_ORDER,
      shape: "object",
      collection: "api_keys",
      pagination: () => undefined,
      // An output file holding the secret is created 0600.
      secret: !envFile,
    }, ctx);
  } catch (error) {
    // With an env file the secret is already safe; a failed metadata write loses nothing.
    if (envFile) throw error;
    throw await lost(error, delivery);
  }
  if (!envFile) await announce(ctx, SAVE_NOW);
}

async function lost(error: unknown, delivery: Delivery): Promise<unknown> {
  if (!(error instanceof FileError)) return error;
  const hints = await delivery.onLost(error);
  return new FileError(error.message, { hints: [...hints, ...error.hints], cause: error });
}

async function* single<T>(record: T): AsyncIterable<T> {
  yield record;
}

/**
 * The `onLost` of create and create-service-key: a new key nobody holds is
 * revoked at once, and the user told; if even that fails, how to do it.
 */
export async function revokeUnsaved(session: Session, id: string): Promise<string[]> {
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
      `Revoke it yourself: ax api-keys revoke ${id} --force`,
    ];
  }
}
