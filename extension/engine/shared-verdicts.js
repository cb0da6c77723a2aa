// Verdict objects from the WASM engine's shared form (chaff-wasm `SharedVerdicts`). A flood grows
// a cluster by a few posts in every batch and so changes every member's verdict; the engine makes
// the part its members share (level, cluster, copies, authors, reasons) once, and sends per
// verdict only five numbers. Here they become the same objects `ChaffEngine.add` gives (the
// `chaff score` shape, fields in its order), so the content script does not know the difference.
// Members of one part share its `reasons` array: nothing in the extension changes a verdict in
// place (content.js copies one to add a reason).

const ROW = 5; // index, part, score, AI likelihood, AI judged (1 or 0): lib.rs `ROW`

/** The ids by engine index, for one engine: `ids[k]` is the post the engine saw k-th. */
export class PostIds {
  constructor() {
    this.ids = [];
  }

  // Reads and frees `shared` (its getters copy out of the WASM memory): verdicts, in the order
  // the engine reported them.
  verdicts(shared) {
    let newIds, parts, rows;
    try {
      ({ newIds, parts } = shared.shared);
      rows = shared.rows;
    } finally {
      shared.free();
    }
    for (const id of newIds) this.ids.push(id);
    const verdicts = new Array(rows.length / ROW);
    for (let k = 0, at = 0; at < rows.length; k++, at += ROW) {
      const part = parts[rows[at + 1]];
      verdicts[k] = {
        id: this.ids[rows[at]],
        level: part.level,
        score: rows[at + 2],
        ai: rows[at + 3],
        ai_judged: rows[at + 4] === 1,
        cluster: part.cluster,
        copies: part.copies,
        authors: part.authors,
        reasons: part.reasons,
      };
    }
    return verdicts;
  }
}
