// chaff copies: highlight the posts of one near-duplicate cluster and step through them, from a
// badge's popover ("Highlight copies", "Next copy"). Design: the outline goes on each post's own
// element through the inline-style ledger (restored exactly); it is drawn inset because X and
// Reddit clip their post containers. "Next" is the member after the current post in document
// order, wrapping, so stepping from any copy's popover walks the whole cluster without a cursor.
import * as inline from './inline.js';

const OUTLINE = { outline: '3px solid #c2410c', 'outline-offset': '-3px' };

// clusterId -> Set(elements outlined)
const highlighted = new Map();

function members(element, peers) {
  const all = [element, ...peers.map((peer) => peer.element)].filter((el) => el?.isConnected);
  return [...new Set(all)].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

export function isHighlighted(clusterId) {
  return highlighted.has(clusterId);
}

export function highlight(clusterId, element, peers) {
  unhighlight(clusterId);
  const outlined = new Set(members(element, peers));
  for (const el of outlined) inline.set(el, OUTLINE);
  highlighted.set(clusterId, outlined);
}

export function unhighlight(clusterId) {
  for (const el of highlighted.get(clusterId) ?? []) inline.restore(el, Object.keys(OUTLINE));
  highlighted.delete(clusterId);
}

export function unhighlightAll() {
  for (const clusterId of [...highlighted.keys()]) unhighlight(clusterId);
}

// Scrolls to the copy after `element`; returns {target, position, total} or null when no other
// copy is on the page any more.
export function next(element, peers) {
  const ordered = members(element, peers);
  if (ordered.length < 2) return null;
  const index = ordered.indexOf(element);
  const position = (index + 1) % ordered.length;
  const target = ordered[position];
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ block: 'center', behavior: reducedMotion ? 'auto' : 'smooth' });
  return { target, position: position + 1, total: ordered.length };
}
