/**
 * The `[routing]` section of a profile and the API base URL it selects, by
 * the rule of Arize's Python SDK (which the reference CLI hands its profile
 * to). The scheme is always `api_scheme` (default https):
 *
 * - `region` → `<scheme>://api.<region>.arize.com` (one of {@link REGIONS})
 * - `single_host` → `<scheme>://<single_host>`; `single_port` is the Arrow
 *   Flight port only and never part of the REST URL
 * - `base_domain` → `<scheme>://api.<base_domain>`
 * - otherwise `api_host` → `<scheme>://<api_host>` (default `api.arize.com`)
 *
 * `region`, `single_host`/`single_port` and `base_domain` are mutually
 * exclusive: a profile naming two is an error that names both. They win over
 * `api_host` (reference-written files carry the default `api_host` too).
 */

/** The API base URL when nothing else is configured. */
export const DEFAULT_BASE_URL = "https://api.arize.com";

/** The regions Arize's SDK knows; any other `region` is refused, as the SDK does. */
export const REGIONS = ["ca-central-1a", "eu-west-1a", "us-central-1a", "us-east-1b"] as const;

/** Routing values of a profile, already `${VAR}`-expanded. */
export interface Routing {
  region?: string;
  singleHost?: string;
  singlePort?: string;
  baseDomain?: string;
  apiHost?: string;
  apiScheme?: string;
}

/** A routing value that cannot be turned into a base URL. */
export class RoutingError extends Error {}

/** Turns routing into the API base URL (no trailing slash). Throws RoutingError. */
export function baseUrlFromRouting(routing: Routing): string {
  const region = blankToUndefined(routing.region);
  const singleHost = blankToUndefined(routing.singleHost);
  const singlePort = blankToUndefined(routing.singlePort);
  const baseDomain = blankToUndefined(routing.baseDomain);
  if (singlePort !== undefined && !isPort(singlePort)) {
    throw new RoutingError(`single_port '${singlePort}' is not a port number (0-65535)`);
  }
  // The SDK counts single_port 0 as unset.
  const hasPort = singlePort !== undefined && Number(singlePort) !== 0;
  // One entry per override in use, each naming the keys that set it.
  const single = [
    singleHost !== undefined ? `single_host = '${singleHost}'` : "",
    hasPort ? `single_port = '${singlePort}'` : "",
  ].filter(Boolean).join(", ");
  const overrides = [
    region !== undefined ? `region = '${region}'` : "",
    single,
    baseDomain !== undefined ? `base_domain = '${baseDomain}'` : "",
  ].filter(Boolean);
  if (overrides.length > 1) {
    throw new RoutingError(
      `${
        overrides.join(" and ")
      } are both set; use only one of region, single_host/single_port or base_domain`,
    );
  }
  const scheme = checkScheme(blankToUndefined(routing.apiScheme) ?? "https");
  if (region) {
    if (!(REGIONS as readonly string[]).includes(region)) {
      throw new RoutingError(`region '${region}' is not one of ${REGIONS.join(", ")}`);
    }
    return checkedUrl(`${scheme}://api.${region}.arize.com`, "region");
  }
  if (singleHost) return checkedUrl(`${scheme}://${singleHost}`, "single_host");
  if (baseDomain) return checkedUrl(`${scheme}://api.${baseDomain}`, "base_domain");
  const apiHost = blankToUndefined(routing.apiHost);
  if (apiHost) return checkedUrl(`${scheme}://${apiHost}`, "api_host");
  return scheme === "https"
    ? DEFAULT_BASE_URL
    : checkedUrl(`${scheme}://api.arize.com`, "api_scheme");
}

/**
 * Checks and normalises a base URL given by the user (`--base-url`,
 * `ARIZE_BASE_URL`): http(s) only, no credentials, query or fragment; the
 * trailing slash is dropped. Throws RoutingError with the reason.
 */
export function normalizeBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new RoutingError(`'${value}' is not a URL (expected e.g. https://api.arize.com)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new RoutingError(`'${value}' must start with http:// or https://`);
  }
  if (url.username || url.password) {
    throw new RoutingError(`'${value}' must not contain a user name or password`);
  }
  if (url.search || url.hash) {
    throw new RoutingError(`'${value}' must not contain a query or fragment`);
  }
  return url.href.replace(/\/+$/, "");
}

/**
 * The routing that stores `baseUrl` so that it reads back unchanged:
 * `api_scheme` + `api_host` (host, port and path). Arize's SDKs build their
 * URL from the same two keys, so the file means the same thing to them.
 */
export function routingFromBaseUrl(baseUrl: string): Routing {
  const normalized = normalizeBaseUrl(baseUrl);
  const url = new URL(normalized);
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/+$/, "");
  return { apiScheme: url.protocol.slice(0, -1), apiHost: `${url.host}${path}` };
}

function checkScheme(scheme: string): string {
  const lower = scheme.toLowerCase();
  if (lower !== "http" && lower !== "https") {
    throw new RoutingError(`api_scheme '${scheme}' must be http or https`);
  }
  return lower;
}

function checkedUrl(candidate: string, key: string): string {
  try {
    return normalizeBaseUrl(candidate);
  } catch {
    throw new RoutingError(`${key} does not give a valid URL ('${candidate}')`);
  }
}

function isPort(value: string): boolean {
  return /^\d{1,5}$/.test(value) && Number(value) <= 65535;
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
