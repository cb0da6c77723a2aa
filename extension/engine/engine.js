// One face over the WASM engine wherever it can run. Design: `start()` first tries to
// instantiate the module in the content script ('page'); a page whose CSP lacks
// 'wasm-unsafe-eval' makes that fail, and then every engine is a WorkerEngine ('worker'), whose
// calls go to the background worker. Both have the same async methods (add, setSettings,
// clusters, fingerprintKeys, dispose), so callers do not care which one they hold.
import { instantiate, warmUp as warmUpInPage, PageEngine } from './page-engine.js';
import { WorkerEngine } from './worker-engine.js';

let startup = null;
let home = null; // where engines run once started: 'page' or 'worker'

// Resolves to 'page' or 'worker'; never rejects (the worker is the fallback for every failure).
export function start() {
  startup ??= instantiate().then(
    () => (home = 'page'),
    (error) => {
      console.info('chaff: WASM cannot run in this page, using the background worker:', String(error));
      return (home = 'worker');
    },
  );
  return startup;
}

/** 'page', 'worker', or null before start() has settled. */
export function runsIn() {
  return home;
}

// Only in the page: the worker's first long tasks do not block the page.
export async function warmUp(site) {
  if (home === 'page') await warmUpInPage(site);
}

export function createEngine(settings) {
  if (!home) throw new Error('chaff: start the engine first');
  return home === 'page' ? new PageEngine(settings) : new WorkerEngine(settings);
}
