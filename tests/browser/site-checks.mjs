// What the browser tests of each site's pages share (more-sites, opt-in-sites, listing-pages):
// switching an opt-in site on the way a reader does, reading every post's level off the page,
// adding posts as a site does when the reader scrolls, and the checks every page must pass:
// every post scored, the campaign flagged, everyone else ok, the page's own text unchanged, no
// request off the page, and hints that follow the site's re-renders (checkRerender).
//
// A site's test describes it once (a "site spec"):
//   name       sites.json's site name; the post selector is read from sites.json, as the
//              extension reads it, so a test never scores a different set of elements
//   idOf       a self-contained page-side function (post element -> id as chaff reads it),
//              sent to the page as source text
//   campaign   the ids that must be flagged (notice or suspect); every other post must be ok
//   total      how many posts the page holds as served
//
// Granting an opt-in site in an automated browser: Chromium shows the permission prompt as browser
// UI that no driver can click (headless, it never answers). So the test does what the reader
// would do in the browser's own extension settings first ("Site access" on chrome://extensions,
// which calls chrome.developerPrivate.addHostPermission): that records the host as granted by the
// user, and Chromium then answers the extension's own chrome.permissions.request for it without a
// prompt. The request itself still comes from the popup's real switch, clicked by Playwright (a
// user gesture), so the popup's code path (request in the click, settings, the background's
// registration of the content script) is the one a reader runs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, EXTENSION_DIR, requireBuild, launchBrowser, extensionWorker, startHttpsServer } from './harness.mjs';
import { everyPostScored, WASM_BLOCKING_CSP } from './thread-pages.mjs';
import { OPT_IN_SITES } from '../../extension/site-access.js';

const SITES = JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'sites.json'), 'utf8')).sites;

/** Serves `pageOf(url)` (a page's body, or null: 404) over HTTPS under the site hosts, with the
 * policy `sitePolicyOf(url)` the site always sends (if any) and, when the address has ?csp, the
 * WebAssembly-blocking CSP; launches Chromium with the built extension. Resolves to { browser,
 * worker, extensionId, requests: every request the browser made, close() }. */
export async function launchWithPages(pageOf, sitePolicyOf = () => null) {
  requireBuild();
  const server = await startHttpsServer((request, url) => {
    const body = pageOf(url);
    if (!body) return null;
    const policies = [sitePolicyOf(url), url.searchParams.has('csp') && WASM_BLOCKING_CSP].filter(Boolean);
    const headers = { 'content-type': 'text/html; charset=utf-8' };
    if (policies.length) headers['content-security-policy'] = policies.join('; ');
    return { headers, body };
  });
  const browser = await launchBrowser({ port: server.port, extension: EXTENSION_DIR });
  const requests = [];
  browser.context.on('request', (request) => requests.push(request.url()));
  const worker = await extensionWorker(browser.context);
  return {
    browser,
    worker,
    extensionId: new URL(worker.url()).host,
    requests,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** A selector of exactly the site's post elements, from sites.json: a top_level type's elements
 * inside another post element are part of that post (Chromium reads the complex :not). */
export function postSelectorOf(siteName) {
  const site = SITES.find((candidate) => candidate.name === siteName);
  assert.ok(site, `sites.json has ${siteName}`);
  const types = Object.values(site.post_types);
  const all = types.flatMap((type) => type.element).join(', ');
  return types.flatMap((type) => type.element.map((element) => (type.top_level ? `${element}:not(:is(${all}) *)` : element))).join(', ');
}

/** Whether the extension holds every origin of an opt-in site. */
export function hasAccess(worker, site) {
  return worker.evaluate((origins) => chrome.permissions.contains({ origins }), OPT_IN_SITES[site]);
}

/** The reader's "Site access" in the browser's extension settings (see the top of this file). */
export async function allowInBrowserSettings(context, extensionId, site) {
  const settingsPage = await context.newPage();
  await settingsPage.goto('chrome://extensions/');
  for (const origin of OPT_IN_SITES[site]) {
    await settingsPage.evaluate(([id, host]) => new Promise((resolve, reject) => chrome.developerPrivate.addHostPermission(id, host,
      () => (chrome.runtime.lastError ? reject(new Error(chrome.runtime.lastError.message)) : resolve()))), [extensionId, origin]);
  }
  await settingsPage.close();
}

/** Opens the popup in a tab of its own and clicks the site's switch (a user gesture); resolves
 * once the browser's permission follows the switch. Returns the popup, still open. */
export async function clickPopupSwitch(context, extensionId, site, on) {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  const input = popup.locator(`input[name="opt-in-site"][value="${site}"]`);
  await popup.waitForFunction(() => document.querySelector('#state').textContent !== 'Looking at this tab…');
  assert.equal(await input.isChecked(), !on, `the switch shows ${site} ${on ? 'off' : 'on'} before the click`);
  await input.click();
  await popup.waitForFunction(async ([origins, wanted]) => (await chrome.permissions.contains({ origins })) === wanted,
    [OPT_IN_SITES[site], on], { timeout: 10_000 });
  return popup;
}

/** Switches an opt-in site on as a reader does: the browser's site access, then the popup. */
export async function switchOn(context, worker, extensionId, site) {
  await allowInBrowserSettings(context, extensionId, site);
  const popup = await clickPopupSwitch(context, extensionId, site, true);
  await popup.waitForFunction((name) => document.querySelector(`input[name="opt-in-site"][value="${name}"]`).checked, site);
  await popup.close();
  const stored = await worker.evaluate(() => chrome.storage.local.get('chaffSettings'));
  assert.equal(stored.chaffSettings.sites[site], true, `${site} is on`);
}

/** The content script's answer to the popup ({ site, engine, counts }), or null when none runs. */
export function countsOf(worker, page) {
  return worker.evaluate(async (url) => {
    // Without host access (and without the tabs permission) the tab is not even found by url.
    const [tab] = await chrome.tabs.query({ url });
    return tab ? chrome.tabs.sendMessage(tab.id, { type: 'chaff:counts' }).catch(() => null) : null;
  }, page.url());
}

// Page side: post id -> data-chaff-level of every post element.
function readLevels(selector, idOf) {
  const byId = {};
  for (const post of document.querySelectorAll(selector)) byId[idOf(post)] = post.getAttribute('data-chaff-level');
  return byId;
}

/** post id -> level, read from the page's own attributes. */
export function levelsOf(page, spec) {
  return page.evaluate(`(${readLevels})(${JSON.stringify(postSelectorOf(spec.name))}, ${spec.idOf})`);
}

/** Waits until every post is scored; then checks the page holds `total` posts, the `campaign`
 * ids are flagged, every other post is ok and only the copies carry a badge. Returns the levels. */
export async function checkScored(page, spec, { campaign, total }) {
  await page.waitForFunction(everyPostScored, postSelectorOf(spec.name), { timeout: 30_000 });
  // A copy read in an early batch is raised when its siblings arrive: wait for the last batch.
  await page.waitForFunction(`(() => { const levels = (${readLevels})(${JSON.stringify(postSelectorOf(spec.name))}, ${spec.idOf});
    return ${JSON.stringify(campaign)}.every((id) => levels[id] === 'notice' || levels[id] === 'suspect'); })()`, null, { timeout: 10_000 })
    .catch(() => {});
  const levels = await levelsOf(page, spec);
  assert.equal(Object.keys(levels).length, total, `${total} posts: ${Object.keys(levels)}`);
  for (const id of campaign) assert.match(levels[id] ?? 'missing', /^(notice|suspect)$/, `campaign copy ${id}`);
  const flagged = Object.entries(levels).filter(([id, level]) => !campaign.includes(id) && level !== 'ok');
  assert.deepEqual(flagged, [], 'every other post is ok');
  assert.equal(await page.locator('chaff-badge').count(), campaign.length, 'a badge on each copy, none elsewhere');
  return levels;
}

// Page side: the body's text without chaff's own elements, against a fresh parse of the served
// page; null when they agree, else where they part. A page that requires Trusted Types (YouTube)
// takes the parse's HTML only through a policy.
async function textChange() {
  const html = await (await fetch(location.href)).text();
  const policy = window.trustedTypes?.createPolicy(`chaff-test-${Math.random().toString(36).slice(2)}`, { createHTML: (text) => text });
  const served = new DOMParser().parseFromString(policy ? policy.createHTML(html) : html, 'text/html').body.textContent;
  const body = document.body.cloneNode(true);
  for (const own of body.querySelectorAll('chaff-badge, chaff-panel')) own.remove();
  const shown = body.textContent;
  if (shown === served) return null;
  let at = 0;
  while (shown[at] === served[at]) at++;
  return { shown: shown.slice(Math.max(0, at - 40), at + 80), served: served.slice(Math.max(0, at - 40), at + 80) };
}

/** The page's own text is what the site served. */
export async function assertTextUnchanged(page) {
  assert.equal(await page.evaluate(`(${textChange})()`), null, "the page's own text is unchanged");
}

// Page side: a copy of an existing element (`source`) as a site renders a post that arrives later,
// every `replace` pair applied to its attributes and text; chaff's own marks are not copied. It
// goes before `before`, or after the last element matching `afterLast`. DOM calls only: no HTML
// string, which a page under Trusted Types would refuse.
function addCopy({ source, before, afterLast, replace }) {
  const copy = document.querySelector(source).cloneNode(true);
  for (const own of copy.querySelectorAll('chaff-badge, chaff-panel')) own.remove();
  const used = new Set();
  const swap = (text) => replace.reduce((value, [from, to]) => {
    if (value.includes(from)) used.add(from);
    return value.split(from).join(to);
  }, text);
  for (const element of [copy, ...copy.querySelectorAll('*')]) {
    for (const { name, value } of [...element.attributes]) {
      if (name.startsWith('data-chaff')) element.removeAttribute(name);
      else if (swap(value) !== value) element.setAttribute(name, swap(value));
    }
  }
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) node.data = swap(node.data);
  const unused = replace.filter(([from]) => !used.has(from));
  if (unused.length) throw new Error(`not in ${source}: ${unused.map(([from]) => from).join(' | ')}`);
  if (before) document.querySelector(before).before(copy);
  else [...document.querySelectorAll(afterLast)].at(-1).after(copy);
}

/** Adds posts that arrive later (each a copy description for addCopy), after scrolling to the end
 * of the page as a reader would. */
export async function addLaterPosts(page, copies) {
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  for (const copy of copies) await page.evaluate(`(${addCopy})(${JSON.stringify(copy)})`);
}

/** The requests to anywhere but the given hosts (over HTTPS) and the extension itself. */
export function strayRequests(requests, hosts) {
  return requests.filter((url) => {
    const { protocol, hostname } = new URL(url);
    return !(protocol === 'chrome-extension:' || protocol === 'chrome:' || protocol === 'data:' || (protocol === 'https:' && hosts.includes(hostname)));
  });
}

/** The spec's page at `url` as served, then with ?csp=1 (the test's server then sends a CSP that
 * blocks WebAssembly): each time every post scored and the campaign flagged (checkScored), the
 * page's text unchanged, the engine in the page, then in the worker; `inspect(page)` for the
 * site's own checks, resolving to the posts that arrive later ({ campaign: the id of the one new
 * copy, copies: addCopy descriptions }), which must be scored alike; the site's re-renders
 * (checkRerender); no request off the page's host. Resolves to the levels found on either run. */
export async function checkServedAndStrict(context, worker, spec, url, inspect) {
  const found = [];
  for (const strict of [false, true]) {
    const page = await context.newPage();
    const own = [];
    page.on('request', (request) => own.push(request.url()));
    const address = new URL(url);
    if (strict) address.searchParams.set('csp', '1');
    await page.goto(address.href);
    found.push(await checkScored(page, spec, spec));
    await assertTextUnchanged(page);
    const counts = await countsOf(worker, page);
    assert.equal(counts.site, spec.name);
    assert.equal(counts.engine, strict ? 'worker' : 'page', strict ? 'the worker where WebAssembly is blocked' : 'WebAssembly in the content script');
    assert.equal(counts.counts.ok + counts.counts.notice + counts.counts.suspect, spec.total);

    const later = await inspect(page);
    await addLaterPosts(page, later.copies);
    await checkScored(page, spec, { campaign: [...spec.campaign, later.campaign], total: spec.total + later.copies.length });
    await checkRerender(page, spec, spec.campaign);
    assert.deepEqual(strayRequests(own, [address.hostname]), [], 'nothing fetched off the page');
    await page.close();
  }
  return found;
}

// Page side, re-render step (a): the site replaces a flagged post's element with a fresh render of
// it (a clone with the same id and text, without chaff's marks, which a site's render never has).
// The old and new elements stay on window.__chaffRerender for the wait that follows.
function replaceWithClone({ selector, idOf, id }) {
  const old = [...document.querySelectorAll(selector)].find((post) => idOf(post) === id);
  const fresh = old.cloneNode(true);
  for (const own of fresh.querySelectorAll('chaff-badge, chaff-panel')) own.remove();
  for (const element of [fresh, ...fresh.querySelectorAll('*')]) {
    for (const { name } of [...element.attributes]) if (name.startsWith('data-chaff')) element.removeAttribute(name);
  }
  const level = old.getAttribute('data-chaff-level');
  old.replaceWith(fresh);
  window.__chaffRerender = { old, fresh, level };
  return level;
}

// Page side, step (b): the site re-uses a flagged post's element for another, ordinary post: every
// attribute naming the old id names the new one, and the longest text (the post's body) is the
// new post's, wherever the element holds it: as text, and as an attribute that repeats it (new
// Reddit's feed cards are link posts whose text is their title, kept in the post-title attribute
// too, which the adapter reads first; a render of another post rewrites both, and a recycle that
// left the attribute would still be the flood's post, rightly flagged).
// Returns the element's new id as the adapter's selector reads it.
function recycle({ selector, idOf, id, newId, text }) {
  const element = [...document.querySelectorAll(selector)].find((post) => idOf(post) === id);
  let body = null;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest('chaff-badge, chaff-panel') && node.data.trim().length > (body?.data.trim().length ?? 0)) body = node;
  }
  const oldText = body.data.trim();
  for (const node of [element, ...element.querySelectorAll('*')]) {
    if (node.closest('chaff-badge, chaff-panel')) continue;
    for (const { name, value } of [...node.attributes]) {
      if (value.trim() === oldText) node.setAttribute(name, text);
      else if (value.includes(id)) node.setAttribute(name, value.split(id).join(newId));
    }
  }
  body.data = text;
  window.__chaffRerender = { recycled: element };
  return idOf(element);
}

// Page side, step (c): from now on, counts every <chaff-badge> inserted into or removed from the
// page (window.__chaffBadgeMoves): a badge that flickers is removed and inserted again and again.
function countBadgeMoves() {
  const moves = { inserted: 0, removed: 0 };
  const badges = (nodes) => [...nodes].filter((node) => node.nodeType === Node.ELEMENT_NODE && node.localName === 'chaff-badge').length;
  new MutationObserver((records) => {
    for (const record of records) {
      moves.inserted += badges(record.addedNodes);
      moves.removed += badges(record.removedNodes);
    }
  }).observe(document, { childList: true, subtree: true });
  window.__chaffBadgeMoves = moves;
}

// Page side, step (c): the site drops a flagged post's badge and nothing else (YouTube's re-render
// of a comment keeps the comment's element and drops the nodes it did not make). Returns the
// post's level; the element stays on window.__chaffRerender for the wait that follows.
function removeBadge({ selector, idOf, id }) {
  const element = [...document.querySelectorAll(selector)].find((post) => idOf(post) === id);
  element.querySelector('chaff-badge').remove();
  window.__chaffRerender = { stripped: element, level: element.getAttribute('data-chaff-level') };
  return window.__chaffRerender.level;
}

// How long an idle page is watched for flicker, before and after step (c)'s removal: twice the
// longest period of the content script's own work (redraws and cross-thread memory lookups come
// at most once a second, content.js; the page watcher's work at most 300 ms after a change).
const IDLE_WATCH_MS = 2000;

// A sentence no page of these tests holds: the recycled element's new post, ordinary.
const ORDINARY_TEXT = 'Our allotment finally has running water again, so the Saturday watering rota can go back in the drawer.';

/** What these sites do when they re-render, on a scored page with at least three flagged posts,
 * each checked for what a reader sees: (a) a flagged post's element replaced by a fresh clone
 * carries exactly one badge with the same level, the old element none; (b) a flagged post's
 * element recycled for an ordinary post ends ok with no badge, never the old campaign's; (c) no
 * badge flickers on the idle page (none removed or inserted), and a badge the site removed from a
 * flagged post that it kept comes back, once, with nothing else on the page changing. Run last: the
 * page's campaign is one copy short afterwards. */
export async function checkRerender(page, spec, campaign) {
  const selector = postSelectorOf(spec.name);
  const args = (id, extra = {}) => JSON.stringify({ selector, id, ...extra });
  const call = (fn, id, extra) => page.evaluate(`(${fn})({ ...${args(id, extra)}, idOf: ${spec.idOf} })`);
  const [replaced, recycled, stripped] = campaign;
  // A wait that names its step when it runs out (a bare timeout says only where it was called).
  const waitFor = (step, fn) => page.waitForFunction(fn, null, { timeout: 5_000 })
    .catch((error) => assert.fail(`${step} not seen within 5 s (${error.message.split('\n')[0]})`));
  const badges = await page.locator('chaff-badge').count();

  const level = await call(replaceWithClone, replaced);
  assert.match(level ?? 'missing', /^(notice|suspect)$/, `${replaced} is flagged before the re-render`);
  await waitFor('(a) one badge and the level on the fresh element, none on the old', () => {
    const { old, fresh, level: was } = window.__chaffRerender;
    return fresh.getAttribute('data-chaff-level') === was && fresh.querySelectorAll('chaff-badge').length === 1 && !old.querySelector('chaff-badge');
  });
  assert.equal(await page.locator('chaff-badge').count(), badges, '(a) the re-rendered post took its badge along: no second one');

  const newId = await call(recycle, recycled, { newId: `${recycled}9`, text: ORDINARY_TEXT });
  assert.equal(newId, `${recycled}9`, '(b) the adapter reads the recycled element as the new post');
  await waitFor('(b) the recycled element ok, with no badge', () => {
    const { recycled: element } = window.__chaffRerender;
    return element.getAttribute('data-chaff-level') === 'ok' && !element.querySelector('chaff-badge');
  });
  assert.equal(await page.locator('chaff-badge').count(), badges - 1, "(b) the old post's badge went, to no other element");

  await page.evaluate(countBadgeMoves);
  await page.waitForTimeout(IDLE_WATCH_MS);
  assert.deepEqual(await page.evaluate(() => window.__chaffBadgeMoves), { inserted: 0, removed: 0 }, '(c) no badge moves on the idle page');
  const strippedLevel = await call(removeBadge, stripped);
  assert.match(strippedLevel ?? 'missing', /^(notice|suspect)$/, `${stripped} is flagged before its badge is removed`);
  await waitFor('(c) the removed badge back on its post', () => {
    const { stripped: element, level } = window.__chaffRerender;
    return element.querySelectorAll('chaff-badge').length === 1 && element.getAttribute('data-chaff-level') === level;
  });
  await page.waitForTimeout(IDLE_WATCH_MS);
  assert.deepEqual(await page.evaluate(() => window.__chaffBadgeMoves), { inserted: 1, removed: 1 },
    "(c) the page's one removal, chaff's one insertion: no flicker after it");
  assert.equal(await page.locator('chaff-badge').count(), badges - 1, '(c) no other badge came or went');
}
