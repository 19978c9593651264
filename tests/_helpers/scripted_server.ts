/**
 * A tiny loopback HTTP server for end-to-end tests of what the emulator
 * cannot do on purpose: answer with HTML, broken JSON or a redirect to
 * another origin. It records every request (method, URL, headers, body).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listenOnLoopback } from "./loopback_server.ts";

/** A request as the server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** Answers one request; `body` is the request body, already read. */
export type Handler = (req: SeenRequest, res: ServerResponse) => void;

/** A running scripted server. */
export interface ScriptedServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** Requests seen so far, in order. */
  requests: SeenRequest[];
  /** Replaces the handler (between test cases). */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/** Starts a server on a free loopback port; `handler` may be replaced later. */
export async function startScriptedServer(handler: Handler): Promise<ScriptedServer> {
  let current = handler;
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const seen: SeenRequest = {
        method: req.method ?? "GET",
        url: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(seen);
      current(seen, res);
    });
  });
  const running = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${running.port}`,
    port: running.port,
    requests,
    handle: (next) => void (current = next),
    close: running.close,
  };
}

/** A listed API key with only the fields the API always sends, for scripted pages. */
export const BARE_KEY = {
  id: "QXBpS2V5OjE6YWJj",
  name: "k",
  key_type: "user",
  status: "active",
  redacted_key: "ak-abc...xyz",
  created_at: "2026-01-01T00:00:00Z",
  created_by_user_id: "VXNlcjoxOmFiYw==",
};

/** Sends `body` with `status` and a content type. */
export function reply(
  res: ServerResponse,
  answer: { status: number; body: string; type?: string; headers?: Record<string, string> },
): void {
  res.writeHead(answer.status, {
    "content-type": answer.type ?? "application/json",
    ...answer.headers,
  });
  res.end(answer.body);
}
