/**
 * `ax profiles validate [name]`: checks that a profile's key works by making
 * the cheapest authenticated request (`GET /v2/api-keys?limit=1`). Settings
 * resolve exactly as for every other command, so `ARIZE_API_KEY` and
 * `ARIZE_BASE_URL` still apply, and the output says when they did.
 */
import { namedProfile } from "./_named.ts";
import type { Context } from "../../runtime/context.ts";
import { ApiError } from "../../runtime/errors.ts";
import { announce } from "../../cli/messages.ts";
import { openSession, type Session } from "../../cli/session.ts";
import { handler } from "../../cli/command.ts";
import { parseCommon } from "../../cli/common.ts";

/** Options of `ax profiles validate`, after validation. */
export interface ValidateOptions {
  /** Undefined: the profile in use. */
  name: string | undefined;
  verbose: boolean;
  /** `--timeout` in milliseconds; undefined means AX_TIMEOUT, else 30 s. */
  timeoutMs: number | undefined;
}

/** Option values as commander hands them over (the shared -v, --timeout and --profile). */
export interface RawValidateValues {
  verbose?: true;
  timeout?: string;
  profile?: string;
}

/** Validates `validate`'s arguments. */
export function parseValidate(
  input: { name?: string; values: RawValidateValues },
): ValidateOptions {
  const name = namedProfile(input.name, input.values.profile);
  const { verbose, timeoutMs } = parseCommon({ ...input.values, profile: undefined });
  return { name, verbose, timeoutMs };
}

/**
 * Sends one authenticated request. Success prints `✓ Profile '<name>' is
 * valid (<base url>)`; a rejected key is an ApiError (exit 3) that says which
 * key was tried.
 */
export async function runValidate(options: ValidateOptions, ctx: Context): Promise<void> {
  const { verbose, timeoutMs, name } = options;
  const session = await openSession(ctx, {
    common: { verbose, timeoutMs, plugins: [], profile: name },
    output: false,
  });
  try {
    await check(session);
  } finally {
    await session.close();
  }
}

/** The request, then the verdict on stderr. */
async function check(session: Session): Promise<void> {
  const { settings, client, ctx } = session;
  const subject = settings.profileName
    ? `Profile '${settings.profileName}'`
    : "The API key from ARIZE_API_KEY";
  try {
    await client.request({
      method: "GET",
      path: "/v2/api-keys",
      query: { limit: 1 },
      idempotent: true,
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      throw new ApiError(401, `${subject} is not valid: ${error.message}`, {
        problem: error.problem,
        hints: [
          `The API key (from ${settings.apiKeySource}) was rejected by ${settings.baseUrl}: it may be revoked, expired or mistyped.`,
          settings.profileName && settings.apiKeySource !== "ARIZE_API_KEY"
            ? `Save a working key with \`ax profiles create ${settings.profileName} --force\`.`
            : "Set ARIZE_API_KEY to a working key.",
        ],
      });
    }
    throw error;
  }
  await announce(ctx, `✓ ${subject} is valid (${settings.baseUrl})`);
  if (settings.profileName) {
    const overrides = [
      settings.apiKeySource === "ARIZE_API_KEY" ? "the API key from ARIZE_API_KEY" : undefined,
      settings.baseUrlSource === "ARIZE_BASE_URL" ? "the base URL from ARIZE_BASE_URL" : undefined,
    ].filter(Boolean);
    if (overrides.length > 0) {
      const verb = overrides.length === 1 ? "overrides" : "override";
      await announce(
        ctx,
        `ℹ Checked with ${overrides.join(" and ")}, which ${verb} the profile's.`,
      );
    }
  }
}

/** `validate`'s parse and run, for its declaration in mod.ts. */
export const VALIDATE_HANDLER = handler(
  (input) =>
    parseValidate({
      name: input.args[0] as string | undefined,
      values: input.values as RawValidateValues,
    }),
  runValidate,
);
