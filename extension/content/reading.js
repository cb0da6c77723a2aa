// Reading a thread's posts off the page into its work queues: the nodes the page watcher collected
// are resolved to post elements and read through the site's adapter, within a time budget (what
// is left over waits for the next slice). Design: posts are tied to their id, not their node. A
// node the site re-used for another post loses the old post's hint; a post whose text or title
// changed is queued to be scored again (the engine re-scores an edit); a known post on a new or
// re-rendered node only needs its hint drawn again.
// A drawing the site took away from a node it kept (the badge removed, the level attribute
// rewritten) is put back a bounded number of times per node (mayRestore): enough for a site that
// drops foreign nodes when it re-renders a post now and then (YouTube), never a fight with a page
// that removes chaff's marks on purpose, each time they appear.
// Progress is guaranteed: nodes are resolved to post elements once (state.toRead), the post
// elements left over when a slice's time runs out wait as they are (state.toReadPosts), never
// resolved again, and every slice reads at least one of them. Resolving leftovers again made each
// slice re-walk their subtrees: with 20,000 comments, or comments nested 500 deep, that walk
// alone outlasted the slice, no post was ever read, and the loop spun without end.
import * as hints from '../ui/hints.js';

// Every scored post element carries its level in this attribute (the browser tests read levels
// from it); it is also how a re-rendered node is told from one that still shows its hint.
export const LEVEL_ATTRIBUTE = 'data-chaff-level';

// How many times a drawing the site took away is put back on one post element. The first time
// always: a site's re-render strips it once, and nothing else on the page may change afterwards
// to bring it back. Each later time only when the loss is found RESTORE_AFTER_STANDING_MS or more
// after chaff last drew on the element (observer.js notices a removal within a few hundred ms): a
// page that takes the drawing away sooner does so each time it appears (a page that fights chaff,
// or one whose every render drops foreign nodes), and chaff then leaves that element alone for
// good: a page that removes chaff's marks at once sees one restore per element. Both figures are
// a judgement, not a measurement: room for a few re-renders of a post while it is read, and a page
// that strips the badge every few seconds sees chaff stop within about ten (hostile.test.mjs (e)).
const RESTORES_PER_ELEMENT = 3;
const RESTORE_AFTER_STANDING_MS = 2000;

function collectPostElements(nodes, adapter) {
  const elements = new Set();
  for (const node of nodes) {
    if (!node.isConnected) continue;
    const owner = adapter.postOf(node);
    if (owner) elements.add(owner);
    if (node.nodeType === Node.ELEMENT_NODE) for (const element of node.querySelectorAll(adapter.postSelector)) elements.add(element);
  }
  return elements;
}

export function readSome(state, adapter, until) {
  if (state.toRead.size > 0) {
    // Resolving nodes to post elements is one querySelectorAll per node, done at once.
    for (const element of collectPostElements(state.toRead, adapter)) state.toReadPosts.add(element);
    state.toRead.clear();
  }
  let read = 0;
  for (const element of state.toReadPosts) {
    if (read > 0 && performance.now() > until) return;
    state.toReadPosts.delete(element);
    if (element.isConnected) readOne(state, adapter, element);
    read++;
  }
}

function readOne(state, adapter, element) {
  const post = adapter.read(element);
  if (!post) return;
  const previousId = state.elementIds.get(element);
  const reused = previousId !== undefined && previousId !== post.id;
  if (reused) {
    // The site re-used this node for another post: the old post's hint must not stay on it, and
    // the new post's drawing is a first one there, not a restore (X scrolls a post back onto a
    // node it had left), so the node's restore budget starts again.
    hints.remove(previousId);
    element.removeAttribute(LEVEL_ATTRIBUTE);
    state.restores.delete(element);
  }
  state.elementIds.set(element, post.id);
  const known = state.posts.get(post.id);
  state.posts.set(post.id, post);
  if (!known || known.text !== post.text || known.title !== post.title) {
    state.toScore.set(post.id, post);
  } else if (state.verdicts.has(post.id) && !state.toShowFirst.has(post.id) && !state.toShow.has(post.id)) {
    if (known.element !== element || reused) state.toShow.add(post.id);
    else if (drawingLost(state.verdicts.get(post.id), element) && mayRestore(state, element)) state.toShow.add(post.id);
  }
}

// Whether what chaff drew for the verdict on its element is gone: the level attribute rewritten
// or removed, or the badge taken out of the page.
function drawingLost(verdict, element) {
  return element.getAttribute(LEVEL_ATTRIBUTE) !== verdict.level || hints.badgeMissing(verdict.id, element);
}

// The restore policy (RESTORES_PER_ELEMENT): counts the restores of `element` in state.restores
// and reads when chaff last drew on it from state.drawnOn (content.js sets it).
function mayRestore(state, element) {
  const restores = state.restores.get(element) ?? 0;
  if (restores >= RESTORES_PER_ELEMENT) return false;
  if (restores > 0 && performance.now() - (state.drawnOn.get(element) ?? -Infinity) < RESTORE_AFTER_STANDING_MS) {
    // Gone soon after the last drawing: never again here, even when this is next noticed later.
    state.restores.set(element, RESTORES_PER_ELEMENT);
    return false;
  }
  state.restores.set(element, restores + 1);
  return true;
}
