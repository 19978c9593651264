/**
 * Display width of text in terminal columns, and width-aware truncation.
 * CJK characters and most emoji take two columns; combining marks take none.
 */

import { nativeStringWidth } from "../runtime/adapter.ts";

type WidthFn = (text: string) => number;

// Bun ships a native, much faster implementation; string-width is the
// portable fallback with the same rules.
const nativeWidth = nativeStringWidth;
// string-width builds an Intl.Segmenter as it loads (~2 ms): only load it without Bun.
const slowWidth: WidthFn = nativeWidth ?? (await import("string-width")).default;

// Printable ASCII is one column per character: skip the Unicode tables.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

// Also one column per UTF-16 unit: Latin letters with their accents
// precomposed, and the common punctuation ax itself prints (— …). Combining
// marks, zero-width and bidi controls, the soft hyphen, and everything wide
// are left to the full rules.
const ONE_COLUMN_EACH = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e]*$/;

/** Columns `text` occupies on a terminal. `text` must hold no escape sequences. */
export function textWidth(text: string): number {
  return ONE_COLUMN_EACH.test(text) ? text.length : slowWidth(text);
}

const ELLIPSIS = "…";

let segmenter: Intl.Segmenter | undefined;

/**
 * Cuts `text` to at most `maxWidth` columns, ending in `…` when something was
 * cut. Never splits a grapheme (an emoji with modifiers, a letter with its
 * accents).
 */
export function truncateToWidth(text: string, maxWidth: number): string {
  if (maxWidth <= 0) return "";
  if (PRINTABLE_ASCII.test(text)) {
    return text.length <= maxWidth ? text : text.slice(0, maxWidth - 1) + ELLIPSIS;
  }
  if (slowWidth(text) <= maxWidth) return text;
  segmenter ??= new Intl.Segmenter();
  let kept = "";
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const width = slowWidth(segment);
    if (used + width > maxWidth - 1) break;
    kept += segment;
    used += width;
  }
  return kept + ELLIPSIS;
}

/**
 * `text` as lines of at most `width` columns: broken at spaces, and a word
 * wider than a line broken between graphemes. Runs of spaces where a line
 * breaks are dropped; nothing else is lost.
 */
export function wrapToWidth(text: string, width: number): string[] {
  const limit = Math.max(width, 1);
  const lines: string[] = [];
  let line = "";
  let used = 0;
  const push = () => {
    lines.push(line);
    line = "";
    used = 0;
  };
  for (const word of text.split(/ +/)) {
    const wordWidth = textWidth(word);
    if (used > 0 && used + 1 + wordWidth > limit) push();
    if (used > 0) {
      line += " ";
      used++;
    }
    if (wordWidth <= limit - used) {
      line += word;
      used += wordWidth;
      continue;
    }
    segmenter ??= new Intl.Segmenter();
    for (const { segment } of segmenter.segment(word)) {
      const segmentWidth = textWidth(segment);
      if (used > 0 && used + segmentWidth > limit) push();
      line += segment;
      used += segmentWidth;
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}
