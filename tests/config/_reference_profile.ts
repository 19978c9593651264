/**
 * Profile files as the reference Arize CLI writes them, and its schema rules.
 *
 * The reference saves a profile by dumping its whole configuration model
 * (every section, defaults included, empty strings dropped) with tomli-w, so
 * a real file carries far more than ax reads. {@link referenceProfileText}
 * renders that layout; {@link referenceSchemaProblems} checks a parsed file
 * against the rules the reference's schema enforces when it loads one (what
 * would make it refuse the whole profile). Both are written from the
 * reference's documented behaviour for these tests, not copied from it.
 */

/** What varies between the reference's files in these tests. */
export interface ReferenceProfile {
  name: string;
  auth:
    | { method: "api-key"; apiKey: string }
    | { method: "oauth"; tokens?: { access: string; refresh: string; email: string } };
  /** Routing keys the user set (the defaults are always written too). */
  routing?: Record<string, string>;
  /** `[security] request_verify` (the reference writes `true` by default). */
  requestVerify?: boolean | string;
  format?: string;
}

/** The TOML text the reference writes for `profile`. */
export function referenceProfileText(profile: ReferenceProfile): string {
  const q = (value: string) => JSON.stringify(value);
  const lines = ["[profile]", `name = ${q(profile.name)}`, "", "[auth]"];
  if (profile.auth.method === "api-key") {
    lines.push('auth_method = "api-key"', `api_key = ${q(profile.auth.apiKey)}`);
  } else {
    lines.push('auth_method = "oauth"');
    const tokens = profile.auth.tokens;
    if (tokens) {
      lines.push(
        "",
        "[auth.oauth]",
        `access_token = ${q(tokens.access)}`,
        `refresh_token = ${q(tokens.refresh)}`,
        'expires_at = "2026-12-31T23:59:59Z"',
        `user_email = ${q(tokens.email)}`,
      );
    }
  }
  const routing: Record<string, string> = {
    ...profile.routing,
    api_host: "api.arize.com",
    api_scheme: "https",
    app_host: "app.arize.com",
    app_scheme: "https",
    otlp_host: "otlp.arize.com",
    otlp_scheme: "https",
    flight_host: "flight.arize.com",
    flight_port: "443",
    flight_scheme: "grpc+tls",
    ...profile.routing,
  };
  lines.push("", "[routing]");
  for (const [key, value] of Object.entries(routing)) lines.push(`${key} = ${q(value)}`);
  const verify = profile.requestVerify ?? true;
  lines.push(
    "",
    "[transport]",
    "stream_max_workers = 8",
    "stream_max_queue_bound = 5000",
    "pyarrow_max_chunksize = 10000",
    "max_http_payload_size_mb = 8",
    "",
    "[security]",
    `request_verify = ${typeof verify === "string" ? q(verify) : verify}`,
    "",
    "[network]",
    'proxy_mode = "system"',
    "",
    "[storage]",
    'directory = "~/.arize"',
    "cache_enabled = true",
    "",
    "[output]",
    `format = ${q(profile.format ?? "table")}`,
    "",
    "[update]",
    "check_interval_hours = 6.0",
    "enabled = true",
    "",
  );
  return lines.join("\n");
}

const REFERENCE_REGIONS = ["ca-central-1a", "eu-west-1a", "us-central-1a", "us-east-1b"];
const REFERENCE_FORMATS = ["table", "json", "csv", "parquet"];
const isReference = (value: unknown) =>
  typeof value === "string" && value.startsWith("${") && value.endsWith("}");

type Table = Record<string, unknown>;

/**
 * The reasons the reference CLI would refuse `doc` (a parsed profile file);
 * empty when it loads. Covers the sections and keys ax writes.
 */
export function referenceSchemaProblems(doc: Table): string[] {
  const problems: string[] = [];
  const table = (name: string): Table => (doc[name] ?? {}) as Table;
  const profile = table("profile");
  if (typeof profile.name !== "string" || profile.name.trim() === "") {
    problems.push("[profile] name is required and must not be empty");
  }
  const auth = doc.auth as Table | undefined;
  if (!auth) problems.push("[auth] is required");
  else {
    const method = auth.auth_method ?? (auth.api_key ? "api-key" : auth.oauth ? "oauth" : "");
    if (method === "api-key") {
      if (typeof auth.api_key !== "string" || auth.api_key.trim() === "") {
        problems.push("auth_method 'api-key' needs a non-empty api_key");
      }
      if (auth.oauth !== undefined) problems.push("auth_method 'api-key' must not have oauth");
    } else if (method === "oauth") {
      if (auth.api_key !== undefined) problems.push("auth_method 'oauth' must not have api_key");
    } else problems.push(`[auth] auth_method '${String(method)}' is not api-key or oauth`);
  }
  const routing = table("routing");
  for (const [key, value] of Object.entries(routing)) {
    if (typeof value !== "string") problems.push(`[routing] ${key} must be a string`);
  }
  const region = routing.region;
  if (region && !isReference(region) && !REFERENCE_REGIONS.includes(String(region))) {
    problems.push(`[routing] region '${String(region)}' is not a known region`);
  }
  const overrides = [
    Boolean(routing.region),
    Boolean(routing.single_host) || Boolean(routing.single_port),
    Boolean(routing.base_domain),
  ].filter(Boolean).length;
  if (overrides > 1) {
    problems.push("[routing] names more than one of region/single_host/base_domain");
  }
  const format = table("output").format;
  if (format !== undefined && !REFERENCE_FORMATS.includes(String(format))) {
    problems.push(`[output] format '${String(format)}' is not table, json, csv or parquet`);
  }
  const verify = table("security").request_verify;
  if (verify !== undefined && typeof verify !== "boolean" && typeof verify !== "string") {
    problems.push("[security] request_verify must be a boolean or a string");
  }
  const proxy = table("network").proxy_url;
  if (
    typeof proxy === "string" && proxy !== "" && !isReference(proxy) &&
    !/^http:\/\/[^/]/.test(proxy)
  ) {
    problems.push("[network] proxy_url must be http://host:port");
  }
  return problems;
}
