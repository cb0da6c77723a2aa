// The size gate can fail: a WASM or models over budget is reported over, and the command exits 1
// naming it. Run by make sizes beside the gate itself, so a gate loosened by mistake fails here.
//   node --test scripts/check-sizes.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { measureSizes, BUDGETS } from './check-sizes.mjs';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'check-sizes.mjs');

// An extension directory with a WASM of `wasmBytes` random bytes (random: gzip cannot shrink it)
// and models of the given sizes.
function fakeDist(wasmBytes, modelBytes) {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'chaff-sizes-'));
  fs.mkdirSync(path.join(dist, 'pkg'));
  fs.mkdirSync(path.join(dist, 'models'));
  fs.writeFileSync(path.join(dist, 'pkg', 'chaff_wasm_bg.wasm'), crypto.randomBytes(wasmBytes));
  modelBytes.forEach((bytes, i) => fs.writeFileSync(path.join(dist, 'models', `model-${i}.bin`), Buffer.alloc(bytes)));
  return dist;
}

test('check-sizes: within budget passes', () => {
  const dist = fakeDist(1000, [1000, 1000]);
  assert.deepEqual(measureSizes(dist).map((f) => f.over), [false, false]);
  assert.equal(spawnSync(process.execPath, [SCRIPT, dist]).status, 0);
  fs.rmSync(dist, { recursive: true });
});

test('check-sizes: a WASM over its gzipped budget fails, and the command names it', () => {
  const dist = fakeDist(BUDGETS.contentWasmGzip + 1000, [1000]);
  assert.deepEqual(measureSizes(dist).map((f) => f.over), [true, false]);
  const run = spawnSync(process.execPath, [SCRIPT, dist], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /over budget: content script WASM, gzipped/);
  fs.rmSync(dist, { recursive: true });
});

test('check-sizes: models over 1 MB together fail, though each is under it', () => {
  const dist = fakeDist(1000, [600_000, 600_000]);
  assert.deepEqual(measureSizes(dist).map((f) => f.over), [false, true]);
  assert.equal(spawnSync(process.execPath, [SCRIPT, dist]).status, 1);
  fs.rmSync(dist, { recursive: true });
});

test('check-sizes: a missing build is an error, not a pass', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'chaff-sizes-'));
  assert.throws(() => measureSizes(empty), /build the extension first/);
  assert.notEqual(spawnSync(process.execPath, [SCRIPT, empty]).status, 0);
  fs.rmSync(empty, { recursive: true });
});
