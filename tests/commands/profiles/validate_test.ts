import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseValidate, runValidate } from "../../../commands/profiles/validate.ts";
import { ApiError, ConfigError, UsageError } from "../../../runtime/errors.ts";
import { configContext, removeDir, tempDir, writeProfileFile } from "../../config/_temp_config.ts";
import { fetchStub, json, problem } from "../../_helpers/fetch_stub.ts";

const KEY = "ak-abcdefghijklmnopqrstuvwxyz";
const dirs: string[] = [];
after(() => dirs.forEach(removeDir));
function localProfile(): string {
  const dir = tempDir("ax-validate-");
  dirs.push(dir);
  writeProfileFile(
    dir,
    "local",
    `[auth]\napi_key = "${KEY}"\n[routing]\napi_host = "127.0.0.1:4010"\napi_scheme = "http"\n`,
  );
  return dir;
}

const ok = json(200, { api_keys: [], pagination: { has_more: false } });
const unauthorized = problem(401, { title: "Unauthorized", detail: "Invalid API key" });

describe("parseValidate", () => {
  it("takes name, -v and --timeout", () => {
    assert.deepEqual(parseValidate({ name: "local", values: { verbose: true, timeout: "5" } }), {
      name: "local",
      verbose: true,
      timeoutMs: 5000,
    });
  });
  it("rejects a bad --timeout and a bad name", () => {
    assert.throws(() => parseValidate({ values: { timeout: "0" } }), /--timeout '0'/);
    assert.throws(() => parseValidate({ name: "x y", values: {} }), UsageError);
  });
});

describe("runValidate", () => {
  it("sends GET /v2/api-keys?limit=1 with the profile's key and reports success", async () => {
    const server = fetchStub().any(...[ok]);
    const { ctx, stdout, stderr } = configContext(localProfile(), { fetch: server.fetch });
    await runValidate({ name: "local", verbose: false, timeoutMs: undefined }, ctx);
    assert.equal(server.seen.length, 1);
    const [request] = server.seen;
    assert.equal(request.method, "GET");
    assert.equal(request.url.href, "http://127.0.0.1:4010/v2/api-keys?limit=1");
    assert.equal(request.headers.get("authorization"), `Bearer ${KEY}`);
    assert.match(request.headers.get("accept") ?? "", /application\/json/);
    assert.equal(stdout.text(), "");
    assert.equal(stderr.text(), "✓ Profile 'local' is valid (http://127.0.0.1:4010)\n");
    server.verify();
  });

  it("a rejected key is exit 3, naming the profile and how to fix it, without the key", async () => {
    const server = fetchStub().any(...[unauthorized]);
    const { ctx } = configContext(localProfile(), { fetch: server.fetch });
    await assert.rejects(
      runValidate({ name: "local", verbose: false, timeoutMs: undefined }, ctx),
      (error: unknown) => {
        assert.ok(error instanceof ApiError, String(error));
        assert.equal(error.exitCode, 3);
        assert.equal(
          error.message,
          "Profile 'local' is not valid: 401 Unauthorized; Invalid API key",
        );
        const text = [error.message, ...error.hints].join("\n");
        assert.match(text, /ax profiles create local --force/);
        assert.ok(!text.includes(KEY));
        return true;
      },
    );
    assert.equal(server.seen.length, 1, "a 401 is not retried");
  });

  it("other API errors keep their status (exit 4)", async () => {
    const server = fetchStub().any(...[
      () => new Response(JSON.stringify({ title: "Forbidden", status: 403 }), { status: 403 }),
    ]);
    const { ctx } = configContext(localProfile(), { fetch: server.fetch });
    await assert.rejects(
      runValidate({ name: "local", verbose: false, timeoutMs: undefined }, ctx),
      (error: unknown) => error instanceof ApiError && error.exitCode === 4,
    );
  });

  it("says when environment variables were checked instead of the profile's values", async () => {
    const server = fetchStub().any(...[ok]);
    const { ctx, stderr } = configContext(localProfile(), {
      fetch: server.fetch,
      env: { ARIZE_API_KEY: "ak-env-key-0123456789", NO_COLOR: "1" },
    });
    await runValidate({ name: "local", verbose: false, timeoutMs: undefined }, ctx);
    assert.equal(server.seen[0].headers.get("authorization"), "Bearer ak-env-key-0123456789");
    assert.match(
      stderr.text(),
      /ℹ Checked with the API key from ARIZE_API_KEY, which overrides the profile's\./,
    );
  });

  it("says so once for both variables, in the plural", async () => {
    const server = fetchStub().any(...[ok]);
    const { ctx, stderr } = configContext(localProfile(), {
      fetch: server.fetch,
      env: {
        ARIZE_API_KEY: "ak-env-key-0123456789",
        ARIZE_BASE_URL: "http://127.0.0.1:5",
        NO_COLOR: "1",
      },
    });
    await runValidate({ name: "local", verbose: false, timeoutMs: undefined }, ctx);
    assert.equal(server.seen[0].url.href, "http://127.0.0.1:5/v2/api-keys?limit=1");
    assert.match(
      stderr.text(),
      /ℹ Checked with the API key from ARIZE_API_KEY and the base URL from ARIZE_BASE_URL, which override the profile's\./,
    );
  });

  it("validates ARIZE_API_KEY alone when there is no profile", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const server = fetchStub().any(...[ok]);
    const { ctx, stderr } = configContext(dir, {
      fetch: server.fetch,
      env: { ARIZE_API_KEY: "ak-env", ARIZE_BASE_URL: "http://127.0.0.1:5" },
    });
    await runValidate({ name: undefined, verbose: false, timeoutMs: undefined }, ctx);
    assert.equal(server.seen[0].url.href, "http://127.0.0.1:5/v2/api-keys?limit=1");
    assert.equal(stderr.text(), "✓ The API key from ARIZE_API_KEY is valid (http://127.0.0.1:5)\n");
  });

  it("without any key: the no-credentials ConfigError and no request", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const server = fetchStub();
    const { ctx } = configContext(dir, { fetch: server.fetch });
    await assert.rejects(
      runValidate({ name: undefined, verbose: false, timeoutMs: undefined }, ctx),
      (error: unknown) => error instanceof ConfigError && /No API key found/.test(error.message),
    );
    assert.equal(server.seen.length, 0);
  });
});
