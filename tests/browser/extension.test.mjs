// Real-browser tests of the built chaff extension: Debian Chromium, driven by
// playwright-core, loads dist/chrome unchanged and visits the saved test pages
// (tests/pages/*.html, what chaff should find is in tests/pages/README.md), served over HTTPS by
// a local server under the real hostnames (www.reddit.com, old.reddit.com, x.com), because the
// manifest's host list decides where the content script runs.
// The Makefile builds the extension first; without dist/chrome the tests fail with that message.
// Screenshots of each site with its badges go to tests/browser/artifacts/ for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, EXTENSION_DIR, requireBuild, launchBrowser, extensionWorker } from './harness.mjs';
import { POSTS, PAGE_OF_HOST, URLS, EXPECTED, serveThreadPages, everyPostScored, postLevels, assertLevels } from './thread-pages.mjs';

const ARTIFACTS = path.join(ROOT, 'tests', 'browser', 'artifacts');

let server;
let browser;
let worker;
const requests = [];

before(async () => {
  requireBuild();
  server = await serveThreadPages();
  browser = await launchBrowser({ port: server.port, extension: EXTENSION_DIR });
  browser.context.on('request', (request) => requests.push(request.url()));
  worker = await extensionWorker(browser.context);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// Opens `url` and waits until every post on it carries data-chaff-level.
async function openScored(url) {
  const page = await browser.context.newPage();
  await page.goto(url);
  await waitAllScored(page);
  return page;
}

async function waitAllScored(page) {
  await page.waitForFunction(everyPostScored, POSTS, { timeout: 20_000 });
}

async function levels(page) {
  return page.evaluate(postLevels, POSTS);
}

// Stops the extension's service worker as Chrome does when it is idle (DevTools protocol
// ServiceWorker.stopWorker), and waits until it is stopped: every global in it is gone.
// The protocol session is opened on one of the extension's own pages: there the worker's status
// changes are reported (on a web page's session they were not).
async function stopExtensionWorker() {
  // URL.origin is 'null' for chrome-extension: URLs; the first three parts are scheme and id.
  const extensionOrigin = worker.url().split('/').slice(0, 3).join('/');
  const extensionPage = await browser.context.newPage();
  await extensionPage.goto(`${extensionOrigin}/options/options.html`);
  const session = await browser.context.newCDPSession(extensionPage);
  const stopped = new Promise((resolve) => session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    if (versions.some((v) => v.scriptURL.startsWith(extensionOrigin) && v.runningStatus === 'stopped')) resolve();
  }));
  const running = new Promise((resolve) => session.once('ServiceWorker.workerVersionUpdated', ({ versions }) => resolve(versions)));
  await session.send('ServiceWorker.enable');
  for (const version of await running) {
    if (version.scriptURL.startsWith(extensionOrigin)) await session.send('ServiceWorker.stopWorker', { versionId: version.versionId });
  }
  await stopped;
  await session.detach();
  await extensionPage.close();
}

// The extension's live service worker (a stopped one is started again by the next message).
async function runningWorker() {
  for (;;) {
    const live = browser.context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
    for (const candidate of live.reverse()) {
      // A stopped worker's old handle may never answer: give each candidate a moment.
      const answered = await Promise.race([candidate.evaluate(() => true).catch(() => false), new Promise((resolve) => setTimeout(resolve, 500, false))]);
      if (answered) return candidate;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The content script's answer to the popup, asked from the extension's service worker.
async function countsOf(page) {
  return worker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    return chrome.tabs.sendMessage(tab.id, { type: 'chaff:counts' });
  }, page.url());
}

// The text of every post, minus chaff's own elements, against a fresh parse of the served page.
async function pageTextChanges(page) {
  return page.evaluate(async (selector) => {
    const served = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
    const shown = [...document.querySelectorAll(selector)].map((post) => {
      const copy = post.cloneNode(true);
      for (const own of copy.querySelectorAll('chaff-badge, chaff-panel')) own.remove();
      return copy.textContent;
    });
    const original = [...served.querySelectorAll(selector)].map((post) => post.textContent);
    return shown.filter((text, i) => text !== original[i]).length + Math.abs(shown.length - original.length);
  }, POSTS);
}

// The reasons of one post's badge, read by opening its popover through the open shadow root.
async function reasonsOf(page, postSelector) {
  const pill = page.locator(`${postSelector} chaff-badge button.pill`).first();
  await pill.click();
  const popover = page.locator(`${postSelector} chaff-badge .popover`).first();
  await popover.waitFor({ state: 'visible' });
  const text = await popover.textContent();
  await page.keyboard.press('Escape');
  return { text, label: await pill.getAttribute('aria-label') };
}

let redditLevels;

test('new Reddit: the campaign copies get badges, clean comments stay ok, reasons read right', async () => {
  const page = await openScored(URLS.reddit);
  redditLevels = await levels(page);
  assertLevels(redditLevels, EXPECTED.reddit);
  assert.equal(redditLevels.t3_1gm4k2x, 'ok', 'the thread post itself is clean');
  for (const id of EXPECTED.reddit.campaign) {
    assert.equal(await page.locator(`shreddit-comment[thingid="${id}"] chaff-badge`).count(), 1, `one badge on ${id}`);
  }
  for (const id of EXPECTED.reddit.ok) {
    // A badge inside a comment may belong to a nested reply; count only the comment's own.
    const own = await page.evaluate((commentId) => [...document.querySelector(`shreddit-comment[thingid="${commentId}"]`).querySelectorAll('chaff-badge')]
      .filter((badge) => badge.parentElement.closest('shreddit-comment').getAttribute('thingid') === commentId).length, id);
    assert.equal(own, 0, `no badge on clean ${id}`);
  }
  const { text, label } = await reasonsOf(page, `shreddit-comment[thingid="${EXPECTED.reddit.campaign[0]}"]`);
  assert.match(text, /near-cop|cop(y|ies)/i, 'the popover names the copies');
  assert.match(text, /hint, not a verdict/i);
  assert.match(label, /cop(y|ies)/i, 'the badge has an accessible label');
  assert.equal(await pageTextChanges(page), 0, "the page's own text is unchanged");
  const counts = await countsOf(page);
  assert.equal(counts.site, 'reddit');
  assert.equal(counts.engine, 'page', 'WASM runs in the content script where the CSP allows it');
  assert.equal(counts.counts.ok + counts.counts.notice + counts.counts.suspect, Object.keys(redditLevels).length);
  await page.screenshot({ path: path.join(ARTIFACTS, 'reddit-thread.png'), fullPage: true });
  await page.close();
});

test('new Reddit: comments appended later are scored and join the campaign without lowering a level', async () => {
  const page = await openScored(URLS.reddit);
  const before = await levels(page);
  await page.evaluate((sourceId) => {
    const tree = document.querySelector('shreddit-comment-tree');
    const source = document.querySelector(`shreddit-comment[thingid="${sourceId}"]`);
    for (const [n, author] of [['laterA1', 'late_poster_one'], ['laterA2', 'late_poster_two']]) {
      const copy = source.cloneNode(true);
      for (const badge of copy.querySelectorAll('chaff-badge')) badge.remove();
      copy.removeAttribute('data-chaff-level');
      copy.setAttribute('thingid', `t1_${n.toLowerCase()}`);
      copy.setAttribute('author', author);
      for (const nested of copy.querySelectorAll('shreddit-comment')) nested.remove();
      tree.append(copy);
    }
  }, EXPECTED.reddit.campaign[0]);
  await waitAllScored(page);
  const after = await levels(page);
  for (const id of ['t1_latera1', 't1_latera2']) assert.match(after[id], /^(notice|suspect)$/, `late copy ${id}`);
  const rank = { ok: 0, notice: 1, suspect: 2 };
  for (const [id, level] of Object.entries(before)) assert.ok(rank[after[id]] >= rank[level], `${id} never drops (${level} -> ${after[id]})`);
  await page.close();
});

test('new Reddit: a reply that quotes a campaign copy to call it out is not counted as a copy', async () => {
  const page = await openScored(URLS.reddit);
  const campaignText = await page.locator(`shreddit-comment[thingid="${EXPECTED.reddit.campaign[0]}"] > [slot="comment"]`).evaluate(
    (body) => [...body.querySelectorAll('p')].map((p) => p.textContent).join('\n'));
  await page.evaluate((quoted) => {
    // A `>` line renders as a blockquote: the quoted spam is someone else's text.
    const reply = document.createElement('shreddit-comment');
    for (const [name, value] of Object.entries({
      thingid: 't1_callout', author: 'Spam_Spotter', depth: '0', postid: 't3_1gm4k2x',
      'created-timestamp': '2024-11-07T11:30:00.000Z',
    })) reply.setAttribute(name, value);
    reply.innerHTML = '<div slot="comment"><div id="t1_callout-post-rtjson-content" class="md-body">'
      + '<blockquote><p></p></blockquote><p>Reported this one, it is the same spam the others posted.</p></div></div>';
    reply.querySelector('blockquote p').textContent = quoted;
    document.querySelector('shreddit-comment-tree').append(reply);
  }, campaignText);
  await page.waitForFunction(() => document.querySelector('shreddit-comment[thingid="t1_callout"]')?.hasAttribute('data-chaff-level'));
  assert.equal(await page.getAttribute('shreddit-comment[thingid="t1_callout"]', 'data-chaff-level'), 'ok');
  await page.close();
});

test('new Reddit: an edited comment is re-scored, and a node re-used for another post is re-checked', async () => {
  const page = await openScored(URLS.reddit);
  const [cleanId, reusedId] = ['t1_lyevnf7', 't1_rjp00q8'];
  const campaignText = await page.locator(`shreddit-comment[thingid="${EXPECTED.reddit.campaign[0]}"] > [slot="comment"]`).evaluate(
    (body) => [...body.querySelectorAll('p')].map((p) => p.textContent).join('\n'));
  // An edit in place: the comment's own paragraph now carries the campaign's text.
  await page.evaluate(([id, text]) => {
    document.querySelector(`shreddit-comment[thingid="${id}"] > [slot="comment"] .md-body > p`).textContent = text;
  }, [cleanId, campaignText]);
  await page.waitForFunction((id) => document.querySelector(`shreddit-comment[thingid="${id}"]`).getAttribute('data-chaff-level') !== 'ok', cleanId);
  // A recycled node: the same element now shows a brand-new post id with short clean text.
  await page.evaluate((id) => {
    const element = document.querySelector(`shreddit-comment[thingid="${id}"]`);
    element.setAttribute('thingid', 't1_recycled');
    element.querySelector(':scope > [slot="comment"] p').textContent = 'Still my favourite dance tune to this day.';
  }, reusedId);
  await page.waitForFunction(() => document.querySelector('shreddit-comment[thingid="t1_recycled"]')?.getAttribute('data-chaff-level') === 'ok');
  const counts = await countsOf(page);
  assert.ok(counts.counts.notice + counts.counts.suspect >= EXPECTED.reddit.campaign.length + 1);
  await page.close();
});

test('the panel opens on the shortcut\'s message and lists the campaign', async () => {
  const page = await openScored(URLS.reddit);
  await worker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    await chrome.tabs.sendMessage(tab.id, { type: 'chaff:toggle-panel' });
  }, page.url());
  const panel = page.locator('chaff-panel');
  await panel.waitFor({ state: 'attached' });
  await page.waitForFunction(() => /gift card/i.test(document.querySelector('chaff-panel')?.shadowRoot?.textContent ?? ''));
  await page.close();
});

test('cross-thread memory: the same campaign in another thread says where else it was seen', async () => {
  const first = await openScored(URLS.reddit.replace('1gm4k2x', 'memory1'));
  // memory.js batches its writes (1.5 s); give it time to store the first thread.
  await first.waitForTimeout(2500);
  await first.close();
  const second = await openScored(URLS.reddit.replace('1gm4k2x', 'memory2'));
  const selector = `shreddit-comment[thingid="${EXPECTED.reddit.campaign[0]}"]`;
  await second.waitForFunction((s) => /seen elsewhere|other thread/i.test(document.querySelector(`${s} chaff-badge`)?.shadowRoot?.textContent ?? ''), selector);
  const { text } = await reasonsOf(second, selector);
  assert.match(text, /also seen in \d+ other threads?/);
  await second.close();
});

test('a single-page navigation starts a new thread', async () => {
  const page = await openScored(URLS.reddit);
  await page.evaluate(() => {
    history.pushState({}, '', '/r/Music/comments/9zz9zz/another_thread/');
    const tree = document.querySelector('shreddit-comment-tree');
    const keep = [...tree.children].slice(0, 2);
    tree.replaceChildren(...keep.map((comment) => {
      const fresh = comment.cloneNode(true);
      for (const badge of fresh.querySelectorAll('chaff-badge')) badge.remove();
      fresh.removeAttribute('data-chaff-level');
      for (const nested of fresh.querySelectorAll('shreddit-comment')) nested.remove();
      return fresh;
    }));
  });
  await waitAllScored(page);
  const counts = await countsOf(page);
  const postsNow = await page.locator(POSTS).count();
  assert.equal(counts.counts.ok + counts.counts.notice + counts.counts.suspect, postsNow, 'only the new thread is counted');
  assert.equal(await page.locator('chaff-badge').count(), await page.locator('[data-chaff-level="notice"], [data-chaff-level="suspect"]').count());
  await page.close();
});

test('old Reddit: the shared-link campaign and the same-author repeat are flagged, the rest is ok', async () => {
  const page = await openScored(URLS.oldReddit);
  const found = await levels(page);
  assertLevels(found, EXPECTED.oldReddit);
  for (const id of EXPECTED.oldReddit.sameAuthorPair) assert.match(found[id], /^(notice|suspect)$/, `repeat ${id}`);
  assert.equal(found.t1_m2ip9y1, undefined, 'the "load more" stub is not a post');
  const { text } = await reasonsOf(page, `.thing[data-fullname="${EXPECTED.oldReddit.campaign[0]}"] > .entry`);
  assert.match(text, /cop(y|ies)/i);
  assert.equal(await pageTextChanges(page), 0, "the page's own text is unchanged (including an escaped <3)");
  await page.screenshot({ path: path.join(ARTIFACTS, 'old-reddit-thread.png'), fullPage: true });
  // "load more comments": old Reddit replaces the stub with the fetched comments.
  await page.evaluate((sourceId) => {
    const stub = document.querySelector('.thing.morechildren');
    const loaded = document.querySelector(`.thing[data-fullname="${sourceId}"]`).cloneNode(true);
    for (const own of loaded.querySelectorAll('chaff-badge')) own.remove();
    loaded.removeAttribute('data-chaff-level');
    loaded.setAttribute('data-fullname', 't1_loadedmore');
    loaded.setAttribute('id', 'thing_t1_loadedmore');
    loaded.setAttribute('data-author', 'loaded_later');
    for (const author of loaded.querySelectorAll('.tagline a.author')) author.textContent = 'loaded_later';
    stub.replaceWith(loaded);
  }, EXPECTED.oldReddit.campaign[2]);
  await waitAllScored(page);
  assert.match((await levels(page)).t1_loadedmore, /^(notice|suspect)$/, 'a comment from "load more" joins the campaign');
  await page.close();
});

test('X: the reply campaign is flagged; a quoted tweet is not read as the quoting author\'s text', async () => {
  const page = await openScored(URLS.x);
  const found = await levels(page);
  assertLevels(found, EXPECTED.x);
  assert.equal(await page.locator('[data-chaff-level]:not(article)').count(), 0, 'levels sit on tweet articles only');
  assert.equal(found['1403112233445566778'], undefined, 'the quoted tweet is not a post of this thread');
  const { text } = await reasonsOf(page, `article:has(a[href$="/status/${EXPECTED.x.campaign[0]}"])`);
  assert.match(text, /cop(y|ies)/i);
  // X links point at t.co; chaff reads the address the link shows.
  assert.match(text, /tsu\.co\/WORLDWIDE_LIFE/);
  assert.doesNotMatch(text, /\bt\.co\//);
  assert.equal(await pageTextChanges(page), 0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'x-conversation.png'), fullPage: true });
  await page.close();
});

test('a page whose CSP blocks WebAssembly gets the same hints from the background worker', async () => {
  const page = await openScored(URLS.reddit.replace('/r/', '/csp/r/'));
  const compileError = await page.evaluate(async () => {
    try {
      await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
      return null;
    } catch (error) {
      return error.name;
    }
  });
  assert.equal(compileError, 'CompileError', "the page's CSP really blocks WebAssembly");
  const counts = await countsOf(page);
  assert.equal(counts.engine, 'worker', 'the content script fell back to the worker');
  assert.deepEqual(await levels(page), redditLevels ?? assert.fail('run with the new Reddit test'));

  // A stopped worker loses its threads; the content script must rebuild it from what it kept.
  await stopExtensionWorker();
  await page.evaluate((sourceId) => {
    const copy = document.querySelector(`shreddit-comment[thingid="${sourceId}"]`).cloneNode(true);
    for (const own of copy.querySelectorAll('chaff-badge, shreddit-comment')) own.remove();
    copy.removeAttribute('data-chaff-level');
    copy.setAttribute('thingid', 't1_afterstop');
    copy.setAttribute('author', 'after_stop_poster');
    document.querySelector('shreddit-comment-tree').append(copy);
  }, EXPECTED.reddit.campaign[1]);
  await waitAllScored(page);
  worker = await runningWorker();
  const afterRestart = await levels(page);
  assert.match(afterRestart.t1_afterstop, /^(notice|suspect)$/, 'a copy sent after the worker restarted joins the campaign');
  for (const id of EXPECTED.reddit.campaign) assert.match(afterRestart[id], /^(notice|suspect)$/);
  await page.close();
});

test('switching chaff off for a site removes every attribute and badge; on again restores them', async () => {
  const page = await openScored(URLS.reddit);
  const setSite = (on) => worker.evaluate(async (enabled) => {
    const { chaffSettings = {} } = await chrome.storage.local.get('chaffSettings');
    const sites = { reddit: true, 'old-reddit': true, x: true, ...(chaffSettings.sites ?? {}), reddit: enabled };
    await chrome.storage.local.set({ chaffSettings: { ...chaffSettings, sites } });
  }, on);
  await setSite(false);
  await page.waitForFunction(() => !document.querySelector('[data-chaff-level], chaff-badge'));
  assert.equal(await pageTextChanges(page), 0);
  await setSite(true);
  await waitAllScored(page);
  assert.ok(await page.locator('chaff-badge').count() > 0);
  await page.close();
});

test('settings apply without a reload: collapse hides suspect bodies, trusted authors are never flagged', async () => {
  const page = await openScored(URLS.reddit);
  const save = (changes) => worker.evaluate(async (partial) => {
    const { chaffSettings = {} } = await chrome.storage.local.get('chaffSettings');
    await chrome.storage.local.set({ chaffSettings: { ...chaffSettings, ...partial } });
  }, changes);
  const campaignBody = (id) => `shreddit-comment[thingid="${id}"] > [slot="comment"]`;
  const suspectId = Object.entries(redditLevels ?? {}).find(([id, level]) => level === 'suspect' && EXPECTED.reddit.campaign.includes(id))?.[0];
  assert.ok(suspectId, 'a campaign copy is suspect');
  await save({ display: 'collapse' });
  await page.waitForFunction((selector) => getComputedStyle(document.querySelector(selector)).display === 'none', campaignBody(suspectId));
  assert.notEqual(await page.locator(campaignBody('t1_lyevnf7')).evaluate((body) => getComputedStyle(body).display), 'none', 'clean bodies stay shown');

  const authors = await page.evaluate((ids) => ids.map((id) => document.querySelector(`shreddit-comment[thingid="${id}"]`).getAttribute('author')), EXPECTED.reddit.campaign);
  await save({ display: 'badge', trustedAuthors: authors });
  await page.waitForFunction((ids) => ids.every((id) => document.querySelector(`shreddit-comment[thingid="${id}"]`).getAttribute('data-chaff-level') === 'ok'), EXPECTED.reddit.campaign);
  for (const id of EXPECTED.reddit.campaign) {
    const ownBadges = await page.evaluate((commentId) => [...document.querySelectorAll(`shreddit-comment[thingid="${commentId}"] chaff-badge`)]
      .filter((badge) => badge.parentElement.closest('shreddit-comment').getAttribute('thingid') === commentId).length, id);
    assert.equal(ownBadges, 0, `no badge on trusted ${id}`);
  }
  assert.notEqual(await page.locator(campaignBody(suspectId)).evaluate((body) => getComputedStyle(body).display), 'none');
  await save({ trustedAuthors: [] });
  await page.close();
});

test('the reader\'s own markers: a post holding one gets a notice at once, and loses it when the list is cleared', async () => {
  const page = await openScored(URLS.reddit);
  const save = (changes) => worker.evaluate(async (partial) => {
    const { chaffSettings = {} } = await chrome.storage.local.get('chaffSettings');
    await chrome.storage.local.set({ chaffSettings: { ...chaffSettings, ...partial } });
  }, changes);
  const clean = 't1_lyevnf7';
  const level = (id) => page.evaluate((commentId) => document.querySelector(`shreddit-comment[thingid="${commentId}"]`).getAttribute('data-chaff-level'), id);
  assert.equal(await level(clean), 'ok');
  // Its longest word, in capitals: matching goes through the fingerprint normalization.
  const word = await page.evaluate((commentId) => document.querySelector(`shreddit-comment[thingid="${commentId}"] > [slot="comment"]`)
    .textContent.split(/[^A-Za-z]+/).sort((a, b) => b.length - a.length)[0], clean);
  await save({ markers: [word.toUpperCase()] });
  await page.waitForFunction((commentId) => document.querySelector(`shreddit-comment[thingid="${commentId}"]`).getAttribute('data-chaff-level') === 'notice', clean);
  await save({ markers: [] });
  await page.waitForFunction((commentId) => document.querySelector(`shreddit-comment[thingid="${commentId}"]`).getAttribute('data-chaff-level') === 'ok', clean);
  await page.close();
});

test('no request leaves for anywhere but the page hosts and the extension', () => {
  assert.ok(requests.length > 0);
  const allowed = new Set(Object.keys(PAGE_OF_HOST));
  const strays = requests.filter((url) => {
    const { protocol, hostname } = new URL(url);
    return !(protocol === 'chrome-extension:' || (protocol === 'https:' && allowed.has(hostname)) || protocol === 'data:');
  });
  assert.deepEqual(strays, []);
});
