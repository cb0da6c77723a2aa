// Browser tests of chaff's UI modules: settings, memory, badges and popovers, display modes, copy
// highlighting, the moderator panel and the export, run in Debian Chromium through
// playwright-core. Design: the extension's ES modules are loaded, unchanged and unbundled, into a
// local page that reproduces a shreddit thread (new Reddit's markup: posts and comments as custom
// elements whose text sits in named slots), served by a tiny HTTP server on 127.0.0.1 (a secure
// context, so crypto.subtle works as on https pages). A small module made here imports the ones
// under test and hands them to the tests as `globalThis.chaff` (the extension itself shares
// nothing through globals). A small chrome.storage / chrome.extension shim, defined here and
// never shipped, stands in for the extension APIs. When the built extension exists
// (dist/chrome), its options page and popup are opened too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXTENSION = path.join(ROOT, 'extension');
const DIST = path.join(ROOT, 'dist', 'chrome');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
// The opt-in sites (extension/shared/sites.js) start off.
const OPT_IN_OFF = { 'hacker-news': false, github: false, bluesky: false, youtube: false };

// The modules under test, for page.evaluate: chaff.settings, chaff.hints, chaff.panel…; each
// imports what it needs itself, as in the extension. Module scripts run after the classic shim.
const MODULES = `
import * as settings from '/ext/settings.js';
import * as memory from '/ext/memory.js';
import * as hints from '/ext/ui/hints.js';
import * as panel from '/ext/ui/panel.js';
import * as exporter from '/ext/ui/panel-export.js';
globalThis.chaff = { settings, memory, hints, panel, exporter };
`;

// Stand-in for the extension APIs the modules and pages use: chrome.storage.local (promise style,
// with onChanged fired after each write, as browsers do), chrome.extension.inIncognitoContext, and
// for the popup chrome.tabs / chrome.permissions / chrome.runtime, whose answers the test sets in
// the page's query string (reply: the content script's JSON answer; granted: 0 or 1).
const SHIM = `
'use strict';
{
  const area = new Map();
  const listeners = new Set();
  const copy = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  const notify = (changes) => setTimeout(() => { for (const listener of listeners) listener(changes, 'local'); });
  const keysOf = (keys) => (keys == null ? [...area.keys()] : Array.isArray(keys) ? keys : [keys]);
  const query = new URLSearchParams(location.search);
  globalThis.__calls = [];
  let granted = query.get('granted') !== '0';
  globalThis.chrome = {
    extension: { inIncognitoContext: false },
    runtime: { openOptionsPage: async () => __calls.push(['openOptionsPage']), getManifest: () => (${JSON.stringify(MANIFEST)}) },
    commands: { getAll: async () => [{ name: 'toggle-panel', shortcut: 'Alt+Shift+C' }] },
    tabs: {
      query: async () => [{ id: 7 }],
      async sendMessage(tabId, message) {
        __calls.push(['sendMessage', tabId, message]);
        if (!query.has('reply')) throw new Error('Could not establish connection. Receiving end does not exist.');
        return JSON.parse(query.get('reply'));
      },
    },
    permissions: {
      contains: async () => granted,
      async request(request) {
        __calls.push(['request', request]);
        granted = true;
        return true;
      },
    },
    storage: {
      local: {
        async get(keys) {
          const out = {};
          for (const key of keysOf(keys)) if (area.has(key)) out[key] = copy(area.get(key));
          return out;
        },
        async set(items) {
          const changes = {};
          for (const [key, value] of Object.entries(items)) {
            changes[key] = { oldValue: copy(area.get(key)), newValue: copy(value) };
            area.set(key, copy(value));
          }
          notify(changes);
        },
        async remove(keys) {
          const changes = {};
          for (const key of keysOf(keys)) {
            if (area.has(key)) changes[key] = { oldValue: copy(area.get(key)) };
            area.delete(key);
          }
          notify(changes);
        },
      },
      onChanged: { addListener: (f) => listeners.add(f), removeListener: (f) => listeners.delete(f) },
    },
  };
  // For the tests only: the raw stored object.
  globalThis.__storedArea = () => Object.fromEntries([...area].map(([k, v]) => [k, copy(v)]));
}
`;

// A shreddit thread (new Reddit's markup): a post, a comment with a nested reply, and two more comments that
// repeat one text (a small campaign). Real-looking text written for this test.
const CAMPAIGN = 'Honestly the best budgeting app I have tried is CoinNest, it changed how I save every month.';
const THREAD = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>thread</title>
<style>body { font: 14px sans-serif; } shreddit-comment { display: block; margin-left: 16px; }
  [noun="comment_author"] { font-style: italic; letter-spacing: 3px; }
  chaff-badge { display: none !important; } .filler { height: 900px; }</style>
</head><body>
<shreddit-app>
<shreddit-post id="t3_abc" author="saver_jo" post-title="How do you keep a budget?">
  <span slot="authorName"><a href="/user/saver_jo/">u/saver_jo</a></span>
  <h1 slot="title">How do you keep a budget?</h1>
  <div slot="text-body"><p>I keep failing at budgets. What actually works for you?</p></div>
</shreddit-post>
<shreddit-comment-tree>
  <shreddit-comment thingid="t1_one" author="maple_leaf" depth="0">
    <div noun="comment_author"><a href="/user/maple_leaf/">maple_leaf</a></div>
    <div slot="comment"><p>${CAMPAIGN}</p></div>
    <shreddit-comment thingid="t1_reply" author="quiet_owl" depth="1">
      <div noun="comment_author"><a href="/user/quiet_owl/">quiet_owl</a></div>
      <div slot="comment"><p>I just use a spreadsheet and check it on Sundays.</p></div>
    </shreddit-comment>
  </shreddit-comment>
  <div class="filler"></div>
  <shreddit-comment thingid="t1_two" author="river_stone" depth="0">
    <div noun="comment_author"><a href="/user/river_stone/">river_stone</a></div>
    <div slot="comment"><p>${CAMPAIGN}</p></div>
  </shreddit-comment>
  <div class="filler"></div>
  <shreddit-comment thingid="t1_three" author="=cmd|' /C calc'!A0" depth="0">
    <div noun="comment_author"><a href="/user/tricky/">tricky</a></div>
    <div slot="comment"><p>${CAMPAIGN}</p></div>
  </shreddit-comment>
</shreddit-comment-tree>
</shreddit-app>
<script src="/shim.js"></script>
<script type="module" src="/modules.js"></script>
<script src="/helpers.js"></script>
</body></html>`;

// Page-side helpers: the `post` objects the content script would build, and verdicts.
const HELPERS = `
'use strict';
globalThis.postOf = (id) => {
  const element = document.querySelector('[thingid="' + id + '"]') ?? document.getElementById(id);
  const own = (sel) => [...element.querySelectorAll(sel)].find((el) => el.closest('shreddit-comment, shreddit-post') === element);
  return {
    id,
    element,
    anchor: own('[noun="comment_author"] a[href*="/user/"], [slot="authorName"] a[href*="/user/"]') ?? null,
    body: own('[slot="comment"], [slot="text-body"]'),
  };
};
globalThis.campaignVerdict = (id, level = 'suspect') => ({
  id, level, score: 0.9, ai: 0.4, ai_judged: true, cluster: 'c1', copies: 2, authors: 3,
  reasons: [
    { kind: 'duplicate', text: '2 near-copies in this thread (3 authors)' },
    { kind: 'coordination', text: 'posted by 3 accounts within 4 minutes' },
  ],
});
globalThis.okVerdict = (id) => ({ id, level: 'ok', score: 0.05, ai: 0.1, ai_judged: true, cluster: null, copies: 0, authors: 1, reasons: [] });
globalThis.peersOf = (id) => ['t1_one', 't1_two', 't1_three'].filter((other) => other !== id)
  .map((other) => ({ id: other, element: postOf(other).element }));
globalThis.showCampaign = (display = 'badge') => {
  for (const id of ['t1_one', 't1_two', 't1_three']) {
    chaff.hints.show(postOf(id), campaignVerdict(id), { display, peers: peersOf(id), onJump: (c) => (globalThis.lastJump = c) });
  }
};
`;

let server;
let origin;
let context;
let profileDir;

function serve(request, response) {
  const url = new URL(request.url, 'http://localhost');
  const send = (type, body) => {
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(body);
  };
  if (url.pathname === '/thread.html') return send('text/html; charset=utf-8', THREAD);
  if (url.pathname === '/shim.js') return send('text/javascript', SHIM);
  if (url.pathname === '/helpers.js') return send('text/javascript', HELPERS);
  if (url.pathname === '/modules.js') return send('text/javascript', MODULES);
  if (url.pathname.startsWith('/ext/')) {
    const file = path.join(EXTENSION, path.normalize(url.pathname.slice('/ext/'.length)));
    if (file.startsWith(EXTENSION + path.sep) && fs.existsSync(file)) {
      const content = fs.readFileSync(file, 'utf8');
      // Extension pages get the shim and the modules ahead of their own script; nothing else changes.
      if (file.endsWith('.html')) {
        return send('text/html; charset=utf-8', content.replace('<script type="module" src=',
          '<script src="/shim.js"></script>\n  <script type="module" src="/modules.js"></script>\n  <script type="module" src='));
      }
      return send(file.endsWith('.css') ? 'text/css' : 'text/javascript', content);
    }
  }
  response.writeHead(404);
  response.end();
}

before(async () => {
  server = http.createServer(serve);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaff-ui-test-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    args: LAUNCH_ARGS,
  });
});

after(async () => {
  await context?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
});

async function openThread() {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${origin}/thread.html`);
  await page.waitForFunction(() => globalThis.chaff?.hints && globalThis.postOf);
  page.errors = errors;
  return page;
}

test('settings: defaults, partial saves, normalization and change events', async () => {
  const page = await openThread();
  const result = await page.evaluate(async () => {
    const initial = await chaff.settings.load();
    const events = [];
    const unsubscribe = chaff.settings.onChange((settings) => events.push(settings));
    await chaff.settings.save({ sites: { x: false }, display: 'dim' });
    await chaff.settings.save({ sensitivity: 'loud', trustedAuthors: ['u/Alice', ' @bob ', 'alice', ''] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    unsubscribe();
    await chaff.settings.save({ memory: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { initial, loaded: await chaff.settings.load(), events };
  });
  assert.deepEqual(result.initial, {
    sites: { reddit: true, 'old-reddit': true, x: true, ...OPT_IN_OFF }, sensitivity: 'medium', display: 'badge', trustedAuthors: [], markers: [], memory: true,
  });
  assert.deepEqual(result.loaded, {
    sites: { reddit: true, 'old-reddit': true, x: false, ...OPT_IN_OFF }, sensitivity: 'medium', display: 'dim',
    trustedAuthors: ['Alice', 'bob'], markers: [], memory: false,
  });
  assert.equal(result.events.length, 2, 'one change event per save while subscribed');
  assert.equal(result.events[1].display, 'dim');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('badges: suspect gets a labelled pill beside the author, ok gets none, show is idempotent', async () => {
  const page = await openThread();
  await page.evaluate(() => {
    chaff.hints.show(postOf('t1_one'), campaignVerdict('t1_one', 'notice'), { display: 'badge', peers: [] });
    chaff.hints.show(postOf('t1_reply'), okVerdict('t1_reply'), { display: 'badge', peers: [] });
    chaff.hints.show(postOf('t1_one'), campaignVerdict('t1_one'), { display: 'badge', peers: [] });
  });
  const facts = await page.evaluate(() => {
    const one = postOf('t1_one');
    const badge = one.anchor.nextElementSibling;
    const pill = badge?.shadowRoot.querySelector('button.pill');
    return {
      badges: document.querySelectorAll('chaff-badge').length,
      tag: badge?.localName,
      // The page's rules (italic, letter-spacing, even an important display: none) do not reach it.
      hostStyle: [getComputedStyle(badge).display, getComputedStyle(badge).fontStyle, getComputedStyle(badge).letterSpacing],
      pillText: pill?.textContent,
      pillClass: pill?.className,
      label: pill?.getAttribute('aria-label'),
      replyHasBadge: postOf('t1_reply').anchor.nextElementSibling !== null,
      bodyText: one.body.textContent,
    };
  });
  assert.equal(facts.badges, 1, 'one badge, updated in place');
  assert.equal(facts.tag, 'chaff-badge');
  assert.deepEqual(facts.hostStyle, ['inline-block', 'normal', 'normal']);
  assert.equal(facts.pillText, 'suspect · 2 copies');
  assert.equal(facts.pillClass, 'pill suspect');
  assert.equal(facts.label, 'chaff hint: suspect — 2 near-copies in this thread (3 authors)');
  assert.equal(facts.replyHasBadge, false);
  assert.ok(facts.bodyText.includes('CoinNest'), 'the post text is untouched');

  // Dropping to ok removes the badge; so does remove(post).
  await page.evaluate(() => chaff.hints.show(postOf('t1_one'), okVerdict('t1_one'), { display: 'badge', peers: [] }));
  assert.equal(await page.locator('chaff-badge').count(), 0);
  await page.evaluate(() => {
    chaff.hints.show(postOf('t1_two'), campaignVerdict('t1_two'), { display: 'badge', peers: [] });
    chaff.hints.remove(postOf('t1_two'));
  });
  assert.equal(await page.locator('chaff-badge').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('popover: Enter opens the reasons as a hint, Escape closes and returns focus', async () => {
  const page = await openThread();
  await page.evaluate(() => showCampaign());
  const pill = page.locator('[thingid="t1_one"] > div > chaff-badge button.pill');
  await pill.focus();
  await page.keyboard.press('Enter');
  const dialog = page.locator('[thingid="t1_one"] > div > chaff-badge [role="dialog"]');
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await pill.getAttribute('aria-expanded'), 'true');
  assert.deepEqual(await dialog.locator('li').allTextContents(), [
    '2 near-copies in this thread (3 authors)', 'posted by 3 accounts within 4 minutes',
  ]);
  assert.match(await dialog.textContent(), /A hint, not a verdict/);
  assert.ok(await dialog.getByRole('button', { name: 'Highlight copies' }).isVisible());

  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await pill.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement?.localName), 'chaff-badge', 'focus is back on the badge');

  // A click outside closes it too.
  await pill.click();
  await dialog.waitFor({ state: 'visible' });
  await page.mouse.click(5, 5);
  await dialog.waitFor({ state: 'hidden' });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('copies: highlight outlines the cluster, next copy scrolls on and moves focus', async () => {
  const page = await openThread();
  const before = await page.evaluate(() => document.documentElement.outerHTML);
  await page.evaluate(() => showCampaign());
  const pill = page.locator('[thingid="t1_one"] > div > chaff-badge button.pill');
  await pill.click();
  const dialog = page.locator('[thingid="t1_one"] > div > chaff-badge [role="dialog"]');
  await dialog.getByRole('button', { name: 'Highlight copies' }).click();
  const outlines = await page.evaluate(() => ['t1_one', 't1_two', 't1_three', 't1_reply']
    .map((id) => getComputedStyle(postOf(id).element).outlineStyle));
  assert.deepEqual(outlines, ['solid', 'solid', 'solid', 'none']);
  assert.equal(await page.evaluate(() => globalThis.lastJump), 'c1');
  assert.equal(await dialog.getByRole('button', { name: 'Remove highlight' }).getAttribute('aria-pressed'), 'true');

  await dialog.getByRole('button', { name: 'Next copy' }).click();
  await page.waitForFunction(() => {
    const two = postOf('t1_two').element.getBoundingClientRect();
    return two.top >= 0 && two.bottom <= innerHeight;
  });
  const focusedOn = await page.evaluate(() => document.activeElement?.closest('shreddit-comment')?.getAttribute('thingid'));
  assert.equal(focusedOn, 't1_two', "the next copy's badge has the focus");

  await page.evaluate(() => chaff.hints.removeAll());
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before, 'removeAll restores the page exactly');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('display modes: dim and collapse touch only the post body, never nested replies', async () => {
  const page = await openThread();
  const before = await page.evaluate(() => document.documentElement.outerHTML);
  await page.evaluate(() => chaff.hints.show(postOf('t1_one'), campaignVerdict('t1_one'), { display: 'dim', peers: [] }));
  await page.waitForFunction(() => getComputedStyle(postOf('t1_one').body).opacity === '0.35');
  const dim = await page.evaluate(() => ({
    body: getComputedStyle(postOf('t1_one').body).opacity,
    element: getComputedStyle(postOf('t1_one').element).opacity,
    reply: getComputedStyle(postOf('t1_reply').body).opacity,
  }));
  assert.deepEqual(dim, { body: '0.35', element: '1', reply: '1' });
  await page.locator('[thingid="t1_one"] > [slot="comment"]').hover();
  await page.waitForFunction(() => getComputedStyle(postOf('t1_one').body).opacity === '1');

  // A notice is never dimmed: the badge alone speaks.
  await page.evaluate(() => chaff.hints.show(postOf('t1_two'), campaignVerdict('t1_two', 'notice'), { display: 'dim', peers: [] }));
  assert.equal(await page.evaluate(() => postOf('t1_two').body.getAttribute('style')), null);

  // Switching the same post to collapse replaces dim.
  await page.evaluate(() => chaff.hints.show(postOf('t1_one'), campaignVerdict('t1_one'), { display: 'collapse', peers: [] }));
  const body = page.locator('[thingid="t1_one"] > [slot="comment"]');
  const replyBody = page.locator('[thingid="t1_reply"] > [slot="comment"]');
  assert.equal(await body.isVisible(), false);
  assert.equal(await replyBody.isVisible(), true);
  const show = page.locator('[thingid="t1_one"] > div > chaff-badge button.toggle');
  assert.equal(await show.textContent(), 'Show post');
  assert.equal(await show.getAttribute('aria-expanded'), 'false');
  assert.equal(await show.getAttribute('aria-label'), 'Show post hidden by chaff: 2 near-copies in this thread (3 authors)');
  await show.click();
  assert.equal(await body.isVisible(), true);
  assert.equal(await show.textContent(), 'Hide post');
  assert.equal(await show.getAttribute('aria-expanded'), 'true');
  // A verdict update keeps a revealed post revealed.
  await page.evaluate(() => chaff.hints.show(postOf('t1_one'), campaignVerdict('t1_one'), { display: 'collapse', peers: [] }));
  assert.equal(await body.isVisible(), true);

  // A body with its own inline style gets exactly that style back.
  await page.evaluate(() => {
    postOf('t1_three').body.setAttribute('style', 'opacity: 0.9; color: red;');
    chaff.hints.show(postOf('t1_three'), campaignVerdict('t1_three'), { display: 'dim', peers: [] });
  });
  await page.waitForFunction(() => getComputedStyle(postOf('t1_three').body).opacity === '0.35');
  await page.evaluate(() => chaff.hints.removeAll());
  assert.equal(await page.evaluate(() => postOf('t1_three').body.getAttribute('style')), 'opacity: 0.9; color: red;');
  await page.evaluate(() => postOf('t1_three').body.removeAttribute('style'));
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('recycled nodes: a node reused for another post loses the old badge', async () => {
  const page = await openThread();
  const count = await page.evaluate(() => {
    const post = postOf('t1_two');
    chaff.hints.show(post, campaignVerdict('t1_two'), { display: 'collapse', peers: [] });
    // The site re-renders the node for a different comment.
    post.element.setAttribute('thingid', 't1_new');
    chaff.hints.show({ ...post, id: 't1_new' }, campaignVerdict('t1_new', 'notice'), { display: 'collapse', peers: [] });
    return {
      badges: post.element.querySelectorAll('chaff-badge').length,
      toggles: [...post.element.querySelectorAll('chaff-badge')].filter((badge) => !badge.shadowRoot.querySelector('.toggle').hidden).length,
      label: post.element.querySelector('chaff-badge').shadowRoot.querySelector('.pill').textContent,
      bodyStyle: post.body.getAttribute('style'),
    };
  });
  assert.deepEqual(count, { badges: 1, toggles: 0, label: 'notice · 2 copies', bodyStyle: null });
  await page.close();
});

test("new Reddit's slotted shadow DOM: chaff's hosts stay rendered and out of [slot] queries", async () => {
  const page = await openThread();
  const before = await page.evaluate(() => {
    // shreddit-post and shreddit-comment render only light children assigned to named slots.
    postOf('t3_abc').element.attachShadow({ mode: 'open' }).append(
      ...['authorName', 'title', 'text-body'].map((name) => Object.assign(document.createElement('slot'), { name })));
    postOf('t1_two').element.attachShadow({ mode: 'open' }).append(Object.assign(document.createElement('slot'), { name: 'comment' }));
    return document.documentElement.outerHTML;
  });
  // No anchor: the badge goes at the start of the slotted body; collapse would hide it, so dim.
  await page.evaluate(() => chaff.hints.show({ ...postOf('t3_abc'), anchor: null },
    { ...campaignVerdict('t3_abc'), cluster: null }, { display: 'collapse', peers: [] }));
  assert.equal(await page.locator('[slot="text-body"] > chaff-badge button.pill').isVisible(), true);
  await page.waitForFunction(() => getComputedStyle(postOf('t3_abc').body).opacity === '0.35');
  // A badge anchored "before" a slotted body goes inside it too, never as an unslotted sibling.
  await page.evaluate(() => chaff.hints.show({ ...postOf('t1_two'), anchor: postOf('t1_two').body, place: 'before' },
    campaignVerdict('t1_two'), { display: 'badge', peers: [] }));
  assert.equal(await page.locator('[thingid="t1_two"] > [slot="comment"] > chaff-badge button.pill').isVisible(), true);
  assert.equal(await page.evaluate(() => document.querySelectorAll('chaff-badge[slot]').length), 0);
  assert.equal(await page.evaluate(() => postOf('t1_two').body.textContent.trim()), 'Honestly the best budgeting app I have tried is CoinNest, it changed how I save every month.');
  await page.evaluate(() => chaff.hints.removeAll());
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before);
  await page.close();
});

test('long sessions: records of posts gone from the page are pruned past the bound', async () => {
  const page = await openThread();
  const result = await page.evaluate(() => {
    const make = (id) => {
      const element = document.createElement('shreddit-comment');
      const body = document.createElement('div');
      element.append(body);
      document.body.append(element);
      return { id, element, anchor: null, body };
    };
    const posts = Array.from({ length: 1001 }, (_, i) => make(`t1_gen${i}`));
    for (const post of posts.slice(0, 1000)) chaff.hints.show(post, campaignVerdict(post.id, 'notice'), { peers: [] });
    // The site drops 600 of them (virtualized list), then one more post arrives.
    for (const post of posts.slice(0, 600)) post.element.remove();
    chaff.hints.show(posts[1000], campaignVerdict(posts[1000].id, 'notice'), { peers: [] });
    const detachedBadges = posts.slice(0, 600).filter((post) => post.element.querySelector('chaff-badge')).length;
    const liveBadges = document.querySelectorAll('chaff-badge').length;
    // A dropped post that comes back is shown again.
    document.body.append(posts[0].element);
    chaff.hints.show(posts[0], campaignVerdict(posts[0].id, 'notice'), { peers: [] });
    return { detachedBadges, liveBadges, back: posts[0].element.querySelectorAll('chaff-badge').length };
  });
  assert.deepEqual(result, { detachedBadges: 0, liveBadges: 401, back: 1 });
  await page.close();
});

const SNAPSHOT = {
  site: 'reddit',
  threadUrl: 'https://www.reddit.com/r/personalfinance/comments/abc/budget/',
  posts: [
    { id: 't1_one', author: 'maple_leaf', created: 1700000000, url: '/r/pf/comments/abc/x/t1_one/', text: CAMPAIGN },
    { id: 't1_two', author: 'river_stone', created: 1700000120, url: '/r/pf/comments/abc/x/t1_two/', text: CAMPAIGN },
    { id: 't1_three', author: "=cmd|' /C calc'!A0", created: 1700000240, url: null, text: CAMPAIGN },
    { id: 't1_reply', author: 'quiet_owl', created: null, url: '/r/pf/comments/abc/x/t1_reply/', text: 'I just use a spreadsheet and check it on Sundays.' },
  ],
  verdicts: [
    { id: 't1_one', level: 'suspect', score: 0.9, ai: 0.72, ai_judged: true, cluster: 'c1', copies: 2, authors: 3,
      reasons: [{ kind: 'duplicate', text: '2 near-copies, "same words", in this thread' }, { kind: 'coordination', text: '+3 accounts' }] },
    { id: 't1_two', level: 'suspect', score: 0.9, ai: 0.72, ai_judged: true, cluster: 'c1', copies: 2, authors: 3,
      reasons: [{ kind: 'duplicate', text: '2 near-copies in this thread' }] },
    { id: 't1_three', level: 'notice', score: 0.5, ai: 0.72, ai_judged: false, cluster: 'c1', copies: 2, authors: 3,
      reasons: [{ kind: 'duplicate', text: '@everyone look' }] },
    { id: 't1_reply', level: 'ok', score: 0.1, ai: 0.2, ai_judged: true, cluster: null, copies: 0, authors: 1, reasons: [] },
  ],
  clusters: [{ id: 'c1', members: ['t1_one', 't1_two', 't1_three'], authors: ['maple_leaf', 'river_stone', "=cmd|' /C calc'!A0"],
    first: 1700000000, last: 1700000240, span: 'within 4 minutes', snippet: CAMPAIGN }],
};

// RFC 4180 reader, for checking the export independently of the writer.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += c;
  }
  return rows;
}

test('export: CSV is quoted, guarded against formulas, and downloads locally; JSON joins posts', async () => {
  const page = await openThread();
  const downloadPromise = page.waitForEvent('download');
  await page.evaluate((snapshot) => chaff.exporter.downloadCsv(snapshot), SNAPSHOT);
  const download = await downloadPromise;
  assert.match(download.suggestedFilename(), /^chaff-reddit-.*\.csv$/);
  assert.match(download.url(), /^blob:/, 'a local blob, no network');
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFF'), 'a byte-order mark for spreadsheet programs');
  const rows = parseCsv(csv.slice(1));
  assert.deepEqual(rows[0], ['id', 'author', 'created', 'level', 'score', 'ai', 'cluster', 'copies', 'authors', 'reasons']);
  assert.deepEqual(rows[1], ['t1_one', 'maple_leaf', '2023-11-14T22:13:20.000Z', 'suspect', '0.9', '0.72', 'c1', '2', '3',
    '2 near-copies, "same words", in this thread | +3 accounts']);
  assert.equal(rows[3][1], "'=cmd|' /C calc'!A0", 'a formula-like author gets an apostrophe');
  assert.equal(rows[3][9], "'@everyone look");
  assert.equal(rows[4][2], '', 'unknown time is an empty cell');
  assert.equal(rows.length, 5);
  assert.ok(!csv.includes('CoinNest'), 'no post text in the export');

  const json = JSON.parse(await page.evaluate((snapshot) => chaff.exporter.snapshotJson(snapshot), SNAPSHOT));
  assert.equal(json.posts.length, 4);
  assert.deepEqual(
    { id: json.posts[0].id, author: json.posts[0].author, created: json.posts[0].created, url: json.posts[0].url, level: json.posts[0].level },
    { id: 't1_one', author: 'maple_leaf', created: '2023-11-14T22:13:20.000Z', url: '/r/pf/comments/abc/x/t1_one/', level: 'suspect' },
  );
  assert.equal(json.clusters[0].last, '2023-11-14T22:17:20.000Z');
  assert.ok(!JSON.stringify(json).includes('CoinNest'));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('panel: clusters, top AI posts, jumps, export buttons, Escape closes', async () => {
  const page = await openThread();
  const before = await page.evaluate(() => document.documentElement.outerHTML);
  await page.evaluate((snapshot) => {
    globalThis.located = [];
    globalThis.locate = (id) => {
      located.push(id);
      return id === 't1_gone' ? null : postOf(id).element;
    };
    document.querySelector('[slot="title"]').tabIndex = 0;
    document.querySelector('[slot="title"]').focus();
    chaff.panel.toggle(snapshot, locate);
  }, SNAPSHOT);
  const sheet = page.locator('chaff-panel [role="dialog"]');
  await sheet.waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => chaff.panel.isOpen()), true);
  const text = await sheet.textContent();
  assert.match(text, /4 posts read: 2 suspect, 1 notice, 1 ok\./);
  assert.match(text, /Near-copy clusters \(1\)/);
  assert.match(text, /3 posts · 3 authors · within 4 minutes/);
  // Judged posts only, highest first: t1_three is not judged.
  assert.deepEqual(await sheet.locator('.ai-post .percent').allTextContents(), ['72%', '72%', '20%']);

  await sheet.getByRole('button', { name: 'Jump to copy 2 of 3 by river_stone' }).click();
  assert.deepEqual(await page.evaluate(() => located), ['t1_two']);

  // update() re-renders in place and keeps the focused control.
  await sheet.getByRole('button', { name: 'Download JSON' }).focus();
  const grown = { ...SNAPSHOT, verdicts: SNAPSHOT.verdicts.map((v) => (v.id === 't1_reply' ? { ...v, level: 'notice' } : v)) };
  await page.evaluate((snapshot) => chaff.panel.update(snapshot), grown);
  assert.match(await sheet.textContent(), /2 suspect, 2 notice, 0 ok/);
  assert.equal(await page.evaluate(() => document.querySelector('chaff-panel').shadowRoot.activeElement?.textContent), 'Download JSON');

  const downloadPromise = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const json = JSON.parse(fs.readFileSync(await (await downloadPromise).path(), 'utf8'));
  assert.equal(json.posts.find((post) => post.id === 't1_reply').level, 'notice');

  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => chaff.panel.isOpen()), false);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('slot')), 'title', 'focus returns to where it was');

  // Escape from the page (focus outside the panel) closes it too; removeAll leaves no trace.
  await page.evaluate((snapshot) => chaff.panel.toggle(snapshot, locate), SNAPSHOT);
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'detached' });
  await page.evaluate((snapshot) => chaff.panel.toggle(snapshot, locate), SNAPSHOT);
  await page.evaluate(() => {
    chaff.hints.removeAll();
    document.querySelector('[slot="title"]').removeAttribute('tabindex');
  });
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before);
  assert.deepEqual(page.errors, []);
  await page.close();
});

// Thread tags are 10 bits (memory.js), so two thread names of a test may share one by chance and
// merge in the counts (by design). The memory tests fix the salt (all zero bytes) to one under
// which their thread names all have distinct tags, and check that they do.
const FIXED_SALT = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
async function fixSalt(page, threadIds) {
  const tags = await page.evaluate(async ([salt, ids]) => {
    await chrome.storage.local.set({ chaffMemorySalt: salt });
    return Promise.all(ids.map((id) => chaff.memory.threadTag(id)));
  }, [FIXED_SALT, threadIds]);
  assert.equal(new Set(tags).size, threadIds.length, `distinct tags under the fixed salt: ${tags}`);
}

test('memory: stores only salted hashes and 10-bit thread tags, counts other threads, honours the switch and private windows', async () => {
  const page = await openThread();
  await fixSalt(page, ['reddit:t3_first', 'reddit:t3_second', 'reddit:t3_third', 'reddit:t3_fourth', 'reddit:t3_fifth']);
  const result = await page.evaluate(async () => {
    const entries = [
      { id: 't1_one', keys: ['1234567890123456789', '987654321'] },
      { id: 't1_two', keys: ['555'] },
    ];
    await chaff.memory.remember(entries, 'reddit:t3_first');
    await chaff.memory.remember([{ id: 'x', keys: ['987654321'] }], 'reddit:t3_second');
    const inThird = await chaff.memory.recall(
      [{ id: 'a', keys: ['1234567890123456789'] }, { id: 'b', keys: ['987654321'] }, { id: 'c', keys: ['42'] }],
      'reddit:t3_third');
    const inFirst = await chaff.memory.recall([{ id: 'b', keys: ['987654321'] }], 'reddit:t3_first');
    const stored = __storedArea();
    await chaff.settings.save({ memory: false });
    const whenOff = await chaff.memory.recall([{ id: 'b', keys: ['987654321'] }], 'reddit:t3_third');
    await chaff.memory.remember([{ id: 'z', keys: ['777'] }], 'reddit:t3_fourth');
    await chaff.settings.save({ memory: true });
    // Queued while on, switched off before the batched write: never written.
    await chaff.memory.remember([{ id: 'y', keys: ['888'] }], 'reddit:t3_fourth');
    await chaff.settings.save({ memory: false });
    await new Promise((resolve) => setTimeout(resolve, 1700));
    await chaff.settings.save({ memory: true });
    chrome.extension.inIncognitoContext = true;
    const inPrivate = await chaff.memory.recall([{ id: 'b', keys: ['987654321'] }], 'reddit:t3_third');
    chrome.extension.inIncognitoContext = false;
    const seven = await chaff.memory.recall([{ id: 'z', keys: ['777'] }, { id: 'y', keys: ['888'] }], 'reddit:t3_fifth');
    await chaff.memory.forget();
    const afterForget = __storedArea();
    const forgotten = await chaff.memory.recall([{ id: 'b', keys: ['987654321'] }], 'reddit:t3_third');
    return {
      inThird: [...inThird], inFirst: [...inFirst], stored, whenOff: [...whenOff], inPrivate: [...inPrivate],
      seven: [...seven], afterForget, forgotten: [...forgotten],
    };
  });
  assert.deepEqual(result.inThird, [['a', 1], ['b', 2]], 'key seen in 1 and 2 other threads; unseen key absent');
  assert.deepEqual(result.inFirst, [['b', 1]], 'the current thread is not counted');
  const dump = JSON.stringify(result.stored);
  for (const plain of ['1234567890123456789', '987654321', '555', 't3_first', 'reddit', 'CoinNest']) {
    assert.ok(!dump.includes(plain), `stored memory must not contain "${plain}"`);
  }
  const memory = result.stored.chaffMemory;
  assert.equal(memory.v, 2);
  assert.equal(memory.keys.length, 3, 'one entry per distinct key');
  for (const [keyHash, tags] of memory.keys) {
    assert.match(keyHash, /^[A-Za-z0-9+/]{12}$/);
    for (const tag of tags) assert.ok(Number.isInteger(tag) && tag >= 0 && tag < 1024, `a thread is a 10-bit tag, not ${tag}`);
  }
  assert.equal(typeof result.stored.chaffMemorySalt, 'string');
  assert.deepEqual(result.whenOff, [], 'switched off: nothing recalled');
  assert.deepEqual(result.seven, [], 'switched off: nothing remembered, queued batches dropped');
  assert.deepEqual(result.inPrivate, [], 'private window: nothing recalled');
  assert.deepEqual(Object.keys(result.afterForget), ['chaffSettings'], 'forget clears memory and salt');
  assert.deepEqual(result.forgotten, []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('memory: an older stored form (version 1, full thread hashes) is deleted, not read', async () => {
  const page = await openThread();
  const result = await page.evaluate(async () => {
    const old = { v: 1, keys: [['AAAAAAAAAAAA', ['BBBBBBBBBBBB', 'CCCCCCCCCCCC']]] };
    await chrome.storage.local.set({ chaffMemory: old });
    await chaff.memory.dropOldForms();
    const afterUpgrade = 'chaffMemory' in __storedArea();
    await chrome.storage.local.set({ chaffMemory: old });
    const seen = await chaff.memory.recall([{ id: 'p', keys: ['1', '2', '3'] }], 'reddit:t3_now');
    return { afterUpgrade, afterRecall: 'chaffMemory' in __storedArea(), seen: [...seen] };
  });
  assert.deepEqual(result, { afterUpgrade: false, afterRecall: false, seen: [] });
  await page.close();
});

test('memory: a thread counts only when three of a post\'s keys lead to it', async () => {
  const page = await openThread();
  await fixSalt(page, ['thread-a', 'thread-b', 'thread-c', 'thread-now']);
  const counts = await page.evaluate(async () => {
    const keysOf = (from, count) => Array.from({ length: count }, (_, i) => `band${from + i}`);
    await chaff.memory.remember([{ id: 'p', keys: keysOf(0, 40) }], 'thread-a');
    // Unrelated posts share a band key or two by chance; a near-copy shares many.
    await chaff.memory.remember([{ id: 'q', keys: [...keysOf(0, 2), ...keysOf(100, 38)] }], 'thread-b');
    await chaff.memory.remember([{ id: 'r', keys: [...keysOf(0, 3), ...keysOf(200, 37)] }], 'thread-c');
    const seen = await chaff.memory.recall([{ id: 'p', keys: keysOf(0, 40) }], 'thread-now');
    return [...seen];
  });
  assert.deepEqual(counts, [['p', 2]], 'thread-a (40 shared) and thread-c (3 shared), not thread-b (2 shared)');
  await page.close();
});

test('memory: bounded, least recently touched keys evicted first, batched writes', async () => {
  const page = await openThread();
  await fixSalt(page, [...Array.from({ length: 9 }, (_, t) => `thread-${t}`), 'thread-a', 'thread-b']);
  const result = await page.evaluate(async () => {
    let writes = 0;
    const set = chrome.storage.local.set;
    chrome.storage.local.set = (items) => {
      if ('chaffMemory' in items) writes += 1;
      return set(items);
    };
    // 1,010 posts of 40 keys: 40,400 key entries, 400 over the bound.
    const entries = Array.from({ length: 1010 }, (_, i) => ({ id: `p${i}`, keys: Array.from({ length: 40 }, (_, k) => `${i}:${k}`) }));
    await chaff.memory.remember(entries.slice(0, 500), 'thread-a');
    await chaff.memory.remember(entries.slice(500), 'thread-a');
    // Nine threads share one post: only the latest eight are kept per key.
    for (let t = 0; t < 9; t++) await chaff.memory.remember([entries[1009]], `thread-${t}`);
    const oldest = await chaff.memory.recall(entries.slice(0, 10), 'thread-b');
    const newest = await chaff.memory.recall([entries[1008], entries[1009]], 'thread-b');
    return { writes, size: __storedArea().chaffMemory.keys.length, oldest: [...oldest], newest: [...newest] };
  });
  assert.equal(result.writes, 1, 'all remembered batches go out in one write');
  assert.equal(result.size, 40000);
  assert.deepEqual(result.oldest, [], 'the oldest posts were evicted');
  assert.deepEqual(result.newest, [['p1008', 1], ['p1009', 8]]);
  await page.close();
});

async function openExtensionPage(pagePath) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${origin}/ext/${pagePath}`);
  page.errors = errors;
  return page;
}

test('popup: counts for the tab, site switch, panel button, options link', async () => {
  const reply = { site: 'reddit', counts: { ok: 12, notice: 2, suspect: 1 }, enabled: true, engine: 'worker' };
  const page = await openExtensionPage(`popup/popup.html?granted=1&reply=${encodeURIComponent(JSON.stringify(reply))}`);
  await page.getByText('15 posts read on this Reddit page.').waitFor();
  assert.deepEqual(await page.locator('#counts li').allTextContents(), ['suspect 1', 'notice 2', 'ok 12']);
  assert.equal(await page.locator('#access').isVisible(), false, 'access already granted: no request shown');
  assert.equal(await page.getByText('engine: in the background').isVisible(), true);
  await page.getByText('Shortcut on the page: Alt+Shift+C').waitFor();

  const siteSwitch = page.getByLabel('On for Reddit');
  assert.equal(await siteSwitch.isChecked(), true);
  await siteSwitch.uncheck();
  await page.waitForFunction(async () => (await chaff.settings.load()).sites.reddit === false);
  assert.deepEqual((await page.evaluate(() => chaff.settings.load())).sites, { reddit: false, 'old-reddit': true, x: true, ...OPT_IN_OFF });

  // The popup asks again for counts once the content script has had time to apply the switch.
  await page.waitForFunction(() => __calls.length === 2);
  await page.evaluate(() => { globalThis.close = () => __calls.push(['close']); });
  await page.getByRole('button', { name: 'Open the moderator panel' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  const calls = await page.evaluate(() => __calls);
  assert.deepEqual(calls.map((call) => (call[0] === 'sendMessage' ? call[2].type : call[0])),
    ['chaff:counts', 'chaff:counts', 'chaff:toggle-panel', 'close', 'openOptionsPage']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('popup: no content script and no host access: says so and asks for access', async () => {
  const page = await openExtensionPage('popup/popup.html?granted=0');
  await page.getByText('chaff is not active on this page.').waitFor();
  assert.equal(await page.locator('#counts').isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Open the moderator panel' }).isVisible(), false);
  assert.equal(await page.locator('#shortcut').isVisible(), false, 'no shortcut hint without a panel to open');
  await page.getByRole('button', { name: 'Grant access to Reddit and X' }).click();
  await page.getByText('Access granted. Reload the Reddit or X page to start chaff.').waitFor();
  const request = (await page.evaluate(() => __calls)).find(([kind]) => kind === 'request')[1];
  assert.deepEqual(request.origins, ['https://*.reddit.com/*', 'https://x.com/*', 'https://mobile.x.com/*', 'https://twitter.com/*', 'https://mobile.twitter.com/*']);
  assert.equal(await page.locator('#access').isVisible(), false);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('options: each control saves at once, outside changes show up live, forget asks first', async () => {
  const page = await openExtensionPage('options/options.html');
  await page.waitForFunction(() => document.querySelector('input[name="sensitivity"]:checked')?.value === 'medium');
  await page.getByRole('radio', { name: /^High/ }).check();
  await page.getByRole('radio', { name: /^Dim/ }).check();
  await page.getByLabel('Old Reddit (old.reddit.com)').uncheck();
  await page.getByLabel('Remember near-copies across threads').uncheck();
  await page.getByLabel('Trusted authors').fill('u/alice\n@Bob\n\nbob');
  await page.getByLabel('Trusted authors').blur();
  await page.waitForFunction(async () => (await chaff.settings.load()).trustedAuthors.length === 2);
  await page.getByLabel('Words or phrases to mark').fill('delve\n—\n\ndelve');
  await page.getByLabel('Words or phrases to mark').blur();
  await page.waitForFunction(async () => (await chaff.settings.load()).markers.length === 2);
  assert.deepEqual(await page.evaluate(() => chaff.settings.load()), {
    sites: { reddit: true, 'old-reddit': false, x: true, ...OPT_IN_OFF }, sensitivity: 'high', display: 'dim', trustedAuthors: ['alice', 'Bob'],
    markers: ['delve', '—'], memory: false,
  });
  // A plain text file, one marker a line, replaces the list.
  await page.setInputFiles('#markers-import', { name: 'markers.txt', mimeType: 'text/plain', buffer: Buffer.from('tapestry\r\nfree money\n') });
  await page.waitForFunction(async () => (await chaff.settings.load()).markers.join('|') === 'tapestry|free money');
  assert.equal(await page.getByLabel('Words or phrases to mark').inputValue(), 'tapestry\nfree money');
  assert.equal(await page.locator('#status').textContent(), 'Saved.');

  // A change made elsewhere (the popup's site switch) appears without a reload.
  await page.evaluate(() => chaff.settings.save({ sites: { x: false } }));
  await page.waitForFunction(() => !document.querySelector('input[name="site"][value="x"]').checked);

  await page.evaluate(async () => {
    await chaff.settings.save({ memory: true });
    await chaff.memory.remember([{ id: 'p', keys: ['1'] }], 'thread');
    await chaff.memory.recall([], 'thread');
  });
  assert.ok('chaffMemory' in (await page.evaluate(() => __storedArea())));
  await page.getByRole('button', { name: 'Forget everything' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Cancel', 'the safe choice has the focus');
  await page.getByRole('button', { name: 'Yes, forget' }).click();
  await page.getByText('Forgotten.').waitFor();
  assert.deepEqual(Object.keys(await page.evaluate(() => __storedArea())), ['chaffSettings']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('built extension: options save and persist, popup renders', { skip: !fs.existsSync(path.join(DIST, 'manifest.json')) && 'dist/chrome not built' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaff-ui-ext-'));
  const extContext = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...LAUNCH_ARGS, `--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`],
  });
  try {
    const worker = extContext.serviceWorkers()[0] ?? (await extContext.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const options = await extContext.newPage();
    const errors = [];
    options.on('pageerror', (error) => errors.push(error));
    await options.goto(`chrome-extension://${extensionId}/options/options.html`);
    await options.getByRole('radio', { name: /^High/ }).check();
    await options.getByRole('radio', { name: /^Collapse/ }).check();
    await options.getByLabel('X (x.com and twitter.com)').uncheck();
    await options.getByLabel('Trusted authors').fill('u/alice\n@bob\n');
    await options.getByText('Saved.').waitFor();
    await options.waitForTimeout(600);
    await options.reload();
    assert.equal(await options.getByRole('radio', { name: /^High/ }).isChecked(), true);
    assert.equal(await options.getByRole('radio', { name: /^Collapse/ }).isChecked(), true);
    assert.equal(await options.getByLabel('X (x.com and twitter.com)').isChecked(), false);
    assert.equal(await options.getByLabel('Trusted authors').inputValue(), 'alice\nbob');
    const stored = await options.evaluate(() => chrome.storage.local.get('chaffSettings'));
    assert.deepEqual(stored.chaffSettings.trustedAuthors, ['alice', 'bob']);

    await options.getByRole('button', { name: 'Forget everything' }).click();
    await options.getByRole('button', { name: 'Yes, forget' }).click();
    await options.getByText('Forgotten.').waitFor();

    const popup = await extContext.newPage();
    popup.on('pageerror', (error) => errors.push(error));
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    // The popup's own tab has no content script: it says so, plainly.
    await popup.getByText('chaff is not active on this page.').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await extContext.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
