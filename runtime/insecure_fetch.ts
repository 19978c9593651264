/**
 * A fetch that does not verify the server's TLS certificate, for Deno runs
 * with `request_verify = false` (Bun's fetch has a per-request switch, see
 * network_fetch.ts; Deno's fetch has none short of a command-line flag).
 * It speaks through `node:https`, whose `rejectUnauthorized: false` Deno
 * honours. Plain-http URLs go through the base fetch unchanged. No proxy:
 * such a request goes direct (docs/profiles.md, "File format"), the one gap in N4
 * (docs/reliability.md#n4) when running from source.
 *
 * `node:https` and `node:stream` load on the first https request, not with
 * this module: network_fetch.ts imports it on every command's path, and the
 * two cost ~2 ms of start-up in the compiled binary, which never uses them.
 */

/** Options of {@link insecureFetch}. */
export interface InsecureFetchOptions {
  /** Extra trusted certificates (PEM), as `[network] ca_bundle` gives them. */
  ca?: string;
  /** A connection of its own per request (see fetchOnFreshConnection). */
  fresh: boolean;
}

/** Returns a fetch for https URLs that accepts any server certificate. */
export function insecureFetch(base: typeof fetch, options: InsecureFetchOptions): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    if (url.protocol !== "https:") return base(input, init);
    const [{ request }, { Readable }] = await Promise.all([
      import("node:https"),
      import("node:stream"),
    ]);
    const body = req.body ? new Uint8Array(await req.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    req.headers.forEach((value, name) => headers[name] = value);
    if (body) headers["content-length"] = String(body.byteLength);
    return await new Promise<Response>((resolve, reject) => {
      const outgoing = request(url, {
        method: req.method,
        headers,
        rejectUnauthorized: false,
        ...(options.ca ? { ca: options.ca } : {}),
        ...(options.fresh ? { agent: false } : {}),
        signal: req.signal,
      }, (incoming) => {
        const answer = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (Array.isArray(value)) { for (const one of value) answer.append(name, one); }
          else if (value !== undefined) answer.set(name, value);
        }
        const status = incoming.statusCode ?? 502;
        const empty = status === 204 || status === 304 || req.method === "HEAD";
        if (empty) incoming.resume();
        resolve(
          new Response(empty ? null : Readable.toWeb(incoming) as ReadableStream<Uint8Array>, {
            status,
            statusText: incoming.statusMessage,
            headers: answer,
          }),
        );
      });
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  }) as typeof fetch;
}
