// chaff cross-thread memory: "also seen in N other threads" for clustered posts.
// Design: stores only salted SHA-256 hashes — of each fingerprint key (from the engine's
// fingerprintKeys) and of each thread id — never text and never page addresses. The salt is
// random, made once per browser profile and kept in storage, so the stored hashes cannot be
// matched against hashes of known texts made elsewhere. Bounded: at most MAX_KEYS key entries,
// each remembering at most MAX_THREADS_PER_KEY threads, least recently touched evicted first.
// A post counts as seen in an earlier thread only when at least MIN_SHARED_KEYS of its keys map to
// that thread: one shared band key links unrelated posts far too often (measured, commit f0c3ac8).
// Writes are batched: remember() queues, one storage write per FLUSH_DELAY_MS. Nothing is read or
// written when the settings switch `memory` is off or in a private window: a private window
// promises to leave nothing behind, and the switch is the reader's own choice.
import * as settings from './settings.js';

const MEMORY_KEY = 'chaffMemory';
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
// 72 bits of each digest: collisions stay negligible at 40,000 entries, and 9 bytes are 12
// base64 characters without padding, which keeps the stored object small.
const HASH_BYTES = 9;

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
async function hash(domain, value) {
  const saltBytes = await salt();
  const text = new TextEncoder().encode(`${domain}:${value}`);
  const input = new Uint8Array(saltBytes.length + text.length);
  input.set(saltBytes);
  input.set(text, saltBytes.length);
  const digest = await crypto.subtle.digest('SHA-256', input);
  return toBase64(new Uint8Array(digest, 0, HASH_BYTES));
}

// A post's keys are digested together: crypto.subtle works them in parallel.
function hashKeys(keys) {
  return Promise.all(keys.map((key) => hash('k', key)));
}

// Stored form: {v: 1, keys: [[keyHash, [threadHash, ...]], ...]}, oldest first. An array, not
// an object, because eviction needs the order and the order must survive JSON storage.
async function readStore() {
  const stored = (await chrome.storage.local.get(MEMORY_KEY))[MEMORY_KEY];
  const keys = new Map();
  if (stored?.v === 1 && Array.isArray(stored.keys)) {
    for (const [keyHash, threads] of stored.keys) {
      if (typeof keyHash === 'string' && Array.isArray(threads)) keys.set(keyHash, threads);
    }
  }
  return keys;
}

function writeStore(keys) {
  return chrome.storage.local.set({ [MEMORY_KEY]: { v: 1, keys: [...keys] } });
}

// Queued [keyHash, threadHash] pairs not yet written.
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
    for (const [keyHash, threadHash] of batch) {
      const threads = (keys.get(keyHash) ?? []).filter((t) => t !== threadHash);
      threads.push(threadHash);
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
  const threadHash = await hash('t', threadId);
  for (const entry of entries) {
    for (const keyHash of await hashKeys(entry.keys)) pending.push([keyHash, threadHash]);
  }
  if (pending.length > 0 && flushTimer === null) flushTimer = setTimeout(flush, FLUSH_DELAY_MS);
}

// Map(post id -> number of OTHER threads sharing any of its keys); posts seen in no other
// thread are absent.
export async function recall(entries, threadId) {
  const seenElsewhere = new Map();
  if (!(await isActive())) return seenElsewhere;
  // Writes still queued (e.g. from the thread just left) count too.
  await flush();
  const keys = await readStore();
  if (keys.size === 0) return seenElsewhere;
  const threadHash = await hash('t', threadId);
  for (const entry of entries) {
    const keyHashes = new Set(await hashKeys(entry.keys));
    const required = Math.min(MIN_SHARED_KEYS, keyHashes.size);
    // thread hash -> how many of this post's keys it shares
    const sharedKeys = new Map();
    for (const keyHash of keyHashes) {
      for (const thread of keys.get(keyHash) ?? []) sharedKeys.set(thread, (sharedKeys.get(thread) ?? 0) + 1);
    }
    sharedKeys.delete(threadHash);
    const threads = [...sharedKeys.values()].filter((shared) => shared >= required).length;
    if (threads > 0) seenElsewhere.set(entry.id, threads);
  }
  return seenElsewhere;
}

export async function forget() {
  clearTimeout(flushTimer);
  flushTimer = null;
  pending = [];
  await flushing;
  // A new salt too: anything that copied the old hashes can no longer link them to new ones.
  saltPromise = null;
  await chrome.storage.local.remove([MEMORY_KEY, SALT_KEY]);
}

// Leaving the page must not lose the last batch.
globalThis.addEventListener?.('pagehide', () => {
  if (pending.length > 0) flush();
});
