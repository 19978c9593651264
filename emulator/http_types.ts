/**
 * The emulator's own request and response values: the handler works on these,
 * so tests call it in-process and `server.ts` alone speaks `node:http`.
 */

/** One HTTP request as the handler sees it. */
export interface EmuRequest {
  method: string;
  /** The raw request target, path and query, exactly as sent. */
  url: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The body as text ("" when there is none). */
  body: string;
}

/** One HTTP response. A 204 has an empty body. */
export interface EmuResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
