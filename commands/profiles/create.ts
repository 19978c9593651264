/**
 * `ax profiles create [name]`: saves an API key and endpoint as a profile
 * (`<config dir>/profiles/<name>.toml`, mode 0600 in a 0700 directory,
 * written atomically). Non-interactive with flags; on a terminal, missing
 * values are asked for, the key without echo.
 */
import { checkProfileName, DEFAULT_PROFILE } from "../../config/profile_name.ts";
import {
  findProfileFile,
  ProfileExistsError,
  saveProfile,
  setActiveProfile,
} from "../../config/profile_store.ts";
import { selectProfile } from "../../config/profile_select.ts";
import {
  DEFAULT_BASE_URL,
  normalizeBaseUrl,
  REGIONS,
  type Routing,
  RoutingError,
  routingFromBaseUrl,
} from "../../config/routing.ts";
import type { Context } from "../../runtime/context.ts";
import { UsageError } from "../../runtime/errors.ts";
import { announce } from "../../cli/messages.ts";
import { readProcessStdin } from "../../cli/stdin.ts";
import { canPrompt, handler, type TtyFacts } from "../../cli/command.ts";
import { headerValueProblem } from "../../api/header_value.ts";
import { loadFormatRegistry } from "../../formats/registry.ts";
import { optionalConfigDir } from "../../config/paths.ts";

/** Options of `ax profiles create`, after validation. */
export interface CreateOptions {
  /** Reads the key for `--api-key-stdin`; injected so tests never touch the real stdin. */
  readStdin?: () => Promise<string>;
  /** Undefined: ask on a terminal, else `default`. */
  name: string | undefined;
  apiKey: string | undefined;
  apiKeyFromStdin: boolean;
  region: string | undefined;
  /** Normalised (no trailing slash). */
  baseUrl: string | undefined;
  outputFormat: string | undefined;
  use: boolean;
  force: boolean;
  /** True when the key was not given and a terminal can be asked for it. */
  interactive: boolean;
}

/** Option values as commander hands them over. */
export interface RawCreateValues {
  apiKey?: string;
  apiKeyStdin?: true;
  region?: string;
  baseUrl?: string;
  outputFormat?: string;
  use?: true;
  force?: true;
}

const FORMAT_NAME = /^[a-z0-9-]+$/;

/**
 * Validates `create`'s arguments. Without `--api-key`/`--api-key-stdin` the
 * key must be asked for, which needs stdin and stdout on a terminal.
 */
export function parseCreate(
  input: { name?: string; values: RawCreateValues },
  io: TtyFacts,
): CreateOptions {
  const name = input.name === undefined ? undefined : checkProfileName(input.name);
  // `--api-key -` reads stdin, like `--api-key-stdin` (S9, docs/reliability.md):
  // a key typed into argv shows in process lists and in a runtime's crash report.
  const fromStdinDash = input.values.apiKey?.trim() === "-";
  const values: RawCreateValues = fromStdinDash
    ? { ...input.values, apiKey: undefined, apiKeyStdin: true }
    : input.values;
  if (values.apiKey !== undefined && values.apiKeyStdin) {
    throw new UsageError("Use either --api-key or --api-key-stdin, not both.");
  }
  if (values.apiKey !== undefined && values.apiKey.trim() === "") {
    throw new UsageError("--api-key is empty: pass the key, e.g. --api-key ak-…");
  }
  if (values.region !== undefined && values.baseUrl !== undefined) {
    throw new UsageError("Use either --region or --base-url, not both.");
  }
  const region = values.region?.trim().toLowerCase();
  // Arize's SDK (and so the reference CLI) knows these regions and refuses others.
  if (region !== undefined && !(REGIONS as readonly string[]).includes(region)) {
    throw new UsageError(
      `Invalid --region '${values.region}': use one of ${REGIONS.join(", ")}.`,
    );
  }
  const outputFormat = values.outputFormat?.trim().toLowerCase();
  if (outputFormat !== undefined && !FORMAT_NAME.test(outputFormat)) {
    throw new UsageError(
      `Invalid --output-format '${values.outputFormat}': use a format name such as table, json, csv or parquet.`,
    );
  }
  const keyGiven = values.apiKey !== undefined || values.apiKeyStdin === true;
  if (!keyGiven && !canPrompt(io)) {
    throw new UsageError(
      "No API key given, and there is no terminal to ask for one: pipe it in with --api-key - (or pass --api-key <key>).",
    );
  }
  return {
    name,
    apiKey: values.apiKey?.trim(),
    apiKeyFromStdin: values.apiKeyStdin === true,
    region,
    baseUrl: values.baseUrl === undefined ? undefined : checkBaseUrl(values.baseUrl, "--base-url"),
    outputFormat,
    use: values.use === true,
    force: values.force === true,
    interactive: !keyGiven,
  };
}

/** Asks for what is missing (on a terminal), writes the profile, activates it when asked or first. */
export async function runCreate(options: CreateOptions, ctx: Context): Promise<void> {
  const name = options.name ??
    (options.interactive
      ? checkProfileName(await ctx.prompter.ask("Profile name", { default: DEFAULT_PROFILE }))
      : DEFAULT_PROFILE);
  const existing = await findProfileFile(ctx, name);
  let replace = options.force;
  if (existing && !options.force) {
    const overwrite = options.interactive &&
      (await ctx.prompter.confirm(
        `Profile '${name}' already exists. Overwrite it? [y/N]: `,
        false,
      ));
    if (options.interactive && !overwrite) {
      await announce(ctx, `ℹ Profile '${name}' not changed`);
      return;
    }
    replace = overwrite;
    if (!options.interactive) {
      throw new ProfileExistsError(name, existing);
    }
  }
  const apiKey = await obtainKey(options, ctx);
  const routing = await obtainRouting(options, ctx);
  // Decide before writing: a profile that exists after the write would hide "first".
  const activate = options.use || !(await hasProfileInEffect(ctx));
  // Without --force (or a yes), creating is exclusive: of several processes
  // creating the same profile at once, exactly one wins (I9).
  const file = await saveProfile(ctx, {
    name,
    apiKey,
    routing,
    outputFormat: options.outputFormat,
  }, { exclusive: !replace });
  await announce(ctx, `✓ Profile '${name}' saved to ${file}`);
  if (activate) {
    await setActiveProfile(ctx, name);
    await announce(ctx, `✓ Active profile set to '${name}'`);
  }
  if (options.outputFormat !== undefined) await warnUnknownFormat(ctx, options.outputFormat);
  // A literal key in argv shows in process lists, shell history and a
  // runtime's crash report (S9, docs/reliability.md); a ${VAR} reference does not.
  if (options.apiKey !== undefined && !options.apiKey.includes("${")) {
    await announce(ctx, ARGV_KEY_TIP);
  }
}

/** Said after `--api-key VALUE`: the ways that keep a key out of argv. */
export const ARGV_KEY_TIP =
  "ℹ Tip: a key given as --api-key VALUE shows in process lists and shell history; " +
  "next time pipe it in with --api-key -, or run `ax profiles create` on a terminal to be asked.";

async function obtainKey(options: CreateOptions, ctx: Context): Promise<string> {
  let key = options.apiKey;
  if (key === undefined && options.apiKeyFromStdin) {
    const text = await (options.readStdin ?? readProcessStdin)();
    key = text.trim();
    if (key === "") throw new UsageError("API key from stdin: stdin was empty; pipe the key in.");
    if (/[\r\n]/.test(key)) {
      throw new UsageError("API key from stdin: expected one line on stdin, got several.");
    }
  }
  if (key === undefined) {
    key = (await ctx.prompter.ask("API key", { secret: true })).trim();
    if (key === "") throw new UsageError("No API key entered; nothing was saved.");
  }
  // A `${VAR}` reference is checked when it is expanded, at use.
  const problem = headerValueProblem(key);
  if (problem !== undefined) {
    const source = options.apiKeyFromStdin
      ? "The API key from stdin"
      : options.apiKey !== undefined
      ? "--api-key"
      : "The API key entered";
    throw new UsageError(`${source} cannot be sent to the server: ${problem}.`, [
      "Copy the key again from Arize; nothing was saved.",
    ]);
  }
  return key;
}

async function obtainRouting(options: CreateOptions, ctx: Context): Promise<Routing> {
  if (options.region) return { region: options.region };
  if (options.baseUrl) return routingFromBaseUrl(options.baseUrl);
  if (!options.interactive) return {};
  const answer = await ctx.prompter.ask("API base URL", { default: DEFAULT_BASE_URL });
  const baseUrl = checkBaseUrl(answer || DEFAULT_BASE_URL, "base URL");
  return baseUrl === DEFAULT_BASE_URL ? {} : routingFromBaseUrl(baseUrl);
}

/**
 * True when commands already have a profile to use (the active one, or an
 * existing `default`), ignoring AX_PROFILE, which only lasts for one shell.
 */
async function hasProfileInEffect(ctx: Context): Promise<boolean> {
  try {
    return (await selectProfile({ ...ctx, env: { ...ctx.env, AX_PROFILE: undefined } })) !==
      undefined;
  } catch {
    // A broken or dangling active-profile file: the new profile replaces it.
    return false;
  }
}

function checkBaseUrl(value: string, origin: string): string {
  try {
    return normalizeBaseUrl(value);
  } catch (error) {
    if (error instanceof RoutingError) throw new UsageError(`Invalid ${origin}: ${error.message}.`);
    throw error;
  }
}

/** `create`'s parse and run, for its declaration in mod.ts. */
export const CREATE_HANDLER = handler(
  (input) => ({
    ...parseCreate({
      name: input.args[0] as string | undefined,
      values: input.values as RawCreateValues,
    }, input.tty),
    readStdin: readProcessStdin,
  }),
  runCreate,
);

/**
 * Warns when `--output-format` names no format ax has now: saved anyway (the
 * plugin may be installed later), but every command using the profile
 * without -o would fail until then, so say so while the user is here.
 */
async function warnUnknownFormat(ctx: Context, name: string): Promise<void> {
  const registry = await loadFormatRegistry(ctx, {
    configDir: optionalConfigDir(ctx),
    describeExecutables: false,
  });
  if (registry.get(name)) return;
  const known = registry.entries().map((entry) => entry.format.name).join(", ");
  await announce(
    ctx,
    `⚠ Warning: no format is called '${name}' (formats: ${known}); commands using this ` +
      `profile fail without -o until a plugin named '${name}' is installed.`,
  );
}
