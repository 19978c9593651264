import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ApiRequest, type ClientOptions, createClient } from "../../api/client.ts";
import { ApiError, InterruptedError, NetworkError } from "../../runtime/errors.ts";
import { fakeContext } from "../_helpers/fake_context.ts";
import {
  bunError,
  denoError,
  fail,
  fetchStub,
  hang,
  json,
  problem,
  type Reply,
} from "../_helpers/fetch_stub.ts";

const GET: ApiRequest = { method: "GET", path: "/v2/api-keys", idempotent: true };
const REVOKE: ApiRequest = { method: "PUT", path: "/v2/api-keys/k/revoke", idempotent: true };
const CREATE: ApiRequest = {
  method: "POST",
  path: "/v2/api-keys",
  body: { name: "n", key_type: "user" },
  idempotent: false,
};

function setup(
  steps: Reply[],
  options: Partial<ClientOptions> & { signal?: AbortSignal } = {},
) {
  const script = fetchStub().any(...steps);
  const fake = fakeContext({ fetch: script.fetch, signal: options.signal });
  const client = createClient(fake.ctx, {
    baseUrl: "https://api.example.test",
    apiKey: "ak-test-bearer-0123456789abcdef",
    timeoutMs: 5_000,
    verbose: false,
    ...options,
  });
  return { client, script, ...fake };
}

function status(code: number, headers: Record<string, string> = {}): Reply {
  return problem(code, { title: "try later" }, headers);
}

/** A 200 response whose body stream breaks after a few bytes (a truncated body). */
function truncated(): Reply {
  return () =>
    new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id": "k1", "ke'));
          controller.error(new TypeError("error reading a body from connection"));
        },
      }),
      { status: 200, headers: { "content-type": "application/json" } },
    );
}

describe("retries of idempotent requests (N2)", () => {
  it("503, 503, 200: three requests, backoff with full jitter, success", async () => {
    const { client, script, sleeps } = setup([status(503), status(503), json(200, {})]);
    const res = await client.request(GET);
    assert.equal(res.status, 200);
    assert.equal(script.seen.length, 3);
    // random() is 0.5: half of 500 ms, then half of 1000 ms.
    assert.deepEqual(sleeps, [250, 500]);
  });

  it("gives up after 3 attempts with the last status", async () => {
    const { client, script } = setup([status(502), status(504), status(503)]);
    await assert.rejects(client.request(GET), (error) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 503);
      assert.match(error.message, /^503 Service Unavailable/);
      return true;
    });
    assert.equal(script.seen.length, 3);
  });

  for (const code of [408, 429, 500, 502, 503, 504]) {
    it(`retries ${code}`, async () => {
      const { client, script } = setup([status(code), json(200, {})]);
      await client.request(REVOKE);
      assert.equal(script.seen.length, 2);
    });
  }

  for (const code of [400, 401, 403, 404, 409, 422, 501]) {
    it(`does not retry ${code}`, async () => {
      const { client, script, sleeps } = setup([status(code)]);
      await assert.rejects(client.request(GET), (e) => e instanceof ApiError && e.status === code);
      assert.equal(script.seen.length, 1);
      assert.deepEqual(sleeps, []);
    });
  }

  it("honours Retry-After in seconds", async () => {
    const { client, sleeps } = setup([status(429, { "retry-after": "2" }), json(200, {})]);
    await client.request(GET);
    assert.deepEqual(sleeps, [2000]);
  });

  it("honours Retry-After as an HTTP-date, relative to ctx.now()", async () => {
    // fakeContext's clock is 2026-06-01T12:00:00Z.
    const { client, sleeps } = setup([
      status(503, { "retry-after": "Mon, 01 Jun 2026 12:00:05 GMT" }),
      json(200, {}),
    ]);
    await client.request(GET);
    assert.deepEqual(sleeps, [5000]);
  });

  it("falls back to backoff on an unreadable Retry-After", async () => {
    const { client, sleeps } = setup([status(503, { "retry-after": "soon" }), json(200, {})]);
    await client.request(GET);
    assert.deepEqual(sleeps, [250]);
  });

  it("fails fast when Retry-After exceeds the cap", async () => {
    const { client, script, sleeps } = setup([status(429, { "retry-after": "3600" })]);
    await assert.rejects(client.request(GET), (error) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 429);
      assert.match(error.message, /server asked to wait 3600 seconds/);
      return true;
    });
    assert.equal(script.seen.length, 1);
    assert.deepEqual(sleeps, []);
  });

  it("uses maxRetryAfterSeconds as the cap", async () => {
    const { client } = setup([status(503, { "retry-after": "10" })], { maxRetryAfterSeconds: 5 });
    await assert.rejects(client.request(GET), /asked to wait 10 seconds.*\(5 s\)/);
  });

  it("retries connection failures, then names the host and attempts", async () => {
    const refused = bunError("ECONNREFUSED", "Unable to connect.");
    const { client, script, sleeps } = setup([fail(refused), fail(refused), fail(refused)]);
    await assert.rejects(client.request(GET), (error) => {
      assert.ok(error instanceof NetworkError);
      assert.equal(
        error.message,
        "Could not connect to api.example.test: connection refused (3 attempts).",
      );
      assert.equal(error.exitCode, 1);
      assert.equal(error.hints.length, 1);
      return true;
    });
    assert.equal(script.seen.length, 3);
    assert.deepEqual(sleeps, [250, 500]);
  });

  it("retries a body cut off mid-stream", async () => {
    const { client, script } = setup([truncated(), json(200, { ok: 1 })]);
    assert.deepEqual((await client.request(GET)).body, { ok: 1 });
    assert.equal(script.seen.length, 2);
  });

  it("does not retry a certificate error", async () => {
    const tls = denoError("client error (Connect): invalid peer certificate: UnknownIssuer");
    const { client, script, stderr } = setup([fail(tls)], { verbose: true });
    await assert.rejects(client.request(GET), (error) => {
      assert.ok(error instanceof NetworkError);
      assert.equal(
        error.message,
        "Secure connection to api.example.test failed: the certificate is not trusted.",
      );
      assert.match(error.hints[0], /ca_bundle/);
      return true;
    });
    assert.equal(script.seen.length, 1);
    assert.match(stderr.text(), /\[debug\] not retrying: the certificate is not trusted/);
  });

  it("does not retry an unknown host", async () => {
    const dns = bunError("ENOTFOUND", "getaddrinfo ENOTFOUND api.example.test");
    const { client, script } = setup([fail(dns)]);
    await assert.rejects(client.request(GET), /: Could not resolve host api\.example\.test\.$/);
    assert.equal(script.seen.length, 1);
  });

  it("logs each retry decision in verbose mode", async () => {
    const { client, stderr } = setup([
      status(503),
      status(429, { "retry-after": "1" }),
      status(503),
    ], {
      verbose: true,
    });
    await assert.rejects(client.request(GET));
    const log = stderr.text();
    assert.match(log, /\[debug\] retrying in 250 ms \(attempt 2 of 3\): 503 Service Unavailable\n/);
    assert.match(
      log,
      /\[debug\] retrying in 1000 ms \(attempt 3 of 3\): 429 Too Many Requests, Retry-After: 1\n/,
    );
    assert.match(log, /\[debug\] giving up after 3 attempts\n/);
  });
});

describe("timeouts (N1)", () => {
  it("abandons an attempt after timeoutMs and retries an idempotent request", async () => {
    const { client, script } = setup([hang(), hang(), hang()], { timeoutMs: 20 });
    await assert.rejects(client.request(GET), (error) => {
      assert.ok(error instanceof NetworkError);
      assert.equal(
        error.message,
        "Request to api.example.test timed out after 20 ms (3 attempts).",
      );
      assert.match(error.hints[0], /--timeout/);
      return true;
    });
    assert.equal(script.seen.length, 3);
  });

  it("times out a body that never ends", async () => {
    const endless: Reply = () =>
      new Response(new ReadableStream({ start: (c) => c.enqueue(new Uint8Array([123])) }), {
        status: 200,
      });
    const { client } = setup([endless, json(200, {})], { timeoutMs: 20 });
    assert.equal((await client.request(GET)).status, 200);
  });

  it("passes an abort signal to fetch", async () => {
    const { client, script } = setup([json(200, {})]);
    await client.request(GET);
    assert.ok(script.seen[0].signal instanceof AbortSignal);
  });
});

describe("POST is never retried (N3)", () => {
  const unknown = /the request may have reached the server, so its outcome is unknown\.$/;
  const listHint = "Run `ax api-keys list` to check, and revoke any key you don't hold.";

  it("a 503 is reported, not retried", async () => {
    const { client, script } = setup([status(503)]);
    await assert.rejects(client.request(CREATE), (e) => e instanceof ApiError && e.status === 503);
    assert.equal(script.seen.length, 1);
  });

  it("a 429 with a short Retry-After is reported, not retried", async () => {
    const { client, script, sleeps } = setup([status(429, { "retry-after": "1" })]);
    await assert.rejects(client.request(CREATE), (error) => {
      assert.ok(error instanceof ApiError);
      assert.ok(error.hints.includes("The server asked to wait 1 seconds before trying again."));
      return true;
    });
    assert.equal(script.seen.length, 1);
    assert.deepEqual(sleeps, []);
  });

  const ambiguous: [string, Reply][] = [
    [
      "a reset (Bun)",
      fail(bunError("ECONNRESET", "The socket connection was closed unexpectedly.")),
    ],
    ["a reset (Deno)", fail(denoError("Connection reset by peer (os error 104)"))],
    [
      "a closed connection (Deno)",
      fail(denoError("client error (SendRequest): connection closed before message completed")),
    ],
    ["an unrecognised error", fail(new Error("something odd"))],
    ["a truncated body", truncated()],
  ];
  for (const [name, step] of ambiguous) {
    it(`${name}: one request, outcome unknown`, async () => {
      const { client, script } = setup([step]);
      await assert.rejects(client.request(CREATE), (error) => {
        assert.ok(error instanceof NetworkError);
        assert.match(error.message, unknown);
        assert.deepEqual(error.hints, [listHint]);
        return true;
      });
      assert.equal(script.seen.length, 1);
    });
  }

  it("a timeout: one request, outcome unknown", async () => {
    const { client, script } = setup([hang()], { timeoutMs: 20 });
    await assert.rejects(
      client.request(CREATE),
      (e) =>
        e instanceof NetworkError &&
        /^Request to api\.example\.test timed out after 20 ms; .*unknown/.test(e.message),
    );
    assert.equal(script.seen.length, 1);
  });

  it("a refused connection says nothing was sent", async () => {
    const { client, script } = setup([
      fail(denoError("tcp connect error: Connection refused (os error 111)")),
    ]);
    await assert.rejects(client.request(CREATE), (error) => {
      assert.ok(error instanceof NetworkError);
      assert.equal(
        error.message,
        "Could not connect to api.example.test: connection refused; the server could not be reached, nothing was sent.",
      );
      assert.ok(!error.hints.includes(listHint));
      return true;
    });
    assert.equal(script.seen.length, 1);
  });

  it("uses the request's own unknown-outcome hints when given", async () => {
    const { client } = setup([fail(new Error("reset"))]);
    await assert.rejects(
      client.request({ ...CREATE, unknownOutcomeHints: ["Check X."] }),
      (e) => e instanceof NetworkError && e.hints.length === 1 && e.hints[0] === "Check X.",
    );
  });

  it("logs why it did not retry", async () => {
    const { client, stderr } = setup([fail(new Error("reset"))], { verbose: true });
    await assert.rejects(client.request(CREATE));
    assert.match(stderr.text(), /\[debug\] not retrying: POST \/v2\/api-keys is not idempotent\n/);
  });
});

describe("Ctrl-C (I4)", () => {
  it("sends nothing when already interrupted", async () => {
    const controller = new AbortController();
    const reason = new InterruptedError();
    controller.abort(reason);
    const { client, script } = setup([], { signal: controller.signal });
    await assert.rejects(client.request(GET), (error) => error === reason);
    assert.equal(script.seen.length, 0);
  });

  it("rejects at once with the signal's reason while waiting on the network", async () => {
    const controller = new AbortController();
    const reason = new InterruptedError();
    // This fetch ignores its signal: the client must not wait for it anyway.
    const ignoring: Reply = () => {
      queueMicrotask(() => controller.abort(reason));
      return new Promise<Response>(() => {});
    };
    const { client } = setup([ignoring], { signal: controller.signal, timeoutMs: 60_000 });
    // A POST on its way may have taken effect: the interruption says so.
    await assert.rejects(
      client.request(CREATE),
      (error) =>
        error instanceof InterruptedError && error.exitCode === 130 &&
        /outcome is unknown/.test(error.hints.join("\n")),
    );
  });

  it("stops during a retry sleep", async () => {
    const controller = new AbortController();
    const reason = new InterruptedError();
    const script = fetchStub().any(...[status(503), json(200, {})]);
    const fake = fakeContext({ fetch: script.fetch, signal: controller.signal });
    const sleeps: number[] = [];
    // Ctrl-C arrives while the client sleeps before its second attempt.
    const ctx = {
      ...fake.ctx,
      sleep: (ms: number, signal?: AbortSignal) => {
        sleeps.push(ms);
        assert.equal(signal, controller.signal, "the sleep listens to Ctrl-C");
        controller.abort(reason);
        return Promise.reject(signal?.reason);
      },
    };
    const client = createClient(ctx, {
      baseUrl: "https://api.example.test",
      apiKey: "ak-test-bearer-0123456789abcdef",
      timeoutMs: 5_000,
      verbose: false,
    });
    await assert.rejects(client.request(GET), (error) => error === reason);
    assert.equal(script.seen.length, 1);
    assert.deepEqual(sleeps, [250]);
  });

  it("turns a bare abort() into an InterruptedError", async () => {
    const controller = new AbortController();
    controller.abort();
    const { client } = setup([], { signal: controller.signal });
    await assert.rejects(
      client.request(GET),
      (e) => e instanceof InterruptedError && e.exitCode === 130,
    );
  });
});
