// What chaff keeps cannot betray the reader: after a session on the test pages (new Reddit, two
// threads of one campaign, old Reddit, X, and a page whose CSP sends the work to the background),
// with one trusted author typed in the options page, EVERYTHING the extension stored is read back
// (chrome.storage.local and .sync, the extension origin's localStorage, IndexedDB and Cache
// Storage, and the visited sites' own localStorage and IndexedDB, where a content script could
// write) and checked:
// - only the three keys chaffSettings, chaffMemory, chaffMemorySalt, of the documented shapes;
// - no post text (every line of every test page's text), no author name but the trusted one
//   typed, no attribute value of the pages (ids, permalinks, links), no thread id, no page URL;
// - no hash of a visited thread id (SHA-256 with the stored salt, in base64 or hex, whole or cut
//   to 9 bytes as version 1 stored it) anywhere; each thread is a tag of at most 10 bits, which
//   a never-visited thread id matches as often as a visited one (the collision rate);
// - under the size bound (40,000 keys, 8 tags each);
// - "Forget everything" on the options page removes the memory and its salt (the settings stay:
//   they are the reader's choices, not a record of reading).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { EXTENSION_DIR, requireBuild, launchBrowser, extensionWorker } from './harness.mjs';
import { POSTS, URLS, serveThreadPages, everyPostScored } from './thread-pages.mjs';

const TRUSTED = 'Bob_Kanowski'; // an author on the new-Reddit page, typed by the reader
const SESSION = [
  { url: URLS.reddit, threadId: 'reddit:1gm4k2x' },
  { url: URLS.reddit.replace('1gm4k2x', 'auditb2'), threadId: 'reddit:auditb2' },
  { url: URLS.oldReddit, threadId: 'old-reddit:2kx9q1' },
  { url: URLS.x, threadId: 'x:2013265187435446272' },
  { url: URLS.reddit.replace('/r/', '/csp/r/').replace('1gm4k2x', 'auditc3'), threadId: 'reddit:auditc3' },
];
// Words of the settings themselves, which may appear in storage.
const SETTINGS_WORDS = new Set(['reddit', 'old-reddit', 'x', 'low', 'medium', 'high', 'badge', 'dim', 'collapse']);

let server;
let browser;
let worker;
let extensionOrigin;
const seen = { lines: new Set(), attributes: new Set(), authors: new Set() };

before(async () => {
  requireBuild();
  server = await serveThreadPages();
  browser = await launchBrowser({ port: server.port, extension: EXTENSION_DIR });
  worker = await extensionWorker(browser.context);
  extensionOrigin = worker.url().split('/').slice(0, 3).join('/');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function storedEverything() {
  const areas = await worker.evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    sync: await chrome.storage.sync.get(null),
    bytes: await chrome.storage.local.getBytesInUse(null),
  }));
  const page = await browser.context.newPage();
  await page.goto(`${extensionOrigin}/options/options.html`);
  const origin = await page.evaluate(async () => ({
    localStorage: Object.fromEntries(Object.entries(localStorage)),
    indexedDB: (await indexedDB.databases()).map((db) => db.name),
    caches: await caches.keys(),
  }));
  await page.close();
  return { ...areas, origin };
}

test('a session on the test pages leaves settings and fingerprints only; forget everything empties the memory', { timeout: 180_000 }, async () => {
  // The reader types a trusted author on the options page.
  const options = await browser.context.newPage();
  await options.goto(`${extensionOrigin}/options/options.html`);
  await options.getByLabel('Trusted authors').fill(`u/${TRUSTED}`);
  await options.getByLabel('Trusted authors').blur();
  await options.getByText('Saved.').waitFor();

  for (const { url } of SESSION) {
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForFunction(everyPostScored, POSTS, { timeout: 30_000 });
    const found = await page.evaluate(async (selector) => ({
      lines: document.body.innerText.split('\n').map((line) => line.trim()).filter((line) => line.length >= 12),
      attributes: [...document.querySelectorAll('*')].filter((element) => !element.localName.startsWith('chaff-'))
        .flatMap((element) => [...element.attributes].filter((a) => !['data-chaff-level', 'style', 'class'].includes(a.name)).map((a) => a.value)),
      authors: [...document.querySelectorAll(`${selector}, [data-author], .author, [data-testid="User-Name"] a`)]
        .flatMap((element) => [element.getAttribute('author'), element.getAttribute('data-author'), element.textContent.trim()])
        .filter((name) => name && name.length >= 3 && name.length <= 40 && !/\s/.test(name)),
      // The site's own storage, where a content script could write.
      localStorage: localStorage.length,
      indexedDB: (await indexedDB.databases()).length,
    }), POSTS);
    assert.equal(found.localStorage, 0, `${url}: nothing in the site's localStorage`);
    assert.equal(found.indexedDB, 0, `${url}: nothing in the site's IndexedDB`);
    for (const line of found.lines) seen.lines.add(line);
    for (const value of found.attributes) if (value.length >= 6) seen.attributes.add(value);
    for (const author of found.authors) seen.authors.add(author.replace(/^u\//, '').replace(/^@/, ''));
    // memory.js writes in batches (1.5 s).
    await page.waitForTimeout(2000);
    await page.close();
  }
  assert.ok(seen.lines.size > 100 && seen.authors.size > 50, `the pages were read (${seen.lines.size} lines, ${seen.authors.size} authors)`);

  const stored = await storedEverything();
  // Only these keys, of these shapes.
  assert.deepEqual(Object.keys(stored.local).sort(), ['chaffMemory', 'chaffMemorySalt', 'chaffSettings']);
  assert.deepEqual(stored.sync, {}, 'nothing in storage.sync');
  assert.deepEqual(stored.origin, { localStorage: {}, indexedDB: [], caches: [] }, 'nothing in the extension origin\'s own storage');
  const { chaffSettings: settings, chaffMemory: memory, chaffMemorySalt: salt } = stored.local;
  assert.deepEqual(Object.keys(settings).sort(), ['display', 'markers', 'memory', 'sensitivity', 'sites', 'trustedAuthors']);
  assert.deepEqual(settings.markers, [], 'the reader typed no marker');
  assert.deepEqual(settings.trustedAuthors, [TRUSTED]);
  assert.match(salt, /^[A-Za-z0-9+/]{43}=$/, 'the salt: 32 random bytes in base64');
  assert.equal(memory.v, 2);
  assert.ok(memory.keys.length > 0, 'the campaigns were remembered');
  const tags = new Set();
  for (const entry of memory.keys) {
    assert.equal(entry.length, 2);
    const [keyHash, threadTags] = entry;
    assert.match(keyHash, /^[A-Za-z0-9+/]{12}$/, 'a key is 72 bits of a salted hash');
    assert.ok(threadTags.length >= 1 && threadTags.length <= 8);
    for (const tag of threadTags) {
      assert.ok(Number.isInteger(tag) && tag >= 0 && tag < 1024, `a thread is a 10-bit tag, not ${JSON.stringify(tag)}`);
      tags.add(tag);
    }
  }
  // The size bound.
  assert.ok(memory.keys.length <= 40_000);
  assert.ok(stored.bytes < 40_000 * 64, `${stored.bytes} bytes in storage`);

  // No text, no author but the trusted one, no attribute value, no id, no address. Searched
  // case-insensitively in everything but the hashes (whose format is checked above: base64 of
  // random-looking bytes, where a short name could turn up by chance), and as written, if 6
  // characters or longer, in everything including the hashes.
  const raw = JSON.stringify(stored.local);
  const textual = JSON.stringify({ settings, v: memory.v, tags: memory.keys.map(([, threadTags]) => threadTags) }).toLowerCase();
  const leaks = [];
  const check = (kind, value) => {
    const allowed = value.toLowerCase().includes(TRUSTED.toLowerCase()) || SETTINGS_WORDS.has(value.toLowerCase());
    if (!allowed && (textual.includes(value.toLowerCase()) || (value.length >= 6 && raw.includes(value)))) leaks.push(`${kind}: ${value}`);
  };
  for (const line of seen.lines) check('text', line);
  for (const author of seen.authors) check('author', author);
  for (const value of seen.attributes) check('attribute', value);
  for (const { url, threadId } of SESSION) {
    const parsed = new URL(url);
    for (const needle of [url, parsed.pathname, parsed.hostname, threadId, threadId.split(':')[1]]) check('address or id', needle);
  }
  assert.deepEqual(leaks, [], 'stored values that come from the pages');

  // Hashed forms of the visited thread ids, with the stored salt: none is stored, in any form.
  const saltBytes = Buffer.from(salt, 'base64');
  const digest = (text) => crypto.createHash('sha256').update(Buffer.concat([saltBytes, Buffer.from(text)])).digest();
  const tagOf = (threadId) => {
    const bytes = digest(`t:${threadId}`);
    return ((bytes[0] << 8) | bytes[1]) >>> 6;
  };
  for (const { threadId } of SESSION) {
    for (const input of [`t:${threadId}`, threadId, `t:${threadId.split(':')[1]}`]) {
      const bytes = digest(input);
      for (const form of [bytes.toString('base64'), bytes.subarray(0, 9).toString('base64'), bytes.toString('hex'), bytes.subarray(0, 8).toString('hex'),
        bytes.subarray(0, 6).toString('base64')]) {
        assert.ok(!raw.includes(form), `a hash of ${input} is stored (${form})`);
      }
    }
  }
  // What is left of a thread is its tag: the visited threads' tags are there (that is the
  // memory), and a thread id never visited matches the stored tags exactly as often as the tag
  // count says, so a match tells nothing more than "one of a 1,024th of all threads".
  const clusteredThreads = SESSION.filter(({ threadId }) => tags.has(tagOf(threadId)));
  assert.ok(clusteredThreads.length >= 2, 'the threads with a campaign are remembered by their tags');
  const strangers = Array.from({ length: 20_000 }, (_, i) => `reddit:${(i * 7919 + 12345).toString(36)}`);
  const matching = strangers.filter((threadId) => tags.has(tagOf(threadId))).length / strangers.length;
  const expected = tags.size / 1024;
  console.log(`# ${memory.keys.length} keys, ${tags.size} distinct thread tags; a never-visited thread id matches ${(100 * matching).toFixed(2)}% (expected ${(100 * expected).toFixed(2)}%); ${stored.bytes} bytes`);
  assert.ok(Math.abs(matching - expected) < 0.01, 'tags match unvisited threads at the collision rate');

  // Forget everything, as the reader would.
  await options.reload();
  await options.getByRole('button', { name: 'Forget everything' }).click();
  await options.getByRole('button', { name: 'Yes, forget' }).click();
  await options.getByText('Forgotten.').waitFor();
  const afterForget = await storedEverything();
  assert.deepEqual(Object.keys(afterForget.local), ['chaffSettings'], 'the memory and its salt are gone');
  assert.deepEqual(afterForget.local.chaffSettings, settings, 'the settings stay');
  assert.deepEqual(afterForget.sync, {});
  await options.close();
});
