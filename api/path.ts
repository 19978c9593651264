/**
 * Building request paths from user-supplied IDs (I2): an ID is always exactly
 * one path segment, so `../x`, `?`, `#` or `/` in it can never reach another
 * endpoint.
 */
import { UsageError } from "../runtime/errors.ts";

/**
 * Percent-encodes `id` as one path segment. `.` and `..` (and empty) are
 * refused: URL parsers resolve them, and their encoded forms (`%2e%2e`) too,
 * so no encoding keeps them in place.
 */
export function encodePathSegment(id: string): string {
  if (id === "" || id === "." || id === "..") {
    throw new UsageError(`Invalid ID '${id}': an ID cannot be empty, '.' or '..'.`);
  }
  return encodeURIComponent(id);
}
