// The moderator panel's export of a thread's verdicts, as one JSON document or a CSV table,
// downloaded locally. Design: an export carries the verdicts joined with each post's id, author,
// time and address, never the post text: a moderator can reopen the thread, and chaff keeps no
// copy of what people wrote. How the files are written (quoting, the formula guard, scores as the
// CLI prints them) is shared with the playground (shared/export.js).
import { verdictRecord, toCsv } from '../shared/export.js';
import { downloadText } from '../shared/download.js';

const CSV_COLUMNS = ['id', 'author', 'created', 'level', 'score', 'ai', 'cluster', 'copies', 'authors', 'reasons'];

function isoTime(unixSeconds) {
  return Number.isFinite(unixSeconds) ? new Date(unixSeconds * 1000).toISOString() : null;
}

// One row per verdict, in the snapshot's verdict order, joined with its post.
function rows(snapshot) {
  const postsById = new Map(snapshot.posts.map((post) => [post.id, post]));
  return snapshot.verdicts.map((verdict) => {
    const post = postsById.get(verdict.id) ?? {};
    const { id, ...judged } = verdictRecord(verdict);
    return { id, author: post.author ?? null, created: isoTime(post.created), url: post.url ?? null, ...judged };
  });
}

export function snapshotJson(snapshot) {
  const document = {
    tool: 'chaff',
    exported: new Date().toISOString(),
    site: snapshot.site,
    thread: snapshot.threadUrl ?? null,
    note: 'Hints, not verdicts: every level and score here is a machine estimate.',
    posts: rows(snapshot),
    clusters: (snapshot.clusters ?? []).map(({ id, members, authors, first, last }) => ({
      id,
      members,
      authors,
      first: isoTime(first),
      last: isoTime(last),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function snapshotCsv(snapshot) {
  const cells = rows(snapshot).map((row) => ({ ...row, reasons: row.reasons.map((reason) => reason.text).join(' | ') }));
  // The byte-order mark: moderators open this in Excel, which needs it to read names in UTF-8.
  return toCsv(CSV_COLUMNS, cells, { byteOrderMark: true });
}

function fileName(snapshot, extension) {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `chaff-${snapshot.site ?? 'thread'}-${stamp}.${extension}`;
}

// `parent`: the panel's shadow root, where the page cannot see the temporary link.
export function downloadJson(snapshot, parent = document.documentElement) {
  downloadText(fileName(snapshot, 'json'), 'application/json', snapshotJson(snapshot), parent);
}

export function downloadCsv(snapshot, parent = document.documentElement) {
  downloadText(fileName(snapshot, 'csv'), 'text/csv;charset=utf-8', snapshotCsv(snapshot), parent);
}
