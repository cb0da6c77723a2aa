// Rows of verdicts as files a person keeps: CSV for a spreadsheet, JSON Lines in the
// `chaff score` output format. Each caller builds its own rows (the extension's panel joins
// verdicts with the posts' authors, times and addresses; the playground exports what the CLI
// prints); the rules for writing them are here alone.
//
// Design notes:
// - CSV follows RFC 4180: CRLF between records, every text cell quoted with its quotes doubled.
//   Numbers and booleans go bare, so a spreadsheet reads them as numbers; a missing value is an
//   empty cell.
// - Post text and author names come from strangers, and a campaign could plant
//   "=HYPERLINK(…)": a text cell that a spreadsheet would run as a formula (leading = + - @,
//   tab or carriage return: OWASP "CSV injection") gets a leading apostrophe.
import { f32Shortest } from './f32.js';

/** A verdict as `chaff score` prints it: its fields in the CLI's order, scores as f32 decimals. */
export function verdictRecord(verdict) {
  return {
    id: verdict.id,
    level: verdict.level,
    score: f32Shortest(verdict.score),
    ai: f32Shortest(verdict.ai),
    ai_judged: verdict.ai_judged,
    // serde-wasm-bindgen hands a Rust None over as undefined; the CLI writes null.
    cluster: verdict.cluster ?? null,
    copies: verdict.copies,
    authors: verdict.authors,
    reasons: verdict.reasons.map(({ kind, text }) => ({ kind, text })),
  };
}

/** One JSON object per line, each line ending in \n. */
export function toJsonLines(rows) {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

/** One CSV cell: numbers and booleans as they are, nothing as empty, text guarded and quoted. */
export function csvCell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * A CSV table: a header of `columns`, then one record per row object (its values by column name).
 * `byteOrderMark` starts the file with U+FEFF, without which Excel reads UTF-8 as the legacy code
 * page and mangles names; the playground's export leaves it out to stay plain RFC 4180 text.
 */
export function toCsv(columns, rows, { byteOrderMark = false } = {}) {
  const records = [columns.map(csvCell), ...rows.map((row) => columns.map((column) => csvCell(row[column])))];
  return `${byteOrderMark ? '\uFEFF' : ''}${records.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}
