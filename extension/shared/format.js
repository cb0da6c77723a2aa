// Numbers and text squeezed into a line of UI: percentages, two-decimal figures, plurals and
// snippets. Shared by the extension's badge and panel and by the playground, so both show a
// figure or a shortened post the same way.
import { f32Shortest } from './f32.js';

/** 0.724 -> "72%", clamped to 0..100 (a likelihood is never outside it). */
export function percent(value) {
  return `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%`;
}

/** A 0..1 engine figure with two decimals, rounded from the decimal the CLI prints. */
export function twoDecimals(value) {
  return f32Shortest(value).toFixed(2);
}

/** "1 author", "3 authors". */
export function plural(count, word) {
  return count === 1 ? word : `${word}s`;
}

/** The text on one line, cut at `maxChars` with an ellipsis. */
export function shorten(text, maxChars) {
  const flat = String(text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length <= maxChars ? flat : `${flat.slice(0, maxChars - 1).trimEnd()}…`;
}
