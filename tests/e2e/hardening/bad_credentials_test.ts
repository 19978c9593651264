/**
 * Credentials that cannot be used are input errors, reported before any
 * request in one line naming where they came from — never a network retry
 * loop: an API key no HTTP header can carry (CR, LF, beyond Latin-1) from
 * ARIZE_API_KEY (exit 2), a profile file (exit 1) or `profiles create
 * --api-key` (exit 2, nothing saved); a CA bundle that is unreadable
 * (exit 5) or holds no certificate (profile: exit 1; NODE_EXTRA_CA_CERTS:
 * exit 2).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type AxResult, runAx } from "../../_helpers/run_ax.ts";
import { emulatorEnv, makeSandbox, type Sandbox } from "../../_helpers/ax_process.ts";
import { reply, type ScriptedServer, startScriptedServer } from "../../_helpers/scripted_server.ts";

let server: ScriptedServer;
let box: Sandbox;

function ax(
  args: string[],
  extra: Record<string, string | undefined>,
  stdin?: string,
): Promise<AxResult> {
  const env = emulatorEnv({ url: server.url, adminKey: "unused" }, box, extra);
  return runAx(args, { cwd: box.home, env, stdin });
}

function writeProfile(name: string, toml: string): string {
  const dir = join(box.configDir, "profiles");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${name}.toml`);
  writeFileSync(file, toml, { mode: 0o600 });
  return file;
}

/** Exactly one error line (no hint lines counted), exit `code`, nothing sent. */
function assertInputError(result: AxResult, code: number, message: RegExp, before: number) {
  assert.equal(result.code, code, result.stderr);
  assert.match(result.stderr.split("\n")[0], message);
  assert.doesNotMatch(result.stderr, /retry|attempt|timed out|Could not connect/i);
  assert.equal(server.requests.length, before, "nothing was sent");
}

describe("bad credentials are input errors", () => {
  before(async () => {
    box = makeSandbox("credentials");
    server = await startScriptedServer((_req, res) =>
      reply(res, { status: 200, body: '{"api_keys":[],"pagination":{"has_more":false}}' })
    );
  });
  after(async () => {
    await server.close();
    box.remove();
  });

  const envKeys: [string, string, RegExp][] = [
    ["a line break", "ak-abc\ndef", /it contains a line break/],
    ["a carriage return", "ak-abc\rdef", /it contains a line break/],
    [
      "a character beyond Latin-1",
      "ak-abc\u2013def",
      /it contains U\+2013, which HTTP headers cannot carry/,
    ],
  ];
  for (const [what, key, reason] of envKeys) {
    it(`ARIZE_API_KEY with ${what}: exit 2, names the variable`, async () => {
      const before = server.requests.length;
      const result = await ax(["api-keys", "list"], { ARIZE_API_KEY: key });
      assertInputError(
        result,
        2,
        new RegExp(`^✗ Error: The API key from ARIZE_API_KEY cannot be sent: ${reason.source}`),
        before,
      );
    });
  }

  it("a profile's api_key with a line break: exit 1, names the profile file", async () => {
    const file = writeProfile("broken-key", '[auth]\napi_key = "ak-abc\\ndef"\n');
    const before = server.requests.length;
    const result = await ax(["api-keys", "list"], {
      ARIZE_API_KEY: undefined,
      AX_PROFILE: "broken-key",
    });
    assertInputError(result, 1, /cannot be sent: it contains a line break/, before);
    assert.ok(result.stderr.includes(file), result.stderr);
  });

  it("profiles create --api-key with a non-Latin-1 character: exit 2, nothing saved", async () => {
    const result = await ax(["profiles", "create", "smart", "--api-key", "ak-“quoted”"], {});
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      result.stderr,
      /^✗ Error: --api-key cannot be sent to the server: it contains U\+201C/,
    );
    assert.equal(existsSync(join(box.configDir, "profiles", "smart.toml")), false);
  });

  it("profiles create --api-key - reads stdin, and never saves a literal '-'", async () => {
    const result = await ax(
      ["profiles", "create", "piped", "--api-key", "-", "--base-url", server.url],
      {},
      "ak-from-stdin-0123456789\n",
    );
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /Tip:/, "no advice to keep the key out of argv: it was");
    const literal = await ax(["profiles", "create", "literal", "--api-key", "ak-literal-0123"], {});
    assert.match(literal.stderr, /Tip: a key given as --api-key VALUE shows in process lists/);
    const shown = await ax(["profiles", "show", "piped", "-o", "json"], {});
    assert.doesNotMatch(shown.stdout, /"-"/);
    const before = server.requests.length;
    const list = await ax(["api-keys", "list", "-o", "json"], {
      ARIZE_API_KEY: undefined,
      AX_PROFILE: "piped",
    });
    assert.equal(list.code, 0, list.stderr);
    assert.equal(server.requests[before].headers.authorization, "Bearer ak-from-stdin-0123456789");
  });

  it("a profile's ca_bundle with no certificate in it: exit 1, names file and profile", async () => {
    const pem = join(box.home, "not-a-cert.pem");
    writeFileSync(pem, "hello\n");
    const file = writeProfile(
      "bad-ca",
      `[auth]\napi_key = "ak-x"\n[network]\nca_bundle = "${pem}"\n`,
    );
    const before = server.requests.length;
    const result = await ax(["api-keys", "list"], {
      ARIZE_API_KEY: undefined,
      AX_PROFILE: "bad-ca",
    });
    assertInputError(
      result,
      1,
      /CA bundle '.*not-a-cert\.pem' \(\[network\] ca_bundle of profile bad-ca/,
      before,
    );
    assert.ok(result.stderr.includes(file), result.stderr);
  });

  it("NODE_EXTRA_CA_CERTS with no certificate: exit 2; unreadable: exit 5", async () => {
    const pem = join(box.home, "not-a-cert-either.pem");
    writeFileSync(pem, "hello\n");
    const before = server.requests.length;
    const invalid = await ax(["api-keys", "list"], {
      ARIZE_API_KEY: "ak-x",
      NODE_EXTRA_CA_CERTS: pem,
    });
    assertInputError(
      invalid,
      2,
      /CA bundle '.*not-a-cert-either\.pem' \(NODE_EXTRA_CA_CERTS\)/,
      before,
    );
    const missing = await ax(["api-keys", "list"], {
      ARIZE_API_KEY: "ak-x",
      NODE_EXTRA_CA_CERTS: join(box.home, "missing.pem"),
    });
    assertInputError(
      missing,
      5,
      /Cannot read the CA bundle '.*missing\.pem' \(NODE_EXTRA_CA_CERTS\)/,
      before,
    );
  });
});
