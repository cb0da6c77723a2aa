// chaff settings: one object in chrome.storage.local under one key, read by the content script,
// the popup and the options page alike. Design: every read goes through `normalize`, so a
// missing, older or hand-edited stored value always yields a complete, valid settings object;
// `onChange` rides on chrome.storage.onChanged, so an edit made in the popup or the options page
// reaches every open tab without a reload.

import { SITE_LABELS, OPT_IN_SITES } from './site-access.js';

const STORAGE_KEY = 'chaffSettings';
const SITES = Object.keys(SITE_LABELS);
const SENSITIVITIES = ['low', 'medium', 'high'];
const DISPLAYS = ['badge', 'dim', 'collapse'];
// A long trusted list costs a storage write per keystroke on the options page; users of RES's
// tagger keep dozens, so a thousand leaves ample room.
const MAX_TRUSTED_AUTHORS = 1000;
// The reader's own markers: a list to read, not a filter to tune (the engine keeps as many,
// src/markers.rs).
const MAX_MARKERS = 200;
const MAX_MARKER_CHARS = 100;

export const DEFAULTS = Object.freeze({
  // The opt-in sites (site-access.js) start off: each needs the reader's say and its permission.
  sites: Object.freeze(Object.fromEntries(SITES.map((site) => [site, !(site in OPT_IN_SITES)]))),
  sensitivity: 'medium',
  display: 'badge',
  trustedAuthors: Object.freeze([]),
  markers: Object.freeze([]),
  memory: true,
});

// Users paste names as they see them on the page: "u/name", "/u/name", "@name".
function cleanAuthorName(name) {
  return String(name).trim().replace(/^\/?u\//i, '').replace(/^@/, '').trim();
}

function normalizeTrustedAuthors(list) {
  if (!Array.isArray(list)) return [];
  const seen = new Set();
  const names = [];
  for (const raw of list) {
    const name = cleanAuthorName(raw);
    // Reddit and X names are case-insensitive: "Alice" and "alice" are one person.
    const folded = name.toLowerCase();
    if (name === '' || seen.has(folded)) continue;
    seen.add(folded);
    names.push(name);
    if (names.length === MAX_TRUSTED_AUTHORS) break;
  }
  return names;
}

// Words or phrases as the reader wrote them, one each, blank and repeated lines dropped.
function normalizeMarkers(list) {
  if (!Array.isArray(list)) return [];
  const seen = new Set();
  const markers = [];
  for (const raw of list) {
    const marker = String(raw).trim();
    if (marker === '' || marker.length > MAX_MARKER_CHARS || seen.has(marker)) continue;
    seen.add(marker);
    markers.push(marker);
    if (markers.length === MAX_MARKERS) break;
  }
  return markers;
}

function normalize(raw) {
  const value = raw && typeof raw === 'object' ? raw : {};
  const sites = {};
  for (const site of SITES) {
    sites[site] = typeof value.sites?.[site] === 'boolean' ? value.sites[site] : DEFAULTS.sites[site];
  }
  return {
    sites,
    sensitivity: SENSITIVITIES.includes(value.sensitivity) ? value.sensitivity : DEFAULTS.sensitivity,
    display: DISPLAYS.includes(value.display) ? value.display : DEFAULTS.display,
    trustedAuthors: normalizeTrustedAuthors(value.trustedAuthors),
    markers: normalizeMarkers(value.markers),
    memory: typeof value.memory === 'boolean' ? value.memory : DEFAULTS.memory,
  };
}

export async function load() {
  const stored = await chrome.storage.local.get(STORAGE_KEY);
  return normalize(stored[STORAGE_KEY]);
}

// Saves run one after another: the options page saves on every keystroke, and two overlapping
// read-merge-write cycles would otherwise lose the earlier edit.
let saving = Promise.resolve();

export function save(partial) {
  const run = async () => {
    const current = await load();
    const next = normalize({ ...current, ...partial, sites: { ...current.sites, ...partial?.sites } });
    await chrome.storage.local.set({ [STORAGE_KEY]: next });
    return next;
  };
  const result = saving.then(run, run);
  saving = result.catch(() => undefined);
  return result;
}

export function onChange(callback) {
  const listener = (changes, areaName) => {
    if (areaName !== 'local' || !(STORAGE_KEY in changes)) return;
    callback(normalize(changes[STORAGE_KEY].newValue));
  };
  chrome.storage.onChanged.addListener(listener);
  return () => chrome.storage.onChanged.removeListener(listener);
}
