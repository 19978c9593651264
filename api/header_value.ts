/**
 * Whether a string can travel in an HTTP header (RFC 9110 field values, as
 * fetch enforces them): no CR, LF or NUL, nothing outside Latin-1. An API
 * key that fails this is a mistake in the user's input (a pasted line
 * break, a smart quote), reported as such before any request — fetch would
 * reject it with an error that looks like a network failure.
 */

/** What is wrong with `value` as a header value, or undefined when it can be sent. */
export function headerValueProblem(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x0d || code === 0x0a) return "it contains a line break";
    if (code === 0x00) return "it contains a NUL character";
    if (code > 0xff) {
      const char = String.fromCodePoint(value.codePointAt(i)!);
      const hex = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      return `it contains U+${hex}, which HTTP headers cannot carry (only Latin-1)`;
    }
  }
  return undefined;
}
