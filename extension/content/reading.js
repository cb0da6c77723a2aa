// Reading a thread's posts off the page into its work queues: the nodes the page watcher collected
// are resolved to post elements and read through the site's adapter, within a time budget (what
// is left over waits for the next slice). Design: posts are tied to their id, not their node. A
// node the site re-used for another post loses the old post's hint; a post whose text or title
// changed is queued to be scored again (the engine re-scores an edit); a known post on a new or
// re-rendered node only needs its hint drawn again.
// Progress is guaranteed: nodes are resolved to post elements once (state.toRead), the post
// elements left over when a slice's time runs out wait as they are (state.toReadPosts), never
// resolved again, and every slice reads at least one of them. Resolving leftovers again made each
// slice re-walk their subtrees: with 20,000 comments, or comments nested 500 deep, that walk
// alone outlasted the slice, no post was ever read, and the loop spun without end.
import * as hints from '../ui/hints.js';

// Every scored post element carries its level in this attribute (the browser tests read levels
// from it); it is also how a re-rendered node is told from one that still shows its hint.
export const LEVEL_ATTRIBUTE = 'data-chaff-level';

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
  if (previousId !== undefined && previousId !== post.id) {
    // The site re-used this node for another post: the old post's hint must not stay on it.
    hints.remove(previousId);
    element.removeAttribute(LEVEL_ATTRIBUTE);
  }
  state.elementIds.set(element, post.id);
  const known = state.posts.get(post.id);
  state.posts.set(post.id, post);
  if (!known || known.text !== post.text || known.title !== post.title) {
    state.toScore.set(post.id, post);
  } else if (state.verdicts.has(post.id)) {
    const verdict = state.verdicts.get(post.id);
    if (known.element !== element || element.getAttribute(LEVEL_ATTRIBUTE) !== verdict.level) state.toShow.add(post.id);
  }
}
