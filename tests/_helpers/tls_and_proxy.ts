/**
 * Network fixtures for end-to-end tests on loopback only: a throwaway CA and
 * server certificate (openssl), a TLS terminator in front of the emulator, and
 * an HTTP CONNECT proxy that records the tunnels it opened.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { connect, type Socket } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import { join } from "node:path";
import { listenOnLoopback, type RunningServer } from "./loopback_server.ts";

/** Paths of the generated PEM files. */
export interface Certificates {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

/** Creates a CA and a certificate for `localhost` / 127.0.0.1 signed by it, in `dir`. */
export function makeCertificates(dir: string): Certificates {
  const p = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=ax test CA",
    "-keyout",
    p("ca.key"),
    "-out",
    p("ca.pem"),
  );
  openssl(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=localhost",
    "-keyout",
    p("server.key"),
    "-out",
    p("server.csr"),
  );
  execFileSync("sh", [
    "-c",
    `printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\nbasicConstraints=CA:FALSE\\n' > '${
      p("ext.cnf")
    }'`,
  ]);
  openssl(
    "x509",
    "-req",
    "-in",
    p("server.csr"),
    "-CA",
    p("ca.pem"),
    "-CAkey",
    p("ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    p("ext.cnf"),
    "-out",
    p("server.pem"),
  );
  return { caCert: p("ca.pem"), serverCert: p("server.pem"), serverKey: p("server.key") };
}

export type { RunningServer };

/** Terminates TLS on a free loopback port and forwards the plain bytes to `targetPort`. */
export function startTlsTerminator(
  certs: Certificates,
  targetPort: number,
): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  const server = createTlsServer({
    cert: readFileSync(certs.serverCert),
    key: readFileSync(certs.serverKey),
  }, (tls) => {
    const upstream = connect(targetPort, "127.0.0.1");
    sockets.add(upstream);
    tls.pipe(upstream).pipe(tls);
    const end = () => {
      tls.destroy();
      upstream.destroy();
    };
    tls.on("error", end);
    upstream.on("error", end);
  });
  return listenOnLoopback(server, sockets);
}

/** A CONNECT proxy that records each `host:port` it tunnelled to. */
export interface RecordingProxy extends RunningServer {
  url: string;
  tunnels: string[];
}

/** Starts an HTTP proxy on a free loopback port that only supports CONNECT. */
export async function startConnectProxy(): Promise<RecordingProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((_req, res) => {
    res.writeHead(405).end("this proxy only tunnels (CONNECT)");
  });
  server.on("connect", (req, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? "");
    const [host, port] = (req.url ?? "").split(/:(?=\d+$)/);
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    sockets.add(client);
    sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end);
    upstream.on("error", end);
  });
  const running = await listenOnLoopback(server, sockets);
  return { ...running, url: `http://127.0.0.1:${running.port}`, tunnels };
}
