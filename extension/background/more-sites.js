// The opt-in sites' content script (site-access.js): Hacker News, GitHub, Bluesky and YouTube are
// asked for only when the reader switches them on, as optional host permissions, and a manifest
// content script for them would be granted at install (Chrome counts a content script's matches
// as install-time host access: chrome.permissions.getAll() lists them on a fresh install). So
// content.js is registered at run time (chrome.scripting, the one API permission chaff asks for
// beyond storage; it shows no install warning) on exactly the granted opt-in origins, and kept
// so: at every start of the background, and on every grant or removal (the popup's and options'
// switch, or the browser's own extension settings). A grant also switches the site on and runs
// the script in the site's tabs already open; a removal switches the site off, so those tabs
// drop every hint (content.js follows the settings).
import { OPT_IN_SITES } from '../site-access.js';
import * as settingsStore from '../settings.js';

const SCRIPT_ID = 'chaff-opt-in-sites';

async function grantedOrigins() {
  const granted = [];
  for (const origins of Object.values(OPT_IN_SITES)) {
    if (await chrome.permissions.contains({ origins: [...origins] })) granted.push(...origins);
  }
  return granted;
}

function sitesOf(origins) {
  return Object.keys(OPT_IN_SITES).filter((site) => OPT_IN_SITES[site].some((origin) => origins.includes(origin)));
}

// One sync at a time: two overlapping ones could register the script twice (an error) or late.
let syncing = Promise.resolve();

export function syncContentScripts() {
  const run = async () => {
    const origins = await grantedOrigins();
    const [existing] = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (existing && existing.matches.join('\n') === origins.join('\n')) return;
    if (existing) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    if (origins.length) {
      await chrome.scripting.registerContentScripts([{ id: SCRIPT_ID, matches: origins, js: ['content.js'], runAt: 'document_idle' }]);
    }
  };
  const result = syncing.then(run, run);
  syncing = result.catch((error) => console.warn('chaff: could not register the content script of the sites switched on:', String(error)));
  return result;
}

// Tabs of a newly granted site opened before the grant get the script now (once: content.js).
async function runInOpenTabs(origins) {
  for (const tab of await chrome.tabs.query({ url: origins })) {
    chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ['content.js'] }).catch(() => {});
  }
}

export function watchOptInSites() {
  chrome.permissions.onAdded.addListener(async ({ origins = [] }) => {
    const sites = sitesOf(origins);
    if (!sites.length) return;
    await settingsStore.save({ sites: Object.fromEntries(sites.map((site) => [site, true])) });
    await syncContentScripts();
    await runInOpenTabs(sites.flatMap((site) => OPT_IN_SITES[site]));
  });
  chrome.permissions.onRemoved.addListener(async ({ origins = [] }) => {
    const sites = sitesOf(origins);
    if (!sites.length) return;
    await settingsStore.save({ sites: Object.fromEntries(sites.map((site) => [site, false])) });
    await syncContentScripts();
  });
  syncContentScripts().catch(() => {});
}
