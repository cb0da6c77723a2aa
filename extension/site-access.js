// The sites chaff reads, for the settings, the popup, the options page and the background.
// Design: Reddit and X are read from install on (the manifest's host_permissions, asked for at
// install); every other site is off until the reader switches it on, and switching it on asks
// the browser for that site's hosts alone (the manifest's optional_host_permissions, which must
// list exactly the origins below: scripts/lint-gates.test.mjs checks). Switching it off gives the
// permission back. The names are sites.json's site names.
export const SITE_LABELS = Object.freeze({
  reddit: 'Reddit',
  'old-reddit': 'old Reddit',
  x: 'X',
  'hacker-news': 'Hacker News',
  github: 'GitHub',
  bluesky: 'Bluesky',
  youtube: 'YouTube',
});

// Site name -> the origins it needs, asked for when the reader switches it on.
export const OPT_IN_SITES = Object.freeze({
  'hacker-news': Object.freeze(['https://news.ycombinator.com/*']),
  github: Object.freeze(['https://github.com/*']),
  bluesky: Object.freeze(['https://bsky.app/*']),
  youtube: Object.freeze(['https://www.youtube.com/*', 'https://m.youtube.com/*']),
});

export const OPT_IN_ORIGINS = Object.freeze(Object.values(OPT_IN_SITES).flat());

// Whether the browser has granted every origin of an opt-in site.
export function hasAccess(site) {
  return chrome.permissions.contains({ origins: [...OPT_IN_SITES[site]] });
}

// Switches an opt-in site on or off from a page of the extension (popup, options). On: asks the
// browser for the site's origins (it must be called in the reader's click: no await before the
// request) and, once granted, switches the site on (the background does too, on
// permissions.onAdded, for Firefox closes the popup when its prompt shows). Off: switches the
// site off first (every open tab removes its hints at once, content.js applySettings), then
// gives the permission back. Resolves to whether the site is on.
export function switchSite(site, on, save) {
  const origins = [...OPT_IN_SITES[site]];
  if (on) {
    return chrome.permissions.request({ origins }).then(async (granted) => {
      if (granted) await save({ sites: { [site]: true } });
      return granted;
    });
  }
  return save({ sites: { [site]: false } }).then(async () => {
    await chrome.permissions.remove({ origins });
    return false;
  });
}
