// The playground's exports, as files the visitor keeps: the verdicts as JSON Lines in the
// `chaff score` output format (so an export diffs cleanly against the CLI), or as CSV for a
// spreadsheet with each post's author and text. How the files are written (RFC 4180 quoting, the
// formula guard, scores as the CLI prints them) is shared with the extension: shared/export.js,
// which scripts/build-www.sh copies next to this file from extension/shared/.
import { verdictRecord, toJsonLines, toCsv } from './shared/export.js';

const CSV_COLUMNS = ['id', 'author', 'level', 'score', 'ai', 'ai_judged', 'cluster', 'copies', 'authors', 'reasons', 'text'];

/** One verdict per line, fields in the CLI's order. */
export function verdictsToJsonLines(verdicts) {
  return toJsonLines(verdicts.map(verdictRecord));
}

/** A CSV table of the verdicts, with each post's author and text when known. */
export function verdictsToCsv(verdicts, postsById) {
  return toCsv(CSV_COLUMNS, verdicts.map((verdict) => {
    const post = postsById.get(verdict.id) ?? {};
    const record = verdictRecord(verdict);
    return {
      ...record,
      author: post.author ?? '',
      cluster: record.cluster ?? '',
      reasons: record.reasons.map((reason) => `${reason.kind}: ${reason.text}`).join(' | '),
      text: post.text ?? '',
    };
  }));
}
