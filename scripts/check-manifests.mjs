#!/usr/bin/env node
// The permission gate (make lint, run by make test): the BUILT manifests (dist/chrome and
// dist/firefox, what the stores and the users get) ask at install for nothing beyond `storage`,
// `scripting` and the five Reddit/X hosts, may ask later for the opt-in sites' hosts alone, and
// the extension pages' CSP forbids every outside connection.
//   node scripts/check-manifests.mjs [manifest.json ...]   (default: both built manifests)
// Exit code 1 with one line per problem, 2 when a manifest is missing or unreadable.
//
// The allowed lists are written here, not read from manifest.json: a host or a permission added
// to the source manifest must fail this gate until someone edits this file on purpose, in a
// change a reviewer sees. What is checked:
// - permissions ⊆ {storage, scripting}; no optional_permissions, externally_connectable (no web
//   page may talk to chaff), no update_url (the stores update). `scripting` is there because the
//   opt-in sites (Hacker News, GitHub, Bluesky, YouTube) are optional host permissions, granted
//   when the reader switches one on, and their content script must then be registered at run time
//   (chrome.scripting.registerContentScripts, background/more-sites.js): a manifest content script
//   on those hosts would be granted at install (Chrome counts content script matches as install-
//   time host access), which is what making them optional avoids. `scripting` grants no host and
//   shows no install warning; it acts only where chaff already has host access;
// - optional_host_permissions ⊆ the opt-in hosts (exactly those origins, nothing wider);
// - host_permissions and every manifest content script's `matches` are among the five Reddit/X
//   hosts (an opt-in host there would be asked for at install); web-accessible resources'
//   `matches` among the five and the opt-in hosts; no exclude-less <all_urls> or wildcard scheme
//   sneaks in;
// - content_security_policy.extension_pages: script-src only 'self' (+ 'wasm-unsafe-eval', which
//   the WASM engine needs), object-src only 'self'/'none', and connect-src present and only
//   'self' or 'none' (so even an injected script in an extension page could not send anything
//   out; the extension's own files are 'self'); no sandbox CSP; default-src, when present, no
//   looser than 'self'.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUILT = ['dist/chrome/manifest.json', 'dist/firefox/manifest.json'];
export const ALLOWED_PERMISSIONS = ['storage', 'scripting'];
export const ALLOWED_HOSTS = [
  'https://*.reddit.com/*',
  'https://x.com/*',
  'https://mobile.x.com/*',
  'https://twitter.com/*',
  'https://mobile.twitter.com/*',
];
// Asked for only when the reader switches the site on (extension/site-access.js OPT_IN_SITES).
export const ALLOWED_OPTIONAL_HOSTS = [
  'https://news.ycombinator.com/*',
  'https://github.com/*',
  'https://bsky.app/*',
  'https://www.youtube.com/*',
  'https://m.youtube.com/*',
];
const FORBIDDEN_KEYS = ['optional_permissions', 'externally_connectable', 'update_url'];
// Directive -> sources it may list (an absent directive falls back to default-src, checked too).
const CSP_ALLOWED = {
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'object-src': ["'self'", "'none'"],
  'connect-src': ["'self'", "'none'"],
  'default-src': ["'self'", "'none'"],
};

/** Directive name -> list of sources, from a CSP string. */
export function parseCsp(text) {
  const directives = new Map();
  for (const part of String(text).split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

function checkMatches(where, list, problems, allowed = ALLOWED_HOSTS) {
  if (!Array.isArray(list)) {
    problems.push(`${where}: not a list`);
    return;
  }
  for (const pattern of list) {
    if (!allowed.includes(pattern)) {
      const optional = ALLOWED_OPTIONAL_HOSTS.includes(pattern);
      problems.push(`${where}: ${JSON.stringify(pattern)} is not one of chaff's ${optional ? 'install-time hosts (an opt-in site is asked for only when the reader switches it on)' : 'hosts'}`);
    }
  }
}

/** Every problem of one parsed manifest, as lines for a reader; [] when it passes. */
export function checkManifest(manifest) {
  const problems = [];
  if (!manifest || typeof manifest !== 'object') return ['not a JSON object'];
  for (const permission of manifest.permissions ?? []) {
    if (!ALLOWED_PERMISSIONS.includes(permission)) problems.push(`permissions: ${JSON.stringify(permission)} is more than chaff needs (only ${ALLOWED_PERMISSIONS.join(', ')})`);
  }
  for (const key of FORBIDDEN_KEYS) {
    if (key in manifest) problems.push(`${key}: present; chaff asks for no optional API and talks to no web page or server`);
  }
  checkMatches('host_permissions', manifest.host_permissions ?? [], problems);
  checkMatches('optional_host_permissions', manifest.optional_host_permissions ?? [], problems, ALLOWED_OPTIONAL_HOSTS);
  for (const [i, script] of (manifest.content_scripts ?? []).entries()) {
    checkMatches(`content_scripts[${i}].matches`, script.matches, problems);
    if (script.include_globs || script.match_about_blank || script.match_origin_as_fallback || script.all_frames) {
      problems.push(`content_scripts[${i}]: runs beyond the top frame of the listed hosts`);
    }
  }
  for (const [i, entry] of (manifest.web_accessible_resources ?? []).entries()) {
    checkMatches(`web_accessible_resources[${i}].matches`, entry.matches, problems, [...ALLOWED_HOSTS, ...ALLOWED_OPTIONAL_HOSTS]);
    if (entry.extension_ids) problems.push(`web_accessible_resources[${i}]: open to other extensions`);
  }
  const csp = manifest.content_security_policy;
  if (!csp || typeof csp !== 'object' || typeof csp.extension_pages !== 'string') {
    problems.push('content_security_policy.extension_pages: missing (the browser default allows outside connections)');
  } else {
    if ('sandbox' in csp) problems.push('content_security_policy.sandbox: chaff has no sandboxed pages');
    const directives = parseCsp(csp.extension_pages);
    if (!directives.has('connect-src')) {
      problems.push("content_security_policy.extension_pages: no connect-src, so extension pages may connect anywhere (add connect-src 'self')");
    }
    if (!directives.has('script-src') && !directives.has('default-src')) {
      problems.push('content_security_policy.extension_pages: no script-src');
    }
    for (const [name, allowed] of Object.entries(CSP_ALLOWED)) {
      for (const source of directives.get(name) ?? []) {
        if (!allowed.includes(source.toLowerCase())) {
          problems.push(`content_security_policy.extension_pages: ${name} allows ${source} (only ${allowed.join(' ')})`);
        }
      }
    }
  }
  return problems;
}

export function checkFiles(files) {
  let failed = false;
  for (const file of files) {
    let manifest;
    try {
      manifest = JSON.parse(fs.readFileSync(path.resolve(ROOT, file), 'utf8'));
    } catch (error) {
      console.error(`check-manifests: ${file}: ${error.code === 'ENOENT' ? 'missing (build it first: make extension)' : error.message}`);
      return 2;
    }
    const problems = checkManifest(manifest);
    for (const problem of problems) console.error(`check-manifests: ${file}: ${problem}`);
    if (problems.length) failed = true;
    else console.log(`check-manifests: ${file}: storage, scripting and chaff's hosts only (opt-in sites optional); extension pages connect to nothing outside`);
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  process.exitCode = checkFiles(files.length ? files : BUILT);
}
