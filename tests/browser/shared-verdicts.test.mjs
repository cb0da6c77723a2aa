// The page engine's verdicts in their shared form (extension/engine/shared-verdicts.js over
// chaff-wasm's `addShared`) are the verdicts `ChaffEngine.add` gives, object for object: the
// content script must not see a difference. In Node, on the built WASM (extension/pkg, after
// `make extension`), two engines fed the same batches: a thread of real comments with a growing
// campaign, one of whose accounts the reader trusts, a copy holding a reader's marker, and a
// copy by an account the site marks new.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';
import { PostIds } from '../../extension/engine/shared-verdicts.js';

const PKG = path.join(ROOT, 'extension', 'pkg');
const MODELS = path.join(ROOT, 'dist', 'chrome', 'models');
const PROMO = 'Hey everyone check out my new channel, I post cover songs every week and would love your support';

function thread() {
  const comments = fs.readFileSync(path.join(ROOT, 'tests', 'samples', 'youtube-comments.jsonl'), 'utf8')
    .split('\n').filter(Boolean).slice(0, 120)
    .map((line) => {
      const { id, text, author, created } = JSON.parse(line);
      return { id, text, author, created, site: 'hacker-news' };
    });
  const copies = Array.from({ length: 40 }, (_, k) => ({
    id: `copy${k}`,
    text: `${PROMO} ${k % 7 === 3 ? 'zebra' : `tag${k}`}`,
    author: k === 5 ? 'u/Trusted' : `spam${k}`,
    created: 1_700_000_000 + 60 * k,
    site: 'hacker-news',
    new_account: k % 9 === 4,
  }));
  // Copies spread through the thread, so most batches grow the campaign.
  return comments.flatMap((comment, k) => (k % 3 === 0 && copies.length ? [comment, copies.shift()] : [comment])).concat(copies);
}

test('verdicts from the shared form are the verdicts add gives, batch by batch', async () => {
  const glue = await import(path.join(PKG, 'chaff_wasm.js'));
  glue.initSync({ module: fs.readFileSync(path.join(PKG, 'chaff_wasm_bg.wasm')) });
  glue.installModels(fs.readFileSync(path.join(MODELS, 'model-reddit.bin')), fs.readFileSync(path.join(MODELS, 'model-x.bin')));
  const settings = { sensitivity: 'medium', trusted_authors: ['trusted'], markers: ['zebra'] };
  const [shared, plain] = [new glue.ChaffEngine(settings), new glue.ChaffEngine(settings)];
  const ids = new PostIds();
  const posts = thread();
  const seen = { trusted: false, marked: false, newAccount: false, grown: 0 };
  for (let at = 0; at < posts.length; at += 16) {
    const batch = posts.slice(at, at + 16);
    const expected = plain.add(batch);
    assert.deepStrictEqual(ids.verdicts(shared.addShared(batch)), expected, `batch at ${at}`);
    for (const verdict of expected) {
      if (verdict.cluster && verdict.level === 'ok') seen.trusted = true;
      if (verdict.reasons.some((reason) => reason.kind === 'reader-marker')) seen.marked = true;
      if (verdict.reasons.some((reason) => reason.kind === 'new-account')) seen.newAccount = true;
    }
    if (expected.length > batch.length) seen.grown += 1;
  }
  // The cases the comparison was meant to cover did occur.
  assert.deepStrictEqual({ ...seen, grown: seen.grown > 3 }, { trusted: true, marked: true, newAccount: true, grown: true });
  // Sent again unchanged, posts are ignored by both.
  assert.deepStrictEqual(ids.verdicts(shared.addShared(posts.slice(0, 16))), plain.add(posts.slice(0, 16)));
  shared.free();
  plain.free();
});
