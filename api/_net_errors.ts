/**
 * Classifies a failed `fetch` (N5). Deno and Bun report the same failure very
 * differently: Bun sets `code` (ECONNREFUSED, ENOTFOUND, certificate codes),
 * Deno wraps a hyper/rustls message in `cause` ("tcp connect error:
 * Connection refused (os error 111)", "dns error", "invalid peer
 * certificate: UnknownIssuer"), Node's undici puts a `code` on `cause`. So the
 * whole cause chain's codes and messages are searched, defensively: anything
 * unrecognised is treated as possibly sent.
 */

/** What went wrong, as far as ax can tell. */
export type FailureKind =
  | "dns"
  | "refused"
  | "unreachable"
  | "tls"
  | "reset"
  | "protocol"
  | "timeout"
  | "oversize"
  | "unknown";

/** A classified transport failure. */
export interface NetFailure {
  kind: FailureKind;
  /** False only when the request certainly never reached the server. */
  mayHaveReachedServer: boolean;
  /** Worth another attempt for an idempotent request. */
  retryable: boolean;
  /** Short description for the message, e.g. "certificate not trusted". */
  detail: string;
  /** The original error, kept as the NetworkError's cause. */
  cause: unknown;
}

/** Codes and messages of an error and its causes (nested `cause`, AggregateError). */
function evidence(error: unknown): { codes: string[]; text: string } {
  const codes: string[] = [];
  const messages: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    if (value === null || value === undefined || depth > 6 || seen.has(value)) return;
    seen.add(value);
    if (typeof value !== "object") {
      messages.push(String(value));
      return;
    }
    const obj = value as Record<string, unknown>;
    if (typeof obj.code === "string") codes.push(obj.code.toUpperCase());
    if (typeof obj.message === "string") messages.push(obj.message);
    if (Array.isArray(obj.errors)) obj.errors.forEach((inner) => visit(inner, depth + 1));
    visit(obj.cause, depth + 1);
  };
  visit(error, 0);
  // URLs inside messages must not be read as evidence: a host named
  // `tls.example.com` says nothing about what failed.
  const text = messages.join(" | ").replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s)]+/gi, "<url>");
  return { codes, text };
}

interface Rule {
  kind: Exclude<FailureKind, "timeout" | "oversize">;
  codes: RegExp;
  text: RegExp;
}

// Order matters: a Deno "tcp connect error: Connection refused" is a refusal,
// not a generic connect failure; DNS and TLS failures happen before any byte
// of the request is sent, a reset or a garbled answer may come after.
const RULES: Rule[] = [
  {
    kind: "dns",
    codes: /^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL|EAI_NODATA|DNSEXCEPTION)$/,
    text:
      /dns error|failed to lookup address|getaddrinfo|name or service not known|no such host|name resolution|nodename nor servname|no address associated/i,
  },
  {
    kind: "refused",
    codes: /^ECONNREFUSED$/,
    text:
      /connection refused|actively refused|os error 111\b|os error 61\b|os error 10061\b|unable to connect/i,
  },
  {
    kind: "unreachable",
    codes: /^(ENETUNREACH|EHOSTUNREACH|ENETDOWN|EHOSTDOWN|ETIMEDOUT|ECONNTIMEDOUT|EADDRNOTAVAIL)$/,
    text:
      /network is unreachable|no route to host|host is unreachable|os error 101\b|os error 113\b|tcp connect error|connect timeout|connection timed out/i,
  },
  {
    kind: "tls",
    codes:
      /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|^ERR_TLS|^ERR_SSL|^EPROTO$|HOSTNAME_MISMATCH|ALTNAME/,
    text: /certificate|tls handshake|\bssl\b|\btls\b|UnknownIssuer|NotValidForName|handshake/i,
  },
  {
    kind: "reset",
    codes:
      /^(ECONNRESET|EPIPE|ECONNABORTED|UND_ERR_SOCKET|UND_ERR_CLOSED|ERR_STREAM_PREMATURE_CLOSE)$/,
    text:
      /connection reset|connection closed|socket connection was closed|socket hang up|broken pipe|error reading a body|unexpected eof|incomplete message|os error 104\b|os error 32\b|premature close|terminated/i,
  },
  {
    kind: "protocol",
    codes: /^(MALFORMED_HTTP_RESPONSE|HPE_|UND_ERR_INFO)/,
    text: /invalid http|malformed|parse error|invalid status|invalid header/i,
  },
];

function tlsDetail(codes: string[], text: string): string {
  const all = `${codes.join(" ")} ${text}`;
  if (/ALTNAME|HOSTNAME|NotValidForName|does not match/i.test(all)) {
    return "the certificate does not match the host name";
  }
  if (/EXPIRED|NOT_YET_VALID/i.test(all)) return "the certificate has expired or is not yet valid";
  if (
    /SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|UnknownIssuer|CaUsedAsEndEntity/i.test(all)
  ) {
    return "the certificate is not trusted";
  }
  return "the TLS handshake failed";
}

const DETAILS: Record<Exclude<FailureKind, "tls">, string> = {
  dns: "the host name could not be resolved",
  refused: "connection refused",
  unreachable: "the host is unreachable",
  reset: "the connection was closed unexpectedly",
  protocol: "the server sent an invalid HTTP response",
  timeout: "timed out",
  oversize: "the response is too large",
  unknown: "the request failed",
};

/**
 * Classifies an error thrown by `fetch` or while reading a response body.
 * `afterHeaders` is true for body-read failures: the server has seen the
 * request by then, whatever the error looks like.
 */
export function classifyFetchError(error: unknown, afterHeaders = false): NetFailure {
  const { codes, text } = evidence(error);
  const rule = RULES.find((r) => codes.some((c) => r.codes.test(c))) ??
    RULES.find((r) => r.text.test(text));
  const kind = afterHeaders ? "reset" : rule?.kind ?? "unknown";
  const neverSent = kind === "dns" || kind === "refused" || kind === "unreachable" ||
    kind === "tls";
  const permanentDns = kind === "dns" && !codes.includes("EAI_AGAIN") && !/temporar/i.test(text);
  return {
    kind,
    mayHaveReachedServer: !neverSent,
    // A bad certificate or an unknown host does not fix itself in a second.
    retryable: kind !== "tls" && !permanentDns,
    detail: kind === "tls" ? tlsDetail(codes, text) : DETAILS[kind],
    cause: error,
  };
}

/** The failure of an attempt that ran out of time. */
export function timeoutFailure(cause: unknown): NetFailure {
  return {
    kind: "timeout",
    mayHaveReachedServer: true,
    retryable: true,
    detail: "timed out",
    cause,
  };
}
