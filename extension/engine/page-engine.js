// The WASM engine inside the content script: the fast path, used wherever the page's CSP lets
// the content script compile WebAssembly. Its methods are async only to match WorkerEngine, so the
// content script never needs to know where its engine runs.
import init, { ChaffEngine, fingerprintKeys } from '../pkg/chaff_wasm.js';
import { engineSettings } from './engine-settings.js';

// Rejects where the page's CSP lacks 'wasm-unsafe-eval' (a CompileError, verified in Chromium).
export function instantiate() {
  return init({ module_or_path: chrome.runtime.getURL('pkg/chaff_wasm_bg.wasm') });
}

// The engine builds its tables on first use (normalization on the first post, a site's AI
// model on the first post it judges): ~40 + ~25 ms measured in Node, which in one batch would
// make the page's first long task. Paying each in its own task on a scratch engine keeps every
// task short.
const WARM_UP_TEXT =
  'Warming up the engine with one ordinary English sentence, long enough for the model to judge it.';
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

export async function warmUp(site) {
  const scratch = new ChaffEngine(undefined);
  try {
    scratch.add([{ id: 'warm-up-short', text: 'ok', site }]);
    await nextTask();
    scratch.add([{ id: 'warm-up-long', text: WARM_UP_TEXT, site }]);
    await nextTask();
  } finally {
    scratch.free();
  }
}

export class PageEngine {
  constructor(settings) {
    this.inner = new ChaffEngine(engineSettings(settings));
  }
  async add(posts) {
    return this.inner.add(posts);
  }
  async setSettings(settings) {
    return this.inner.setSettings(engineSettings(settings));
  }
  async clusters() {
    return this.inner.clusters();
  }
  async fingerprintKeys(texts) {
    return texts.map((text) => fingerprintKeys(text));
  }
  dispose() {
    this.inner.free();
  }
}
