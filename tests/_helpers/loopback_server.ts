/**
 * Starts a test server on a free 127.0.0.1 port, with a close() that does not
 * wait for open keep-alive connections: it destroys them first.
 */
import type { Server, Socket } from "node:net";

/** A running loopback server. */
export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Listens on a free loopback port. close() destroys every connection the
 * server accepted and every socket in `tracked`, which is where a relay puts
 * its upstream connections, then closes the server.
 */
export function listenOnLoopback(
  server: Server,
  tracked: Set<Socket> = new Set(),
): Promise<RunningServer> {
  server.on("connection", (socket: Socket) => {
    tracked.add(socket);
    socket.on("close", () => tracked.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of tracked) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
