/**
 * QUALITY.md N4 and N5 on loopback only: the emulator behind a TLS
 * terminator whose certificate comes from a throwaway CA (openssl), and a
 * CONNECT proxy that records its tunnels. Proxies from HTTPS_PROXY (either
 * case) and the profile's `[network] proxy_url`, NO_PROXY, a CA bundle from
 * the profile or NODE_EXTRA_CA_CERTS; and the one-line failures for an
 * untrusted certificate, a refused connection and an unknown host. Run
 * against the compiled binary too (scripts/test.ts sets AX_BIN).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { type EmulatorFixture, useEmulator } from "../../_helpers/emulator_fixture.ts";
import { type AxResult } from "../../_helpers/run_ax.ts";
import { listenOnLoopback } from "../../_helpers/loopback_server.ts";
import {
  type Certificates,
  makeCertificates,
  type RecordingProxy,
  type RunningServer,
  startConnectProxy,
  startTlsTerminator,
} from "../../_helpers/tls_and_proxy.ts";

/** The emulator fixture of the running describe block (each starts its own). */
let fx: EmulatorFixture;
let certs: Certificates;
let tls: RunningServer;
let proxy: RecordingProxy;
/** The emulator over TLS, e.g. `https://localhost:40123`. */
let secureUrl: string;

/** A stack frame as Deno or Bun print them. */
const STACK = /^\s+at .+:\d+|\.ts:\d+:\d+/m;

/**
 * Runs ax against the emulator over TLS; nothing is inherited but PATH, so no
 * proxy or CA leaks in from the machine.
 */
function ax(args: string[], extra: Record<string, string | undefined> = {}): Promise<AxResult> {
  return fx.ax(args, { env: { ARIZE_BASE_URL: secureUrl, ...extra } });
}

/** Writes profile `name` with a `[network]` section; select it with AX_PROFILE. */
function writeProfile(name: string, network: Record<string, string>): void {
  const dir = join(fx.box.configDir, "profiles");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lines = Object.entries(network).map(([k, v]) => `${k} = ${JSON.stringify(v)}`);
  writeFileSync(
    join(dir, `${name}.toml`),
    `[auth]\napi_key = "${fx.emu.adminKey}"\n\n[network]\n${lines.join("\n")}\n`,
    { mode: 0o600 },
  );
}

function expectListed(result: AxResult): void {
  assert.equal(result.code, 0, `stdout: ${result.stdout}\nstderr: ${result.stderr}`);
  assert.ok(Array.isArray(JSON.parse(result.stdout).api_keys));
}

async function requests(): Promise<number> {
  return (await fx.emu.stats()).requests;
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = await listenOnLoopback(createServer());
  await server.close();
  return server.port;
}

describe("proxies and a custom CA (N4)", () => {
  const own = useEmulator("proxy-tls");
  before(async () => {
    fx = own;
    certs = makeCertificates(fx.box.dir("certs"));
    tls = await startTlsTerminator(certs, Number(new URL(fx.emu.url).port));
    proxy = await startConnectProxy();
    secureUrl = `https://localhost:${tls.port}`;
  });
  after(async () => {
    await proxy?.close();
    await tls?.close();
  });

  it("NODE_EXTRA_CA_CERTS trusts the CA; no proxy is used unless asked", async () => {
    proxy.tunnels.length = 0;
    expectListed(
      await ax(["api-keys", "list", "-o", "json"], {
        NODE_EXTRA_CA_CERTS: certs.caCert,
      }),
    );
    assert.deepEqual(proxy.tunnels, []);
  });

  it("the profile's [network] ca_bundle trusts the CA", async () => {
    writeProfile("ca", { ca_bundle: certs.caCert });
    expectListed(await ax(["api-keys", "list", "-o", "json"], { AX_PROFILE: "ca" }));
  });

  for (const name of ["HTTPS_PROXY", "https_proxy"]) {
    it(`${name} tunnels through the proxy (it records the CONNECT)`, async () => {
      proxy.tunnels.length = 0;
      expectListed(
        await ax(["api-keys", "list", "-o", "json"], {
          [name]: proxy.url,
          NODE_EXTRA_CA_CERTS: certs.caCert,
        }),
      );
      assert.deepEqual(proxy.tunnels, [`localhost:${tls.port}`]);
    });
  }

  it("a create through HTTPS_PROXY is sent once, through the tunnel", async () => {
    proxy.tunnels.length = 0;
    const before = (await fx.emu.stats()).by_route["POST /v2/api-keys"] ?? 0;
    const result = await ax(["api-keys", "create", "-n", "via proxy", "-o", "json"], {
      HTTPS_PROXY: proxy.url,
      NODE_EXTRA_CA_CERTS: certs.caCert,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(JSON.parse(result.stdout).key, /^ak-/);
    assert.equal((await fx.emu.stats()).by_route["POST /v2/api-keys"], before + 1);
    assert.deepEqual(proxy.tunnels, [`localhost:${tls.port}`]);
  });

  // Entries with a port (host:port) are left out: the runtimes' own NO_PROXY
  // matching ignores them (Deno tunnels anyway), unlike the profile's no_proxy.
  const noProxyCases: [string, boolean][] = [
    ["localhost", true],
    ["*", true],
    ["example.com,localhost", true],
    ["example.com", false],
  ];
  for (const [noProxy, bypass] of noProxyCases) {
    it(`NO_PROXY=${noProxy} ${bypass ? "bypasses" : "does not bypass"} HTTPS_PROXY`, async () => {
      proxy.tunnels.length = 0;
      expectListed(
        await ax(["api-keys", "list", "-o", "json"], {
          HTTPS_PROXY: proxy.url,
          NO_PROXY: noProxy,
          NODE_EXTRA_CA_CERTS: certs.caCert,
        }),
      );
      assert.deepEqual(proxy.tunnels, bypass ? [] : [`localhost:${tls.port}`]);
    });
  }

  it("the profile's [network] proxy_url (with ca_bundle) tunnels through the proxy", async () => {
    writeProfile("proxied", { proxy_url: proxy.url, ca_bundle: certs.caCert });
    proxy.tunnels.length = 0;
    expectListed(await ax(["api-keys", "list", "-o", "json"], { AX_PROFILE: "proxied" }));
    assert.deepEqual(proxy.tunnels, [`localhost:${tls.port}`]);
  });

  it("a create through the profile's proxy_url is sent once, through the tunnel", async () => {
    writeProfile("proxied-create", { proxy_url: proxy.url, ca_bundle: certs.caCert });
    proxy.tunnels.length = 0;
    const before = (await fx.emu.stats()).by_route["POST /v2/api-keys"] ?? 0;
    const result = await ax(["api-keys", "create", "-n", "via profile proxy", "-o", "json"], {
      AX_PROFILE: "proxied-create",
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(JSON.parse(result.stdout).key, /^ak-/);
    assert.equal((await fx.emu.stats()).by_route["POST /v2/api-keys"], before + 1);
    assert.deepEqual(proxy.tunnels, [`localhost:${tls.port}`]);
  });

  it("live completion (key IDs on TAB) goes through the profile's proxy_url and ca_bundle", async () => {
    writeProfile("proxied-tab", { proxy_url: proxy.url, ca_bundle: certs.caCert });
    proxy.tunnels.length = 0;
    const result = await ax(["complete", "--", "api-keys", "revoke", ""], {
      AX_PROFILE: "proxied-tab",
    });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.split("\n").length > 2, `key IDs offered: ${result.stdout}`);
    assert.deepEqual(proxy.tunnels, [`localhost:${tls.port}`]);
  });

  it("the profile's [network] no_proxy bypasses its proxy_url", async () => {
    writeProfile("bypass", {
      proxy_url: proxy.url,
      no_proxy: "localhost",
      ca_bundle: certs.caCert,
    });
    proxy.tunnels.length = 0;
    expectListed(await ax(["api-keys", "list", "-o", "json"], { AX_PROFILE: "bypass" }));
    assert.deepEqual(proxy.tunnels, []);
  });

  it("a profile's ca_bundle that cannot be read: exit 5 naming the file, nothing sent", async () => {
    writeProfile("missing-ca", { ca_bundle: join(fx.box.home, "nope.pem") });
    const before = await requests();
    const result = await ax(["api-keys", "list"], { AX_PROFILE: "missing-ca" });
    assert.equal(result.code, 5, result.stderr);
    assert.match(
      result.stderr,
      /^✗ Error: Cannot read the CA bundle '.*nope\.pem' \(\[network\] ca_bundle of profile missing-ca \(/,
    );
    assert.equal(await requests(), before);
  });
});

describe("one clear line for transport failures (N5)", () => {
  const own = useEmulator("n5");
  before(async () => {
    fx = own;
    certs = makeCertificates(fx.box.dir("certs"));
    tls = await startTlsTerminator(certs, Number(new URL(fx.emu.url).port));
    secureUrl = `https://localhost:${tls.port}`;
  });
  after(async () => {
    await tls?.close();
  });

  it("an untrusted certificate: names the host, hints at ca_bundle, not retried, no stack", async () => {
    const result = await ax(["api-keys", "list", "-v"]);
    const plain = await ax(["api-keys", "list"]);
    assert.equal(plain.code, 1, plain.stderr);
    assert.equal(
      plain.stderr,
      `✗ Error: Secure connection to localhost:${tls.port} failed: the certificate is not trusted.\n` +
        "Behind a TLS-inspecting proxy, set [network] ca_bundle in your profile (or NODE_EXTRA_CA_CERTS) to its CA certificate.\n",
    );
    assert.equal(plain.stdout, "");
    // -v shows why, once: a certificate does not fix itself on a retry.
    assert.equal(result.stderr.match(/\[debug\] → GET/g)?.length, 1, result.stderr);
    assert.equal(await requests(), 0, "no request got through TLS");
  });

  it("through a proxy, an untrusted certificate is the same one line", async () => {
    const recording = await startConnectProxy();
    try {
      const result = await ax(["api-keys", "list"], { HTTPS_PROXY: recording.url });
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /^✗ Error: Secure connection to localhost:\d+ failed: /);
      assert.equal(result.stderr.split("\n").length, 3, result.stderr);
      assert.doesNotMatch(result.stderr, STACK);
    } finally {
      await recording.close();
    }
  });

  it("connection refused: names the host, exit 1, no stack", async () => {
    const port = await closedPort();
    const result = await ax(["api-keys", "list"], { ARIZE_BASE_URL: `http://127.0.0.1:${port}` });
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(
        `^✗ Error: Could not connect to 127\\.0\\.0\\.1:${port}: connection refused( \\(3 attempts\\))?\\.\\nCheck that the server is running`,
      ),
    );
    assert.equal(result.stderr.trimEnd().split("\n").length, 2, result.stderr);
    assert.doesNotMatch(result.stderr, STACK);
  });

  it("a create against a refused port says nothing was sent", async () => {
    const port = await closedPort();
    const result = await ax(["api-keys", "create", "-n", "never sent"], {
      ARIZE_BASE_URL: `http://127.0.0.1:${port}`,
    });
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /connection refused; the server could not be reached, nothing was sent\./,
    );
  });

  it("a proxy that refuses: names the proxy's host (never its password) and says so", async () => {
    const port = await closedPort();
    const result = await ax(["api-keys", "list"], {
      HTTPS_PROXY: `http://proxyuser:proxy-secret-123@127.0.0.1:${port}`,
    });
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(
        `^✗ Error: .*localhost:${tls.port}.*\\(through the proxy 127\\.0\\.0\\.1:${port}(, 3 attempts)?\\)\\.\\nCheck that the proxy is running`,
      ),
    );
    assert.doesNotMatch(result.stderr, /proxy-secret-123|proxyuser/);
    assert.doesNotMatch(result.stderr, STACK);
  });

  it("an unknown host (.invalid): names the host, exit 1, no stack", async () => {
    const result = await ax(["api-keys", "list"], {
      ARIZE_BASE_URL: "https://ax-hardening-test.invalid",
    });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^✗ Error: Could not resolve host ax-hardening-test\.invalid\.\n/);
    assert.match(
      result.stderr,
      /Check the host name \(ARIZE_BASE_URL or the profile's \[routing\]\)/,
    );
    assert.equal(result.stderr.trimEnd().split("\n").length, 2, result.stderr);
    assert.doesNotMatch(result.stderr, STACK);
  });
});
