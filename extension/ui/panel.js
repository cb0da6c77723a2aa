// The moderator panel: a fixed side sheet in the page with its own shadow root. It lists the
// thread's near-copy clusters (snippet, copies, authors, the engine's time span, a jump-to button
// per copy), the posts with the highest AI-text likelihood among those the model could judge, and
// the JSON/CSV export. Design: a plain render of the latest snapshot; `update` re-renders in place
// keeping the scroll position and the focused button, so the panel can follow a thread that is
// still loading. Escape closes it and focus returns where it was. Jumps go through the `locate`
// the content script hands to `toggle` (scroll into view), which knows where each post is.
import { makeShadowHost, PANEL_CSS } from './style.js';
import { downloadJson, downloadCsv } from './panel-export.js';
import { countByLevel } from '../shared/levels.js';
import { percent, plural, shorten } from '../shared/format.js';

const TOP_AI_POSTS = 10;
const SNIPPET_CHARS = 160;
const AUTHORS_LISTED = 5;
// A 300-copy campaign would otherwise fill the sheet with buttons.
const JUMPS_LISTED = 24;

let state = null; // { host, root, body, snapshot, locate, returnFocus, onWindowKeydown }

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function button(text, key, onClick, label) {
  const el = element('button', '', text);
  el.type = 'button';
  el.dataset.key = key;
  if (label) el.setAttribute('aria-label', label);
  el.addEventListener('click', onClick);
  return el;
}

function say(text) {
  state.root.querySelector('.status').textContent = text;
}

function jump(postId) {
  const found = state.locate(postId);
  say(found ? '' : 'That post is not on the page any more (removed, or scrolled out by the site).');
}

function authorList(names) {
  const listed = names.slice(0, AUTHORS_LISTED).join(', ');
  const more = names.length - AUTHORS_LISTED;
  return more > 0 ? `${listed} and ${more} more` : listed;
}

function renderClusters(snapshot, postsById) {
  const section = element('section');
  const clusters = snapshot.clusters ?? [];
  section.append(element('h3', '', `Near-copy clusters (${clusters.length})`));
  if (clusters.length === 0) {
    section.append(element('p', 'empty', 'No near-copies found in this thread so far.'));
    return section;
  }
  const list = element('ol');
  for (const cluster of clusters) {
    const item = element('li', 'cluster');
    item.append(element('p', 'snippet', `“${shorten(cluster.snippet, SNIPPET_CHARS)}”`));
    const authors = cluster.authors.length;
    const facts = [`${cluster.members.length} posts`, `${authors} ${plural(authors, 'author')}`];
    // The engine's words for how long the copies took ("within 3 minutes"), absent without times.
    if (cluster.span) facts.push(cluster.span);
    item.append(element('p', 'meta', facts.join(' · ')));
    if (authors > 0) item.append(element('p', 'meta', `by ${authorList(cluster.authors)}`));
    const jumps = element('div', 'jumps');
    jumps.append(element('span', 'meta', 'Jump to:'));
    cluster.members.slice(0, JUMPS_LISTED).forEach((postId, index) => {
      const author = postsById.get(postId)?.author;
      const position = `${index + 1} of ${cluster.members.length}`;
      jumps.append(
        button(author ?? `#${index + 1}`, `jump-${cluster.id}-${postId}`, () => jump(postId),
          `Jump to copy ${position}${author ? ` by ${author}` : ''}`),
      );
    });
    item.append(jumps);
    if (cluster.members.length > JUMPS_LISTED) {
      item.append(element('p', 'meta', `and ${cluster.members.length - JUMPS_LISTED} more copies`));
    }
    list.append(item);
  }
  section.append(list);
  return section;
}

function renderAiPosts(snapshot, postsById) {
  const section = element('section');
  section.append(element('h3', '', 'Most machine-like posts'));
  section.append(element('p', 'note',
    'AI-text likelihood from chaff’s word model, for posts long enough and in English. It is often wrong; treat it as a reason to read closely.'));
  const judged = snapshot.verdicts.filter((verdict) => verdict.ai_judged)
    .sort((a, b) => b.ai - a.ai)
    .slice(0, TOP_AI_POSTS);
  if (judged.length === 0) {
    section.append(element('p', 'empty', 'No post here is long enough to judge yet.'));
    return section;
  }
  const list = element('ol');
  for (const verdict of judged) {
    const post = postsById.get(verdict.id) ?? {};
    const item = element('li', 'ai-post');
    item.append(element('span', 'percent', percent(verdict.ai)));
    const text = element('div');
    text.append(element('div', 'meta', post.author ?? 'unknown author'));
    text.append(element('div', '', shorten(post.text, SNIPPET_CHARS)));
    item.append(text);
    item.append(button('Jump', `ai-${verdict.id}`, () => jump(verdict.id),
      `Jump to the post by ${post.author ?? 'unknown author'}, ${percent(verdict.ai)} AI-text likelihood`));
    list.append(item);
  }
  section.append(list);
  return section;
}

function renderExport() {
  const section = element('section');
  section.append(element('h3', '', 'Export'));
  const row = element('div', 'exports');
  row.append(
    button('Download JSON', 'export-json', () => downloadJson(state.snapshot, state.root)),
    button('Download CSV', 'export-csv', () => downloadCsv(state.snapshot, state.root)),
  );
  section.append(row, element('p', 'note', 'Saved on this computer; nothing is sent anywhere. Post text is not included.'));
  return section;
}

function render() {
  const snapshot = state.snapshot;
  const postsById = new Map(snapshot.posts.map((post) => [post.id, post]));
  const focusedKey = state.root.activeElement?.dataset?.key;
  const scrollTop = state.body.scrollTop;
  const byLevel = countByLevel(snapshot.verdicts);
  const status = state.root.querySelector('.status');
  state.body.replaceChildren(
    element('p', 'summary',
      `${snapshot.verdicts.length} posts read: ${byLevel.suspect} suspect, ${byLevel.notice} notice, ${byLevel.ok} ok.`),
    element('p', 'note', 'Hints, not verdicts. Read the posts before acting on them.'),
    renderClusters(snapshot, postsById),
    renderAiPosts(snapshot, postsById),
    renderExport(),
    status,
  );
  state.body.scrollTop = scrollTop;
  if (focusedKey) state.root.querySelector(`[data-key="${CSS.escape(focusedKey)}"]`)?.focus({ preventScroll: true });
}

function open(snapshot, locate) {
  const { host, root } = makeShadowHost('chaff-panel', 'display: block;', PANEL_CSS);
  const sheet = element('section', 'sheet');
  sheet.setAttribute('role', 'dialog');
  sheet.setAttribute('aria-labelledby', 'chaff-panel-title');
  const header = element('header');
  const title = element('h2', '', 'chaff · this thread');
  title.id = 'chaff-panel-title';
  title.tabIndex = -1;
  header.append(title, button('Close', 'close', close, 'Close chaff panel'));
  const body = element('div', 'body');
  const status = element('p', 'status');
  status.setAttribute('role', 'status');
  body.append(status);
  sheet.append(header, body);
  root.append(sheet);
  // Escape while focus is in the panel: handled here, before any page handler sees it.
  sheet.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  });
  // Escape elsewhere in the page: bubble phase on window, so an open badge popover (which
  // consumes its Escape) closes first.
  const onWindowKeydown = (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) close();
  };
  addEventListener('keydown', onWindowKeydown);
  const returnFocus = document.activeElement;
  state = { host, root, body, snapshot, locate, returnFocus, onWindowKeydown };
  document.documentElement.append(host);
  render();
  title.focus({ preventScroll: true });
}

export function close() {
  if (!state) return;
  const { host, returnFocus, onWindowKeydown } = state;
  state = null;
  removeEventListener('keydown', onWindowKeydown);
  host.remove();
  if (returnFocus?.isConnected) returnFocus.focus?.({ preventScroll: true });
}

// locate(postId): scrolls to a post and returns its element, or null when it is not on the page.
export function toggle(snapshot, locate) {
  if (state) close();
  else open(snapshot, locate);
}

export function update(snapshot) {
  if (!state) return;
  state.snapshot = snapshot;
  render();
}

export function isOpen() {
  return state !== null;
}
