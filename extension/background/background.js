// chaff background: the WASM engine for pages whose CSP blocks WebAssembly in the content script
// (engine-host.js), the keyboard shortcut that toggles the moderator panel, and the content script
// of the sites the reader switched on (more-sites.js). Bundled by
// scripts/build-extension.sh into one classic script with the WASM glue inside: Chrome runs it as
// the service worker, Firefox as an event page (background.scripts), and a classic script is the
// one form both load.
import { handleEngineMessage } from './engine-host.js';
import { dropOldForms } from '../memory.js';
import { watchOptInSites } from './more-sites.js';

// Hacker News, GitHub, Bluesky, YouTube: read only where the reader switched them on.
watchOptInSites();

// An update must not leave an older, more revealing form of the memory behind (memory.js).
chrome.runtime.onInstalled.addListener(() => {
  dropOldForms().catch((error) => console.warn('chaff: could not check the stored memory:', String(error)));
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only the extension's own content scripts talk to the engine (no externally_connectable).
  if (message?.type !== 'chaff:engine' || sender.id !== chrome.runtime.id) return false;
  handleEngineMessage(message).then(sendResponse, (error) => sendResponse({ error: String(error) }));
  return true; // the answer comes asynchronously
});

chrome.commands.onCommand.addListener(async (command) => {
  if (command !== 'toggle-panel') return;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) chrome.tabs.sendMessage(tab.id, { type: 'chaff:toggle-panel' }).catch(() => {});
});
