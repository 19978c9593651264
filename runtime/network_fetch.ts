/**
 * Applies a profile's network settings (proxy, no_proxy, CA bundle) to fetch.
 *
 * Both runtimes already honour HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the
 * environment; this adapter adds what only the profile can say, through each
 * runtime's own hook: Bun's per-request `proxy` and `tls.ca`, Deno's
 * `createHttpClient`. It is one of the few guarded runtime adapters allowed
 * outside main.ts (see DESIGN.md).
 */
import { readFileSync } from "node:fs";
import { FileError } from "./errors.ts";

/** The `[network]` section of a profile. */
export interface NetworkOptions {
  proxyUrl?: string;
  noProxy?: string;
  caBundle?: string;
}

interface BunLike {
  Bun?: unknown;
  Deno?: { createHttpClient?: (options: Record<string, unknown>) => unknown };
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

function readCa(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new FileError(`Cannot read CA bundle '${path}': ${(error as Error).message}`, {
      hints: ["Fix [network] ca_bundle in your profile, or remove it."],
    });
  }
}

/** Returns a fetch that applies `network`; the base fetch itself when nothing is set. */
export function fetchWithNetwork(base: typeof fetch, network: NetworkOptions): typeof fetch {
  if (!network.proxyUrl && !network.caBundle) return base;
  const ca = network.caBundle ? readCa(network.caBundle) : undefined;
  const g = globalThis as unknown as BunLike;
  if (g.Bun) {
    return ((input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const extra: Record<string, unknown> = {};
      if (network.proxyUrl && !bypassesProxy(url, network.noProxy)) extra.proxy = network.proxyUrl;
      if (ca) extra.tls = { ca };
      return base(input, { ...init, ...extra } as RequestInit);
    }) as typeof fetch;
  }
  const createHttpClient = g.Deno?.createHttpClient;
  if (createHttpClient) {
    const direct = ca ? createHttpClient({ caCerts: [ca] }) : undefined;
    const proxied = network.proxyUrl
      ? createHttpClient({ proxy: { url: network.proxyUrl }, ...(ca ? { caCerts: [ca] } : {}) })
      : direct;
    return ((input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const client = bypassesProxy(url, network.noProxy) ? direct : proxied;
      return base(input, client ? ({ ...init, client } as RequestInit) : init);
    }) as typeof fetch;
  }
  return base;
}
