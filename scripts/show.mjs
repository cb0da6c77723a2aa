// `make run`'s second half: shows chaff at work on the bundled test threads (tests/pages/) in
// Debian Chromium with the built extension (dist/chrome), served over HTTPS under the real
// hostnames exactly as the browser tests do (tests/browser/harness.mjs). Without a display it
// runs headless and saves a screenshot per site to dist/screenshots/ (one badge's popover
// opened, so the reasons show); with $DISPLAY it opens a window and waits until you close it.
// Either way it ends by saying how to load the extension into your own browser.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, EXTENSION_DIR, requireBuild, startHttpsServer, launchBrowser } from '../tests/browser/harness.mjs';

const PAGES = [
  { site: 'new Reddit', host: 'www.reddit.com', file: 'reddit-thread.html', url: 'https://www.reddit.com/r/Music/comments/1gm4k2x/gangnam_style/' },
  { site: 'old Reddit', host: 'old.reddit.com', file: 'old-reddit-thread.html', url: 'https://old.reddit.com/r/popheads/comments/2kx9q1/katy_perry_roar/' },
  { site: 'X', host: 'x.com', file: 'x-conversation.html', url: 'https://x.com/PartyRockVault/status/2013265187435446272' },
];
const POSTS = 'shreddit-post, shreddit-comment, .thing.link[data-fullname], .thing.comment[data-fullname], article[data-testid="tweet"]';
const SCREENSHOTS = path.join(ROOT, 'dist', 'screenshots');

requireBuild();
const headless = !process.env.DISPLAY;
const server = await startHttpsServer((request, url) => {
  const page = PAGES.find((p) => p.host === url.hostname);
  if (!page || url.pathname === '/favicon.ico') return null;
  return { headers: { 'content-type': 'text/html; charset=utf-8' }, body: fs.readFileSync(path.join(ROOT, 'tests', 'pages', page.file)) };
});
const browser = await launchBrowser({ port: server.port, extension: EXTENSION_DIR, headless });
fs.mkdirSync(SCREENSHOTS, { recursive: true });

for (const entry of PAGES) {
  const page = await browser.context.newPage();
  await page.goto(entry.url);
  await page.waitForFunction((selector) => [...document.querySelectorAll(selector)].every((post) => post.hasAttribute('data-chaff-level')),
    POSTS, { timeout: 30_000 });
  const levels = await page.evaluate(() => {
    const count = (level) => document.querySelectorAll(`[data-chaff-level="${level}"]`).length;
    return { ok: count('ok'), notice: count('notice'), suspect: count('suspect') };
  });
  console.log(`${entry.site}: ${levels.ok} ok, ${levels.notice} notice, ${levels.suspect} suspect  (${entry.url})`);
  if (headless) {
    const pill = page.locator('[data-chaff-level="suspect"] chaff-badge button.pill').first();
    if (await pill.count()) {
      await pill.scrollIntoViewIfNeeded();
      await pill.click();
    }
    const file = path.join(SCREENSHOTS, `${entry.file.replace('.html', '')}.png`);
    await page.screenshot({ path: file });
    console.log(`  screenshot: ${path.relative(process.cwd(), file)}`);
  }
}

if (!headless) {
  console.log('\nChromium is open with chaff on the three test threads; close its window to finish.');
  await new Promise((resolve) => browser.context.on('close', resolve));
} else {
  await browser.close();
}
await server.close();

console.log(`
To try chaff in your own browser:
  Chrome/Chromium: chrome://extensions -> Developer mode -> Load unpacked -> ${path.join(ROOT, 'dist', 'chrome')}
  Firefox (128 or later): about:debugging -> This Firefox -> Load Temporary Add-on -> ${path.join(ROOT, 'dist', 'firefox', 'manifest.json')}`);
