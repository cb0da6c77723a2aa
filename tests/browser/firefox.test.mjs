// The built Firefox extension (dist/firefox) in Debian's Firefox ESR (chaff promises Firefox,
// not only Chromium): installed as a temporary add-on over WebDriver BiDi (puppeteer-core, no browser
// download), it reads the same saved thread pages under their real hostnames. What Firefox does
// differently is what these tests pin: MV3 with an event-page background (background.scripts),
// WebAssembly in a content script, the worker engine on a CSP page that blocks WebAssembly, and
// the moderator export, a Blob download started from a content script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchFirefox, openFirefoxExtensionPage } from './harness.mjs';
import { POSTS, URLS, EXPECTED, serveThreadPages, everyPostScored, postLevels, assertLevels } from './thread-pages.mjs';

let server;
let browser;
let downloadDir;

before(async () => {
  server = await serveThreadPages();
  downloadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaff-firefox-downloads-'));
  browser = await launchFirefox({ downloadDir });
});

after(async () => {
  await browser?.close();
  await server?.close();
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

test('Firefox: a page whose CSP blocks WebAssembly gets the same levels from the background engine', async () => {
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
