/**
 * The colours of a `status` value in the table format, on a terminal or when
 * CLICOLOR_FORCE asks for colour.
 */
import type { ColorName } from "../runtime/terminal.ts";

// A Map, not an object literal: a status of `constructor` must find nothing.
const COLORS = new Map<string, ColorName>([
  ["active", "green"],
  ["revoked", "red"],
  ["broken", "red"],
]);

/** The colour of a status value, if it has one. */
export function statusColor(status: string): ColorName | undefined {
  return COLORS.get(status);
}
