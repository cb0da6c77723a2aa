// The playground's engine room: a module Web Worker that loads the page's own WASM build
// (pkg/, wasm-pack --target web with feature `page`) and does all scoring, extraction and
// annotation off the main thread, so the page stays responsive on 10,000 posts.
//
// Protocol (main → worker, every request carries a `run` number):
//   {type: 'score', run, posts, lines, settings}  score a pasted thread (lines: each post's
//                                             line number in pasted JSON Lines, or undefined)
//   {type: 'page', run, html, site, settings} extract a saved page (site: a Post.site name such as
//                                             reddit or hacker-news, or undefined to detect it),
//                                             score it, annotate it inertly
//   {type: 'settings', run, settings}         re-judge the last thread with new settings
// Replies: {type: 'progress', run, stage, done, total}, {type: 'result', run, …},
// {type: 'error', run, message, fatal}: `fatal` when the WASM itself failed (a Rust panic surfaces
// as `RuntimeError: unreachable`, after which this worker's instance is unusable): the page then
// ends this worker and starts a fresh one, with a fresh instance, for the next run (app.js).
//
// Design: posts go into ChaffEngine in chunks, yielding to the event loop between chunks. That
// lets progress reach the page as it happens and lets a newer request (the visitor pressed
// Check again, or changed sensitivity) supersede an older one: the older run stops at its next
// chunk boundary. The final verdicts do not depend on the chunking: the engine promises the same
// verdicts however a thread is split into batches.

import init, { ChaffEngine, extractPage, annotatePage, readableDate, installModels } from './pkg/chaff_wasm.js';
import { loadModels } from './shared/models.js';

/** Posts per ChaffEngine.add call: small enough for ~20 progress steps on 10,000 posts. */
const CHUNK_SIZE = 500;

// The AI models are files of their own beside the page (models/, copied by build-www.sh).
const engineReady = init().then(() => loadModels((file) => new URL(`./${file}`, self.location.href).href, installModels));

/** The newest request; older runs stop when they notice they were superseded. */
let latestRun = 0;
/** The last finished thread, kept for settings changes: {engine, posts, page?: {html, site}}. */
let lastThread = null;

self.addEventListener('message', (event) => {
  const request = event.data;
  latestRun = request.run;
  handle(request).catch((error) => {
    const fatal = error instanceof WebAssembly.RuntimeError;
    // Nothing of a dead instance is kept: a settings change then has no thread to re-judge here.
    if (fatal) lastThread = null;
    self.postMessage({ type: 'error', run: request.run, message: messageOf(error), fatal });
  });
});

async function handle(request) {
  await engineReady;
  switch (request.type) {
    case 'score':
      return scoreThread(request.run, request.posts, request.settings, null, dateWarnings(request.posts, request.lines));
    case 'page':
      return scorePage(request.run, request.html, request.site, request.settings);
    case 'settings':
      return rejudge(request.run, request.settings);
    default:
      throw new Error(`unknown request ${JSON.stringify(request.type)}`);
  }
}

async function scorePage(run, html, requestedSite, settings) {
  progress(run, 'reading', 0, 1);
  // Yield once, so a newer request already queued supersedes this one before the (synchronous)
  // extraction starts.
  await nextTask();
  const { site, posts } = extractPage(html, requestedSite);
  if (run !== latestRun) return;
  await scoreThread(run, posts, settings, { html, site });
}

/** `chaff score`'s warning for each date the engine cannot read (it ignores those dates). */
function dateWarnings(posts, lines) {
  return posts.flatMap((post, index) =>
    typeof post.created === 'string' && !readableDate(post.created)
      ? [`line ${lines[index]}: warning: unreadable "created" date ${JSON.stringify(post.created)} ignored`]
      : []);
}

async function scoreThread(run, posts, settings, page, warnings = []) {
  const engine = new ChaffEngine(settings);
  for (let start = 0; start < posts.length; start += CHUNK_SIZE) {
    progress(run, 'scoring', start, posts.length);
    await nextTask();
    if (run !== latestRun) {
      engine.free();
      return;
    }
    engine.add(posts.slice(start, start + CHUNK_SIZE));
  }
  progress(run, 'scoring', posts.length, posts.length);
  if (lastThread) lastThread.engine.free();
  lastThread = { engine, posts, page };
  await reply(run, warnings);
}

async function rejudge(run, settings) {
  if (!lastThread) throw new Error('there is no thread to re-judge yet');
  lastThread.engine.setSettings(settings);
  await reply(run);
}

async function reply(run, warnings = []) {
  const { engine, posts, page } = lastThread;
  const verdicts = engine.verdicts();
  let preview = null;
  if (page) {
    progress(run, 'annotating', 0, 1);
    await nextTask();
    if (run !== latestRun) return;
    preview = linksOpenNowhere(annotatePage(page.html, page.site, verdicts));
  }
  self.postMessage({
    type: 'result',
    run,
    site: page ? page.site : null,
    // The page's posts come from the extraction here; a pasted thread's are already known.
    posts: page ? posts : null,
    verdicts,
    clusters: engine.clusters(),
    preview,
    warnings,
  });
}

/**
 * Makes every link of the preview target a new window, which the frame's sandbox (no
 * allow-popups) refuses: a click then leaves the preview in place, where navigating the frame
 * itself would be blocked by the page's frame-src 'none' and leave an error page behind. The
 * base element goes after the doctype, so the preview keeps standards mode; it carries no href
 * (the inherited base-uri 'none' forbids one, and relative links must stay as they were).
 */
function linksOpenNowhere(html) {
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  const at = doctype ? doctype[0].length : 0;
  return `${html.slice(0, at)}<base target="_blank">${html.slice(at)}`;
}

function progress(run, stage, done, total) {
  self.postMessage({ type: 'progress', run, stage, done, total });
}

function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function messageOf(error) {
  if (error instanceof WebAssembly.RuntimeError) return `an internal error in the engine (${error.message})`;
  return error instanceof Error ? error.message : String(error);
}
