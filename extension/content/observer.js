// The page watcher: notices posts that appear, change or are re-rendered, and hands them over in
// idle slices, so reading a long thread never blocks the reader's scrolling or typing (after
// uBlock Origin's domWatcher). Design: one MutationObserver (childList + subtree +
// characterData, so an edit in place is seen too, + the id attributes) whose callback only
// collects nodes into a Set; the work runs later in requestIdleCallback slices (with a timeout,
// so a busy page still gets its hints). chaff's own insertions (its <chaff-*> hosts) are dropped
// in the callback, so drawing a badge never re-triggers it (uBlock-issues #3215). A badge taken out
// of the page is not: the node it left is collected, so its post is read again and a badge the
// site removed can be drawn again (reading.js decides whether; a badge chaff moved is still in the
// page when the callback runs, and one chaff removed has no record left to restore). The callback
// also checks the address: single-page apps change it with pushState, which an isolated-world
// content script cannot hook, but every such navigation re-renders something.

const IDLE_TIMEOUT_MS = 300;
const ROOT_CHECK_MS = 1000;
// The attributes sites.json reads post ids from: a node re-used for another post may change
// only these (X and Reddit recycle a post's nodes for another post as the reader scrolls). These
// are always watched; watch() adds the adapter's own (adapters.js idAttributes, e.g. GitHub's
// data-wrapper-timeline-id), so a site added to sites.json needs no change here.
const ID_ATTRIBUTES = ['id', 'thingid', 'data-fullname', 'href'];

function isOwn(node) {
  return node.nodeType === Node.ELEMENT_NODE && node.localName.startsWith('chaff-');
}

// Inside one of chaff's own hosts (their content lives in shadow roots, but a host's light
// children, if any, are chaff's too).
function insideOwn(node) {
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  return Boolean(element?.closest('chaff-badge, chaff-panel'));
}

// onNodes(nodes: Set<Node>) runs in an idle slice with the nodes collected since the last one;
// onNavigate(url) runs when the address changed or the observed root left the document;
// idAttributes: the site's id attributes, watched beside ID_ATTRIBUTES.
export function watch(root, { onNodes, onNavigate, idAttributes = [] }) {
  let collected = new Set();
  let scheduled = 0;
  let address = location.href;

  function checkAddress() {
    if (location.href === address) return false;
    address = location.href;
    onNavigate(address);
    return true;
  }

  function schedule() {
    if (scheduled) return;
    scheduled = requestIdleCallback(
      () => {
        scheduled = 0;
        const nodes = collected;
        collected = new Set();
        onNodes(nodes);
      },
      { timeout: IDLE_TIMEOUT_MS },
    );
  }

  const observer = new MutationObserver((records) => {
    if (checkAddress()) return; // the new thread rescans the whole page
    for (const record of records) {
      if (record.type === 'characterData' || record.type === 'attributes') {
        if (!insideOwn(record.target)) collected.add(record.target);
        continue;
      }
      let pageNodeChanged = false;
      for (const node of record.addedNodes) {
        if (isOwn(node)) continue;
        pageNodeChanged = true;
        if (node.nodeType === Node.ELEMENT_NODE) collected.add(node);
      }
      let badgeGone = false;
      for (const node of record.removedNodes) {
        if (!isOwn(node)) pageNodeChanged = true;
        else if (node.localName === 'chaff-badge' && !node.isConnected) badgeGone = true;
      }
      // The parent of an added or removed page node may be a post whose text changed, or whose badge went.
      if ((pageNodeChanged || badgeGone) && !insideOwn(record.target)) collected.add(record.target);
    }
    if (collected.size) schedule();
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true, attributeFilter: [...new Set([...ID_ATTRIBUTES, ...idAttributes])] });

  const onPopState = () => checkAddress();
  addEventListener('popstate', onPopState);
  // X may swap the whole timeline container on a route change, taking this observer's root
  // (and every mutation) with it, and a pushState with no mutation under the root would go
  // unseen: a cheap once-a-second look at the address and the root catches both.
  const rootCheck = setInterval(() => {
    if (!checkAddress() && !root.isConnected) onNavigate(address);
  }, ROOT_CHECK_MS);

  return {
    disconnect() {
      observer.disconnect();
      removeEventListener('popstate', onPopState);
      clearInterval(rootCheck);
      if (scheduled) cancelIdleCallback(scheduled);
      scheduled = 0;
      collected = new Set();
    },
  };
}

// A promise of the next moment for a slice of background work, for the content script's loop.
// scheduler.postTask at 'background' priority runs each slice as its own task after input and
// rendering, back to back while the page is quiet. requestIdleCallback (the fallback where
// postTask is missing, e.g. older Firefox) runs a callback posted from an idle period only in
// the next one, so a 1,000-comment thread took ~6 s of 50 ms idle periods to score (measured
// with tests/browser/longtasks.mjs) for ~0.8 s of work.
const postTask = globalThis.scheduler?.postTask?.bind(globalThis.scheduler);
export function idle() {
  if (postTask) return postTask(() => {}, { priority: 'background' });
  return new Promise((resolve) => requestIdleCallback(resolve, { timeout: IDLE_TIMEOUT_MS }));
}
