// chaff content script: finds the thread's posts, has the engine score them, and shows the hints.
// Bundled by scripts/build-extension.sh, with everything it imports and the WASM glue, into one
// classic script (content scripts cannot be ES modules). Design: one `thread` object per thread
// read (a page load or a single-page navigation) holds everything: the posts as last read (by
// id), their engine, their verdicts, and work queues (elements to read, posts to score, verdicts
// to show: first levels before redraws). A single async loop drains the queues in
// background-priority slices of SLICE_MS (observer.js), so no task nears the 50 ms line past which
// the browser counts a long task and the reader feels the page stall; drawing has slices of its
// own, spaced out while scoring goes on (drawingDue). Posts are tied to their id, not their node: a node
// re-used for another post or re-rendered by the site is re-read and re-checked; a post whose text
// changed is sent again (the engine re-scores an edit). Levels come from the engine, which never
// lowers one as the thread grows (only a settings change or an edited post can). Every scored
// post element carries data-chaff-level; switching chaff off removes it and every hint. Nothing
// here touches the network: the engine is local WASM (engine/engine.js).
// Containment: any error in the work loop, and any failure of the engine (a Rust panic in the WASM
// comes out of the engine wrappers as an EngineFailure, engine/failure.js), halts chaff on this
// page for good: one console.warn, then everything chaff added goes (the same clean-up as switching
// chaff off: observer, work loop, badges, level attributes, panel), and the popup says "chaff
// stopped on this page" (the `stopped` field of the counts reply) until the page is reloaded.
// The badges go rather than stay because nothing could keep them true any more: a half-read
// thread's levels would be frozen as they were, edits and new copies unseen, and the panel could
// not ask the dead engine for its clusters. The page itself never sees the error.
import * as settingsStore from '../settings.js';
import * as memory from '../memory.js';
import * as engines from '../engine/engine.js';
import * as hints from '../ui/hints.js';
import { seenElsewhereText } from '../ui/words.js';
import * as panel from '../ui/panel.js';
import * as adapters from './adapters.js';
import * as observer from './observer.js';
import { readSome, LEVEL_ATTRIBUTE } from './reading.js';
import { whenSiteAppears } from './site-detection.js';
import { countByLevel } from '../shared/levels.js';
import { EngineFailure, describe } from '../engine/failure.js';
import { engineSettings } from '../engine/engine-settings.js';

const SLICE_MS = 8;
// The worker engine costs this thread only the message, so it takes bigger batches.
const WORKER_BATCH = 100;
// Measured: a 56-post batch on a 1,000-comment thread took 20-24 ms when clusters grew.
const MAX_PAGE_BATCH = 32;
const PANEL_REFRESH_MS = 1000;
const MEMORY_GAP_MS = 1000;
const DRAW_INTERVAL_MS = 100;
const REDRAW_INTERVAL_MS = 1000;
// The most of a post's text the engine is given. Reddit caps a post at 40,000 characters (a
// comment at 10,000), X a long post at 25,000; a longer "post" is a hostile page, and the engine's
// cost grows with the text, in one call that cannot yield: a 1 MB body would be one long task.
// The first 40,000 characters fingerprint a real post whole and a giant one well enough.
const MAX_ENGINE_TEXT = 40_000;

// `text` cut to MAX_ENGINE_TEXT UTF-16 units, never inside a surrogate pair.
function engineText(text) {
  if (text.length <= MAX_ENGINE_TEXT) return text;
  const end = /[\uD800-\uDBFF]/.test(text[MAX_ENGINE_TEXT - 1]) ? MAX_ENGINE_TEXT - 1 : MAX_ENGINE_TEXT;
  return text.slice(0, end);
}

let settings = null;
let adapter = null;
let thread = null; // the thread being read, or null while chaff is off here
let watcher = null;
let pumping = false;
// Why chaff stopped on this page for good ('internal-error'), or null while it runs.
let halted = null;

function siteEnabled() {
  return Boolean(adapter && settings && settings.sites[adapter.name] !== false);
}

// Stops chaff on this page after an error it cannot trust itself past; logs once.
function halt(error) {
  if (halted) return;
  halted = 'internal-error';
  console.warn(`chaff stopped on this page after an internal error (${describe(error)}); the page is unaffected, reload it to start chaff again.`);
  try {
    stop();
  } catch {
    // stop() only removes what chaff added; a failure there leaves nothing running either.
  }
}

// The thread's identity for cross-thread memory: the id in the address, so a comment's
// permalink or a changed title slug is still the same thread; else the path. Reddit's
// /comments/ID, X's /status/ID, Hacker News's item?id=N, GitHub's OWNER/REPO/issues/N (and
// pull/N, discussions/N: the number alone is every repository's), Bluesky's
// /profile/HANDLE/post/RKEY (an rkey is unique per author) and YouTube's watch?v=ID.
const THREAD_ADDRESSES = [
  [/\/comments\/([A-Za-z0-9]+)/, 'path'],
  [/\/status\/(\d+)/, 'path'],
  [/^\/([^/]+\/[^/]+\/(?:issues|pull|discussions)\/\d+)/, 'path'],
  [/^\/profile\/([^/]+\/post\/[A-Za-z0-9]+)/, 'path'],
  [/^\/shorts\/([A-Za-z0-9_-]+)/, 'path'],
  [/^\/item$/, 'id'],
  [/^\/watch$/, 'v'],
];

function threadIdOf(siteName, { pathname, search }) {
  for (const [pattern, where] of THREAD_ADDRESSES) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    if (where === 'path') return `${siteName}:${match[1]}`;
    const value = new URLSearchParams(search).get(where);
    if (value) return `${siteName}:${value}`;
  }
  return `${siteName}:${pathname}`;
}

function newThread() {
  return {
    engine: engines.createEngine(settings),
    threadId: threadIdOf(adapter.name, location),
    posts: new Map(), // id -> post as last read (adapters.js read())
    verdicts: new Map(), // id -> verdict, in first-arrival order
    clusters: new Map(), // cluster id -> Set of post ids
    peerLists: new Map(), // cluster id -> its members as badges' peers, until the cluster changes
    seenElsewhere: new Map(), // id -> number of other threads (memory.js)
    memoryAsked: new Set(), // ids already looked up in memory.js
    memoryQueue: [], // clustered ids waiting for the lookup in flight to end
    memoryBusy: false, // a memory.js lookup is in flight
    elementIds: new WeakMap(), // post element -> id it showed when last read
    drawnOn: new WeakMap(), // post element -> performance.now() when a verdict was last drawn on it
    restores: new WeakMap(), // post element -> drawings the site took away and chaff put back (reading.js)
    toRead: new Set(), // nodes whose posts must be (re-)read
    toReadPosts: new Set(), // post elements resolved from toRead, waiting to be read (reading.js)
    toScore: new Map(), // id -> post to send to the engine
    toShowFirst: new Set(), // ids with a first verdict, not yet shown: drawn before any redraw
    toShow: new Set(), // ids whose hint must be (re-)drawn
    toBadge: new Set(), // ids whose level is set but whose badge waits: off screen while scoring (showFrom)
    scrolled: false, // the reader scrolled since the last drawing slice: some waiting badges may be on screen
    msPerPost: 1, // measured cost of the in-page engine, for batch sizes
    drawnAt: -Infinity, // performance.now() of the last drawing slice
    redrawnAt: -Infinity, // ... and of the last one that also redrew (drawingDue)
  };
}

// ---- scoring ----

function enginePost(post) {
  return {
    id: post.id,
    text: engineText(post.text),
    author: post.author ?? undefined,
    title: post.title ?? undefined,
    created: post.created ?? undefined,
    parent: post.parent ?? undefined,
    url: post.url ?? undefined,
    site: adapter.name,
    moderator: post.moderator,
    new_account: post.newAccount,
  };
}

async function scoreSome(state, until) {
  if (state.toScore.size === 0) return;
  const inPage = engines.runsIn() === 'page';
  const budget = Math.max(until - performance.now(), 1);
  const size = inPage ? Math.min(MAX_PAGE_BATCH, Math.max(1, Math.floor(budget / state.msPerPost))) : WORKER_BATCH;
  const batch = [...state.toScore.values()].slice(0, size);
  for (const post of batch) state.toScore.delete(post.id);
  const started = performance.now();
  const changed = await state.engine.add(batch.map(enginePost));
  // Rises at once on a costly batch (a growing cluster re-scores all its members), decays
  // slowly: the next slice must fit its budget, not the average one.
  if (inPage) state.msPerPost = Math.max((performance.now() - started) / batch.length, 0.8 * state.msPerPost);
  if (state === thread) takeVerdicts(state, changed);
}

function takeVerdicts(state, verdicts) {
  const clustered = [];
  for (const verdict of verdicts) {
    const previous = state.verdicts.get(verdict.id);
    if (previous?.cluster && previous.cluster !== verdict.cluster) {
      state.clusters.get(previous.cluster)?.delete(verdict.id);
      state.peerLists.delete(previous.cluster);
    }
    state.verdicts.set(verdict.id, verdict);
    if (verdict.cluster) {
      if (!state.clusters.has(verdict.cluster)) state.clusters.set(verdict.cluster, new Set());
      const members = state.clusters.get(verdict.cluster);
      // The other members need no redraw here: a post joining a cluster changes every member's
      // copy count, so the engine reports each of their verdicts as changed in this same batch.
      if (!members.has(verdict.id)) state.peerLists.delete(verdict.cluster);
      members.add(verdict.id);
      if (!state.memoryAsked.has(verdict.id)) clustered.push(verdict.id);
    }
    // A post's first level goes before the redraws of posts that show one already: under a flood
    // every batch changes the verdict of each member of a grown cluster (thousands), and those
    // redraws must not hold back the level of a post that has none yet.
    // (One still waiting for its first drawing is drawn then with its latest verdict.)
    if (!previous) state.toShowFirst.add(verdict.id);
    else if (!state.toShowFirst.has(verdict.id)) state.toShow.add(verdict.id);
  }
  if (clustered.length) askMemory(state, clustered);
}

// Cross-thread memory (memory.js): only clustered posts, only salted hashes of their
// fingerprint keys. Runs beside the loop: storage is asynchronous and costs this thread little.
// One lookup at a time, and MEMORY_GAP_MS between two: each lookup reads (and the write after it
// rewrites) the whole stored memory, up to a megabyte, so the ids clustered meanwhile wait and go
// together in the next (a flood clusters a few posts in every batch; one lookup per batch kept
// the page busy serializing storage).
async function askMemory(state, ids) {
  for (const id of ids) state.memoryAsked.add(id);
  state.memoryQueue.push(...ids);
  if (state.memoryBusy) return;
  state.memoryBusy = true;
  try {
    while (state.memoryQueue.length && state === thread) {
      const batch = state.memoryQueue;
      state.memoryQueue = [];
      await recallAndRemember(state, batch);
      if (state.memoryQueue.length) await new Promise((resolve) => setTimeout(resolve, MEMORY_GAP_MS));
    }
  } finally {
    state.memoryBusy = false;
  }
}

async function recallAndRemember(state, ids) {
  const posts = ids.map((id) => state.posts.get(id)).filter(Boolean);
  try {
    const keys = await state.engine.fingerprintKeys(posts.map((post) => engineText(post.text)));
    const entries = posts.map((post, i) => ({ id: post.id, keys: keys[i] })).filter((entry) => entry.keys.length);
    if (!entries.length || state !== thread) return;
    const seen = await memory.recall(entries, state.threadId);
    await memory.remember(entries, state.threadId);
    if (state !== thread) return;
    for (const [id, count] of seen) {
      if (count > 0) {
        state.seenElsewhere.set(id, count);
        state.toShow.add(id);
      }
    }
    pump();
  } catch (error) {
    if (error instanceof EngineFailure) halt(error);
    else console.warn('chaff: cross-thread memory unavailable:', String(error));
  }
}

// ---- showing ----

// The verdict as shown: the engine's, plus what only the extension knows (memory).
function shownVerdict(state, verdict) {
  const count = state.seenElsewhere.get(verdict.id);
  if (!count) return verdict;
  return { ...verdict, reasons: [...verdict.reasons, { kind: 'seen-elsewhere', text: seenElsewhereText(count) }] };
}

// The badges' peers (copies to highlight and jump to): the cluster's members, the post itself
// included (hints.js leaves out its own element and those not on the page). One list per cluster,
// made again only when its membership changes: a list per post made each redraw of a
// 1,000-member cluster cost a million steps. Each peer's element is looked up when it is read, so
// a member the site re-rendered is found on its new node.
function peersOf(state, verdict) {
  if (!verdict.cluster) return [];
  let peers = state.peerLists.get(verdict.cluster);
  if (!peers) {
    peers = [...(state.clusters.get(verdict.cluster) ?? [])].map((id) => ({
      id,
      get element() {
        return state.posts.get(id)?.element;
      },
    }));
    state.peerLists.set(verdict.cluster, peers);
  }
  return peers;
}

// Whether a post's box is within a screen's height of the viewport. Read for a whole slice's
// posts before any of them is drawn on: a read after a write forces the browser to lay out the
// 5,000-comment page again then and there (it would otherwise do so once, in the next frame).
function nearViewport(element) {
  const box = element.getBoundingClientRect();
  return box.height > 0 && box.bottom > -innerHeight && box.top < 2 * innerHeight;
}

// The most posts a drawing slice reads the boxes of, in one go before its writes: a bound on the
// reads, which are cheap on a page laid out since the last slice; posts not reached wait for the next.
const DRAW_READS = 512;

// Draws the queue's posts until `until`: the level attribute always, the badge (or its redraw)
// only for a post near the viewport while `deferOffScreen` (posts are still scored). An off-screen
// badge waits in state.toBadge, drawn with the post's latest verdict once scoring is done or the
// reader scrolls: every badge put in the page costs the next frame style, layout and pre-paint
// over the whole document (DevTools trace of flood.mjs's page: 20-90 ms a frame), while the level
// attribute matches no style. So every level arrives in about half the time (docs/performance.md).
// Returns how many posts it drew.
function showFrom(state, queue, until, deferOffScreen) {
  const batch = [];
  for (const id of queue) {
    if (batch.length === DRAW_READS) break;
    const post = state.posts.get(id);
    const verdict = state.verdicts.get(id);
    // A post no longer on the page is shown again when the site renders it back (reading.js).
    const connected = Boolean(post && verdict && post.element.isConnected);
    batch.push({ id, post, verdict, connected, near: connected && deferOffScreen ? nearViewport(post.element) : true });
  }
  let shown = 0;
  for (const { id, post, verdict, connected, near } of batch) {
    if (performance.now() > until && shown > 0) break;
    queue.delete(id);
    if (!connected) continue;
    // Set only when it differs: every setAttribute is a mutation the page's own observers see.
    if (post.element.getAttribute(LEVEL_ATTRIBUTE) !== verdict.level) post.element.setAttribute(LEVEL_ATTRIBUTE, verdict.level);
    if (near) {
      state.toBadge.delete(id);
      hints.show(post, shownVerdict(state, verdict), {
        display: settings.display,
        onJump: () => refreshPanel(),
        peers: peersOf(state, verdict),
      });
      state.drawnOn.set(post.element, performance.now());
    } else {
      state.toBadge.add(id);
    }
    shown++;
  }
  return shown;
}

// redraws: whether the slice also redraws posts that show a level already (drawingDue).
function showSome(state, until, redraws) {
  const scoring = isScoring(state);
  let shown = showFrom(state, state.toShowFirst, until, scoring);
  if (redraws && performance.now() <= until) shown += showFrom(state, state.toShow, until, scoring);
  // Waiting badges: all of them once scoring is done, else those the reader scrolled to.
  if ((!scoring || state.scrolled) && performance.now() <= until) shown += showFrom(state, state.toBadge, until, scoring);
  state.scrolled = false;
  if (shown) refreshPanelSoon();
}

// ---- the work loop ----

function isScoring(state) {
  return state.toRead.size > 0 || state.toReadPosts.size > 0 || state.toScore.size > 0;
}

// Drawing has slices of its own, at most one per DRAW_INTERVAL_MS while posts are still being read
// or scored. Any change to the page's DOM costs the page a style, layout and pre-paint pass over
// the whole document in the next frame (80 ms and more on a 5,000-comment thread, profiled with
// the DevTools protocol on tests/browser/flood.mjs's page): drawing a few badges after each
// scoring slice paid that for every slice, and the thread took minutes. The first drawing is at
// once, so the first badges wait for nothing. While scoring goes on, redraws of posts that show a
// level already (a flood changes every member's copy count in each batch) wait REDRAW_INTERVAL_MS,
// collected in their Set, so the drawings go to posts with no level yet.
// Returns null (no drawing now), 'first' (posts with no level yet) or 'all' (redraws too).
function drawingDue(state, now) {
  if (!isScoring(state)) return state.toShowFirst.size > 0 || state.toShow.size > 0 || state.toBadge.size > 0 ? 'all' : null;
  if (now - state.drawnAt < DRAW_INTERVAL_MS) return null;
  if (state.toShow.size > 0 && now - state.redrawnAt >= REDRAW_INTERVAL_MS) return 'all';
  return state.toShowFirst.size > 0 || (state.scrolled && state.toBadge.size > 0) ? 'first' : null;
}

function hasWork(state) {
  return isScoring(state) || state.toShowFirst.size > 0 || state.toShow.size > 0 || state.toBadge.size > 0;
}

async function pump() {
  if (pumping) return;
  pumping = true;
  try {
    while (thread && hasWork(thread)) {
      await observer.idle();
      const state = thread;
      if (!state) break;
      const now = performance.now();
      const until = now + SLICE_MS;
      const drawing = drawingDue(state, now);
      if (drawing) {
        state.drawnAt = now;
        if (drawing === 'all') state.redrawnAt = now;
        showSome(state, until, drawing === 'all');
        continue;
      }
      readSome(state, adapter, until);
      await scoreSome(state, until);
    }
  } catch (error) {
    halt(error);
  } finally {
    pumping = false;
  }
}

// ---- the panel ----

async function snapshot() {
  const state = thread;
  return {
    site: adapter.name,
    threadUrl: location.href,
    posts: [...state.posts.values()].map((post) => ({
      id: post.id,
      author: post.author,
      created: post.created,
      url: post.url,
      text: post.text,
    })),
    verdicts: [...state.verdicts.values()].map((verdict) => shownVerdict(state, verdict)),
    clusters: await state.engine.clusters(),
  };
}

let panelTimer = 0;
function refreshPanelSoon() {
  if (panelTimer || !panel.isOpen()) return;
  panelTimer = setTimeout(() => {
    panelTimer = 0;
    refreshPanel();
  }, PANEL_REFRESH_MS);
}

async function refreshPanel() {
  try {
    if (thread && panel.isOpen()) panel.update(await snapshot());
  } catch (error) {
    halt(error);
  }
}

// Scrolls to a post and returns its element, or null when it is not on the page (panel jumps).
function locate(postId) {
  const element = thread?.posts.get(postId)?.element;
  if (!element?.isConnected) return null;
  element.scrollIntoView({ block: 'center', behavior: 'smooth' });
  return element;
}

// ---- lifecycle ----

// A scroll may bring posts whose badges wait (state.toBadge) on screen; the next drawing slice
// looks. Capturing, so a site's own scrolling container counts too.
function onScroll() {
  if (!thread || thread.toBadge.size === 0) return;
  thread.scrolled = true;
  pump();
}

function start() {
  if (halted) return;
  try {
    thread = newThread();
  } catch (error) {
    halt(error);
    return;
  }
  watcher = observer.watch(adapter.observeRoot(document), {
    onNodes(nodes) {
      if (!thread) return;
      for (const node of nodes) thread.toRead.add(node);
      pump();
    },
    onNavigate: restart,
    idAttributes: adapter.idAttributes,
  });
  thread.toRead.add(document.documentElement);
  addEventListener('scroll', onScroll, { capture: true, passive: true });
  pump();
}

// Removes every trace: hints, panel, styles (hints.removeAll) and the level attributes.
function stop() {
  watcher?.disconnect();
  watcher = null;
  removeEventListener('scroll', onScroll, { capture: true });
  const engine = thread?.engine;
  thread = null; // the work loop ends at its next turn (pump() checks `thread`)
  engine?.dispose();
  clearTimeout(panelTimer);
  panelTimer = 0;
  hints.removeAll();
  for (const element of document.querySelectorAll(`[${LEVEL_ATTRIBUTE}]`)) element.removeAttribute(LEVEL_ATTRIBUTE);
}

// A single-page navigation: a new thread, and the site may have changed its layout.
function restart() {
  stop();
  adapter = adapters.detect(document) ?? adapter;
  if (siteEnabled() && !halted) start();
}

async function applySettings(next) {
  const previous = settings;
  settings = next;
  if (!adapter || halted) return;
  if (!siteEnabled()) {
    stop();
    return;
  }
  if (!thread) {
    start();
    return;
  }
  const state = thread;
  // What the engine reads (engine-settings.js): a change of any of it re-judges the thread.
  if (JSON.stringify(engineSettings(previous)) !== JSON.stringify(engineSettings(next))) {
    try {
      const changed = await state.engine.setSettings(next);
      if (state === thread) takeVerdicts(state, changed);
    } catch (error) {
      halt(error);
      return;
    }
  }
  if (previous.display !== next.display) for (const id of state.verdicts.keys()) state.toShow.add(id);
  pump();
}

function onMessage(message, sender, sendResponse) {
  if (message?.type === 'chaff:counts') {
    sendResponse({
      site: adapter?.name ?? null,
      counts: countByLevel(thread?.verdicts.values() ?? []),
      enabled: siteEnabled(),
      engine: engines.runsIn(),
      stopped: halted,
    });
  } else if (message?.type === 'chaff:toggle-panel' && thread) {
    snapshot().then((snap) => panel.toggle(snap, locate), halt);
    sendResponse({ ok: true });
  }
  return false;
}

async function main() {
  const [loaded] = await Promise.all([settingsStore.load(), adapters.load(), engines.start()]);
  settings = loaded;
  settingsStore.onChange(applySettings);
  whenSiteAppears(async (site) => {
    adapter = site;
    try {
      await engines.warmUp(site.name);
    } catch (error) {
      halt(error);
      return;
    }
    if (siteEnabled()) start();
  });
}

// Once per page: when the reader switches on a site that needs its own permission, the
// background also runs this script in that site's tabs already open (background/more-sites.js),
// and a tab switched off and on again keeps the instance it has (it follows the settings).
if (!globalThis.chaffContentScript) {
  globalThis.chaffContentScript = true;
  chrome.runtime.onMessage.addListener(onMessage);
  main().catch((error) => console.error('chaff could not start:', error));
}
