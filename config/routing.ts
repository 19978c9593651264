/**
 * The `[routing]` section of a profile and the API base URL it selects, with
 * the same meaning as in Arize's SDKs and reference CLI:
 *
 * - `region` → `https://api.<region>.arize.com`
 * - `single_host` (+ `single_port`, + `api_scheme`, default https) → `<scheme>://<host>[:<port>]`
 * - `base_domain` → `https://api.<base_domain>`
 * - `api_host` (+ `api_scheme`, default https) → `<scheme>://<api_host>`
 * - nothing → `https://api.arize.com`
 *
 * The first three are overrides and exclusive; they win over `api_host`
 * (reference-written files carry the default `api_host` alongside them).
 */

/** The API base URL when nothing else is configured. */
export const DEFAULT_BASE_URL = "https://api.arize.com";

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

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** Turns routing into the API base URL (no trailing slash). Throws RoutingError. */
export function baseUrlFromRouting(routing: Routing): string {
  const region = blankToUndefined(routing.region);
  const singleHost = blankToUndefined(routing.singleHost);
  const singlePort = blankToUndefined(routing.singlePort);
  const baseDomain = blankToUndefined(routing.baseDomain);
  const overrides = [
    region && "region",
    (singleHost || singlePort) && "single_host/single_port",
    baseDomain && "base_domain",
  ].filter(Boolean);
  if (overrides.length > 1) {
    throw new RoutingError(
      `only one of region, single_host/single_port or base_domain may be set (found ${
        overrides.join(", ")
      })`,
    );
  }
  const scheme = checkScheme(blankToUndefined(routing.apiScheme) ?? "https");
  if (region) {
    if (!LABEL.test(region)) {
      throw new RoutingError(`region '${region}' is not a valid region name`);
    }
    return checkedUrl(`https://api.${region.toLowerCase()}.arize.com`, "region");
  }
  if (singleHost || singlePort) {
    if (!singleHost) throw new RoutingError("single_port is set but single_host is not");
    if (singlePort !== undefined && !isPort(singlePort)) {
      throw new RoutingError(`single_port '${singlePort}' is not a port number (1-65535)`);
    }
    const port = singlePort ? `:${Number(singlePort)}` : "";
    return checkedUrl(`${scheme}://${singleHost}${port}`, "single_host");
  }
  if (baseDomain) return checkedUrl(`https://api.${baseDomain}`, "base_domain");
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
  return /^\d{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65535;
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
