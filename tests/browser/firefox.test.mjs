// The built Firefox extension (dist/firefox) in Debian's Firefox ESR (chaff promises Firefox,
// not only Chromium): installed as a temporary add-on over WebDriver BiDi (puppeteer-core, no browser
// download), it reads the same saved thread pages under their real hostnames. What Firefox does
// differently is what these tests pin: MV3 with an event-page background (background.scripts),
// WebAssembly in a content script, also on a page whose CSP blocks WebAssembly (Firefox 153
// compiles a content script's WebAssembly under the extension's CSP, not the page's: the tab's
// chaff:counts answers engine 'page' there, so the background engine is asked directly, as a
// content script asks it, in the Hacker News test), and the moderator export, a Blob download
// started from a content script.
//
// The opt-in sites in Firefox (optional_host_permissions, which Firefox supports from 128, the
// manifest's strict_min_version): a fresh install touches nothing on Hacker News (the real saved
// item page, with a campaign planted as cli/tests/new_account.rs plants it, two copies by accounts
// HN marks new) until the popup's switch is clicked; then every post is scored and a new
// account's copy says so in its hint; switching off removes every hint and the permission.
// Granting in an automated Firefox: permissions.request shows a doorhanger that WebDriver cannot
// answer, so the profile sets extensions.webextOptionalPermissionPrompts = false, Firefox's own
// switch (its test suites use it) that grants an optional permission without that prompt. It
// does not lift the rule that a request must come from a user's action: the request still comes
// from the popup's real switch, clicked over WebDriver BiDi (a trusted click), so the popup's code
// path is the one a reader runs; a request made from a script without a click is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchFirefox, openFirefoxExtensionPage, startHttpsServer } from './harness.mjs';
import { PAGES, POSTS, URLS, EXPECTED, WASM_BLOCKING_CSP, serveThreadPages, everyPostScored, postLevels, assertLevels } from './thread-pages.mjs';

let server;
let hnServer;
let browser;
let downloadDir;

before(async () => {
  server = await serveThreadPages();
  const hnPage = plantedHackerNews();
  // ?csp=1: the same page under a CSP that blocks WebAssembly (the background engine reads it).
  hnServer = await startHttpsServer((request, url) => {
    if (url.hostname !== 'news.ycombinator.com' || url.pathname !== '/item') return null;
    const headers = { 'content-type': 'text/html; charset=utf-8' };
    if (url.searchParams.has('csp')) headers['content-security-policy'] = WASM_BLOCKING_CSP;
    return { headers, body: hnPage };
  });
  downloadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaff-firefox-downloads-'));
  // See the top of this file: optional permissions granted on a click without the doorhanger.
  browser = await launchFirefox({ downloadDir, prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await hnServer?.close();
  if (downloadDir) fs.rmSync(downloadDir, { recursive: true, force: true });
});

// Firefox resolves the site hostnames to this machine but cannot remap the port: it goes in the URL.
function served(url) {
  const parsed = new URL(url);
  parsed.port = String(server.port);
  return parsed.href;
}

async function openScored(url) {
  const page = await browser.newPage();
  await page.goto(served(url));
  await page.waitForFunction(everyPostScored, { timeout: 30_000 }, POSTS);
  return page;
}

for (const [site, url, expected] of [
  ['new Reddit', URLS.reddit, EXPECTED.reddit],
  ['old Reddit', URLS.oldReddit, EXPECTED.oldReddit],
  ['X', URLS.x, EXPECTED.x],
]) {
  test(`Firefox, ${site}: campaign copies are flagged and clean posts stay ok`, async () => {
    const page = await openScored(url);
    assertLevels(await page.evaluate(postLevels, POSTS), expected);
    assert.ok(await page.evaluate(() => document.querySelectorAll('chaff-badge').length) > 0, 'badges are shown');
    await page.close();
  });
}

test('Firefox: a page whose CSP blocks WebAssembly gets the same levels', async () => {
  const page = await openScored(URLS.reddit.replace('.com/', '.com/csp/'));
  assertLevels(await page.evaluate(postLevels, POSTS), EXPECTED.reddit);
  await page.close();
});

test('Firefox: the moderator panel opens on the shortcut\'s message and its CSV export downloads locally', async () => {
  const page = await openScored(URLS.reddit);
  // The shortcut's command reaches the tab as a message from the extension (a key press made
  // over WebDriver never reaches Firefox's shortcut handling): send that message from one of the
  // extension's own pages.
  const extensionPage = await openFirefoxExtensionPage(browser, 'options/options.html');
  await extensionPage.evaluate(async (pattern) => {
    const [tab] = await browser.tabs.query({ url: pattern });
    await browser.tabs.sendMessage(tab.id, { type: 'chaff:toggle-panel' });
  }, 'https://www.reddit.com/*');
  await extensionPage.close();
  await page.waitForFunction(() => /gift card/i.test(document.querySelector('chaff-panel')?.shadowRoot?.textContent ?? ''));
  await page.evaluate(() => {
    const buttons = [...document.querySelector('chaff-panel').shadowRoot.querySelectorAll('button')];
    buttons.find((button) => /download csv/i.test(button.textContent)).click();
  });
  const csv = await waitForDownload(/^chaff-.*\.csv$/);
  const header = csv.split(/\r?\n/)[0];
  assert.match(header, /cluster/i, header);
  for (const id of EXPECTED.reddit.campaign) assert.ok(csv.includes(id), `${id} is in the export`);
  await page.close();
});

async function waitForDownload(name, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = fs.readdirSync(downloadDir);
    const done = files.find((file) => name.test(file));
    // Firefox writes a download under a temporary name (and a .part beside it) and renames it
    // when done, so a file seen in the listing may be gone a moment later: read the final name
    // once it has content and the .part is gone, and look again if it moved meanwhile.
    if (done && !files.includes(`${done}.part`)) {
      const text = readIfPresent(path.join(downloadDir, done));
      if (text) return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no download matching ${name} in ${downloadDir}: ${fs.readdirSync(downloadDir).join(', ') || 'empty'}`);
}

function readIfPresent(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return '';
    throw error;
  }
}

// ---- the opt-in sites: Hacker News ------------------------------------------------------------

const HN_POSTS = 'table.fatitem, tr.athing.comtr';
const HN_ORIGIN = 'https://news.ycombinator.com/*';
const HN_CAMPAIGN = ['36850001', '36850002', '36850003', '36850004'];
const HN_NEW_ACCOUNT_COPIES = ['36850002', '36850004'];
const HN_FACT = 'account marked new by Hacker News';
const HN_PITCH = 'Everyone here should try the Lumen Ledger app, it fixed my budgeting in a week. Get it at lumenledger-app.com';

// One top-level comment row in HN's 2023 markup; a new account's name is green.
function hnRow(id, author, newAccount, age, text) {
  const name = newAccount ? `<font color="#3c963c">${author}</font>` : author;
  return `<tr class="athing comtr" id="${id}"><td><table border="0"><tr><td class="ind" indent="0"></td><td class="default">`
    + `<div><span class="comhead"><a href="https://news.ycombinator.com/user?id=${author}" class="hnuser">${name}</a> `
    + `<span class="age" title="${age}"><a href="https://news.ycombinator.com/item?id=${id}">1 day ago</a></span></span></div>`
    + `<br><div class="comment"><span class="commtext c00">${text}</span></div></td></tr></table></td></tr>\n`;
}

// The real item page with four campaign copies (two by new accounts) and an ordinary comment by a
// new account, which must stay ok.
function plantedHackerNews() {
  const html = fs.readFileSync(path.join(PAGES, 'real', 'news.ycombinator.com-item-36817231-2023-07-23.html'), 'utf8');
  const rows = HN_CAMPAIGN.map((id, n) => hnRow(id, `ledger_fan${n}`, HN_NEW_ACCOUNT_COPIES.includes(id), `2023-07-22T11:0${n}:00`, HN_PITCH))
    .join('') + hnRow('36850009', 'curious_newcomer', true, '2023-07-22T11:30:00',
    'I only signed up to say that the chapter on channel capacity finally made entropy click for me.');
  const at = html.indexOf('<tr class="athing comtr" id="36819113"');
  assert.ok(at > 0, 'the row to plant before');
  return html.slice(0, at) + rows + html.slice(at);
}

function hnUrl() {
  return `https://news.ycombinator.com:${hnServer.port}/item?id=36817231`;
}

// Asked from one of the extension's own pages, where browser.* is at hand.
async function inExtension(fn, arg) {
  const extensionPage = await openFirefoxExtensionPage(browser, 'options/options.html');
  try {
    return await extensionPage.evaluate(fn, arg);
  } finally {
    await extensionPage.close();
  }
}

const hasHnAccess = () => inExtension((origin) => browser.permissions.contains({ origins: [origin] }), HN_ORIGIN);
const storedSites = () => inExtension(async () => (await browser.storage.local.get('chaffSettings')).chaffSettings?.sites ?? {});

// The popup in a tab of its own, its Hacker News switch clicked (a trusted click, see the top).
// Waits for the switch's whole effect before the popup closes: a checkbox shows its new state on
// the click itself, before the popup's request, settings and permission removal are done.
async function clickHnSwitch(on) {
  const popup = await openFirefoxExtensionPage(browser, 'popup/popup.html');
  const selector = 'input[name="opt-in-site"][value="hacker-news"]';
  // The popup reads the switch's state asynchronously (showOptInSites): wait for it to show.
  await popup.waitForFunction((s, shown) => document.querySelector(s).checked === shown, { timeout: 10_000 }, selector, !on)
    .catch(() => assert.fail(`the switch never showed Hacker News ${on ? 'off' : 'on'}`));
  await popup.click(selector);
  await popup.waitForFunction(async (origin, want) => {
    const granted = await browser.permissions.contains({ origins: [origin] });
    const { chaffSettings } = await browser.storage.local.get('chaffSettings');
    return granted === want && (chaffSettings?.sites?.['hacker-news'] ?? false) === want;
  }, { timeout: 10_000, polling: 100 }, HN_ORIGIN, on);
  await popup.close();
}

// post id -> level, and each badge's reasons read from its popover (shadow root).
function hnVerdicts(selector) {
  const levels = Object.fromEntries([...document.querySelectorAll(selector)].map((post) => {
    const id = post.matches('tr.athing') ? post.id : post.querySelector('tr.athing[id]').id;
    return [id, post.getAttribute('data-chaff-level')];
  }));
  const reasons = Object.fromEntries([...document.querySelectorAll('chaff-badge')]
    .map((badge) => [badge.closest('tr.athing').id, [...badge.shadowRoot.querySelectorAll('.popover li')].map((li) => li.textContent)]));
  return { levels, reasons };
}

function hnHints() {
  return document.querySelectorAll('[data-chaff-level], chaff-badge').length;
}

test('Firefox, Hacker News: untouched until the popup switches it on, then scored with new accounts stated; off removes every hint', async () => {
  assert.equal(await hasHnAccess(), false, 'news.ycombinator.com is not granted at install');
  const granted = await inExtension(() => browser.permissions.getAll());
  assert.deepEqual(granted.origins.filter((origin) => /ycombinator|github|bsky|youtube/.test(origin)), [], 'no opt-in host at install');
  // A request without the reader's click is refused, pref or not: the grant below is the click's.
  const request = (origin) => browser.permissions.request({ origins: [origin] }).then(String, (error) => error.message);
  const unasked = await inExtension(request, HN_ORIGIN);
  assert.match(unasked, /only be called from a user input handler/);
  assert.equal(await hasHnAccess(), false);

  const page = await browser.newPage();
  await page.goto(hnUrl());
  await new Promise((resolve) => setTimeout(resolve, 2500));
  assert.equal(await page.evaluate(hnHints), 0, 'no level, no badge before the switch');
  assert.notEqual((await storedSites())['hacker-news'], true);

  await clickHnSwitch(true);
  assert.equal(await hasHnAccess(), true, 'the click asked for and got news.ycombinator.com');
  assert.equal((await storedSites())['hacker-news'], true, 'Hacker News is on');
  assert.equal(await inExtension(() => browser.permissions.contains({ origins: ['https://github.com/*'] })), false, 'no other site');

  // The tab open before the switch is read too (the background runs chaff in open tabs).
  await page.waitForFunction(everyPostScored, { timeout: 30_000 }, HN_POSTS);
  const verdicts = await page.evaluate(hnVerdicts, HN_POSTS);
  const { levels, reasons } = verdicts;
  assert.equal(Object.keys(levels).length, 106, 'the story, 100 comments, 4 copies and one new account\'s comment');
  for (const id of HN_CAMPAIGN) assert.match(levels[id], /^(notice|suspect)$/, `campaign copy ${id}`);
  const flagged = Object.entries(levels).filter(([id, level]) => !HN_CAMPAIGN.includes(id) && level !== 'ok');
  assert.deepEqual(flagged, [], 'every other post is ok, the new account\'s own comment too');
  // The badges' reasons: the fact on the new accounts' copies only.
  assert.deepEqual(Object.keys(reasons).sort(), HN_CAMPAIGN, 'a badge on each copy, none elsewhere');
  for (const id of HN_CAMPAIGN) {
    const states = reasons[id].includes(HN_FACT);
    assert.equal(states, HN_NEW_ACCOUNT_COPIES.includes(id), `${id}: ${reasons[id].join(' | ')}`);
    if (states) assert.equal(reasons[id].at(-1), HN_FACT, 'the fact comes after the evidence');
  }

  // The same page under a CSP that blocks WebAssembly gets the same verdicts. (Firefox compiles a
  // content script's WebAssembly under the extension's CSP, not the page's, so the engine stays
  // in the page here; Chromium's worker path is in more-sites.test.mjs.)
  const strict = await browser.newPage();
  await strict.goto(`${hnUrl()}&csp=1`);
  await strict.waitForFunction(everyPostScored, { timeout: 30_000 }, HN_POSTS);
  assert.deepEqual(await strict.evaluate(hnVerdicts, HN_POSTS), verdicts, 'the same levels and reasons under the CSP');
  await strict.close();
  // The background engine, where such a page's posts go in Chromium, given the posts as the
  // content script sends them (content.js enginePost) states the fact as the page's engine does.
  const fromWorker = await inExtension(async (posts) => {
    const reply = await browser.runtime.sendMessage({ type: 'chaff:engine', op: 'rebuild', token: 'firefox-test', posts });
    await browser.runtime.sendMessage({ type: 'chaff:engine', op: 'drop', token: 'firefox-test' });
    return reply.verdicts.map((verdict) => [verdict.id, verdict.reasons.map((reason) => reason.text)]);
  }, HN_CAMPAIGN.map((id, n) => ({
    id, text: HN_PITCH, author: `ledger_fan${n}`, created: 1690023600 + 60 * n, site: 'hacker-news', new_account: HN_NEW_ACCOUNT_COPIES.includes(id),
  })));
  for (const [id, texts] of fromWorker) assert.equal(texts.at(-1) === HN_FACT, HN_NEW_ACCOUNT_COPIES.includes(id), `${id}: ${texts}`);
  await strict.close();

  await clickHnSwitch(false);
  await page.waitForFunction(() => !document.querySelector('[data-chaff-level], chaff-badge'), { timeout: 10_000 });
  assert.equal(await hasHnAccess(), false, 'the permission is given back');
  assert.equal((await storedSites())['hacker-news'], false);
  await page.close();

  const after = await browser.newPage();
  await after.goto(hnUrl());
  await new Promise((resolve) => setTimeout(resolve, 2000));
  assert.equal(await after.evaluate(hnHints), 0, 'a page loaded after switching off gets nothing');
  await after.close();
});
