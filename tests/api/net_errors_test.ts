import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { classifyFetchError, type FailureKind } from "../../api/_net_errors.ts";
import { bunError, denoError } from "../_helpers/fetch_stub.ts";

/** Node's undici: `fetch failed` with a coded cause. */
function nodeError(code: string, message: string): Error {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });
}

describe("classifyFetchError", () => {
  // [name, error, kind, may have reached the server, retryable]
  const cases: [string, unknown, FailureKind, boolean, boolean][] = [
    // Messages and codes as Deno 2.9 and Bun 1.4 really produce them (see client_network_test.ts).
    [
      "deno refused",
      denoError(
        "error sending request for url (http://127.0.0.1:39795/): client error (Connect): tcp connect error: Connection refused (os error 111)",
      ),
      "refused",
      false,
      true,
    ],
    [
      "bun refused",
      bunError("ECONNREFUSED", "Unable to connect. Is the computer able to access the url?"),
      "refused",
      false,
      true,
    ],
    [
      "node refused",
      nodeError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1"),
      "refused",
      false,
      true,
    ],
    [
      "windows refused",
      denoError(
        "tcp connect error: No connection could be made because the target machine actively refused it. (os error 10061)",
      ),
      "refused",
      false,
      true,
    ],
    [
      "deno dns",
      denoError(
        "error sending request for url (http://nonexistent-host.invalid/): client error (Connect): dns error: failed to lookup address information: Name or service not known",
      ),
      "dns",
      false,
      false,
    ],
    [
      "bun dns",
      bunError("ENOTFOUND", "getaddrinfo ENOTFOUND nonexistent-host.invalid"),
      "dns",
      false,
      false,
    ],
    [
      "temporary dns",
      bunError("EAI_AGAIN", "getaddrinfo EAI_AGAIN api.arize.com"),
      "dns",
      false,
      true,
    ],
    [
      "deno temporary dns",
      denoError(
        "dns error: failed to lookup address information: Temporary failure in name resolution",
      ),
      "dns",
      false,
      true,
    ],
    ["unreachable", bunError("ENETUNREACH", "network unreachable"), "unreachable", false, true],
    [
      "deno no route",
      denoError("tcp connect error: No route to host (os error 113)"),
      "unreachable",
      false,
      true,
    ],
    [
      "deno unknown issuer",
      denoError("client error (Connect): invalid peer certificate: UnknownIssuer"),
      "tls",
      false,
      false,
    ],
    [
      "bun self-signed",
      bunError("DEPTH_ZERO_SELF_SIGNED_CERT", "self signed certificate"),
      "tls",
      false,
      false,
    ],
    [
      "bun leaf",
      bunError("UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate"),
      "tls",
      false,
      false,
    ],
    [
      "node altname",
      nodeError(
        "ERR_TLS_CERT_ALTNAME_INVALID",
        "Hostname/IP does not match certificate's altnames",
      ),
      "tls",
      false,
      false,
    ],
    ["deno reset", denoError("Connection reset by peer (os error 104)"), "reset", true, true],
    [
      "deno closed",
      denoError("client error (SendRequest): connection closed before message completed"),
      "reset",
      true,
      true,
    ],
    [
      "bun reset",
      bunError("ECONNRESET", "The socket connection was closed unexpectedly."),
      "reset",
      true,
      true,
    ],
    ["node socket", nodeError("UND_ERR_SOCKET", "other side closed"), "reset", true, true],
    [
      "bun garbage",
      bunError("Malformed_HTTP_Response", "Malformed_HTTP_Response fetching"),
      "protocol",
      true,
      true,
    ],
    [
      "deno garbage",
      denoError("client error (SendRequest): invalid HTTP version parsed"),
      "protocol",
      true,
      true,
    ],
    ["unknown", new Error("something odd"), "unknown", true, true],
    ["not an error", "weird", "unknown", true, true],
    // A host name that looks like evidence must not fool the classifier.
    [
      "reset from a host named tls",
      denoError(
        "error sending request for url (https://tls.example.com/): connection closed before message completed",
      ),
      "reset",
      true,
      true,
    ],
  ];
  for (const [name, error, kind, reached, retryable] of cases) {
    it(name, () => {
      const failure = classifyFetchError(error);
      assert.equal(failure.kind, kind);
      assert.equal(failure.mayHaveReachedServer, reached);
      assert.equal(failure.retryable, retryable);
      assert.equal(failure.cause, error);
    });
  }

  it("treats any body-read failure as after the request reached the server", () => {
    const failure = classifyFetchError(new TypeError("whatever"), true);
    assert.equal(failure.kind, "reset");
    assert.equal(failure.mayHaveReachedServer, true);
  });

  it("describes TLS failures precisely", () => {
    assert.equal(
      classifyFetchError(bunError("CERT_HAS_EXPIRED", "certificate has expired")).detail,
      "the certificate has expired or is not yet valid",
    );
    assert.equal(
      classifyFetchError(denoError("invalid peer certificate: NotValidForName")).detail,
      "the certificate does not match the host name",
    );
    assert.equal(
      classifyFetchError(denoError("tls handshake eof")).detail,
      "the TLS handshake failed",
    );
  });
});
