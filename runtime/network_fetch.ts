/**
 * Applies a profile's network settings (proxy, no_proxy, CA bundle) to fetch.
 *
 * Both runtimes already honour HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the
 * environment; this adapter adds what only the profile can say, through each
 * runtime's own hook: Bun's per-request `proxy` and `tls.ca`, Deno's
 * `createHttpClient`. It also gives requests that must be sent at most once a
 * connection of their own ({@link fetchOnFreshConnection}). Which runtime it
 * runs under is asked of runtime/adapter.ts.
 */
import { readFileSync } from "node:fs";
import { denoHttpClient, runtimeKind } from "./adapter.ts";
import { ConfigError, FileError } from "./errors.ts";
import { insecureFetch } from "./insecure_fetch.ts";

/** The `[network]` section of a profile. */
export interface NetworkOptions {
  proxyUrl?: string;
  noProxy?: string;
  caBundle?: string;
  /** `request_verify = false`: accept any server certificate. */
  insecureTls?: boolean;
}

/** True when `host` matches a NO_PROXY-style list (`*`, exact names, `.suffix`, `suffix`, host:port). */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === "*") return true;
    const [name, port] = entry.split(/:(?=\d+$)/);
    if (port && port !== (url.port || (url.protocol === "https:" ? "443" : "80"))) continue;
    const bare = name.replace(/^\*?\./, "");
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

/**
 * The proxy a request to `url` goes through: the profile's `proxy_url`, else
 * HTTPS_PROXY / HTTP_PROXY (either case) for the URL's scheme, unless
 * no_proxy / NO_PROXY exempts the host. Undefined when the request goes
 * direct. Used to name the proxy when a connection fails.
 */
export function proxyFor(
  url: URL,
  sources: { network: NetworkOptions; env: Readonly<Record<string, string | undefined>> },
): URL | undefined {
  const { network, env } = sources;
  const fromProfile = network.proxyUrl;
  const fromEnv = url.protocol === "https:"
    ? env.HTTPS_PROXY || env.https_proxy
    : env.HTTP_PROXY || env.http_proxy;
  const raw = fromProfile || fromEnv;
  if (!raw) return undefined;
  const exempt = fromProfile ? network.noProxy : env.NO_PROXY || env.no_proxy;
  if (bypassesProxy(url, exempt)) return undefined;
  try {
    return new URL(raw.includes("://") ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
}

/**
 * The text of a CA bundle, checked to hold at least one PEM certificate, so
 * a wrong file fails at once naming where it was set (`source`, e.g. "[network]
 * ca_bundle of profile work (/home/u/.arize/profiles/work.toml)") instead of
 * as a TLS failure retried three times. Unreadable: FileError (exit 5); no
 * certificate in it: ConfigError (exit 1).
 */
export function readCaBundle(path: string, source = "[network] ca_bundle"): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new FileError(
      `Cannot read the CA bundle '${path}' (${source}): ${(error as Error).message}`,
      {
        hints: [`Fix ${source}, or remove it.`],
      },
    );
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----")) {
    throw new ConfigError(
      `The CA bundle '${path}' (${source}) holds no PEM certificate ("-----BEGIN CERTIFICATE-----").`,
      [`Point ${source} at a PEM file of CA certificates, or remove it.`],
    );
  }
  return text;
}

/** Returns a fetch that applies `network`; the base fetch itself when nothing is set. */
export function fetchWithNetwork(base: typeof fetch, network: NetworkOptions): typeof fetch {
  if (!network.proxyUrl && !network.caBundle && !network.insecureTls) return base;
  return adapt(base, { network, fresh: false });
}

/**
 * Like {@link fetchWithNetwork}, but every request goes out on a new
 * connection that is closed after its answer. For requests that must reach
 * the server at most once (POST, N3): Deno's fetch silently sends a request a
 * second time when a reused keep-alive connection closes without an answer —
 * even a POST the server already carried out — and any runtime can lose a
 * request to a pooled connection the server is just closing. On a connection
 * of its own a request is sent exactly once, and a lost answer surfaces as an
 * error ax reports as "outcome unknown".
 */
export function fetchOnFreshConnection(base: typeof fetch, network: NetworkOptions): typeof fetch {
  return adapt(base, { network, fresh: true });
}

function adapt(
  base: typeof fetch,
  options: { network: NetworkOptions; fresh: boolean },
): typeof fetch {
  const { network, fresh } = options;
  const ca = network.caBundle ? readCaBundle(network.caBundle) : undefined;
  const bun = runtimeKind === "bun";
  if (network.insecureTls && !bun) return insecureFetch(base, { ca, fresh });
  if (bun) {
    return ((input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const extra: Record<string, unknown> = {};
      if (network.proxyUrl && !bypassesProxy(url, network.noProxy)) extra.proxy = network.proxyUrl;
      if (ca || network.insecureTls) {
        extra.tls = {
          ...(ca ? { ca } : {}),
          ...(network.insecureTls ? { rejectUnauthorized: false } : {}),
        };
      }
      // Bun's own switch: this request neither takes a pooled connection nor leaves one.
      if (fresh) extra.keepalive = false;
      return base(input, { ...init, ...extra } as RequestInit);
    }) as typeof fetch;
  }
  const createHttpClient = denoHttpClient();
  if (createHttpClient) {
    // A client pools nothing when told to keep no idle connection; its
    // requests then always open a new one. Clients are made on first use so
    // commands that never POST create none.
    const shared = {
      ...(ca ? { caCerts: [ca] } : {}),
      ...(fresh ? { poolMaxIdlePerHost: 0 } : {}),
    };
    const needsDirect = fresh || ca !== undefined;
    let direct: unknown;
    let proxied: unknown;
    const directClient = () => needsDirect ? (direct ??= createHttpClient(shared)) : undefined;
    const proxiedClient = () =>
      network.proxyUrl
        ? (proxied ??= createHttpClient({ ...shared, proxy: { url: network.proxyUrl } }))
        : directClient();
    return ((input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const client = bypassesProxy(url, network.noProxy) ? directClient() : proxiedClient();
      return base(input, client ? ({ ...init, client } as RequestInit) : init);
    }) as typeof fetch;
  }
  return base;
}
