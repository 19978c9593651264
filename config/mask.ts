/** Showing secrets without revealing them (`ax profiles show`, prompts). */

/** Keys shorter than this are masked entirely: a prefix and suffix would give too much away. */
const MIN_PARTIAL_LENGTH = 20;

/**
 * Masks an API key as `ak-abc…xyz` (first 6 and last 3 characters). Short
 * values become `********` so neither their content nor their length shows.
 */
export function maskSecret(secret: string): string {
  const chars = [...secret];
  if (chars.length < MIN_PARTIAL_LENGTH) return "********";
  return `${chars.slice(0, 6).join("")}…${chars.slice(-3).join("")}`;
}
