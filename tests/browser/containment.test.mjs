// Panic containment, in real Chromium: when the WASM engine fails the way a Rust panic does
// (`RuntimeError: unreachable`, the instance unusable afterwards), chaff stops on that page
// cleanly and the page never notices; the playground reports the error and runs again on a fresh
// worker.
// The failure is provoked by tests/browser/fixtures/faulty-wasm.js, a test-only wrapper of the
// real glue whose engine traps on a post containing its marker text (the WASM has no panic entry
// point of its own). It reaches the extension through tests/browser/faulty-build.mjs (a copy of
// dist/chrome bundled with the wrapper; dist/ never contains it) and the playground through this
// test's server, which serves it in place of pkg/chaff_wasm.js under /faulty/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, CHROMIUM, launchBrowser, extensionWorker } from './harness.mjs';
import { POSTS, URLS, EXPECTED, serveThreadPages, everyPostScored } from './thread-pages.mjs';
import { buildFaultyExtension, FAULTY_GLUE } from './faulty-build.mjs';

const TRAP = 'CHAFF-TEST-TRAP';
const CALL_AFTER_TRAP = 'chaff-test: a call into a dead WASM instance';
const STOPPED_WARNING = /^chaff stopped on this page after an internal error/;
const STOPPED_POPUP = 'chaff stopped on this page: an internal error. The page is unaffected; reload it to start chaff again.';

let faulty;
let server;
let browser;
let worker;

before(async () => {
  faulty = await buildFaultyExtension();
  server = await serveThreadPages();
  browser = await launchBrowser({ port: server.port, extension: faulty.dir });
  worker = await extensionWorker(browser.context);
});

after(async () => {
  await browser?.close();
  await server?.close();
  faulty?.remove();
});

// A page with its console recorded and a heartbeat of its own (the page "keeps working" when it
// keeps ticking and keeps answering).
async function openWatched(url) {
  const page = await browser.context.newPage();
  page.consoleTexts = [];
  page.errors = [];
  page.on('console', (message) => page.consoleTexts.push(message.text()));
  page.on('pageerror', (error) => page.errors.push(error.message));
  await page.addInitScript(() => {
    globalThis.__beats = 0;
    setInterval(() => { globalThis.__beats += 1; }, 20);
  });
  await page.goto(url);
  await page.waitForFunction(everyPostScored, POSTS, { timeout: 30_000 });
  return page;
}

// Appends a copy of a campaign comment under a new id, with `text` as its body.
function appendComment(page, id, text) {
  return page.evaluate(([sourceId, newId, body]) => {
    const copy = document.querySelector(`shreddit-comment[thingid="${sourceId}"]`).cloneNode(true);
    for (const own of copy.querySelectorAll('chaff-badge, shreddit-comment')) own.remove();
    copy.removeAttribute('data-chaff-level');
    copy.setAttribute('thingid', newId);
    copy.setAttribute('author', `${newId}_author`);
    copy.querySelector(':scope > [slot="comment"] p').textContent = body;
    document.querySelector('shreddit-comment-tree').append(copy);
  }, [EXPECTED.reddit.campaign[0], id, text]);
}

async function tabIdOf(page) {
  return worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0].id, page.url());
}

// The real popup, pointed at `page`'s tab (a popup opened as a tab would look at itself).
async function popupFor(page) {
  const tabId = await tabIdOf(page);
  const extensionOrigin = worker.url().split('/').slice(0, 3).join('/');
  const popup = await browser.context.newPage();
  await popup.addInitScript((id) => {
    chrome.tabs.query = async () => [{ id }];
  }, tabId);
  await popup.goto(`${extensionOrigin}/popup/popup.html`);
  return popup;
}

function chaffTraces(page) {
  return page.evaluate(() => document.querySelectorAll('[data-chaff-level], chaff-badge, chaff-panel').length);
}

async function assertStoppedCleanly(page, label) {
  await page.waitForFunction(() => !document.querySelector('[data-chaff-level], chaff-badge, chaff-panel'), null, { timeout: 15_000 });
  // chaff stays stopped: new posts, edits and a settings change start nothing.
  await appendComment(page, 't1_afterstop1', 'A perfectly ordinary comment posted after chaff stopped on this page.');
  await appendComment(page, 't1_afterstop2', `${TRAP} again, which a live chaff would send to the engine.`);
  await worker.evaluate(async () => {
    const { chaffSettings = {} } = await chrome.storage.local.get('chaffSettings');
    await chrome.storage.local.set({ chaffSettings: { ...chaffSettings, sensitivity: 'high' } });
  });
  const beats = await page.evaluate(() => globalThis.__beats);
  await page.waitForTimeout(1500);
  assert.equal(await chaffTraces(page), 0, `${label}: nothing of chaff is left or comes back`);
  // The page keeps working: its timer ticks, its DOM takes edits, its own text is intact.
  assert.ok(await page.evaluate(() => globalThis.__beats) - beats >= 20, `${label}: the page's heartbeat kept ticking`);
  assert.equal(await page.locator('shreddit-comment[thingid="t1_afterstop1"]').count(), 1);
  assert.deepEqual(page.errors, [], `${label}: no error reached the page`);
  const warnings = page.consoleTexts.filter((text) => STOPPED_WARNING.test(text));
  assert.equal(warnings.length, 1, `${label}: one warning, once: ${JSON.stringify(page.consoleTexts)}`);
  assert.match(warnings[0], /RuntimeError: unreachable/);
  assert.ok(!page.consoleTexts.includes(CALL_AFTER_TRAP), `${label}: no call into the dead instance`);

  const counts = await worker.evaluate(async (tabId) => chrome.tabs.sendMessage(tabId, { type: 'chaff:counts' }), await tabIdOf(page));
  assert.equal(counts.stopped, 'internal-error');
  const popup = await popupFor(page);
  await popup.getByText(STOPPED_POPUP).waitFor();
  assert.equal(await popup.locator('#counts').isVisible(), false);
  assert.equal(await popup.getByRole('button', { name: 'Open the moderator panel' }).isVisible(), false);
  await popup.close();
  await worker.evaluate(async () => {
    const { chaffSettings = {} } = await chrome.storage.local.get('chaffSettings');
    await chrome.storage.local.set({ chaffSettings: { ...chaffSettings, sensitivity: 'medium' } });
  });
}

test('a panic in the page engine stops chaff on that page cleanly, warns once, and the popup says so', async () => {
  const page = await openWatched(URLS.reddit);
  assert.ok(await page.locator('chaff-badge').count() > 0, 'chaff was working before the failure');
  const counts = await worker.evaluate(async (tabId) => chrome.tabs.sendMessage(tabId, { type: 'chaff:counts' }), await tabIdOf(page));
  assert.equal(counts.engine, 'page');
  assert.equal(counts.stopped, null);
  // The panel open too: it must go with everything else.
  await worker.evaluate(async (tabId) => chrome.tabs.sendMessage(tabId, { type: 'chaff:toggle-panel' }), await tabIdOf(page));
  await page.locator('chaff-panel').waitFor({ state: 'attached' });
  await appendComment(page, 't1_trap', `A comment that makes the engine panic: ${TRAP}.`);
  await assertStoppedCleanly(page, 'page engine');
  await page.close();

  // Another tab has its own content script and instance: unaffected.
  const other = await openWatched(URLS.oldReddit);
  assert.ok(await other.locator('chaff-badge').count() > 0);
  await other.close();
});

test('a panic in the background engine stops chaff on the page that used it; pages with their own engine go on', async () => {
  const page = await openWatched(URLS.reddit.replace('/r/', '/csp/r/'));
  const counts = await worker.evaluate(async (tabId) => chrome.tabs.sendMessage(tabId, { type: 'chaff:counts' }), await tabIdOf(page));
  assert.equal(counts.engine, 'worker', "the page's CSP sends the work to the background engine");
  await appendComment(page, 't1_trap', `A comment that makes the background engine panic: ${TRAP}.`);
  await assertStoppedCleanly(page, 'background engine');
  await page.close();

  // The background's instance is dead until the browser restarts the worker: a page that needs
  // it stops at once, cleanly, with the same message; a page with its own engine is unaffected.
  const next = await browser.context.newPage();
  next.consoleTexts = [];
  next.on('console', (message) => next.consoleTexts.push(message.text()));
  await next.goto(URLS.oldReddit.replace('.com/', '.com/csp/'));
  await next.waitForFunction(() => true);
  await next.waitForFunction(() => document.readyState === 'complete');
  await waitFor(async () => (await worker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    return chrome.tabs.sendMessage(tab.id, { type: 'chaff:counts' }).catch(() => null);
  }, next.url()))?.stopped === 'internal-error');
  assert.equal(await chaffTraces(next), 0);
  assert.equal(next.consoleTexts.filter((text) => STOPPED_WARNING.test(text)).length, 1);
  await next.close();
  const own = await openWatched(URLS.x);
  assert.ok(await own.locator('chaff-badge').count() > 0);
  await own.close();
});

async function waitFor(predicate, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('timed out');
}

test('the faulty engine is a test fixture only: nothing of it is in dist/', () => {
  for (const browserDir of ['chrome', 'firefox']) {
    for (const file of ['content.js', 'background.js']) {
      const bundle = fs.readFileSync(path.join(ROOT, 'dist', browserDir, file), 'utf8');
      assert.ok(!bundle.includes(TRAP), `dist/${browserDir}/${file} holds no test hook`);
    }
  }
  assert.ok(fs.readFileSync(FAULTY_GLUE, 'utf8').includes(TRAP));
});

test('playground: a panic in the worker is shown as an error, and the next run works on a fresh worker', async () => {
  const WWW = path.join(ROOT, 'www');
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };
  const www = http.createServer((request, response) => {
    let urlPath = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    if (urlPath === '/faulty/pkg/chaff_wasm.js') {
      const glue = fs.readFileSync(FAULTY_GLUE, 'utf8').replaceAll("'chaff-real-glue'", "'/pkg/chaff_wasm.js'");
      response.writeHead(200, { 'content-type': types['.js'] }).end(glue);
      return;
    }
    urlPath = urlPath.replace(/^\/faulty\//, '/');
    const file = path.join(WWW, urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath);
    if (!file.startsWith(WWW + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise((resolve) => www.listen(0, '127.0.0.1', resolve));
  const playground = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await playground.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    let beats = 0;
    await page.goto(`http://127.0.0.1:${www.address().port}/faulty/`);
    await page.evaluate(() => {
      globalThis.__beats = 0;
      setInterval(() => { globalThis.__beats += 1; }, 20);
    });
    const check = async (text) => {
      await page.fill('#thread-text', text);
      await page.click('#check-button');
    };
    await check(`A first ordinary post about the weather.\n\nA second post that makes the engine panic: ${TRAP}.`);
    await page.locator('#messages li.error').waitFor();
    const message = await page.textContent('#messages li.error');
    assert.match(message, /internal error in the engine/);
    assert.match(message, /restarted/);
    assert.equal(await page.isDisabled('#check-button'), false, 'the page is ready for the next run');
    beats = await page.evaluate(() => globalThis.__beats);
    await check('Another ordinary post.\n\nAnd one more, written by a person.');
    await page.waitForFunction(() => /^2 posts/.test(document.getElementById('summary').textContent));
    assert.equal(await page.locator('#messages li.error').count(), 0, 'the error is gone with the next result');
    // A settings change re-judges on the fresh worker.
    await page.selectOption('#sensitivity', 'high');
    await page.waitForFunction(() => /^2 posts/.test(document.getElementById('summary').textContent) && !document.querySelector('#messages li.error'));
    assert.ok(await page.evaluate(() => globalThis.__beats) > beats, 'the page kept ticking');
    assert.deepEqual(errors, []);
  } finally {
    await playground.close();
    await new Promise((resolve) => www.close(resolve));
  }
});
