// Measures what chaff costs a long thread: the long tasks (PerformanceObserver
// `longtask`, tasks over 50 ms) during the load and a scroll-through of a 1,000-comment shreddit
// page, without the extension, with it (WASM in the content script), and with it on the same page
// served with a CSP that blocks WASM (the worker engine). A measurement for the integrator's
// report, not a test: it prints JSON and asserts nothing.
//   node tests/browser/longtasks.mjs [runs per mode, default 3]   (needs dist/chrome built)
// The page keeps tests/pages/reddit-thread.html's structure and its 38 comments, then adds 962
// depth-0 comments built on one of its comment elements, with the texts of
// tests/samples/youtube-comments.jsonl (the same CC BY 4.0 collection the page's texts come from).
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, EXTENSION_DIR, requireBuild, startHttpsServer, launchBrowser } from './harness.mjs';

const COMMENTS = 1000;
const RUNS = Number(process.argv[2] ?? 3);
const QUIET_MS = 1500;
const POSTS = 'shreddit-post, shreddit-comment';

function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function buildLongPage() {
  const lines = fs.readFileSync(path.join(ROOT, 'tests', 'pages', 'reddit-thread.html'), 'utf8').split('\n');
  const existing = lines.filter((line) => line.startsWith('<shreddit-comment ')).length;
  // A depth-0 comment that closes on its own line and is not AutoModerator's: the template.
  const template = lines.find((line) => / depth="0"/.test(line) && !/AutoModerator/.test(line) &&
    line.endsWith('</shreddit-comment>') && line.split('</shreddit-comment>').length === 2);
  const templateId = /thingid="t1_([a-z0-9]+)"/.exec(template)[1];
  const templateAuthor = /author="([^"]+)"/.exec(template)[1];
  const texts = fs.readFileSync(path.join(ROOT, 'tests', 'samples', 'youtube-comments.jsonl'), 'utf8')
    .split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const generated = [];
  for (let i = 0; generated.length < COMMENTS - existing; i++) {
    const sample = texts[i % texts.length];
    const id = `lt${String(i).padStart(5, '0')}`;
    const author = `${(sample.author ?? 'reader').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 20)}_${i}`;
    const minute = String(i % 60).padStart(2, '0');
    generated.push(template
      .replaceAll(templateId, id)
      .replaceAll(templateAuthor, author)
      .replace(/<p>.*<\/p>/, `<p>${escapeHtml(sample.text)}</p>`)
      .replace(/T\d\d:\d\d:00/g, `T1${i % 10}:${minute}:00`));
  }
  const treeEnd = lines.indexOf('</shreddit-comment-tree>');
  return [...lines.slice(0, treeEnd), ...generated, ...lines.slice(treeEnd)].join('\n');
}

// Registered before any page script: every long task from navigation on.
function observeLongTasks() {
  globalThis.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) globalThis.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
}

async function measure(browser, url, withExtension) {
  const page = await browser.context.newPage();
  await page.addInitScript(observeLongTasks);
  const started = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  let scoredMs = null;
  if (withExtension) {
    await page.waitForFunction((selector) => [...document.querySelectorAll(selector)].every((post) => post.hasAttribute('data-chaff-level')),
      POSTS, { timeout: 120_000, polling: 100 });
    scoredMs = Date.now() - started;
  }
  // Scroll through the whole thread a screen at a time, as a reader skimming it would.
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 16)));
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight * 0.9) {
      scrollTo(0, y);
      await frame();
    }
  });
  await page.waitForTimeout(QUIET_MS);
  const result = await page.evaluate((selector) => ({
    posts: document.querySelectorAll(selector).length,
    flagged: document.querySelectorAll('[data-chaff-level="notice"], [data-chaff-level="suspect"]').length,
    longTasks: globalThis.__longTasks.length,
    longTaskMs: Math.round(globalThis.__longTasks.reduce((sum, d) => sum + d, 0)),
    longestMs: Math.round(Math.max(0, ...globalThis.__longTasks)),
  }), POSTS);
  await page.close();
  return { ...result, scoredMs };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

requireBuild();
const html = buildLongPage();
const server = await startHttpsServer((request, url) => {
  if (url.hostname !== 'www.reddit.com' || url.pathname === '/favicon.ico') return null;
  const headers = { 'content-type': 'text/html; charset=utf-8' };
  if (url.pathname.startsWith('/csp/')) headers['content-security-policy'] = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'";
  return { headers, body: html };
});
const url = 'https://www.reddit.com/r/Music/comments/1gm4k2x/thousand_comments/';
const modes = [
  { name: 'without chaff', extension: null, url },
  { name: 'with chaff (WASM in the page)', extension: EXTENSION_DIR, url },
  { name: 'with chaff (worker engine, CSP blocks WASM)', extension: EXTENSION_DIR, url: url.replace('/r/', '/csp/r/') },
];
const report = { comments: COMMENTS, runsPerMode: RUNS, modes: [] };
for (const mode of modes) {
  const browser = await launchBrowser({ port: server.port, extension: mode.extension ?? undefined });
  // Warm-up load: the first navigation of a fresh profile pays one-off costs in every mode.
  await measure(browser, mode.url, Boolean(mode.extension));
  const runs = [];
  for (let run = 0; run < RUNS; run++) runs.push(await measure(browser, mode.url, Boolean(mode.extension)));
  await browser.close();
  report.modes.push({
    mode: mode.name,
    posts: runs[0].posts,
    flagged: runs[0].flagged,
    medianLongTasks: median(runs.map((r) => r.longTasks)),
    medianLongTaskMs: median(runs.map((r) => r.longTaskMs)),
    medianScoredMs: mode.extension ? median(runs.map((r) => r.scoredMs)) : null,
    runs,
  });
}
await server.close();
console.log(JSON.stringify(report, null, 2));
