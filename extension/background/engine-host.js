// The background worker's side of the engine: one ChaffEngine per content-script token, for pages
// whose CSP blocks WebAssembly in the content script. Design: the worker may be stopped whenever
// it is idle, so it owns no state that matters: for a token it does not know it answers
// `unknownEngine` and the content script sends its thread again (engine/worker-engine.js). At
// most MAX_ENGINES engines are kept, least recently used dropped first (the content script
// rebuilds an evicted one the same way), so tabs closed without a goodbye cannot grow it without
// bound.
import init, { ChaffEngine, fingerprintKeys } from '../pkg/chaff_wasm.js';

const MAX_ENGINES = 16;
const engineReady = init({ module_or_path: chrome.runtime.getURL('pkg/chaff_wasm_bg.wasm') });
// token -> ChaffEngine, in least-recently-used order (a Map keeps insertion order).
const engines = new Map();

function touch(token) {
  const engine = engines.get(token);
  if (engine) {
    engines.delete(token);
    engines.set(token, engine);
  }
  return engine;
}

function rebuild(token, settings, posts) {
  engines.get(token)?.free();
  engines.delete(token);
  const engine = new ChaffEngine(settings);
  engine.add(posts);
  engines.set(token, engine);
  while (engines.size > MAX_ENGINES) {
    const [oldest, evicted] = engines.entries().next().value;
    evicted.free();
    engines.delete(oldest);
  }
  return engine.verdicts();
}

// Answers one `chaff:engine` message from a content script.
export async function handleEngineMessage(message) {
  await engineReady;
  switch (message.op) {
    case 'keys':
      return { keys: message.texts.map((text) => fingerprintKeys(text)) };
    case 'rebuild':
      return { verdicts: rebuild(message.token, message.settings, message.posts) };
    case 'drop':
      engines.get(message.token)?.free();
      engines.delete(message.token);
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
