// Exporting verdicts as files the visitor keeps (issue 5): JSON Lines in the `chaff score` output
// format, or CSV for a spreadsheet. Both are built here and handed to the browser as a Blob
// download, so nothing leaves the machine.
//
// Design notes:
// - Scores are f32 in the engine; across the WASM boundary they widen to f64 (0.7f32 arrives as
//   0.699999988079071). `f32Shortest` prints the shortest decimal that reads back as the same f32,
//   which is what serde_json prints in `chaff score`, so an export diffs cleanly against the CLI.
// - CSV cells are quoted per RFC 4180, and a text cell that a spreadsheet would run as a formula
//   (leading = + - @, tab or carriage return: OWASP "CSV injection") gets a leading apostrophe.
//   Post text and author names come from strangers; a campaign could plant "=HYPERLINK(…)".

const VERDICT_FIELDS = ['id', 'level', 'score', 'ai', 'ai_judged', 'cluster', 'copies', 'authors', 'reasons'];

/** The shortest decimal form of an f32 value (as serde_json writes it), as a JS number. */
export function f32Shortest(value) {
  if (!Number.isFinite(value)) return value;
  const target = Math.fround(value);
  for (let digits = 1; digits <= 9; digits += 1) {
    const candidate = Number(target.toPrecision(digits));
    if (Math.fround(candidate) === target) return candidate;
  }
  return target;
}

/** One verdict per line, fields in the CLI's order. */
export function verdictsToJsonLines(verdicts) {
  return verdicts
    .map((verdict) => {
      const record = {};
      for (const field of VERDICT_FIELDS) record[field] = verdict[field];
      // serde-wasm-bindgen hands a Rust None over as undefined; the CLI writes null.
      record.cluster = verdict.cluster ?? null;
      record.score = f32Shortest(verdict.score);
      record.ai = f32Shortest(verdict.ai);
      record.reasons = verdict.reasons.map(({ kind, text }) => ({ kind, text }));
      return JSON.stringify(record);
    })
    .map((line) => `${line}\n`)
    .join('');
}

const CSV_COLUMNS = ['id', 'author', 'level', 'score', 'ai', 'ai_judged', 'cluster', 'copies', 'authors', 'reasons', 'text'];

/** A CSV table of the verdicts, with each post's author and text when known. */
export function verdictsToCsv(verdicts, postsById) {
  const rows = [CSV_COLUMNS];
  for (const verdict of verdicts) {
    const post = postsById.get(verdict.id) ?? {};
    rows.push([
      verdict.id,
      post.author ?? '',
      verdict.level,
      f32Shortest(verdict.score),
      f32Shortest(verdict.ai),
      verdict.ai_judged,
      verdict.cluster ?? '',
      verdict.copies,
      verdict.authors,
      verdict.reasons.map((reason) => `${reason.kind}: ${reason.text}`).join(' | '),
      post.text ?? '',
    ]);
  }
  // CRLF between records, as RFC 4180 and spreadsheet importers expect.
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One CSV cell: numbers and booleans as they are, text guarded and quoted. */
export function csvCell(value) {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Offers `content` as a file download, built locally from a Blob. */
export function downloadText(fileName, mimeType, content) {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: Firefox may still be reading the Blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
