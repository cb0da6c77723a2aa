// Hints: what the content script calls to show a verdict on a post — show(post, verdict, ctx),
// remove(post), removeAll(), badgeMissing(postId, element). Design: one record per post id holds that post's badge and display
// state, so `show` is idempotent (a verdict change updates the badge in place) and a recycled or
// re-rendered node is re-checked against its post id before anything is drawn on it (X and
// Reddit reuse nodes for other posts as the reader scrolls, or hints would land on the wrong
// post). `removeAll` undoes everything chaff drew: badges, collapse toggles, inline styles,
// highlights and the panel.
import { createBadge } from './badge.js';
import * as copies from './copies.js';
import * as display from './display.js';
import * as inline from './inline.js';
import * as panel from './panel.js';
import { placeBeside } from './place.js';
// Every host chaff puts in a page; all named chaff-*, which the content script's observer and
// adapters skip as chaff's own.

const OWN_SELECTOR = 'chaff-badge, chaff-panel';

// post id -> { id, element, body, badge, display, verdict, ctx }
const records = new Map();
// X's virtualized timeline drops posts as the reader scrolls on; their records would otherwise
// pile up for a whole session. Past this many, records of posts gone from the page are dropped
// (a post that comes back is re-checked and shown again by the content script).
const PRUNE_ABOVE = 1000;
// post element -> post id it currently shows
const idOfElement = new WeakMap();

function inDocumentTree(node) {
  // Never write into a page's shadow root (Reddit's action row has its own).
  return node?.isConnected && node.getRootNode() === document;
}

// post.place (optional, from sites.json's badge anchors): after (default), before, append.
function placeBadge(record, post) {
  const host = record.badge.host;
  if (inDocumentTree(post.anchor)) {
    placeBeside(host, post.anchor, post.place ?? 'after');
  } else if (inDocumentTree(post.body)) {
    // Before the body where the page allows it (then a dimmed body does not fade its badge), at
    // its start where new Reddit's slots leave no room beside it (place.js). Either way the
    // body's own text is untouched: the badge's words live in its shadow root.
    placeBeside(host, post.body, 'before');
  } else if (host.parentNode !== post.element) {
    post.element.prepend(host);
  }
}

const isLivePeer = (record) => (peer) => peer.element?.isConnected && peer.element !== record.element;

// Asked on every drawing: stops at the first live peer (a flood's clusters have thousands).
function canJump(record) {
  return Boolean(record.verdict.cluster) && (record.ctx.peers ?? []).some(isLivePeer(record));
}

function livePeers(record) {
  return (record.ctx.peers ?? []).filter(isLivePeer(record));
}

function render(record) {
  record.badge.update({
    verdict: record.verdict,
    canJump: canJump(record),
    highlighted: copies.isHighlighted(record.verdict.cluster),
    collapse: record.display.mode === 'collapse' ? { revealed: record.display.revealed } : null,
  });
}

function toggleHighlight(record) {
  const clusterId = record.verdict.cluster;
  if (copies.isHighlighted(clusterId)) {
    copies.unhighlight(clusterId);
    record.badge.say('Highlight removed.');
  } else {
    copies.highlight(clusterId, record.element, livePeers(record));
    record.badge.say(`${livePeers(record).length + 1} copies on this page are outlined.`);
    record.ctx.onJump?.(clusterId);
  }
  // Every badge of the cluster shows the same toggle state.
  for (const other of records.values()) if (other.verdict.cluster === clusterId) render(other);
}

function nextCopy(record) {
  const step = copies.next(record.element, livePeers(record));
  if (!step) {
    record.badge.say('No other copy is on the page now.');
    return;
  }
  record.ctx.onJump?.(record.verdict.cluster);
  const targetRecord = records.get(idOfElement.get(step.target));
  if (targetRecord) {
    // Keyboard users continue from the copy they landed on: its badge takes the focus.
    record.badge.close({ restoreFocus: false });
    targetRecord.badge.focus();
    targetRecord.badge.say(`Copy ${step.position} of ${step.total}.`);
  } else {
    record.badge.say(`Showing copy ${step.position} of ${step.total}.`);
  }
}

export function show(post, verdict, ctx = {}) {
  if (verdict.level !== 'notice' && verdict.level !== 'suspect') {
    removeRecord(post.id);
    return;
  }
  const existing = records.get(post.id);
  if (existing && existing.element !== post.element) removeRecord(post.id);
  const previousId = idOfElement.get(post.element);
  if (previousId !== undefined && previousId !== post.id) removeRecord(previousId);

  let record = records.get(post.id);
  if (!record) {
    if (records.size >= PRUNE_ABOVE) pruneDetached();
    record = { id: post.id, element: post.element, body: null, badge: null, display: display.createState() };
    record.badge = createBadge({
      onToggleHighlight: () => toggleHighlight(record),
      onNextCopy: () => nextCopy(record),
      onToggleCollapse: () => {
        display.toggleRevealed(record.display);
        render(record);
      },
    });
    records.set(post.id, record);
    idOfElement.set(post.element, post.id);
  }
  record.verdict = verdict;
  record.ctx = ctx;
  record.body = inDocumentTree(post.body) ? post.body : null;
  placeBadge(record, post);
  // Hiding a body that holds the badge would hide its "Show post" too (display.js).
  const canCollapse = record.body !== null && !record.body.contains(record.badge.host);
  display.apply(record.display, record.body, verdict, ctx.display, canCollapse);
  render(record);
}

function pruneDetached() {
  for (const [postId, record] of records) if (!record.element.isConnected) removeRecord(postId);
}

function removeRecord(postId) {
  const record = records.get(postId);
  if (!record) return;
  records.delete(postId);
  if (idOfElement.get(record.element) === postId) idOfElement.delete(record.element);
  record.badge.destroy();
  display.clear(record.display);
}

export function removeAll() {
  for (const postId of [...records.keys()]) removeRecord(postId);
  copies.unhighlightAll();
  inline.restoreAll();
  panel.close();
  // A page that clones nodes (virtualized lists) can carry shadowless copies of chaff's hosts
  // that no record knows about.
  for (const stray of document.querySelectorAll(OWN_SELECTOR)) stray.remove();
}

// Whether the badge chaff drew for the post on `element` has gone from the page: the site took it
// away (YouTube re-renders a comment's children and drops nodes it did not make). chaff's own
// removals take the record with the badge, so a record whose host is out of the page is the site's
// doing. reading.js decides whether to draw it again.
export function badgeMissing(postId, element) {
  const record = records.get(postId);
  return Boolean(record && record.element === element && !record.badge.host.isConnected);
}

// The contract passes the post object; its id is what counts.
export function remove(postOrId) {
  removeRecord(typeof postOrId === 'string' ? postOrId : postOrId.id);
}
