// The playground's page script: reads the visitor's thread or saved page, hands it to the engine
// worker (worker.js), and shows what comes back.
//
// Design notes:
// - Every piece of text that reaches the DOM goes in through createElement + textContent: post
//   text and author names come from strangers, and markup in them must stay text. The one
//   page-derived HTML is the
//   annotated preview, and it is rendered as `srcdoc` of an iframe sandboxed without
//   allow-scripts or allow-same-origin, after the engine has stripped its scripts and remote
//   resources (and the page CSP, which srcdoc inherits, blocks any that slipped through).
// - Long threads are shown in pages of POSTS_PER_PAGE with a "Show more" button: the worker
//   keeps scoring off the main thread, and the DOM never has to hold 10,000 cards at once.
// - Each request carries a run number; a reply from a superseded run is ignored.

import { parseThread, looksLikeHtml } from './input.js';
import { verdictsToJsonLines, verdictsToCsv } from './export.js';
import { EXAMPLE_THREAD } from './example.js';
// shared/ is the extension's shared modules, copied here by scripts/build-www.sh.
import { downloadText } from './shared/download.js';
import { plural, twoDecimals } from './shared/format.js';
import { countByLevel } from './shared/levels.js';

const POSTS_PER_PAGE = 200;
const CLUSTERS_PER_PAGE = 48;
const MEMBERS_SHOWN_PER_CLUSTER = 12;
/** Posts longer than this show a few lines until asked for the rest. */
const CLIPPED_POST_CHARS = 600;
/**
 * Text files longer than this are checked without filling the text area: laying out a few MB
 * of text there blocks the page for most of a second (measured: 645 ms for 10,000 posts).
 */
const EDITABLE_FILE_CHARS = 256 * 1024;
/** Problems listed one by one before the rest are summed up in a count. */
const PROBLEMS_LISTED = 12;

const byId = (id) => document.getElementById(id);
const ui = {
  form: byId('input-form'),
  text: byId('thread-text'),
  dropZone: byId('drop-zone'),
  fileInput: byId('file-input'),
  fileName: byId('file-name'),
  siteChoice: byId('site-choice'),
  sensitivity: byId('sensitivity'),
  exampleButton: byId('example-button'),
  checkButton: byId('check-button'),
  progress: byId('progress'),
  progressBar: byId('progress-bar'),
  progressText: byId('progress-text'),
  messages: byId('messages'),
  results: byId('results'),
  summary: byId('summary'),
  exportJson: byId('export-json'),
  exportCsv: byId('export-csv'),
  tabs: [byId('tab-posts'), byId('tab-clusters'), byId('tab-preview')],
  postFilter: byId('post-filter'),
  postList: byId('post-list'),
  showMore: byId('show-more'),
  clustersEmpty: byId('clusters-empty'),
  clusterList: byId('cluster-list'),
  showMoreClusters: byId('show-more-clusters'),
  previewTab: byId('tab-preview'),
  previewFrame: byId('preview-frame'),
};

const state = {
  run: 0,
  busy: false,
  /** What the last request was, to resend it when sensitivity changes mid-run. */
  lastRequest: null,
  posts: [],
  postsById: new Map(),
  verdicts: [],
  verdictsById: new Map(),
  clusters: [],
  shownPosts: 0,
  shownClusters: 0,
  sourceName: 'thread',
};

// The engine worker. When the engine fails inside it (a Rust panic: the worker's WASM instance is
// then unusable), the worker says so ({type: 'error', fatal: true}) or dies; either way this page
// shows the error, ends that worker and starts a fresh one, so the next run has a fresh instance
// and the page stays usable.
let worker = null;
/** Whether the current worker has answered at all (an error before that is a failure to load). */
let workerStarted = false;
/** Whether the current worker holds the last judged thread (what a 'settings' request re-judges). */
let workerHasThread = false;
/** The last request that sent a whole thread ('score' or 'page'), replayed into a fresh worker. */
let lastThreadRequest = null;
/** Set when the worker failed to start: every later request then says so instead of waiting. */
let engineProblem = null;

function startWorker() {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  workerStarted = false;
  workerHasThread = false;
  worker.addEventListener('message', (event) => {
    workerStarted = true;
    onWorkerMessage(event.data);
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    if (workerStarted) {
      // It ran, then died outside a request's error handling: a fresh one for the next run.
      engineFailed(event.message || 'the engine stopped');
      return;
    }
    // A module worker that cannot load (most often: www/pkg was never built) lands here.
    engineProblem = `The engine could not load (${event.message || 'the worker failed to start'}). ` +
      'If you serve this page from a checkout, build it first: make www';
    finishRun();
    showMessages([engineProblem], 'error');
  });
}
startWorker();

function engineFailed(detail) {
  worker.terminate();
  startWorker();
  finishRun();
  showMessages([`Something went wrong: ${detail}. The engine was restarted; check again to retry.`], 'error');
}

function settings() {
  return { sensitivity: ui.sensitivity.value };
}

function send(request) {
  if (engineProblem) {
    showMessages([engineProblem], 'error');
    return;
  }
  // A fresh worker has no thread to re-judge: it gets the whole thread again.
  if (request.type === 'settings' && !workerHasThread && lastThreadRequest) request = lastThreadRequest;
  if (request.type !== 'settings') lastThreadRequest = request;
  state.run += 1;
  state.lastRequest = request;
  state.busy = true;
  ui.checkButton.disabled = true;
  showProgress('starting', 0, 1);
  worker.postMessage({ ...request, run: state.run, settings: settings() });
}

// ---- input -------------------------------------------------------------------------------

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  checkPastedThread();
});

function checkPastedThread() {
  hideFileName();
  checkThreadText(ui.text.value, 'thread');
}

function checkThreadText(text, sourceName) {
  const { format, posts, problems, lines } = parseThread(text);
  clearMessages();
  if (problems.length > 0) showProblems(problems);
  if (posts.length === 0) {
    showMessages([format === 'jsonl' ? 'No line could be read as a post.' : 'Paste some posts first.'], 'error');
    return;
  }
  setPosts(posts);
  state.sourceName = sourceName;
  send({ type: 'score', posts, lines });
}

ui.exampleButton.addEventListener('click', () => {
  ui.text.value = EXAMPLE_THREAD;
  checkPastedThread();
});

ui.fileInput.addEventListener('change', () => {
  const [file] = ui.fileInput.files;
  if (file) readFile(file);
  // Cleared so choosing the same file again still fires `change`.
  ui.fileInput.value = '';
});

for (const type of ['dragenter', 'dragover']) {
  ui.dropZone.addEventListener(type, (event) => {
    event.preventDefault();
    ui.dropZone.classList.add('dragging');
  });
}
ui.dropZone.addEventListener('dragleave', () => ui.dropZone.classList.remove('dragging'));
ui.dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  ui.dropZone.classList.remove('dragging');
  const [file] = event.dataTransfer.files;
  if (file) readFile(file);
});
// A file dropped beside the zone must not make the browser navigate away to it.
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => event.preventDefault());

async function readFile(file) {
  clearMessages();
  const content = await file.text();
  if (looksLikeHtml(file.name, content)) {
    state.sourceName = baseName(file.name, 'page');
    showFileName(`Saved page: ${file.name}`);
    // An empty choice means: detect the site from the markup, as `chaff scan --site auto`.
    send({ type: 'page', html: content, site: ui.siteChoice.value || undefined });
  } else if (content.length <= EDITABLE_FILE_CHARS) {
    ui.text.value = content;
    checkPastedThread();
  } else {
    showFileName(`Thread file: ${file.name} (${Math.round(file.size / 1024).toLocaleString('en')} KB, read as it is: too large to edit here)`);
    checkThreadText(content, baseName(file.name, 'thread'));
  }
}

/** A file's name without its extension, for the names of exported files. */
function baseName(fileName, fallback) {
  return fileName.replace(/\.[^.]*$/, '') || fallback;
}

ui.sensitivity.addEventListener('change', () => {
  if (state.busy && state.lastRequest) {
    send(state.lastRequest); // Restarted under the new setting; the old run stops.
  } else if (state.verdicts.length > 0) {
    send({ type: 'settings' });
  }
});

// ---- worker replies ------------------------------------------------------------------------

function onWorkerMessage(message) {
  // A dead engine serves no run, superseded or not.
  if (message.type === 'error' && message.fatal) {
    engineFailed(message.message);
    return;
  }
  if (message.run !== state.run) return;
  switch (message.type) {
    case 'progress':
      showProgress(message.stage, message.done, message.total);
      break;
    case 'result':
      workerHasThread = true;
      finishRun();
      showResult(message);
      break;
    case 'error':
      finishRun();
      showMessages([`Something went wrong: ${message.message}`], 'error');
      break;
  }
}

function finishRun() {
  state.busy = false;
  ui.checkButton.disabled = false;
  ui.progress.hidden = true;
}

const STAGE_WORDS = {
  starting: () => 'Starting the engine…',
  reading: () => 'Reading the saved page…',
  scoring: (done, total) => `Scored ${done.toLocaleString('en')} of ${total.toLocaleString('en')} posts…`,
  annotating: () => 'Drawing the annotated preview…',
};

function showProgress(stage, done, total) {
  ui.progress.hidden = false;
  ui.progressBar.max = Math.max(total, 1);
  ui.progressBar.value = done;
  ui.progressText.textContent = STAGE_WORDS[stage](done, total);
}

function setPosts(posts) {
  state.posts = posts;
  state.postsById = new Map(posts.map((post) => [post.id, post]));
}

function showResult({ site, posts, verdicts, clusters, preview, warnings }) {
  if (posts) setPosts(posts);
  if (warnings.length > 0) showMessages(warnings.slice(0, PROBLEMS_LISTED), 'warning');
  state.verdicts = verdicts;
  state.verdictsById = new Map(verdicts.map((verdict) => [verdict.id, verdict]));
  state.clusters = [...clusters].sort((a, b) => b.members.length - a.members.length);
  ui.results.hidden = false;
  ui.summary.textContent = summaryText(site);
  renderPosts();
  renderClusters();
  renderPreview(preview);
}

const SITE_NAMES = {
  reddit: 'new Reddit',
  'old-reddit': 'old Reddit',
  x: 'X',
  'hacker-news': 'Hacker News',
  github: 'GitHub',
  bluesky: 'Bluesky',
  youtube: 'YouTube',
};

function summaryText(site) {
  const byLevel = countByLevel(state.verdicts);
  const parts = [
    `${state.verdicts.length.toLocaleString('en')} ${plural(state.verdicts.length, 'post')}`,
    `${byLevel.suspect} suspect`,
    `${byLevel.notice} notice`,
    `${state.clusters.length} near-copy ${plural(state.clusters.length, 'group')}`,
  ];
  const from = site ? ` Read from a saved ${SITE_NAMES[site] ?? site} page.` : '';
  return `${parts.join(' · ')}.${from}`;
}

// ---- posts view ----------------------------------------------------------------------------

const FILTERS = {
  all: () => true,
  flagged: (verdict) => verdict.level !== 'ok',
  suspect: (verdict) => verdict.level === 'suspect',
};

ui.postFilter.addEventListener('change', renderPosts);
ui.showMore.addEventListener('click', () => appendPosts(POSTS_PER_PAGE));

function filteredVerdicts() {
  return state.verdicts.filter(FILTERS[ui.postFilter.value]);
}

function renderPosts() {
  ui.postList.replaceChildren();
  state.shownPosts = 0;
  appendPosts(POSTS_PER_PAGE);
}

function appendPosts(count) {
  const verdicts = filteredVerdicts();
  const slice = verdicts.slice(state.shownPosts, state.shownPosts + count);
  ui.postList.append(...slice.map((verdict) => postCard(verdict, state.postsById.get(verdict.id))));
  state.shownPosts += slice.length;
  ui.showMore.hidden = state.shownPosts >= verdicts.length;
  ui.showMore.textContent = `Show more (${(verdicts.length - state.shownPosts).toLocaleString('en')} left)`;
}

function postCard(verdict, post = {}) {
  const card = el('li', { className: 'post' });
  card.dataset.id = verdict.id;
  card.dataset.level = verdict.level;
  const head = el('div', { className: 'post-head' });
  const level = el('span', { className: 'level', textContent: verdict.level });
  level.dataset.level = verdict.level;
  head.append(level, el('span', { className: 'post-id', textContent: `#${verdict.id}` }));
  if (post.author) head.append(el('span', { className: 'post-author', textContent: post.author }));
  head.append(
    el('span', { className: 'post-score', textContent: `score ${twoDecimals(verdict.score)}` }),
    el('span', {
      className: 'post-ai',
      textContent: verdict.ai_judged ? `AI likelihood ${twoDecimals(verdict.ai)}` : 'AI likelihood not judged',
      title: verdict.ai_judged ? '' : 'Too short or not in English: the model does not guess.',
    }),
  );
  card.append(head);
  if (post.title) card.append(el('p', { className: 'post-title', textContent: post.title }));
  if (post.text !== undefined) card.append(...postText(post.text));
  if (verdict.reasons.length > 0) card.append(reasonList(verdict.reasons));
  return card;
}

/** A post's text; a long one clipped to a few lines, with a button that shows the rest. */
function postText(text) {
  const paragraph = el('p', { className: 'post-text', textContent: text });
  if (text.length <= CLIPPED_POST_CHARS) return [paragraph];
  paragraph.classList.add('clipped');
  const expand = el('button', { type: 'button', className: 'link-button', textContent: 'Show the whole post' });
  expand.addEventListener('click', () => {
    paragraph.classList.remove('clipped');
    expand.remove();
  });
  return [paragraph, expand];
}

function reasonList(reasons) {
  const list = el('ul', { className: 'reasons' });
  for (const reason of reasons) {
    const item = el('li');
    item.dataset.kind = reason.kind;
    item.append(el('span', { className: 'level-chip', textContent: reason.kind }), reason.text);
    list.append(item);
  }
  return list;
}

// ---- near-copies view -----------------------------------------------------------------------

ui.showMoreClusters.addEventListener('click', () => appendClusters(CLUSTERS_PER_PAGE));

function renderClusters() {
  ui.clusterList.replaceChildren();
  state.shownClusters = 0;
  ui.clustersEmpty.hidden = state.clusters.length > 0;
  appendClusters(CLUSTERS_PER_PAGE);
}

function appendClusters(count) {
  const slice = state.clusters.slice(state.shownClusters, state.shownClusters + count);
  ui.clusterList.append(...slice.map(clusterCard));
  state.shownClusters += slice.length;
  ui.showMoreClusters.hidden = state.shownClusters >= state.clusters.length;
}

function clusterCard(cluster) {
  const card = el('article', { className: 'cluster' });
  card.dataset.cluster = cluster.id;
  card.append(
    el('h3', { textContent: `${cluster.members.length} near-copies` }),
    el('p', { className: 'cluster-facts', textContent: clusterFacts(cluster) }),
  );
  const members = el('ul', { className: 'cluster-members' });
  // Every member id is listed (the grouping is the point); only the first few show their text.
  cluster.members.forEach((id, index) => {
    const post = state.postsById.get(id) ?? {};
    const verdict = state.verdictsById.get(id);
    const item = el('li');
    item.dataset.id = id;
    const head = el('div', { className: 'post-head' });
    if (verdict) {
      const level = el('span', { className: 'level', textContent: verdict.level });
      level.dataset.level = verdict.level;
      head.append(level);
    }
    head.append(el('span', { className: 'post-id', textContent: `#${id}` }));
    if (post.author) head.append(el('span', { className: 'post-author', textContent: post.author }));
    item.append(head);
    if (index < MEMBERS_SHOWN_PER_CLUSTER && post.text !== undefined) {
      item.append(el('p', { className: 'post-text clipped', textContent: post.text }));
    }
    members.append(item);
  });
  card.append(members);
  return card;
}

function clusterFacts(cluster) {
  const facts = [`${cluster.authors.length} ${plural(cluster.authors.length, 'author')}`];
  // The engine's words for the time span ("within 3 minutes"); absent when the posts had no times.
  if (cluster.span) facts.push(`posted ${cluster.span}`);
  if (cluster.shared_links.length > 0) {
    facts.push(`shared ${plural(cluster.shared_links.length, 'link')}: ${cluster.shared_links.join(', ')}`);
  }
  return facts.join(' · ');
}

// ---- preview ------------------------------------------------------------------------------

function renderPreview(preview) {
  ui.previewTab.hidden = preview === null;
  if (preview === null) {
    ui.previewFrame.removeAttribute('srcdoc');
    if (selectedTab() === ui.previewTab) selectTab(ui.tabs[0]);
    return;
  }
  ui.previewFrame.srcdoc = preview;
}

// ---- tabs ---------------------------------------------------------------------------------

for (const tab of ui.tabs) {
  tab.addEventListener('click', () => selectTab(tab));
  // Arrow keys move between tabs, as the ARIA tabs pattern expects of role="tablist".
  tab.addEventListener('keydown', (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const visible = ui.tabs.filter((candidate) => !candidate.hidden);
    const target = visible[(visible.indexOf(tab) + step + visible.length) % visible.length];
    selectTab(target);
    target.focus();
  });
}

function selectedTab() {
  return ui.tabs.find((tab) => tab.getAttribute('aria-selected') === 'true');
}

function selectTab(chosen) {
  for (const tab of ui.tabs) {
    const selected = tab === chosen;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    byId(tab.getAttribute('aria-controls')).hidden = !selected;
  }
}

// ---- export -------------------------------------------------------------------------------

ui.exportJson.addEventListener('click', () => {
  downloadText(`${state.sourceName}.chaff.jsonl`, 'application/jsonl', verdictsToJsonLines(state.verdicts));
});
ui.exportCsv.addEventListener('click', () => {
  downloadText(`${state.sourceName}.chaff.csv`, 'text/csv', verdictsToCsv(state.verdicts, state.postsById));
});

// ---- messages and small helpers -------------------------------------------------------------

function showProblems(problems) {
  const listed = problems.slice(0, PROBLEMS_LISTED);
  const rest = problems.length - listed.length;
  showMessages(rest > 0 ? [...listed, `…and ${rest} more lines skipped`] : listed, 'warning');
}

/** severity: 'error' or 'warning', the class that styles the message. */
function showMessages(texts, severity) {
  ui.messages.append(...texts.map((text) => el('li', { className: severity, textContent: text })));
}

function clearMessages() {
  ui.messages.replaceChildren();
}

function showFileName(text) {
  ui.fileName.textContent = text;
  ui.fileName.hidden = false;
}

function hideFileName() {
  ui.fileName.hidden = true;
}

function el(tag, properties = {}) {
  return Object.assign(document.createElement(tag), properties);
}
