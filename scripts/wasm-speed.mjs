// How fast the WASM engine scores posts, beside the native engine on the same posts: the
// issue's "WASM at most 2x native on the same thread". A measurement, not a test: it prints the
// figure and asserts nothing.
//   node scripts/wasm-speed.mjs [PKG_DIR] [RUNS]     (PKG_DIR: wasm-pack --target web output,
//                                                     default extension/pkg; needs `make extension`)
// The posts are those of criterion's `stages/engine` (benches/score.rs): the first 1,000 of
// tests/samples, added at once to a fresh engine with the shipped models installed, so the
// native figure to set beside this one is `cargo bench --bench score -- stages/engine`. The WASM
// figure includes what only the WASM pays: posts and verdicts crossing the JS boundary.
// Reported: the median of RUNS (default 7) after one warm-up run (tables built, code compiled),
// in microseconds per post.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PKG = path.resolve(ROOT, process.argv[2] ?? 'extension/pkg');
const RUNS = Number(process.argv[3] ?? 7);
const POSTS = 1000;

const glue = await import(path.join(PKG, 'chaff_wasm.js'));
glue.initSync({ module: fs.readFileSync(path.join(PKG, 'chaff_wasm_bg.wasm')) });
// The binary models as the extension ships them (the build makes them from src/ai/model-*.txt).
const model = (site) => fs.readFileSync(path.join(ROOT, 'dist', 'chrome', 'models', `model-${site}.bin`));
glue.installModels(model('reddit'), model('x'));

// benches/common `sample_posts`: YouTube comments, then SMS messages, in file order.
const posts = ['youtube-comments.jsonl', 'sms-messages.jsonl']
  .flatMap((file) => fs.readFileSync(path.join(ROOT, 'tests', 'samples', file), 'utf8').split('\n').filter(Boolean))
  .slice(0, POSTS)
  .map((line) => {
    const { id, text, author, created, site } = JSON.parse(line);
    return { id, text, author, created, site };
  });

function scoreOnce() {
  const engine = new glue.ChaffEngine(undefined);
  const started = performance.now();
  const verdicts = engine.add(posts);
  const took = performance.now() - started;
  engine.free();
  if (verdicts.length !== posts.length) throw new Error(`${verdicts.length} verdicts for ${posts.length} posts`);
  return took;
}

scoreOnce();
const times = Array.from({ length: RUNS }, scoreOnce).sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const bytes = fs.statSync(path.join(PKG, 'chaff_wasm_bg.wasm')).size;
console.log(
  `wasm engine (${path.relative(ROOT, PKG) || PKG}, ${bytes} bytes): ${POSTS} posts at once, ` +
    `median of ${RUNS}: ${median.toFixed(1)} ms, ${((median * 1000) / POSTS).toFixed(1)} µs/post ` +
    `(runs ${times.map((t) => t.toFixed(0)).join(', ')} ms)`,
);
