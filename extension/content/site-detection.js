// Waiting for a known site to show itself. X renders its timeline well after document_idle, when
// the content script starts, so a page that is no known site yet is looked at again on each change
// of the page, in idle time, for a while.
import { detect } from './adapters.js';

// How long to keep looking before deciding the page is no thread chaff can read.
const DETECT_GIVE_UP_MS = 60_000;

// Calls `callback(adapter)` once, with the adapter of the first site the page turns out to be.
export function whenSiteAppears(callback) {
  const found = detect(document);
  if (found) return callback(found);
  let pending = 0;
  const observer = new MutationObserver(() => {
    pending ||= requestIdleCallback(() => {
      pending = 0;
      const site = detect(document);
      if (site) {
        observer.disconnect();
        callback(site);
      }
    }, { timeout: 500 });
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), DETECT_GIVE_UP_MS);
}
