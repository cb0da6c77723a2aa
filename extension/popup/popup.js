// chaff popup logic: asks the current tab's content script for its counts ({type:'chaff:counts'};
// `stopped` set when chaff halted on that page after an internal error, content.js halt()),
// switches chaff on or off for that site (settings.sites[site], applied live by the content
// script), opens the moderator panel ({type:'chaff:toggle-panel'}), and asks for host access when
// the browser has not granted it (Firefox, 128 on as the manifest requires, grants the hosts at
// install, but its add-on settings let the reader withdraw them). A tab without a content script
// answering is simply "not active on this page". The opt-in sites (Hacker News, GitHub, Bluesky,
// YouTube: site-access.js) have a switch each, on when the site is on and its host granted;
// switching one on asks the browser for that host in the click (switchSite).
import * as settingsStore from '../settings.js';
import { LEVELS, countByLevel } from '../shared/levels.js';
import { SITE_LABELS, OPT_IN_SITES, hasAccess, switchSite } from '../site-access.js';

// The manifest's host_permissions are the one list of the hosts chaff reads.
const HOST_ORIGINS = chrome.runtime.getManifest().host_permissions;
const SITE_NAMES = SITE_LABELS;
const ENGINE_NAMES = { page: 'engine: in the page', worker: 'engine: in the background' };
// After a site switch, the content script needs a moment to re-score before counts mean much.
const RECOUNT_DELAY_MS = 400;

const $ = (id) => document.getElementById(id);
let currentTabId = null;
let currentSite = null;
let shortcutText = '';

function setPanelVisible(visible) {
  $('panel').hidden = !visible;
  $('shortcut').hidden = !visible || shortcutText === '';
}

async function activeTab() {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab ?? null;
}

async function askTab(message) {
  if (currentTabId === null) return null;
  try {
    return (await chrome.tabs.sendMessage(currentTabId, message)) ?? null;
  } catch {
    // "Receiving end does not exist": no content script on this tab.
    return null;
  }
}

function showCounts(reply) {
  const siteName = SITE_NAMES[reply.site] ?? reply.site;
  currentSite = reply.site;
  $('site-switch').hidden = !(reply.site in SITE_NAMES);
  $('site-enabled').checked = Boolean(reply.enabled);
  $('site-label').textContent = `On for ${siteName}`;
  $('engine').textContent = ENGINE_NAMES[reply.engine] ?? (typeof reply.engine === 'string' ? `engine: ${reply.engine}` : '');
  if (reply.stopped) {
    // content.js halt(): chaff hit an internal error on this page and removed its hints.
    $('state').textContent = 'chaff stopped on this page: an internal error. The page is unaffected; reload it to start chaff again.';
    $('counts').hidden = true;
    setPanelVisible(false);
    return;
  }
  if (!reply.enabled) {
    $('state').textContent = `chaff is off on ${siteName}.`;
    $('counts').hidden = true;
    setPanelVisible(false);
    return;
  }
  const counts = { ...countByLevel([]), ...reply.counts };
  for (const level of LEVELS) $(`count-${level}`).textContent = String(counts[level]);
  const total = LEVELS.reduce((sum, level) => sum + counts[level], 0);
  $('state').textContent = total === 0 ? `No posts read yet on this ${siteName} page.` : `${total} posts read on this ${siteName} page.`;
  $('counts').hidden = false;
  setPanelVisible(true);
}

async function refresh() {
  const reply = await askTab({ type: 'chaff:counts' });
  if (reply) {
    showCounts(reply);
  } else {
    $('state').textContent = 'chaff is not active on this page.';
    $('counts').hidden = true;
    setPanelVisible(false);
    $('site-switch').hidden = true;
  }
}

// The manifest suggests Alt+Shift+C; users may rebind or clear it, so ask the browser.
async function showShortcut() {
  const commands = await chrome.commands.getAll();
  const shortcut = commands.find((command) => command.name === 'toggle-panel')?.shortcut;
  shortcutText = shortcut ? `Shortcut on the page: ${shortcut}` : '';
  $('shortcut').textContent = shortcutText;
  setPanelVisible(!$('panel').hidden);
}

async function checkAccess() {
  const granted = await chrome.permissions.contains({ origins: HOST_ORIGINS });
  $('access').hidden = granted;
}

$('site-enabled').addEventListener('change', async (event) => {
  if (!currentSite) return;
  if (currentSite in OPT_IN_SITES) {
    await switchSiteFromPopup(currentSite, event.target.checked).catch(() => {});
  } else {
    await settingsStore.save({ sites: { [currentSite]: event.target.checked } });
  }
  setTimeout(refresh, RECOUNT_DELAY_MS);
});

const optInInputs = [...document.querySelectorAll('input[name="opt-in-site"]')];

async function showOptInSites() {
  const settings = await settingsStore.load();
  for (const input of optInInputs) input.checked = settings.sites[input.value] && (await hasAccess(input.value));
}

// Must start in the click's user gesture: switchSite asks for the permission before any await.
function switchSiteFromPopup(site, on) {
  return switchSite(site, on, settingsStore.save).finally(() => {
    showOptInSites();
    setTimeout(refresh, RECOUNT_DELAY_MS);
  });
}

for (const input of optInInputs) {
  input.addEventListener('change', () => {
    switchSiteFromPopup(input.value, input.checked).catch(() => {});
  });
}

$('panel').addEventListener('click', async () => {
  await askTab({ type: 'chaff:toggle-panel' });
  close();
});

$('grant').addEventListener('click', async () => {
  // Must run in the click's user gesture: no await before this call.
  const granted = await chrome.permissions.request({ origins: HOST_ORIGINS });
  if (granted) {
    $('access').hidden = true;
    $('state').textContent = 'Access granted. Reload the Reddit or X page to start chaff.';
  }
});

$('options').addEventListener('click', () => chrome.runtime.openOptionsPage());

(async () => {
  currentTabId = (await activeTab())?.id ?? null;
  await Promise.all([refresh(), checkAccess(), showOptInSites()]);
  await showShortcut();
})();
