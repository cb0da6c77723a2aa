// chaff cross-thread memory: "also seen in N other threads" for clustered posts.
// Design: stores only salted SHA-256 hashes of each fingerprint key (from the engine's
// fingerprintKeys), each with the THREAD TAGS it was seen in — never text, never page addresses,
// never a thread id or a full hash of one. The salt is random, made once per browser profile and
// kept in storage, so the stored hashes cannot be matched against hashes of known texts made
// elsewhere. Bounded: at most MAX_KEYS key entries, each remembering at most MAX_THREADS_PER_KEY
// thread tags, least recently touched evicted first.
//
// Thread tags, not thread hashes: the salt sits next to the hashes it made (it must: recall needs
// it), and Reddit and X thread ids are short and public, so anyone holding the profile could hash
// a thread id of their choice and test whether the reader opened that thread. A tag is only
// TAG_BITS (10) bits of the salted hash, an integer 0..1023: every thread id maps to one of 1,024
// tags, so a stored tag says "one of a 1,024th of all threads", matched by millions of threads
// the reader never saw, and which tag a given thread gets changes with each profile's salt (and
// with "forget everything", which makes a new one).
// What "seen in N other threads" counts, then: the distinct tags, other than the current
// thread's, that share at least MIN_SHARED_KEYS keys with the post. Two threads can share a tag
// (the birthday problem): two other threads with one tag count as one, and another thread with
// the current thread's tag is not counted. So N can fall short of the true count, never exceed
// it: for the at most 8 threads a key keeps, the chance that some two of the 9 tags involved
// coincide is about C(9,2)/1024 = 3.5%, and then N is one short. No false "seen elsewhere" comes
// from tags: a post is linked only through its own keys' 72-bit hashes.
// What the memory can still tell someone who holds the profile: whether the texts of a known
// campaign were among the clustered posts the reader saw (that is the feature: a membership test
// for near-copies), not in which thread.
// A post counts as seen in an earlier thread only when at least MIN_SHARED_KEYS of its keys map to
// that thread: one shared band key links unrelated posts far too often (measured, commit f0c3ac8).
// Writes are batched: remember() queues, one storage write per FLUSH_DELAY_MS. Nothing is read or
// written when the settings switch `memory` is off or in a private window: a private window
// promises to leave nothing behind, and the switch is the reader's own choice.
import * as settings from './settings.js';

const MEMORY_KEY = 'chaffMemory';
const VERSION = 2;
const SALT_KEY = 'chaffMemorySalt';
// fingerprintKeys gives 40 band keys per post: 40,000 entries remember ~1,000 clustered posts,
// a few MB at most, under chrome.storage.local's 10 MB quota.
const MAX_KEYS = 40_000;
const MAX_THREADS_PER_KEY = 8;
const FLUSH_DELAY_MS = 1500;
// On the eval originals (40 bands): any one shared key linked 54% of posts to an unrelated one,
// three shared keys 1.2%, while every near-copy pair shared at least three (commit f0c3ac8).
// A post with fewer keys than this needs all of them.
const MIN_SHARED_KEYS = 3;
// 72 bits of each key's digest: collisions stay negligible at 40,000 entries, and 9 bytes are 12
// base64 characters without padding, which keeps the stored object small.
const HASH_BYTES = 9;
// Bits of a thread's digest kept as its tag (see the design note): 1,024 tags.
export const TAG_BITS = 10;

function isPrivateWindow() {
  return Boolean(globalThis.chrome?.extension?.inIncognitoContext);
}

async function isActive() {
  if (isPrivateWindow()) return false;
  return (await settings.load()).memory;
}

function toBase64(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

let saltPromise = null;

function salt() {
  saltPromise ??= (async () => {
    const stored = await chrome.storage.local.get(SALT_KEY);
    if (typeof stored[SALT_KEY] === 'string') return fromBase64(stored[SALT_KEY]);
    const fresh = crypto.getRandomValues(new Uint8Array(32));
    await chrome.storage.local.set({ [SALT_KEY]: toBase64(fresh) });
    return fresh;
  })();
  return saltPromise;
}

// The "k:" / "t:" domain prefix keeps a key and a thread id with the same digits apart.
async function digest(domain, value) {
  const saltBytes = await salt();
  const text = new TextEncoder().encode(`${domain}:${value}`);
  const input = new Uint8Array(saltBytes.length + text.length);
  input.set(saltBytes);
  input.set(text, saltBytes.length);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', input));
}

// key -> promise of its salted hash, for this page's life (or until the salt changes). Measured
// on a spam flood (tests/browser/flood.mjs): near-copies share most of their 40 band keys, and
// each post's keys are hashed twice (recall, then remember), so one crypto.subtle.digest call per
// key and post was 7% of the page's profile. Held in memory only; never stored. Bounded: past
// MAX_CACHED_HASHES it starts over.
const keyHashes = new Map();
const MAX_CACHED_HASHES = 50_000;

function hashKey(key) {
  let hash = keyHashes.get(key);
  if (hash === undefined) {
    if (keyHashes.size >= MAX_CACHED_HASHES) keyHashes.clear();
    hash = digest('k', key).then((bytes) => toBase64(bytes.subarray(0, HASH_BYTES)));
    keyHashes.set(key, hash);
    // A failed digest is tried again next time, not remembered as failed.
    hash.catch(() => keyHashes.delete(key));
  }
  return hash;
}

// A post's keys are digested together: crypto.subtle works them in parallel.
function hashKeys(keys) {
  return Promise.all(keys.map(hashKey));
}

/** The thread's tag: the first TAG_BITS bits of its salted digest, an integer 0..2^TAG_BITS-1. */
export async function threadTag(threadId) {
  const bytes = await digest('t', threadId);
  return ((bytes[0] << 8) | bytes[1]) >>> (16 - TAG_BITS);
}

const isTag = (value) => Number.isInteger(value) && value >= 0 && value < 2 ** TAG_BITS;

// Stored form: {v: 2, keys: [[keyHash, [tag, ...]], ...]}, oldest first: keyHash 12 base64
// characters, each tag an integer 0..1023. An array, not an object, because eviction needs the
// order and the order must survive JSON storage.
// Any other stored form is deleted on sight: version 1 kept full 72-bit thread hashes, which
// could be tested against thread ids (see the design note), and must not outlive the update.
async function readStore() {
  const stored = (await chrome.storage.local.get(MEMORY_KEY))[MEMORY_KEY];
  const keys = new Map();
  if (stored === undefined) return keys;
  if (stored?.v !== VERSION || !Array.isArray(stored.keys)) {
    await chrome.storage.local.remove(MEMORY_KEY);
    return keys;
  }
  for (const entry of stored.keys) {
    if (!Array.isArray(entry)) continue;
    const [keyHash, tags] = entry;
    if (typeof keyHash === 'string' && Array.isArray(tags)) keys.set(keyHash, tags.filter(isTag));
  }
  return keys;
}

function writeStore(keys) {
  return chrome.storage.local.set({ [MEMORY_KEY]: { v: VERSION, keys: [...keys] } });
}

// Queued [keyHash, tag] pairs not yet written.
let pending = [];
let flushTimer = null;
let flushing = Promise.resolve();

function flush() {
  clearTimeout(flushTimer);
  flushTimer = null;
  const batch = pending;
  pending = [];
  const run = async () => {
    // Switched off since the batch was queued: it is dropped, never written.
    if (batch.length === 0 || !(await isActive())) return;
    // Re-read before writing: other tabs write the same store.
    const keys = await readStore();
    for (const [keyHash, tag] of batch) {
      const threads = (keys.get(keyHash) ?? []).filter((t) => t !== tag);
      threads.push(tag);
      // Delete then set moves the key to the end: the most recently touched.
      keys.delete(keyHash);
      keys.set(keyHash, threads.slice(-MAX_THREADS_PER_KEY));
    }
    for (const oldest of keys.keys()) {
      if (keys.size <= MAX_KEYS) break;
      keys.delete(oldest);
    }
    await writeStore(keys);
  };
  flushing = flushing.then(run, run);
  return flushing;
}

export async function remember(entries, threadId) {
  if (!(await isActive())) return;
  const tag = await threadTag(threadId);
  for (const entry of entries) {
    for (const keyHash of await hashKeys(entry.keys)) pending.push([keyHash, tag]);
  }
  if (pending.length > 0 && flushTimer === null) flushTimer = setTimeout(flush, FLUSH_DELAY_MS);
}

// Map(post id -> number of OTHER thread tags sharing at least MIN_SHARED_KEYS of its keys: the
// number of other threads, or a little less when tags collide, see the design note); posts seen in
// no other thread are absent.
export async function recall(entries, threadId) {
  const seenElsewhere = new Map();
  if (!(await isActive())) return seenElsewhere;
  // Writes still queued (e.g. from the thread just left) count too.
  await flush();
  const keys = await readStore();
  if (keys.size === 0) return seenElsewhere;
  const currentTag = await threadTag(threadId);
  for (const entry of entries) {
    const keyHashes = new Set(await hashKeys(entry.keys));
    const required = Math.min(MIN_SHARED_KEYS, keyHashes.size);
    // thread tag -> how many of this post's keys it shares
    const sharedKeys = new Map();
    for (const keyHash of keyHashes) {
      for (const tag of keys.get(keyHash) ?? []) sharedKeys.set(tag, (sharedKeys.get(tag) ?? 0) + 1);
    }
    sharedKeys.delete(currentTag);
    const threads = [...sharedKeys.values()].filter((shared) => shared >= required).length;
    if (threads > 0) seenElsewhere.set(entry.id, threads);
  }
  return seenElsewhere;
}

// Deletes a stored memory of an older form (version 1's full thread hashes); the background runs
// it when the extension is installed or updated, so the old form goes even if the memory is off.
export async function dropOldForms() {
  const stored = (await chrome.storage.local.get(MEMORY_KEY))[MEMORY_KEY];
  if (stored !== undefined && stored?.v !== VERSION) await chrome.storage.local.remove(MEMORY_KEY);
}

export async function forget() {
  clearTimeout(flushTimer);
  flushTimer = null;
  pending = [];
  await flushing;
  // A new salt too: anything that copied the old hashes can no longer link them to new ones.
  saltPromise = null;
  keyHashes.clear();
  await chrome.storage.local.remove([MEMORY_KEY, SALT_KEY]);
}

// Leaving the page must not lose the last batch.
globalThis.addEventListener?.('pagehide', () => {
  if (pending.length > 0) flush();
});
