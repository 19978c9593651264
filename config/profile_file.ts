/**
 * One profile file: TOML text ⇄ typed values. Reading is strict about types
 * and lenient about unknown keys (they are ignored), so files written by the
 * reference CLI, with its extra sections, load unchanged.
 *
 * ```toml
 * [profile]
 * name = "work"
 *
 * [auth]
 * auth_method = "api-key"
 * api_key = "${ARIZE_API_KEY}"      # a reference keeps the secret out of the file
 *
 * [routing]                          # one of: region | single_host (+ single_port)
 * region = "eu-west-1a"              #        | base_domain | api_host (+ api_scheme)
 *
 * [network]
 * proxy_url = "http://proxy.internal:3128"
 *
 * [security]
 * request_verify = false             # SDK truthiness: "1"/"true"/"yes"/"on" are true
 *
 * [output]
 * format = "json"                    # the reference accepts only table|json|csv|parquet;
 * ax_format = "ndjson"               # ax-only formats live here (the reference ignores it)
 * ```
 */
import { parse, stringify, TomlError } from "smol-toml";
import { ConfigError } from "../runtime/errors.ts";
import { expandEnv, UnsetVariableError } from "./expand_env.ts";
import type { Routing } from "./routing.ts";
import type { NetworkSettings } from "./settings.ts";

/** A profile as read from its file, `${VAR}` references expanded. */
export interface ProfileData {
  name: string;
  /** The file it was read from. */
  file: string;
  /** `[auth] api_key`, expanded; undefined when absent or empty. */
  apiKey: string | undefined;
  /** `[auth] api_key` exactly as written (may be a `${VAR}` reference). */
  apiKeyRaw: string | undefined;
  /**
   * Why `[auth] api_key` could not be expanded (it names an unset variable).
   * Kept, not thrown, so ARIZE_API_KEY can still override the key and
   * `profiles list` still shows the rest of the profile.
   */
  apiKeyProblem?: ConfigError;
  /** `[auth] auth_method` (`api-key` | `oauth`), lower-cased; undefined when absent. */
  authMethod: string | undefined;
  routing: Routing;
  network: NetworkSettings;
  /** `[security] request_verify` read with the SDK's truthiness; undefined when absent. */
  requestVerify: boolean | undefined;
  /** `[output] ax_format` when set (ax-only formats), else `[output] format`. */
  outputFormat: string | undefined;
  /** The key `outputFormat` was read from, for messages; undefined with no format. */
  outputFormatKey?: "[output] ax_format" | "[output] format";
}

/** The `[output] format` values the reference CLI accepts; others go to `ax_format`. */
export const REFERENCE_FORMATS: readonly string[] = ["table", "json", "csv", "parquet"];

/**
 * A boolean the way Arize's SDK reads one: `true`/`false` as is; a string is
 * true when it is `1`, `true`, `yes` or `on` (any case, trimmed), else false.
 */
export function sdkBoolean(value: boolean | string): boolean {
  if (typeof value === "boolean") return value;
  return ["1", "true", "yes", "on"].includes(value.trim().toLowerCase());
}

/** Where a profile's text came from, for messages and expansion. */
export interface ProfileSource {
  name: string;
  file: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** What `ax profiles create` stores. */
export interface ProfileInput {
  name: string;
  /** Stored verbatim: a literal key or a `${VAR}` reference. */
  apiKey: string;
  routing?: Routing;
  outputFormat?: string;
}

type Table = Record<string, unknown>;

/**
 * Parses a profile file's text. Throws a ConfigError naming the file and the
 * fix when it is empty, not TOML, wrongly typed, or references an unset
 * variable (except in `[auth] api_key`: see `apiKeyProblem`).
 */
export function parseProfile(text: string, source: ProfileSource): ProfileData {
  const fail = (problem: string) => brokenProfile(source, problem);
  if (text.trim() === "") throw fail("is empty");
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split("\n")[0].replace(/^Invalid TOML document: /, "");
      throw fail(`is not valid TOML (line ${error.line}, column ${error.column}: ${reason})`);
    }
    throw error;
  }
  const read = (section: string, key: string, allowInteger = false) =>
    readString(doc, { section, key, allowInteger, source });
  const apiKeyRaw = read("auth", "api_key");
  const verify = readStringOrBoolean(doc, source);
  let apiKey: string | undefined;
  let apiKeyProblem: ConfigError | undefined;
  try {
    apiKey = emptyToUndefined(expand(apiKeyRaw, source, "[auth] api_key"));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    apiKeyProblem = error;
  }
  const axFormat = emptyToUndefined(
    expand(read("output", "ax_format"), source, "[output] ax_format"),
  );
  return {
    name: source.name,
    file: source.file,
    apiKeyRaw,
    apiKey,
    ...(apiKeyProblem ? { apiKeyProblem } : {}),
    authMethod: emptyToUndefined(expand(read("auth", "auth_method"), source, "[auth] auth_method"))
      ?.trim().toLowerCase(),
    routing: {
      region: expand(read("routing", "region"), source, "[routing] region"),
      singleHost: expand(read("routing", "single_host"), source, "[routing] single_host"),
      singlePort: expand(read("routing", "single_port", true), source, "[routing] single_port"),
      baseDomain: expand(read("routing", "base_domain"), source, "[routing] base_domain"),
      apiHost: expand(read("routing", "api_host"), source, "[routing] api_host"),
      apiScheme: expand(read("routing", "api_scheme"), source, "[routing] api_scheme"),
    },
    network: {
      proxyUrl: emptyToUndefined(
        expand(read("network", "proxy_url"), source, "[network] proxy_url"),
      ),
      noProxy: emptyToUndefined(expand(read("network", "no_proxy"), source, "[network] no_proxy")),
      caBundle: emptyToUndefined(
        expand(read("network", "ca_bundle"), source, "[network] ca_bundle"),
      ),
    },
    requestVerify: verify === undefined ? undefined : sdkBoolean(
      typeof verify === "string" ? expand(verify, source, "[security] request_verify")! : verify,
    ),
    ...(axFormat !== undefined
      ? { outputFormatKey: "[output] ax_format" as const }
      : doc.output !== undefined
      ? { outputFormatKey: "[output] format" as const }
      : {}),
    outputFormat: axFormat ??
      emptyToUndefined(expand(read("output", "format"), source, "[output] format")),
  };
}

/**
 * Renders a profile as TOML in the reference CLI's layout (`[profile]`,
 * `[auth]` with `auth_method`, `[routing]`, `[output]`), so either tool can
 * read what the other wrote.
 */
export function renderProfile(input: ProfileInput): string {
  const doc: Table = {
    profile: { name: input.name },
    auth: { auth_method: "api-key", api_key: input.apiKey },
  };
  const routing = routingTable(input.routing ?? {});
  if (Object.keys(routing).length > 0) doc.routing = routing;
  // The reference refuses the whole profile for an [output] format it does
  // not know, and ignores keys it does not know: ax-only formats go there.
  if (input.outputFormat) {
    doc.output = REFERENCE_FORMATS.includes(input.outputFormat)
      ? { format: input.outputFormat }
      : { ax_format: input.outputFormat };
  }
  return `# ax profile '${input.name}'. Holds a secret: keep this file private (mode 0600).\n\n${
    stringify(doc)
  }`;
}

/** The ConfigError for a profile file that cannot be used. */
export function brokenProfile(
  source: { name: string; file: string },
  problem: string,
): ConfigError {
  return new ConfigError(`Profile file ${source.file} ${problem}.`, [
    `Fix or delete it, or run \`ax profiles create ${source.name} --force\` to write it again.`,
  ]);
}

function routingTable(routing: Routing): Table {
  const entries: [string, string | undefined][] = [
    ["region", routing.region],
    ["single_host", routing.singleHost],
    ["single_port", routing.singlePort],
    ["base_domain", routing.baseDomain],
    ["api_scheme", routing.apiScheme],
    ["api_host", routing.apiHost],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined && value !== ""));
}

function readString(
  doc: Table,
  at: { section: string; key: string; allowInteger: boolean; source: ProfileSource },
): string | undefined {
  const table = doc[at.section];
  if (table === undefined) return undefined;
  if (!isTable(table)) {
    throw brokenProfile(at.source, `has '${at.section}' that is not a [${at.section}] table`);
  }
  const value = table[at.key];
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  if (at.allowInteger && typeof value === "number" && Number.isInteger(value)) return String(value);
  if (at.allowInteger && typeof value === "bigint") return String(value);
  const expected = at.allowInteger ? "a string or an integer" : "a string";
  throw brokenProfile(at.source, `has [${at.section}] ${at.key} that is not ${expected}`);
}

function readStringOrBoolean(doc: Table, source: ProfileSource): string | boolean | undefined {
  const table = doc.security;
  if (table === undefined) return undefined;
  if (!isTable(table)) throw brokenProfile(source, "has 'security' that is not a [security] table");
  const value = table.request_verify;
  if (value === undefined || typeof value === "string" || typeof value === "boolean") return value;
  throw brokenProfile(source, "has [security] request_verify that is not true, false or a string");
}

function expand(
  value: string | undefined,
  source: ProfileSource,
  where: string,
): string | undefined {
  if (value === undefined) return undefined;
  try {
    return expandEnv(value, source.env);
  } catch (error) {
    if (error instanceof UnsetVariableError) {
      throw new ConfigError(
        `Profile file ${source.file}: ${where} uses \${${error.variable}}, but ${error.variable} is not set.`,
        [
          `Set ${error.variable}, give a default with \${${error.variable}:value}, or edit the file.`,
        ],
      );
    }
    throw error;
  }
}

function isTable(value: unknown): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !(value instanceof Date);
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
