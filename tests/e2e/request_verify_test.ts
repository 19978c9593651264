/**
 * `[security] request_verify = false` and ARIZE_REQUEST_VERIFY, end to end:
 * the emulator behind a TLS terminator whose certificate ax has no reason to
 * trust. Verification on, ax refuses the connection; off, every request
 * (GET, and a POST on its own connection) goes through and stderr carries one
 * warning line. Run from source and, by scripts/test.ts, against the binary.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { useEmulator } from "../_helpers/emulator_fixture.ts";
import { type AxResult } from "../_helpers/run_ax.ts";
import {
  makeCertificates,
  type RunningServer,
  startTlsTerminator,
} from "../_helpers/tls_and_proxy.ts";

const WARNING =
  "⚠ Warning: TLS certificate verification is off (request_verify = false); use [network] ca_bundle to trust your server's certificate instead.";

const fx = useEmulator("request-verify");
let tls: RunningServer;

/** Runs ax with no key or base URL in the environment: the profile decides. */
function ax(args: string[], extra: Record<string, string | undefined> = {}): Promise<AxResult> {
  return fx.ax(args, { env: { ARIZE_API_KEY: undefined, ARIZE_BASE_URL: undefined, ...extra } });
}

/** A profile as the reference CLI writes one for an on-prem host. */
function writeProfile(name: string, requestVerify: string): void {
  const dir = join(fx.box.configDir, "profiles");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(dir, `${name}.toml`),
    `[profile]\nname = "${name}"\n\n[auth]\nauth_method = "api-key"\napi_key = "${fx.emu.adminKey}"\n\n` +
      `[routing]\nsingle_host = "localhost:${tls.port}"\nsingle_port = "443"\napi_host = "api.arize.com"\napi_scheme = "https"\n\n` +
      `[security]\nrequest_verify = ${requestVerify}\n\n[output]\nformat = "table"\n`,
    { mode: 0o600 },
  );
}

function warnings(stderr: string): number {
  return stderr.split("\n").filter((line) => line === WARNING).length;
}

describe("request_verify = false (self-signed servers)", () => {
  before(async () => {
    const certs = makeCertificates(fx.box.dir("certs"));
    tls = await startTlsTerminator(certs, Number(new URL(fx.emu.url).port));
    writeProfile("onprem", "false");
    writeProfile("checked", "true");
  });
  after(async () => {
    await tls?.close();
  });

  it("with verification on, the untrusted certificate is refused and nothing is warned", async () => {
    const result = await ax(["api-keys", "list", "-o", "json"], { AX_PROFILE: "checked" });
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stdout, "");
    assert.equal(warnings(result.stderr), 0);
  });

  it("the profile's request_verify = false lists, creates and revokes, warning once per run", async () => {
    const list = await ax(["api-keys", "list", "-o", "json"], { AX_PROFILE: "onprem" });
    assert.equal(list.code, 0, list.stderr);
    assert.ok(Array.isArray(JSON.parse(list.stdout).api_keys));
    assert.equal(warnings(list.stderr), 1);
    const created = await ax(["api-keys", "create", "-n", "over self-signed", "-o", "json"], {
      AX_PROFILE: "onprem",
    });
    assert.equal(created.code, 0, created.stderr);
    const id = JSON.parse(created.stdout).id;
    assert.equal(JSON.parse(created.stdout).name, "over self-signed");
    assert.equal(warnings(created.stderr), 1);
    // A 204 without a body, over the same path.
    const revoked = await ax(["api-keys", "revoke", id, "--force"], { AX_PROFILE: "onprem" });
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal(warnings(revoked.stderr), 1);
  });

  it("ARIZE_REQUEST_VERIFY=false works without a profile; =true beats the profile", async () => {
    const viaEnv = await ax(["api-keys", "list", "-o", "json"], {
      ARIZE_API_KEY: fx.emu.adminKey,
      ARIZE_BASE_URL: `https://localhost:${tls.port}`,
      ARIZE_REQUEST_VERIFY: "false",
    });
    assert.equal(viaEnv.code, 0, viaEnv.stderr);
    assert.equal(warnings(viaEnv.stderr), 1);
    const overridden = await ax(["api-keys", "list", "-o", "json"], {
      AX_PROFILE: "onprem",
      ARIZE_REQUEST_VERIFY: "true",
    });
    assert.equal(overridden.code, 1, overridden.stderr);
    assert.equal(warnings(overridden.stderr), 0);
  });
});
