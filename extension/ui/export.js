// chaff.exporter: the moderator panel's export of a thread's verdicts, as JSON or CSV, saved by the
// browser as a local download (Blob + object URL + a[download]): nothing leaves the machine.
// Design: exports carry verdicts joined with each post's id, author, time and address, never the
// post text (a moderator can reopen the thread; chaff keeps no copy of what people wrote). CSV
// cells are quoted per RFC 4180 and guarded against spreadsheet formula injection (OWASP "CSV
// injection": a cell starting with = + - @, tab or carriage return gets a leading apostrophe).
'use strict';
{
  const chaff = (globalThis.chaff ??= {});

  const CSV_COLUMNS = ['id', 'author', 'created', 'level', 'score', 'ai', 'cluster', 'copies', 'authors', 'reasons'];
  const FORMULA_START = /^[=+\-@\t\r]/;

  function isoTime(unixSeconds) {
    return Number.isFinite(unixSeconds) ? new Date(unixSeconds * 1000).toISOString() : null;
  }

  // One row per verdict, in the snapshot's verdict order, joined with its post.
  function rows(snapshot) {
    const postsById = new Map(snapshot.posts.map((post) => [post.id, post]));
    return snapshot.verdicts.map((verdict) => {
      const post = postsById.get(verdict.id) ?? {};
      return {
        id: verdict.id,
        author: post.author ?? null,
        created: isoTime(post.created),
        url: post.url ?? null,
        level: verdict.level,
        score: verdict.score,
        ai: verdict.ai,
        ai_judged: verdict.ai_judged,
        cluster: verdict.cluster,
        copies: verdict.copies,
        authors: verdict.authors,
        reasons: verdict.reasons,
      };
    });
  }

  function toJson(snapshot) {
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

  function csvCell(value) {
    let text = value === null || value === undefined ? '' : String(value);
    if (FORMULA_START.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
  }

  function toCsv(snapshot) {
    const lines = [CSV_COLUMNS.join(',')];
    for (const row of rows(snapshot)) {
      const cells = { ...row, reasons: row.reasons.map((reason) => reason.text).join(' | ') };
      lines.push(CSV_COLUMNS.map((column) => csvCell(cells[column])).join(','));
    }
    // A byte-order mark: without it Excel reads UTF-8 as the legacy code page and mangles names.
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  }

  function fileName(snapshot, extension) {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    return `chaff-${snapshot.site ?? 'thread'}-${stamp}.${extension}`;
  }

  function download(text, type, name) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    // Firefox clicks only links that are in a document; the panel's shadow root keeps it out of
    // the page's sight.
    const parent = document.querySelector('chaff-panel')?.shadowRoot ?? document.documentElement;
    parent.append(link);
    link.click();
    link.remove();
    // The download has started by the next task; revoking later frees the memory.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  function downloadJson(snapshot) {
    download(toJson(snapshot), 'application/json', fileName(snapshot, 'json'));
  }

  function downloadCsv(snapshot) {
    download(toCsv(snapshot), 'text/csv;charset=utf-8', fileName(snapshot, 'csv'));
  }

  chaff.exporter = { downloadJson, downloadCsv, toJson, toCsv };
}
