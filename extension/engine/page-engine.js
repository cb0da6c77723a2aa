// The WASM engine inside the content script: the fast path, used wherever the page's CSP lets
// the content script compile WebAssembly. Its methods are async only to match WorkerEngine, so the
// content script never needs to know where its engine runs.
// Containment: every call into the WASM goes through `guard`. Whatever it throws comes out as an
// EngineFailure (failure.js), never a raw error in the middle of the content script's work, and a
// trap (a Rust panic is `RuntimeError: unreachable`) marks this page's instance dead: every later
// call, on any engine, fails at once instead of running code on memory the panic left
// half-written. wasm-bindgen's glue cannot make a second instance in the same script, so the
// content script stops chaff on the page (content.js halt()) rather than restarting it.
import init, { ChaffEngine, fingerprintKeys, installModels } from '../pkg/chaff_wasm.js';
import { engineSettings } from './engine-settings.js';
import { EngineFailure, isTrap } from './failure.js';
import { readModels } from '../shared/models.js';
import { PostIds } from './shared-verdicts.js';

// The first trap of this page's instance, or null while it is healthy.
let dead = null;

// Cold-start marks (performance.now() of the page) for scripts/cold-start.mjs, which reads them
// over the DevTools protocol: they live in the content script's own JS world, which the page
// cannot read, and cost a few numbers.
const coldStart = (globalThis.chaffColdStart = { evaluated: performance.now() });

function guard(call) {
  if (dead) throw dead;
  try {
    return call();
  } catch (error) {
    const failure = error instanceof EngineFailure ? error : new EngineFailure(error);
    if (isTrap(error)) dead = failure;
    throw failure;
  }
}

// Rejects where the page's CSP lacks 'wasm-unsafe-eval' (a CompileError, verified in Chromium).
// The AI models are installed before anything is scored (models.js); their files are read while
// the module compiles, not after it (that was ~25 ms of the cold start, scripts/cold-start.mjs).
export async function instantiate() {
  const compiled = init({ module_or_path: chrome.runtime.getURL('pkg/chaff_wasm_bg.wasm') }).then(() => {
    coldStart.instantiated = performance.now();
  });
  const files = readModels((file) => chrome.runtime.getURL(file)).then((read) => {
    coldStart.modelsRead = performance.now();
    return read;
  });
  const [, [reddit, x]] = await Promise.all([compiled, files]);
  guard(() => installModels(reddit, x));
  coldStart.modelsInstalled = performance.now();
}

// The engine builds its tables on first use (normalization on the first post, a site's AI
// model on the first post it judges): ~40 + ~25 ms measured in Node, which in one batch would
// make the page's first long task. Paying each in its own task on a scratch engine keeps every
// task short.
const WARM_UP_TEXT =
  'Warming up the engine with one ordinary English sentence, long enough for the model to judge it.';
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

export async function warmUp(site) {
  coldStart.warmUpStart = performance.now();
  const scratch = guard(() => new ChaffEngine(undefined));
  try {
    // Through the call PageEngine.add makes, so its code is compiled too.
    const ids = new PostIds();
    guard(() => ids.verdicts(scratch.addShared([{ id: 'warm-up-short', text: 'ok', site }])));
    await nextTask();
    guard(() => ids.verdicts(scratch.addShared([{ id: 'warm-up-long', text: WARM_UP_TEXT, site }])));
    await nextTask();
  } finally {
    release(scratch);
  }
  coldStart.warmedUp = performance.now();
}

// Frees a WASM object; on a dead instance only detaches the handle (wasm-bindgen's
// __destroy_into_raw: its pointer is dropped and the finalizer unregistered), so neither this call
// nor the garbage collector's finalizer ever runs code in the dead instance again.
function release(handle) {
  try {
    if (dead) handle.__destroy_into_raw?.();
    else handle.free();
  } catch {
    // A handle still borrowed by the call that failed: nothing more to undo.
  }
}

export class PageEngine {
  constructor(settings) {
    this.inner = guard(() => new ChaffEngine(engineSettings(settings)));
    this.ids = new PostIds();
  }
  // The shared form (shared-verdicts.js): a flood batch re-reports every member of a grown
  // cluster, and building those objects field by field in the WASM was most of its time.
  async add(posts) {
    const verdicts = guard(() => this.ids.verdicts(this.inner.addShared(posts)));
    coldStart.firstVerdicts ??= performance.now();
    return verdicts;
  }
  async setSettings(settings) {
    return guard(() => this.inner.setSettings(engineSettings(settings)));
  }
  async clusters() {
    return guard(() => this.inner.clusters());
  }
  async fingerprintKeys(texts) {
    return guard(() => texts.map((text) => fingerprintKeys(text)));
  }
  dispose() {
    const inner = this.inner;
    this.inner = null;
    if (inner) release(inner);
  }
}
