// The WASM engine in the background worker, for pages whose CSP blocks WebAssembly in the content
// script: the worker runs the same module under the extension's own CSP, so the verdicts are the
// same. Design: an MV3 worker is stopped when idle (~30 s), losing its engines, so this side keeps
// every post it sent (latest text per id) and tags its engine with a random token; when the
// worker answers that it does not know the token, the whole thread is sent again once and the
// worker's full verdict list is taken as the change set.
// A failure of the worker's WASM (background/engine-host.js answers `engineFailed`) comes out as
// an EngineFailure, as it does from the page engine, and the content script stops on this page.
import { engineSettings } from './engine-settings.js';
import { EngineFailure } from './failure.js';

async function askWorker(message) {
  const reply = await chrome.runtime.sendMessage({ type: 'chaff:engine', ...message });
  if (!reply) throw new Error('chaff: no answer from the background worker');
  if (reply.engineFailed) throw new EngineFailure(`in the background worker: ${reply.error}`);
  if (reply.error) throw new Error(`chaff worker: ${reply.error}`);
  return reply;
}

export class WorkerEngine {
  constructor(settings) {
    this.token = crypto.randomUUID();
    this.settings = engineSettings(settings);
    // post id -> latest post sent, in first-arrival order (Map keeps insertion order), so a
    // rebuild replays the thread in the order the engine first saw it.
    this.posts = new Map();
  }

  // Sends `message`; when the worker lost this engine, rebuilds it and returns every verdict.
  async call(message) {
    const reply = await askWorker({ ...message, token: this.token });
    if (!reply.unknownEngine) return reply;
    const rebuilt = await askWorker({
      op: 'rebuild',
      token: this.token,
      settings: this.settings,
      posts: [...this.posts.values()],
    });
    return message.op === 'clusters' ? askWorker({ ...message, token: this.token }) : rebuilt;
  }

  async add(posts) {
    for (const post of posts) this.posts.set(post.id, post);
    return (await this.call({ op: 'add', posts })).verdicts;
  }
  async setSettings(settings) {
    this.settings = engineSettings(settings);
    return (await this.call({ op: 'settings', settings: this.settings })).verdicts;
  }
  async clusters() {
    return (await this.call({ op: 'clusters' })).clusters;
  }
  async fingerprintKeys(texts) {
    return (await askWorker({ op: 'keys', texts })).keys;
  }
  dispose() {
    askWorker({ op: 'drop', token: this.token }).catch(() => {});
  }
}
