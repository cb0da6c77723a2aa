// chaff background: the WASM engine for pages whose CSP blocks WebAssembly in the content script
// (GUIDE §2), and the keyboard shortcut that toggles the moderator panel. Design: the worker holds
// one ChaffEngine per content-script token, but it may be stopped whenever it is idle, so it owns
// no state that matters: for a token it does not know it answers `unknownThread` and the content
// script re-sends the thread (engine.js). At most MAX_THREADS threads are kept, least recently
// used dropped first (the content script rebuilds an evicted one the same way), so tabs closed
// without a goodbye cannot grow it without bound. Chrome runs this as a service worker (the glue is
// imported here); Firefox as an event page whose manifest lists the glue before this file.
'use strict';

if (typeof wasm_bindgen === 'undefined') importScripts('pkg/chaff_wasm.js');

const MAX_THREADS = 16;
const engineReady = wasm_bindgen({ module_or_path: chrome.runtime.getURL('pkg/chaff_wasm_bg.wasm') });
// token -> ChaffEngine, in least-recently-used order (a Map keeps insertion order).
const threads = new Map();

function touch(token) {
  const thread = threads.get(token);
  if (thread) {
    threads.delete(token);
    threads.set(token, thread);
  }
  return thread;
}

function rebuild(token, settings, posts) {
  threads.get(token)?.free();
  threads.delete(token);
  const thread = new wasm_bindgen.ChaffEngine(settings);
  thread.add(posts);
  threads.set(token, thread);
  while (threads.size > MAX_THREADS) {
    const [oldest, evicted] = threads.entries().next().value;
    evicted.free();
    threads.delete(oldest);
  }
  return thread.verdicts();
}

async function handleEngine(message) {
  await engineReady;
  switch (message.op) {
    case 'keys':
      return { keys: message.texts.map((text) => wasm_bindgen.fingerprintKeys(text)) };
    case 'rebuild':
      return { verdicts: rebuild(message.token, message.settings, message.posts) };
    case 'drop':
      threads.get(message.token)?.free();
      threads.delete(message.token);
      return {};
  }
  const thread = touch(message.token);
  if (!thread) return { unknownThread: true };
  switch (message.op) {
    case 'add':
      return { verdicts: thread.add(message.posts) };
    case 'settings':
      return { verdicts: thread.setSettings(message.settings) };
    case 'clusters':
      return { clusters: thread.clusters() };
    default:
      throw new Error(`unknown engine operation ${message.op}`);
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only the extension's own content scripts talk to the engine (no externally_connectable).
  if (message?.type !== 'chaff:engine' || sender.id !== chrome.runtime.id) return false;
  handleEngine(message).then(sendResponse, (error) => sendResponse({ error: String(error) }));
  return true; // the answer comes asynchronously
});

chrome.commands.onCommand.addListener(async (command) => {
  if (command !== 'toggle-panel') return;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) chrome.tabs.sendMessage(tab.id, { type: 'chaff:toggle-panel' }).catch(() => {});
});
