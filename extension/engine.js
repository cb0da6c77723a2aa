// chaff.engine: one face over the WASM engine wherever it can run (issue 4, GUIDE §2).
// Design: `start()` first tries to instantiate the module in the content script ('page'); a page
// whose CSP lacks 'wasm-unsafe-eval' makes that fail (CompileError, verified in Chromium), and
// then every call goes to the background worker ('worker'), which runs the same module under the
// extension's own CSP, so the verdicts are the same. An MV3 worker is stopped when idle (~30 s),
// losing its threads: the content script therefore keeps every post it sent (latest text per id)
// and tags its thread with a random token; when the worker answers that it does not know the
// token, the content script re-sends the whole thread once and takes the worker's full verdict
// list as the change set. Every method is async in both modes so callers do not care which.
'use strict';
{
  const chaff = (globalThis.chaff ??= {});

  // The engine's settings shape (src/verdict.rs Settings) from the extension's settings object.
  function engineSettings(settings) {
    return { sensitivity: settings.sensitivity, trusted_authors: settings.trustedAuthors };
  }

  let startup = null;
  let kind = null;

  async function instantiateInPage() {
    // wasm_bindgen is the global the no-modules glue (pkg/chaff_wasm.js) declares.
    await wasm_bindgen({ module_or_path: chrome.runtime.getURL('pkg/chaff_wasm_bg.wasm') });
  }

  // Resolves to 'page' or 'worker'; never rejects (the worker is the fallback for every failure).
  function start() {
    startup ??= instantiateInPage().then(
      () => (kind = 'page'),
      (error) => {
        console.info('chaff: WASM cannot run in this page, using the background worker:', String(error));
        return (kind = 'worker');
      },
    );
    return startup;
  }

  // The engine builds its tables on first use (normalization on the first post, a site's AI
  // model on the first post it judges): ~40 + ~25 ms measured in Node, which in one batch would
  // make the page's first long task. Paying each in its own task on a scratch thread keeps every
  // task short. Only in the page: the worker's tasks do not block the page.
  const WARM_UP_TEXT =
    'Warming up the engine with one ordinary English sentence, long enough for the model to judge it.';
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

  async function warmUp(site) {
    if (kind !== 'page') return;
    const scratch = new wasm_bindgen.ChaffEngine(undefined);
    try {
      scratch.add([{ id: 'warm-up-short', text: 'ok', site }]);
      await nextTask();
      scratch.add([{ id: 'warm-up-long', text: WARM_UP_TEXT, site }]);
      await nextTask();
    } finally {
      scratch.free();
    }
  }

  class PageThread {
    constructor(settings) {
      this.inner = new wasm_bindgen.ChaffEngine(engineSettings(settings));
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
      return texts.map((text) => wasm_bindgen.fingerprintKeys(text));
    }
    dispose() {
      this.inner.free();
    }
  }

  async function askWorker(message) {
    const reply = await chrome.runtime.sendMessage({ type: 'chaff:engine', ...message });
    if (!reply) throw new Error('chaff: no answer from the background worker');
    if (reply.error) throw new Error(`chaff worker: ${reply.error}`);
    return reply;
  }

  class WorkerThread {
    constructor(settings) {
      this.token = crypto.randomUUID();
      this.settings = engineSettings(settings);
      // post id -> latest post sent, in first-arrival order (Map keeps insertion order), so a
      // rebuild replays the thread in the order the engine first saw it.
      this.posts = new Map();
    }

    // Sends `message`; when the worker lost this thread, rebuilds it and returns every verdict.
    async call(message) {
      const reply = await askWorker({ ...message, token: this.token });
      if (!reply.unknownThread) return reply;
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

  function createThread(settings) {
    if (!kind) throw new Error('chaff.engine.start() first');
    return kind === 'page' ? new PageThread(settings) : new WorkerThread(settings);
  }

  chaff.engine = {
    start,
    warmUp,
    createThread,
    get kind() {
      return kind;
    },
  };
}
