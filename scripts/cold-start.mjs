// Cold start of the content script in Chromium: from the moment the content script starts to the
// first verdicts, and what that time is made of. A measurement, not a test: it prints the figures
// and asserts nothing (times on a shared machine vary; docs/performance.md has the record).
//   node scripts/cold-start.mjs [RUNS, default 9]       (needs dist/chrome: make extension)
// Each run opens the bundled new-Reddit thread (tests/pages/reddit-thread.html, served under
// www.reddit.com) in a new tab of one browser with the built extension, after one warm-up load
// (a fresh profile's first navigation pays one-off costs). The content script's engine
// (extension/engine/page-engine.js) notes performance.now() as it goes into an object of its own
// JS world, read here over the DevTools protocol; the page's own script notes when the first
// post is marked (data-chaff-level) and when the document was parsed. Phases, in ms:
//   instantiate    content script start -> WASM compiled and instantiated (fetch included)
//   modelsRead     -> both model files fetched (while the WASM compiles)
//   modelsInstall  the install alone (decoding the binary models), once both are there
//   warmUpStart    -> settings and the site description read, the site found: warm-up begins
//   warmUp         -> the engine's tables built (two scratch posts, each in its own task)
//   firstVerdicts  -> the first batch of the thread's posts scored: the cold start
//   firstBadge     -> the first post marked on the page
//   scriptStart    (before the rest) from the document parsed to the content script's start
// Reported: the median of the runs, and every run.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { EXTENSION_DIR, requireBuild, launchBrowser } = await import(path.join(ROOT, 'tests', 'browser', 'harness.mjs'));
const { serveThreadPages, URLS } = await import(path.join(ROOT, 'tests', 'browser', 'thread-pages.mjs'));

const RUNS = Number(process.argv[2] ?? 9);

// Registered before any page script: when the document was parsed, and when chaff first marked a post.
function observeFirstMark() {
  document.addEventListener('DOMContentLoaded', () => (globalThis.__parsed = performance.now()));
  new MutationObserver((records, observer) => {
    if (records.some((r) => r.attributeName === 'data-chaff-level')) {
      globalThis.__firstMark = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-chaff-level'] });
}

async function measure(browser, url) {
  const page = await browser.context.newPage();
  await page.addInitScript(observeFirstMark);
  const cdp = await browser.context.newCDPSession(page);
  // The content script's world: an isolated world whose origin is the extension's.
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  await page.goto(url);
  await page.waitForFunction(() => globalThis.__firstMark !== undefined, null, { timeout: 30_000, polling: 50 });
  const page_ = await page.evaluate(() => ({ parsed: globalThis.__parsed, firstMark: globalThis.__firstMark }));
  let marks = null;
  for (const context of contexts.filter((c) => c.origin.startsWith('chrome-extension://'))) {
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: 'globalThis.chaffColdStart',
      contextId: context.id,
      returnByValue: true,
    });
    if (result.value) marks = result.value;
  }
  await page.close();
  if (!marks) throw new Error('no cold-start marks found in the content script: is dist/chrome built from this tree?');
  const from = marks.evaluated;
  return {
    scriptStart: marks.evaluated - page_.parsed,
    instantiate: marks.instantiated - from,
    modelsRead: marks.modelsRead - from,
    modelsInstall: marks.modelsInstalled - Math.max(marks.instantiated, marks.modelsRead),
    warmUpStart: marks.warmUpStart - from,
    warmUp: marks.warmedUp - from,
    firstVerdicts: marks.firstVerdicts - from,
    firstBadge: page_.firstMark - from,
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

requireBuild();
const server = await serveThreadPages();
const browser = await launchBrowser({ port: server.port, extension: EXTENSION_DIR });
try {
  await measure(browser, URLS.reddit);
  const runs = [];
  for (let run = 0; run < RUNS; run++) runs.push(await measure(browser, URLS.reddit));
  const fields = Object.keys(runs[0]);
  console.log(`cold start of the content script, ${URLS.reddit}, ${RUNS} runs (ms from the content script's start;`);
  console.log('scriptStart: from the document parsed to the content script start; modelsInstall: its own duration)');
  for (const field of fields) {
    console.log(`  ${field.padEnd(14)} median ${median(runs.map((r) => r[field])).toFixed(1).padStart(7)}   runs ${runs.map((r) => r[field].toFixed(1)).join(', ')}`);
  }
} finally {
  await browser.close();
  await server.close();
}
