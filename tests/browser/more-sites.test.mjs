// The opt-in sites in real Chromium (dist/chrome unchanged), on Hacker News: the real saved item
// page (tests/pages/real/news.ycombinator.com-item-36817231-2023-07-23.html, 101 posts) with the
// campaign the Rust tests plant (cli/tests/scan_sites.rs: 5 near-identical comments by 5 new
// accounts, top-level and nested), served over HTTPS as https://news.ycombinator.com/item?id=….
//
// A fresh install has no access to news.ycombinator.com (an optional host permission): chaff
// touches nothing there until the reader switches Hacker News on in the popup; then every post is
// scored; switching it off removes every hint and gives the permission back.
//
// Granting in an automated browser: Chromium shows the permission prompt as browser UI that no
// driver can click (headless, it never answers). So the test does what the reader would do in
// the browser's own extension settings first ("Site access" on chrome://extensions, which calls
// chrome.developerPrivate.addHostPermission): that records the host as granted by the user, and
// Chromium then answers the extension's own chrome.permissions.request for it without a prompt.
// The request itself still comes from the popup's real switch, clicked by Playwright (a user
// gesture), so the popup's code path (request in the click, settings, the background's
// registration of the content script) is the one a reader runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR, requireBuild, launchBrowser, extensionWorker, startHttpsServer } from './harness.mjs';
import { PAGES, WASM_BLOCKING_CSP, everyPostScored } from './thread-pages.mjs';

const HN_POSTS = 'table.fatitem, tr.athing.comtr';
const HN_STORY = '36817231';
const HN_URL = `https://news.ycombinator.com/item?id=${HN_STORY}`;
const HN_ORIGIN = 'https://news.ycombinator.com/*';
const CAMPAIGN = [
  ['quantpilot_77', 'Honestly the only paper you need is the Quantum Yield whitepaper, it changed how I invest. Read it free at quantyield-research.net before they take it down.'],
  ['mira_okafor', 'Honestly the only paper you need is the Quantum Yield whitepaper. It changed how I invest! Read it free at quantyield-research.net before they take it down'],
  ['dev_ostrander', 'honestly the only paper you need is the Quantum Yield whitepaper, it changed how i invest. read it free at quantyield-research.net before they take it down!!'],
  ['lena_voss_', 'Honestly, the only paper you need is the Quantum Yield whitepaper - it changed how I invest. Read it free at quantyield-research.net before they take it down.'],
  ['tk_harlan', 'Honestly the only paper you need is the Quantum Yield white paper, it changed how I invest. Read it for free at quantyield-research.net before they take it down.'],
];
const CAMPAIGN_IDS = CAMPAIGN.map((_, n) => String(36830001 + n));

// One comment row in HN's 2023 markup (as cli/tests/scan_sites.rs hn_row writes it).
function hnRow(id, indent, author, age, text) {
  return `<tr class="athing comtr" id="${id}"><td><table border="0">  <tr>    <td class="ind" indent="${indent}">`
    + `<img src="https://news.ycombinator.com/s.gif" height="1" width="${indent * 40}"></td><td valign="top" class="votelinks"></td>`
    + '<td class="default"><div style="margin-top:2px; margin-bottom:-10px;"><span class="comhead">\n          '
    + `<a href="https://news.ycombinator.com/user?id=${author}" class="hnuser">${author}</a> <span class="age" title="${age}">`
    + `<a href="https://news.ycombinator.com/item?id=${id}">1 day ago</a></span> <span id="unv_${id}"></span>          `
    + '<span class="navs"></span>\n                  </span></div><br><div class="comment">\n                  '
    + `<span class="commtext c00">${text}</span>\n              <div class="reply">        <p><font size="1">\n                      `
    + `<u><a href="https://news.ycombinator.com/reply?id=${id}&amp;goto=item%3Fid%3D${HN_STORY}%23${id}">reply</a></u>\n                  `
    + '</font>\n      </p></div></div></td></tr>\n        </table></td></tr>\n';
}

function plantedPage() {
  const html = fs.readFileSync(path.join(PAGES, 'real', 'news.ycombinator.com-item-36817231-2023-07-23.html'), 'utf8');
  const rows = CAMPAIGN.map(([author, text], n) => hnRow(36830001 + n, n % 2, author, `2023-07-22T09:${String(10 + 2 * n).padStart(2, '0')}:14`, text)).join('');
  const at = html.indexOf('<tr class="athing comtr" id="36819113"');
  assert.ok(at > 0, 'the row to plant before');
  return html.slice(0, at) + rows + html.slice(at);
}

let server;
let browser;
let worker;
let extensionId;
const requests = [];

before(async () => {
  requireBuild();
  const page = plantedPage();
  server = await startHttpsServer((request, url) => {
    if (url.hostname !== 'news.ycombinator.com' || url.pathname !== '/item') return null;
    const headers = { 'content-type': 'text/html; charset=utf-8' };
    if (url.searchParams.has('csp')) headers['content-security-policy'] = WASM_BLOCKING_CSP;
    return { headers, body: page };
  });
  browser = await launchBrowser({ port: server.port, extension: EXTENSION_DIR });
  browser.context.on('request', (request) => requests.push(request.url()));
  worker = await extensionWorker(browser.context);
  extensionId = new URL(worker.url()).host;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function hasHnAccess() {
  return worker.evaluate((origin) => chrome.permissions.contains({ origins: [origin] }), HN_ORIGIN);
}

async function countsOf(page) {
  return worker.evaluate(async (url) => {
    // Without host access (and without the tabs permission) the tab is not even found by url.
    const [tab] = await chrome.tabs.query({ url });
    return tab ? chrome.tabs.sendMessage(tab.id, { type: 'chaff:counts' }).catch(() => null) : null;
  }, page.url());
}

async function hnLevels(page) {
  return page.evaluate((selector) => {
    const byId = {};
    for (const post of document.querySelectorAll(selector)) {
      const id = post.matches('tr.athing') ? post.id : post.querySelector('tr.athing[id]').id;
      byId[id] = post.getAttribute('data-chaff-level');
    }
    return byId;
  }, HN_POSTS);
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
  }, HN_POSTS);
}

// The popup in a tab of its own, its Hacker News switch clicked (a user gesture).
async function clickPopupSwitch(on) {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  const input = popup.locator('input[name="opt-in-site"][value="hacker-news"]');
  await popup.waitForFunction(() => document.querySelector('#state').textContent !== 'Looking at this tab…');
  assert.equal(await input.isChecked(), !on, `the switch shows Hacker News ${on ? 'off' : 'on'} before the click`);
  await input.click();
  await popup.waitForFunction(async (origin) => (await chrome.permissions.contains({ origins: [origin] })), HN_ORIGIN).catch(() => {});
  return popup;
}

async function checkScored(page) {
  await page.waitForFunction(everyPostScored, HN_POSTS, { timeout: 30_000 });
  const levels = await hnLevels(page);
  assert.equal(Object.keys(levels).length, 106, 'the story, 100 comments and 5 planted copies');
  for (const id of CAMPAIGN_IDS) assert.match(levels[id] ?? 'missing', /^(notice|suspect)$/, `campaign copy ${id}`);
  const others = Object.entries(levels).filter(([id]) => !CAMPAIGN_IDS.includes(id));
  const flagged = others.filter(([, level]) => level !== 'ok');
  assert.deepEqual(flagged, [], 'every real post is ok');
  assert.equal(await page.locator('chaff-badge').count(), CAMPAIGN_IDS.length, 'a badge on each copy, none elsewhere');
  assert.equal(await pageTextChanges(page), 0, "the page's own text is unchanged");
  return levels;
}

test('a fresh install touches nothing on Hacker News until the reader switches it on', async () => {
  assert.equal(await hasHnAccess(), false, 'news.ycombinator.com is not granted at install');
  const granted = await worker.evaluate(() => chrome.permissions.getAll());
  assert.ok(!granted.origins.some((origin) => origin.includes('ycombinator') || origin.includes('github') || origin.includes('bsky') || origin.includes('youtube')),
    `no opt-in host at install: ${granted.origins}`);
  const page = await browser.context.newPage();
  await page.goto(HN_URL);
  await page.waitForTimeout(2500);
  assert.equal(await page.locator('[data-chaff-level], chaff-badge').count(), 0, 'no level, no badge');
  assert.equal(await countsOf(page), null, 'no content script answers on the page');
  const stored = await worker.evaluate(() => chrome.storage.local.get('chaffSettings'));
  assert.notEqual(stored.chaffSettings?.sites?.['hacker-news'], true);
  await page.close();
});

test('Hacker News switched on in the popup: every post scored, the campaign flagged, the rest ok; off removes every hint', async () => {
  // Opened before the switch: the background runs chaff in tabs already open.
  const early = await browser.context.newPage();
  await early.goto(HN_URL);

  // The browser's own site-access setting (see the top of this file), then the popup's switch.
  const settingsPage = await browser.context.newPage();
  await settingsPage.goto('chrome://extensions/');
  await settingsPage.evaluate(([id, origin]) => new Promise((resolve, reject) => chrome.developerPrivate.addHostPermission(id, origin,
    () => (chrome.runtime.lastError ? reject(new Error(chrome.runtime.lastError.message)) : resolve()))), [extensionId, HN_ORIGIN]);
  await settingsPage.close();
  assert.equal(await hasHnAccess(), false, 'not granted until the extension asks');
  const popup = await clickPopupSwitch(true);
  assert.equal(await hasHnAccess(), true, 'the popup asked for and got news.ycombinator.com');
  await popup.waitForFunction(() => document.querySelector('input[name="opt-in-site"][value="hacker-news"]').checked);
  await popup.close();
  const stored = await worker.evaluate(() => chrome.storage.local.get('chaffSettings'));
  assert.equal(stored.chaffSettings.sites['hacker-news'], true, 'Hacker News is on');
  const others = await worker.evaluate(() => chrome.permissions.contains({ origins: ['https://github.com/*'] }));
  assert.equal(others, false, 'switching Hacker News on asks for no other site');

  await checkScored(early);
  await early.close();

  const page = await browser.context.newPage();
  await page.goto(HN_URL);
  const levels = await checkScored(page);
  const counts = await countsOf(page);
  assert.equal(counts.site, 'hacker-news');
  assert.equal(counts.engine, 'page', 'WASM runs in the content script where the CSP allows it');
  assert.equal(counts.counts.ok + counts.counts.notice + counts.counts.suspect, 106);

  // The same page under a CSP that blocks WebAssembly: the background worker reads it alike.
  const strict = await browser.context.newPage();
  await strict.goto(`${HN_URL}&csp=1`);
  await checkScored(strict);
  assert.deepEqual(await hnLevels(strict), levels, 'the same levels from the worker');
  assert.equal((await countsOf(strict)).engine, 'worker');
  await strict.close();

  // Off again, from the popup: every hint goes, and the permission is given back.
  const off = await clickPopupSwitch(false);
  await page.waitForFunction(() => !document.querySelector('[data-chaff-level], chaff-badge'), null, { timeout: 10_000 });
  await off.waitForFunction(async (origin) => !(await chrome.permissions.contains({ origins: [origin] })), HN_ORIGIN);
  await off.close();
  assert.equal(await pageTextChanges(page), 0);
  assert.equal((await worker.evaluate(() => chrome.storage.local.get('chaffSettings'))).chaffSettings.sites['hacker-news'], false);
  await page.close();

  // A page loaded after switching off gets nothing.
  const after = await browser.context.newPage();
  await after.goto(HN_URL);
  await after.waitForTimeout(2000);
  assert.equal(await after.locator('[data-chaff-level], chaff-badge').count(), 0);
  await after.close();
});

test('no request leaves for anywhere but news.ycombinator.com and the extension', () => {
  assert.ok(requests.length > 0);
  const strays = requests.filter((url) => {
    const { protocol, hostname } = new URL(url);
    return !(protocol === 'chrome-extension:' || protocol === 'chrome:' || protocol === 'data:' || (protocol === 'https:' && hostname === 'news.ycombinator.com'));
  });
  assert.deepEqual(strays, []);
});
