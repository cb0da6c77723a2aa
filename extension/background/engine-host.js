// The background worker's side of the engine: one ChaffEngine per content-script token, for pages
// whose CSP blocks WebAssembly in the content script. Design: the worker may be stopped whenever
// it is idle, so it owns no state that matters: for a token it does not know it answers
// `unknownEngine` and the content script sends its thread again (engine/worker-engine.js). At
// most MAX_ENGINES engines are kept, least recently used dropped first (the content script
// rebuilds an evicted one the same way), so tabs closed without a goodbye cannot grow it without
// bound.
// Containment: an error thrown by the WASM never escapes as an unanswered message. The asking tab
// gets {error, engineFailed: true} and stops chaff on its page (content.js halt()); that engine
// is dropped. A trap (a Rust panic is `RuntimeError: unreachable`) kills the whole instance, and
// with it every tab's engine: the host logs it once, detaches every handle without calling into
// the dead instance, and answers every later message `engineFailed` at once, so each tab still
// using the worker stops cleanly on its next call instead of hanging or half-working.
// wasm-bindgen's glue cannot make a second instance in the same worker, so the next healthy
// instance comes with the next worker: the browser stops an idle one (~30 s without messages)
// and starts a fresh one, with a fresh instance, for the next page that needs it.
import init, { ChaffEngine, fingerprintKeys, installModels } from '../pkg/chaff_wasm.js';
import { describe, isTrap } from '../engine/failure.js';
import { loadModels } from '../shared/models.js';

const MAX_ENGINES = 16;
const engineReady = init({ module_or_path: chrome.runtime.getURL('pkg/chaff_wasm_bg.wasm') }).then(() =>
  loadModels((file) => chrome.runtime.getURL(file), installModels),
);
// token -> ChaffEngine, in least-recently-used order (a Map keeps insertion order).
const engines = new Map();
// What killed this worker's instance, or null while it is healthy.
let dead = null;

function touch(token) {
  const engine = engines.get(token);
  if (engine) {
    engines.delete(token);
    engines.set(token, engine);
  }
  return engine;
}

// Frees an engine; on a dead instance only detaches the handle (no call into it, and no
// finalizer left to make one).
function release(engine) {
  try {
    if (dead) engine.__destroy_into_raw?.();
    else engine.free();
  } catch {
    // Still borrowed by the call that failed: nothing more to undo.
  }
}

function drop(token) {
  const engine = engines.get(token);
  engines.delete(token);
  if (engine) release(engine);
}

function rebuild(token, settings, posts) {
  drop(token);
  const engine = new ChaffEngine(settings);
  try {
    engine.add(posts);
  } catch (error) {
    release(engine);
    throw error;
  }
  engines.set(token, engine);
  while (engines.size > MAX_ENGINES) drop(engines.keys().next().value);
  return engine.verdicts();
}

function run(message) {
  switch (message.op) {
    case 'keys':
      return { keys: message.texts.map((text) => fingerprintKeys(text)) };
    case 'rebuild':
      return { verdicts: rebuild(message.token, message.settings, message.posts) };
    case 'drop':
      drop(message.token);
      return {};
  }
  const engine = touch(message.token);
  if (!engine) return { unknownEngine: true };
  switch (message.op) {
    case 'add':
      return { verdicts: engine.add(message.posts) };
    case 'settings':
      return { verdicts: engine.setSettings(message.settings) };
    case 'clusters':
      return { clusters: engine.clusters() };
    default:
      throw new Error(`unknown engine operation ${message.op}`);
  }
}

// Answers one `chaff:engine` message from a content script.
export async function handleEngineMessage(message) {
  await engineReady;
  if (dead) return { error: dead, engineFailed: true };
  try {
    return run(message);
  } catch (error) {
    if (isTrap(error)) {
      dead = describe(error);
      console.warn(`chaff: the background engine failed (${dead}); every page using it stops chaff until the browser restarts this worker.`);
      for (const token of [...engines.keys()]) drop(token);
      return { error: dead, engineFailed: true };
    }
    // The engine refused this request (an input it rejects, say): this tab's engine is dropped,
    // the others are untouched.
    if (message.op !== 'keys' && message.token !== undefined) drop(message.token);
    return { error: describe(error), engineFailed: true };
  }
}
