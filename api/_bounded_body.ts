/**
 * Reads a response body with a ceiling (N8, docs/reliability.md): an answer
 * larger than {@link MAX_BODY_BYTES} is refused without reading it all, and
 * a compressed one is measured after decompression (the runtime's fetch
 * hands out decompressed bytes), so an endless body or a gzip bomb costs at
 * most the ceiling in memory.
 */

/**
 * The largest answer ax reads: 16 MiB. The largest legitimate one is a page
 * of 100 API keys whose names (256) and descriptions (1000 characters) are
 * all at their limits and written as 6-byte `\uXXXX` escapes: under 1 MiB.
 * 16× that leaves room for larger pages of future endpoints, and keeps the
 * worst case (bytes, text and parse of two pages in flight) far below the
 * 150 MB ax is allowed.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The answer was larger than the ceiling; nothing beyond it was read. */
export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the response is larger than ${maxBytes / 1024 / 1024} MiB`);
  }
}

/**
 * The body of `response` as text, or BodyTooLarge once it passes `maxBytes`
 * (the connection is then dropped). A plain body that declares a length
 * within the ceiling is read by the runtime in one go, the fast path every
 * ordinary page takes.
 */
export async function readBoundedText(
  response: Response,
  maxBytes: number = MAX_BODY_BYTES,
): Promise<string> {
  const encoding = (response.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  const plain = encoding === "" || encoding === "identity";
  if (plain && Number.isSafeInteger(declared) && declared >= 0) {
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw new BodyTooLarge(maxBytes);
    }
    // The runtime reads exactly the declared length: HTTP framing ends it.
    return await response.text();
  }
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      chunks.length = 0;
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
