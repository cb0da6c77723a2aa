// The saved thread pages as the browser tests serve them, and what chaff should find on them
// (tests/pages/README.md): shared by the Chromium and Firefox extension tests.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startHttpsServer } from './harness.mjs';

export const PAGES = path.join(ROOT, 'tests', 'pages');
export const POSTS = 'shreddit-post, shreddit-comment, .thing.link[data-fullname], .thing.comment[data-fullname], article[data-testid="tweet"]';
// A CSP as strict as a site could send: no 'wasm-unsafe-eval', so WebAssembly cannot compile here.
export const WASM_BLOCKING_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'";

export const PAGE_OF_HOST = {
  'www.reddit.com': 'reddit-thread.html',
  'old.reddit.com': 'old-reddit-thread.html',
  'x.com': 'x-conversation.html',
};
export const URLS = {
  reddit: 'https://www.reddit.com/r/Music/comments/1gm4k2x/gangnam_style_passed_2_billion_views/',
  oldReddit: 'https://old.reddit.com/r/popheads/comments/2kx9q1/katy_perry_roar/',
  x: 'https://x.com/PartyRockVault/status/2013265187435446272',
};

export const EXPECTED = {
  reddit: {
    campaign: ['t1_ilw76rm', 't1_pi6o7hc', 't1_nisput7', 't1_wsxwxqn', 't1_b5vr5fx'],
    ok: ['t1_csa2b35', 't1_qzeuf5x', 't1_yb420jr', 't1_gw7eiee', 't1_qg37y6o', 't1_zzp6far', 't1_pc3nq81', 't1_lyevnf7',
      't1_rjp00q8', 't1_iaixdul', 't1_yjp7a7k', 't1_dnl8qh2', 't1_p1l7hz5', 't1_k3t6lx5', 't1_oo6yt5d', 't1_f9e8sdi',
      't1_nl7f6or', 't1_kssh4h1', 't1_ghnogpg', 't1_xwlt3on', 't1_p22ecl3', 't1_aphqvls', 't1_s7i8p49', 't1_ofg3ueg',
      't1_acy30i8', 't1_jh38nxq', 't1_bkp006j', 't1_wzww1rf', 't1_uu4mrha', 't1_zajp7rr', 't1_r9lfzcf'],
  },
  oldReddit: {
    campaign: ['t1_ovl07gq', 't1_xxzq0fo', 't1_azmgx5s', 't1_dnxcw7y', 't1_rjso3m7'],
    sameAuthorPair: ['t1_vs1kfb2', 't1_yngctht'],
    ok: ['t1_k8kyei1', 't1_lxlbovd', 't1_ls51lwg', 't1_ytn3cdn', 't1_fbac8mw', 't1_ujh2gxh', 't1_yos453x', 't1_wbesqxg',
      't1_a10p638', 't1_kbuuhtt', 't1_jaershy', 't1_lnvoq14', 't1_s5z29wd', 't1_n5kbdoq', 't1_erzfb94', 't1_g2k22qm',
      't1_yscqf4g', 't1_da16u7a', 't1_z5b3ocu', 't1_ijn4rwc', 't1_lzha4w3', 't1_bqj6nkj', 't1_axnlcct', 't1_ue7zxas',
      't1_k7lqfs6', 't1_aq90ymd', 't1_yyapkfv', 't1_ecfp6h2', 't1_sswsdby'],
  },
  x: {
    campaign: ['2013270220600246272', '2013270518395830272', '2013270816191414272', '2013271113986998272', '2013271411782582272'],
    ok: ['2013266697384886272', '2013276512056246272', '2013281293562806272', '2013265942410166272', '2013266445726646272',
      '2013267452359606272', '2013268207334326272', '2013269465625526272', '2013271982207926272', '2013272988840886272',
      '2013273995473846272', '2013275253765046272', '2013276260398006272', '2013277518689206272', '2013278273663926272',
      '2013279783613366272', '2013281041904566272', '2013282803512246272', '2013284313461686272', '2013285571752886272',
      '2013287333360566272', '2013289094968246272', '2013290604917686272', '2013292869841846272', '2013294883107766272'],
  },
};

/** Serves each page under its site's hostname; any path under /csp/ is the same page with a CSP
 * that blocks WebAssembly. */
export function serveThreadPages() {
  return startHttpsServer((request, url) => {
    const page = PAGE_OF_HOST[url.hostname];
    if (!page || url.pathname === '/favicon.ico') return null;
    const headers = { 'content-type': 'text/html; charset=utf-8' };
    if (url.pathname.startsWith('/csp/')) headers['content-security-policy'] = WASM_BLOCKING_CSP;
    return { headers, body: fs.readFileSync(path.join(PAGES, page)) };
  });
}

// Page-side functions (run in the page by either driver, with POSTS as their argument).

/** Whether every post on the page carries chaff's data-chaff-level. */
export function everyPostScored(selector) {
  const posts = document.querySelectorAll(selector);
  return posts.length > 0 && [...posts].every((post) => post.hasAttribute('data-chaff-level'));
}

/** post id -> level, read from the page's own attributes. */
export function postLevels(selector) {
  const byId = {};
  for (const post of document.querySelectorAll(selector)) {
    const id = post.getAttribute('thingid') ?? post.getAttribute('data-fullname') ?? post.getAttribute('id') ??
      post.querySelector('a[href*="/status/"] time')?.closest('a').getAttribute('href').split('/').pop();
    byId[id] = post.getAttribute('data-chaff-level');
  }
  return byId;
}

/** Campaign copies are flagged, the listed clean posts are ok. */
export function assertLevels(found, expected) {
  for (const id of expected.campaign) assert.match(found[id] ?? 'missing', /^(notice|suspect)$/, `campaign copy ${id}`);
  for (const id of expected.ok) assert.equal(found[id], 'ok', `clean post ${id}`);
}
