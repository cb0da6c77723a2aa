// A copy of the built Chrome extension (dist/chrome) whose WASM engine fails like a Rust panic,
// for the containment tests only (never shipped, never in dist/): content.js and background.js
// are bundled again from extension/ exactly as scripts/build-extension.sh bundles them, except
// that the engine wrappers' import of ../pkg/chaff_wasm.js resolves to
// tests/browser/fixtures/faulty-wasm.js (which wraps the real glue). Everything else (pages,
// manifest, the .wasm) is dist/chrome's, unchanged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT, EXTENSION_DIR, requireBuild } from './harness.mjs';

const GLUE = path.join(ROOT, 'extension', 'pkg', 'chaff_wasm.js');
export const FAULTY_GLUE = path.join(ROOT, 'tests', 'browser', 'fixtures', 'faulty-wasm.js');

const faultyEngine = {
  name: 'faulty-engine',
  setup(build) {
    build.onResolve({ filter: /^chaff-real-glue$/ }, () => ({ path: GLUE }));
    build.onResolve({ filter: /\/pkg\/chaff_wasm\.js$/ }, (args) =>
      (args.importer.startsWith(path.join(ROOT, 'extension')) ? { path: FAULTY_GLUE } : undefined));
  },
};

/** -> { dir, remove() }: the faulty copy of dist/chrome in a temporary directory. */
export async function buildFaultyExtension() {
  requireBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaff-faulty-'));
  fs.cpSync(EXTENSION_DIR, dir, { recursive: true });
  await esbuild.build({
    entryPoints: {
      content: path.join(ROOT, 'extension', 'content', 'content.js'),
      background: path.join(ROOT, 'extension', 'background', 'background.js'),
    },
    bundle: true,
    format: 'iife',
    charset: 'utf8',
    banner: { js: '"use strict";' },
    logLevel: 'warning',
    logOverride: { 'empty-import-meta': 'silent' },
    outdir: dir,
    allowOverwrite: true,
    plugins: [faultyEngine],
  });
  const bundle = fs.readFileSync(path.join(dir, 'content.js'), 'utf8');
  if (!bundle.includes('CHAFF-TEST-TRAP')) throw new Error('faulty-build: the faulty glue did not replace the real one');
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
