// The lint gates can fail: the permission checker (check-manifests.mjs) on bad manifests, and the
// eslint rules (eslint.config.js) on code with HTML sinks. Run by make lint, beside the gates
// themselves, so a gate loosened by mistake (a rule dropped, a check inverted) fails here.
//   node --test scripts/lint-gates.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { ESLint } from 'eslint';
import { checkManifest, ALLOWED_HOSTS, ALLOWED_OPTIONAL_HOSTS } from './check-manifests.mjs';
import { OPT_IN_ORIGINS } from '../extension/site-access.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));

// The source manifest as the build writes it (matches copied from host_permissions where an
// entry names none; copies, so a case widening one list widens that list alone).
function built() {
  const manifest = structuredClone(SOURCE);
  manifest.content_scripts = manifest.content_scripts.map((entry) => ({ matches: [...manifest.host_permissions], ...entry }));
  manifest.web_accessible_resources = manifest.web_accessible_resources.map((entry) => ({ matches: [...manifest.host_permissions], ...entry }));
  return manifest;
}

test('check-manifests: the manifest as built passes', () => {
  assert.deepEqual(checkManifest(built()), []);
  assert.deepEqual(SOURCE.host_permissions, ALLOWED_HOSTS, 'the checker names the same hosts as manifest.json');
  assert.deepEqual(SOURCE.optional_host_permissions, ALLOWED_OPTIONAL_HOSTS, 'the checker names the same opt-in hosts as manifest.json');
  assert.deepEqual([...OPT_IN_ORIGINS], ALLOWED_OPTIONAL_HOSTS, 'the switches (extension/site-access.js) ask for exactly the opt-in hosts');
  assert.deepEqual(SOURCE.permissions, ['storage', 'scripting']);
});

test('check-manifests: the opt-in hosts stay opt-in', () => {
  for (const host of ALLOWED_OPTIONAL_HOSTS) assert.ok(!ALLOWED_HOSTS.includes(host), `${host} is not an install-time host`);
  const withoutOptional = built();
  delete withoutOptional.optional_host_permissions;
  assert.deepEqual(checkManifest(withoutOptional), [], 'asking for fewer opt-in hosts passes');
});

test('check-manifests: every widening fails', () => {
  const cases = {
    'an extra permission': (m) => m.permissions.push('tabs'),
    'webRequest': (m) => m.permissions.push('webRequest'),
    'an optional permission': (m) => { m.optional_permissions = ['downloads']; },
    'an optional host': (m) => { m.optional_host_permissions = ['<all_urls>']; },
    'another optional host': (m) => m.optional_host_permissions.push('https://evil.example/*'),
    'a wider opt-in host': (m) => m.optional_host_permissions.push('https://*.ycombinator.com/*'),
    'http opt-in host': (m) => m.optional_host_permissions.push('http://news.ycombinator.com/*'),
    'an opt-in host at install': (m) => m.host_permissions.push('https://news.ycombinator.com/*'),
    'a manifest content script on an opt-in host': (m) => m.content_scripts[0].matches.push('https://github.com/*'),
    'tabs': (m) => m.permissions.push('tabs'),
    'activeTab': (m) => m.permissions.push('activeTab'),
    'an optional API permission': (m) => { m.optional_permissions = ['scripting']; },
    'all URLs': (m) => m.host_permissions.push('<all_urls>'),
    'another host': (m) => m.host_permissions.push('https://evil.example/*'),
    'http Reddit': (m) => m.host_permissions.push('http://*.reddit.com/*'),
    'a content script elsewhere': (m) => m.content_scripts[0].matches.push('*://*/*'),
    'content script in every frame': (m) => { m.content_scripts[0].all_frames = true; },
    'resources for any site': (m) => m.web_accessible_resources[0].matches.push('<all_urls>'),
    'externally connectable': (m) => { m.externally_connectable = { matches: ['https://x.com/*'] }; },
    'no CSP': (m) => { delete m.content_security_policy; },
    'no connect-src': (m) => { m.content_security_policy.extension_pages = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"; },
    'connect-src to a server': (m) => { m.content_security_policy.extension_pages += ' https://api.example'; },
    'connect-src anywhere': (m) => { m.content_security_policy.extension_pages = "script-src 'self'; object-src 'self'; connect-src *"; },
    'unsafe-eval': (m) => { m.content_security_policy.extension_pages = "script-src 'self' 'unsafe-eval'; object-src 'self'; connect-src 'self'"; },
    'remote script': (m) => { m.content_security_policy.extension_pages = "script-src 'self' https://cdn.example; object-src 'self'; connect-src 'self'"; },
    'default-src anywhere': (m) => { m.content_security_policy.extension_pages += "; default-src https:"; },
  };
  for (const [name, widen] of Object.entries(cases)) {
    const manifest = built();
    widen(manifest);
    assert.notDeepEqual(checkManifest(manifest), [], `${name} must fail the gate`);
  }
});

test('check-manifests: the command fails with exit code 1 on a bad manifest file, 2 on a missing one', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaff-manifest-'));
  const bad = built();
  bad.permissions.push('history');
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(bad));
  const script = path.join(ROOT, 'scripts', 'check-manifests.mjs');
  const run = (file) => spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
  const failed = run(path.join(dir, 'manifest.json'));
  assert.equal(failed.status, 1, failed.stderr);
  assert.match(failed.stderr, /"history" is more than chaff needs/);
  assert.equal(run(path.join(dir, 'missing.json')).status, 2);
  fs.writeFileSync(path.join(dir, 'good.json'), JSON.stringify(built()));
  assert.equal(run(path.join(dir, 'good.json')).status, 0);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('eslint: every HTML sink fails, in extension/ and in www/; DOM building passes', async () => {
  const eslint = new ESLint({ cwd: ROOT });
  const sinks = [
    'el.innerHTML = text;',
    "el.innerHTML = '';",
    'el.outerHTML = text;',
    "el.insertAdjacentHTML('beforeend', text);",
    'document.write(text);',
    'document.writeln(text);',
    "el['innerHTML'] = text;",
    'range.createContextualFragment(text);',
    'const copy = el.innerHTML;',
  ];
  for (const file of ['extension/ui/probe.js', 'www/probe.js']) {
    for (const sink of sinks) {
      const [result] = await eslint.lintText(`export function f(el, range, text) {\n  ${sink}\n}\n`, { filePath: path.join(ROOT, file) });
      assert.ok(result.errorCount > 0, `${file}: ${sink} must fail`);
    }
    const [clean] = await eslint.lintText(
      "export function f(el, text) {\n  const p = document.createElement('p');\n  p.textContent = text;\n  el.append(p);\n}\n",
      { filePath: path.join(ROOT, file) });
    assert.equal(clean.errorCount, 0, clean.messages.map((m) => m.message).join('\n'));
  }
});
