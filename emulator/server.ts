/**
 * The HTTP server, on `node:http` so that it runs under Deno, Node and inside
 * a Bun-compiled binary alike. It reads bodies (up to 1 MiB), hands requests
 * to `dispatch`, carries out the outcome (respond, drop, truncate) and logs
 * one line per request — method, path without query, status, milliseconds.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Buffer } from "node:buffer";
import { createDispatcher, type Outcome } from "./dispatch.ts";
import type { Emulator } from "./emulator.ts";
import type { EmuRequest, EmuResponse } from "./http_types.ts";
import { problem } from "./responses.ts";
import { parseTarget } from "./router.ts";

/** Largest request body accepted. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Options of {@link listen}. */
export interface ListenOptions {
  emulator: Emulator;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Receives one line per request (no trailing newline). */
  log: (line: string) => void;
}

/** A listening server. */
export interface Listening {
  /** The bound port. */
  port: number;
  /** Stops accepting, closes open connections, resolves once closed. */
  close(): Promise<void>;
}

/** Starts the server; rejects with the listen error (e.g. `EADDRINUSE`). */
export function listen(options: ListenOptions): Promise<Listening> {
  const { emulator, log } = options;
  const dispatch = createDispatcher(emulator, wait);
  const server = createServer((req, res) => {
    const started = performance.now();
    const path = parseTarget(req.url ?? "/").path;
    const finish = (status: string) => {
      log(`${req.method} ${path} ${status} ${(performance.now() - started).toFixed(1)}ms`);
    };
    readBody(req).then(async (body) => {
      if (body === undefined) {
        send(res, problem(413, { detail: `body: larger than ${MAX_BODY_BYTES} bytes` }));
        res.on("finish", () => req.socket.destroy());
        return finish("413");
      }
      const request: EmuRequest = {
        method: req.method ?? "GET",
        url: req.url ?? "/",
        headers: flattenHeaders(req),
        body,
      };
      const { outcome } = await dispatch(request);
      if (emulator.faults?.dropPending()) {
        // Some clients (Deno's fetch) silently re-send a request, even a POST,
        // when a reused keep-alive connection closes without an answer. While
        // a drop is pending, close connections after each response so that
        // the dropped request always arrives on a fresh one and is seen as lost.
        res.setHeader("connection", "close");
      }
      finish(carryOut(req, res, outcome));
    }).catch((error) => {
      finish(`failed (${(error as Error).message})`);
      req.socket.destroy();
    });
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections?.();
          }),
      });
    });
  });
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The body as text, or undefined when it is larger than {@link MAX_BODY_BYTES}. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function flattenHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function send(res: ServerResponse, response: EmuResponse): void {
  const body = Buffer.from(response.body, "utf8");
  res.writeHead(response.status, { ...response.headers, "content-length": String(body.length) });
  res.end(body);
}

/** Carries out the outcome; returns what the log line shows as status. */
function carryOut(req: IncomingMessage, res: ServerResponse, outcome: Outcome): string {
  if (outcome.kind === "drop") {
    req.socket.destroy();
    return outcome.committed ? "dropped-after-commit" : "dropped";
  }
  if (outcome.kind === "truncate") {
    const { response } = outcome;
    const body = Buffer.from(response.body, "utf8");
    if (body.length === 0) {
      // Nothing to cut short (a 204): the closest failure is a lost response.
      req.socket.destroy();
      return "dropped-after-commit";
    }
    res.writeHead(response.status, {
      ...response.headers,
      "content-length": String(body.length),
    });
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
    return `${response.status}-truncated`;
  }
  send(res, outcome.response);
  return String(outcome.response.status);
}
