/**
 * A loopback TCP relay that loses the answer to the first request it sees
 * whose line starts with a chosen method: the request reaches the upstream
 * server (it commits), the relay waits for the upstream's first answer bytes,
 * then closes the client's connection without passing them on. Unlike the
 * emulator's own `drop` fault, the connection before it stays keep-alive, so
 * a client that reuses pooled connections meets the loss on a reused one —
 * the case where some fetch implementations silently re-send a POST.
 */
import { connect, createServer, type Socket } from "node:net";
import { listenOnLoopback } from "./loopback_server.ts";

/** A running relay. */
export interface LossyProxy {
  /** `http://127.0.0.1:PORT`: use it as the base URL instead of the upstream's. */
  url: string;
  /** Requests whose answer was lost so far. */
  lost(): number;
  close(): Promise<void>;
}

/** Options of {@link startLossyProxy}. */
export interface LossyProxyOptions {
  /** Port of the upstream server on 127.0.0.1. */
  upstreamPort: number;
  /** Request method whose answer is lost, e.g. `POST`. */
  method: string;
  /** How many answers to lose (default 1); later requests pass untouched. */
  count?: number;
}

/** Starts the relay on a free loopback port. */
export async function startLossyProxy(options: LossyProxyOptions): Promise<LossyProxy> {
  let remaining = options.count ?? 1;
  let lost = 0;
  const sockets = new Set<Socket>();
  const marker = Buffer.from(`${options.method} `);
  const server = createServer((client) => {
    const upstream = connect(options.upstreamPort, "127.0.0.1");
    sockets.add(client);
    sockets.add(upstream);
    let losing = false;
    client.on("data", (chunk: Buffer) => {
      if (!losing && remaining > 0 && chunk.subarray(0, marker.length).equals(marker)) {
        remaining--;
        losing = true;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (!losing) {
        client.write(chunk);
        return;
      }
      // The upstream has handled the request: its answer is what gets lost.
      lost++;
      client.destroy();
      upstream.destroy();
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end);
    upstream.on("error", end);
    client.on("close", end);
    upstream.on("close", end);
  });
  const running = await listenOnLoopback(server, sockets);
  return { url: `http://127.0.0.1:${running.port}`, lost: () => lost, close: running.close };
}
