// The opt-in sites in real Chromium (dist/chrome unchanged), on Hacker News: the real saved item
// page (tests/pages/real/news.ycombinator.com-item-36817231-2023-07-23.html, 101 posts) with the
// campaign the Rust tests plant (cli/tests/scan_sites.rs: 5 near-identical comments by 5 new
// accounts, top-level and nested), served over HTTPS as https://news.ycombinator.com/item?id=….
//
// A fresh install has no access to news.ycombinator.com (an optional host permission): chaff
// touches nothing there until the reader switches Hacker News on in the popup; then every post is
// scored; switching it off removes every hint and gives the permission back. Then the listings,
// /newest and /newcomments, as served and under the WebAssembly-blocking CSP.
//
// Granting in an automated browser goes through the browser's own site access first: see
// site-checks.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PAGES } from './thread-pages.mjs';
import {
  launchWithPages, hasAccess, allowInBrowserSettings, clickPopupSwitch, switchOn, countsOf, checkScored, checkServedAndStrict,
  levelsOf, assertTextUnchanged, addLaterPosts, strayRequests, checkRerender,
} from './site-checks.mjs';

const HN_STORY = '36817231';
const HN_URL = `https://news.ycombinator.com/item?id=${HN_STORY}`;
const CAMPAIGN = [
  ['quantpilot_77', 'Honestly the only paper you need is the Quantum Yield whitepaper, it changed how I invest. Read it free at quantyield-research.net before they take it down.'],
  ['mira_okafor', 'Honestly the only paper you need is the Quantum Yield whitepaper. It changed how I invest! Read it free at quantyield-research.net before they take it down'],
  ['dev_ostrander', 'honestly the only paper you need is the Quantum Yield whitepaper, it changed how i invest. read it free at quantyield-research.net before they take it down!!'],
  ['lena_voss_', 'Honestly, the only paper you need is the Quantum Yield whitepaper - it changed how I invest. Read it free at quantyield-research.net before they take it down.'],
  ['tk_harlan', 'Honestly the only paper you need is the Quantum Yield white paper, it changed how I invest. Read it for free at quantyield-research.net before they take it down.'],
];
const HACKER_NEWS = {
  name: 'hacker-news',
  idOf: (post) => (post.matches('tr.athing') ? post.id : post.querySelector('tr.athing[id]').id),
  campaign: CAMPAIGN.map((_, n) => String(36830001 + n)),
  // The story, 100 comments and 5 planted copies.
  total: 106,
};

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

let run;
let browser;
let worker;
let extensionId;

before(async () => {
  const item = plantedPage();
  const listings = { '/newest': 'listing-hn-newest.html', '/newcomments': 'listing-hn-newcomments.html' };
  run = await launchWithPages((url) => {
    if (url.hostname !== 'news.ycombinator.com') return null;
    return url.pathname === '/item' ? item : listings[url.pathname] && fs.readFileSync(path.join(PAGES, listings[url.pathname]));
  });
  ({ browser, worker, extensionId } = run);
});

after(() => run?.close());

test('a fresh install touches nothing on Hacker News until the reader switches it on', async () => {
  assert.equal(await hasAccess(worker, 'hacker-news'), false, 'news.ycombinator.com is not granted at install');
  const granted = await worker.evaluate(() => chrome.permissions.getAll());
  assert.ok(!granted.origins.some((origin) => origin.includes('ycombinator') || origin.includes('github') || origin.includes('bsky') || origin.includes('youtube')),
    `no opt-in host at install: ${granted.origins}`);
  const page = await browser.context.newPage();
  await page.goto(HN_URL);
  await page.waitForTimeout(2500);
  assert.equal(await page.locator('[data-chaff-level], chaff-badge').count(), 0, 'no level, no badge');
  assert.equal(await countsOf(worker, page), null, 'no content script answers on the page');
  const stored = await worker.evaluate(() => chrome.storage.local.get('chaffSettings'));
  assert.notEqual(stored.chaffSettings?.sites?.['hacker-news'], true);
  await page.close();
});

test('Hacker News switched on in the popup: every post scored, the campaign flagged, the rest ok; off removes every hint', async () => {
  // Opened before the switch: the background runs chaff in tabs already open.
  const early = await browser.context.newPage();
  await early.goto(HN_URL);

  // The browser's own site-access setting (see site-checks.mjs), then the popup's switch.
  await allowInBrowserSettings(browser.context, extensionId, 'hacker-news');
  assert.equal(await hasAccess(worker, 'hacker-news'), false, 'not granted until the extension asks');
  const popup = await clickPopupSwitch(browser.context, extensionId, 'hacker-news', true);
  assert.equal(await hasAccess(worker, 'hacker-news'), true, 'the popup asked for and got news.ycombinator.com');
  await popup.waitForFunction(() => document.querySelector('input[name="opt-in-site"][value="hacker-news"]').checked);
  await popup.close();
  const stored = await worker.evaluate(() => chrome.storage.local.get('chaffSettings'));
  assert.equal(stored.chaffSettings.sites['hacker-news'], true, 'Hacker News is on');
  const others = await worker.evaluate(() => chrome.permissions.contains({ origins: ['https://github.com/*'] }));
  assert.equal(others, false, 'switching Hacker News on asks for no other site');

  await checkScored(early, HACKER_NEWS, HACKER_NEWS);
  await assertTextUnchanged(early);
  await early.close();

  const page = await browser.context.newPage();
  await page.goto(HN_URL);
  const levels = await checkScored(page, HACKER_NEWS, HACKER_NEWS);
  await assertTextUnchanged(page);
  const counts = await countsOf(worker, page);
  assert.equal(counts.site, 'hacker-news');
  assert.equal(counts.engine, 'page', 'WASM runs in the content script where the CSP allows it');
  assert.equal(counts.counts.ok + counts.counts.notice + counts.counts.suspect, 106);

  // The same page under a CSP that blocks WebAssembly: the background worker reads it alike.
  const strict = await browser.context.newPage();
  await strict.goto(`${HN_URL}&csp=1`);
  await checkScored(strict, HACKER_NEWS, HACKER_NEWS);
  await assertTextUnchanged(strict);
  assert.deepEqual(await levelsOf(strict, HACKER_NEWS), levels, 'the same levels from the worker');
  assert.equal((await countsOf(worker, strict)).engine, 'worker');

  // Comments that arrive later (a reader's tools unfold or append rows): a new copy and a person.
  const lastCopy = { source: 'tr.athing.comtr[id="36830005"]', afterLast: 'tr.athing.comtr' };
  await addLaterPosts(strict, [
    { ...lastCopy, replace: [['36830005', '36830011'], ['tk_harlan', 'orbit_fund_9'], ['take it down.', 'take it down!']] },
    { ...lastCopy, replace: [['36830005', '36830012'], ['tk_harlan', 'marginalia_fan'],
      [CAMPAIGN[4][1], 'Hamming\'s "You and Your Research" talk. Not a paper strictly, but I reread the transcript every couple of years.']] },
  ]);
  await checkScored(strict, HACKER_NEWS, { campaign: [...HACKER_NEWS.campaign, '36830011'], total: HACKER_NEWS.total + 2 });
  // The item page's comment rows re-rendered and re-used (the listings' rows are another type).
  await checkRerender(strict, HACKER_NEWS, HACKER_NEWS.campaign);
  await strict.close();

  // Off again, from the popup: every hint goes, and the permission is given back.
  const off = await clickPopupSwitch(browser.context, extensionId, 'hacker-news', false);
  await page.waitForFunction(() => !document.querySelector('[data-chaff-level], chaff-badge'), null, { timeout: 10_000 });
  await off.close();
  assert.equal(await hasAccess(worker, 'hacker-news'), false, 'the permission is given back');
  await assertTextUnchanged(page);
  assert.equal((await worker.evaluate(() => chrome.storage.local.get('chaffSettings'))).chaffSettings.sites['hacker-news'], false);
  await page.close();

  // A page loaded after switching off gets nothing.
  const after = await browser.context.newPage();
  await after.goto(HN_URL);
  await after.waitForTimeout(2000);
  assert.equal(await after.locator('[data-chaff-level], chaff-badge').count(), 0);
  await after.close();
});

// The listings (tests/pages/build_more_sites.py): /newest, story rows whose flood of titles carry
// random suffixes, by five accounts (a listed story's author is in the subtext row after it), and
// /newcomments, comment rows with a campaign of five accounts.
const NEWEST = {
  name: 'hacker-news',
  idOf: (post) => post.id,
  campaign: ['47300038', '47300036', '47300034', '47300032', '47300030'],
  total: 13,
};
const NEWCOMMENTS = {
  name: 'hacker-news',
  idOf: (post) => post.id,
  campaign: ['47310029', '47310027', '47310025', '47310023', '47310021'],
  total: 13,
};

// The reasons a listed row's badge gives (its shadow root is open), once `first` is among them.
async function reasonsOf(page, id, first) {
  const read = (id) => [...document.querySelector(`tr.athing[id="${id}"] chaff-badge`)?.shadowRoot.querySelectorAll('li') ?? []]
    .map((li) => li.textContent);
  await page.waitForFunction(`(${read})(${JSON.stringify(id)}).some((text) => text.startsWith(${JSON.stringify(first)}))`, null,
    { timeout: 10_000 });
  return page.evaluate(read, id);
}

test('Hacker News listings: the /newest title flood and the /newcomments campaign flagged, the rest ok, with and without WebAssembly', async () => {
  await switchOn(browser.context, worker, extensionId, 'hacker-news');
  await checkServedAndStrict(browser.context, worker, NEWEST, 'https://news.ycombinator.com/newest', async (page) => {
    // Each story's submitter is read from the subtext row after it: the flood is 5 accounts, and
    // a copy by a green name says the account is new, last.
    const green = await reasonsOf(page, '47300038', '5 accounts posted this text');
    assert.equal(green.at(-1), 'account marked new by Hacker News', `gainz_daily_3's copy: ${green}`);
    const older = await reasonsOf(page, '47300036', '5 accounts posted this text');
    assert.ok(!older.includes('account marked new by Hacker News'), `moonbag_tools' copy: ${older}`);
    const title = await page.locator('tr.athing[id="47300038"] .titleline > a').textContent();
    assert.match(title, /^Best AI crypto trading bot 2026, free trial, no KYC [A-Za-z0-9]{5}$/);
    // Story rows that arrive without a subtext row of their own: before the "More" row's spacer,
    // so none takes the subtext row of the story it follows.
    const row = { source: 'tr.athing[id="47300038"]', before: 'tr.morespace' };
    return {
      campaign: '47300051',
      copies: [
        { ...row, replace: [['47300038', '47300051'], [title, 'Best AI crypto trading bot 2026, free trial, no KYC Hq3Zx']] },
        { ...row, replace: [['47300038', '47300052'], [title, 'Show HN: I mapped every bench in my city']] },
      ],
    };
  });
  await checkServedAndStrict(browser.context, worker, NEWCOMMENTS, 'https://news.ycombinator.com/newcomments', async () => {
    const row = { source: 'tr.athing[id="47310029"]', afterLast: 'tr.athing' };
    return {
      campaign: '47310051',
      copies: [
        { ...row, replace: [['47310029', '47310051'], ['tk_harlan', 'yield_fan_02'], ['take it down.', 'take it down!']] },
        { ...row, replace: [['47310029', '47310052'], ['tk_harlan', 'marginalia_fan'],
          ['Honestly the only tool you need is the Quantum Yield bot, it changed how I invest. Try it for free at quantyield-research.net before they take it down.',
            'The railway timetable book is in our library too, the chapter on the Swiss clock-face is worth the whole thing.']] },
      ],
    };
  });
});

test('no request leaves for anywhere but news.ycombinator.com and the extension', () => {
  assert.ok(run.requests.length > 0);
  assert.deepEqual(strayRequests(run.requests, ['news.ycombinator.com']), []);
});
