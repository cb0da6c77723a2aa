// GitHub, Bluesky and YouTube in real Chromium (dist/chrome unchanged), each under its real
// hostname over HTTPS, switched on from the popup as a reader does (site-checks.mjs), each page
// once as served and once under a CSP that blocks WebAssembly (the background worker's engine):
// every post scored, the campaign flagged, the other posts ok, the page's own text unchanged,
// posts that arrive later (as the reader scrolls) scored too, no request off the page.
//
// Pages: GitHub, the real issue page tests/pages/real/github.com-kepano-defuddle-issues-56-2025-06.html
// with the campaign cli/tests/scan_sites.rs plants (5 near-identical comments by 5 accounts),
// its remote stylesheets and avatars pointed at github.com itself (answered 404), so a request
// anywhere else could only be chaff's, and the classic pull-request page tests/pages/github-pull.html
// with the campaign scan_sites.rs plants there (5 near-identical comments by 5 accounts), and the
// Discussions page tests/pages/github-discussion.html (its campaign: 2 comments and 3 replies
// nested in 3 comments); Bluesky, tests/pages/bluesky-thread.html and the following
// feed listing-bluesky-feed.html; YouTube, tests/pages/youtube-comments.html, served as YouTube
// serves its pages, with Trusted Types required (and the strict run with WebAssembly blocked too:
// the worker's engine is what runs there). The Bluesky and YouTube pages are built by
// tests/pages/build_more_sites.py, each with its own campaign, as are the pull-request and
// Discussions pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PAGES } from './thread-pages.mjs';
import { launchWithPages, switchOn, checkScored, levelsOf, checkServedAndStrict, strayRequests } from './site-checks.mjs';

// YouTube's pages require Trusted Types: an HTML string assignment there throws (GUIDE section 7).
const TRUSTED_TYPES = "require-trusted-types-for 'script'";

// ---- GitHub: the real issue page with a planted campaign ----

const GH_PAGE = path.join(PAGES, 'real', 'github.com-kepano-defuddle-issues-56-2025-06.html');
const GH_COMMENT_START = '<div class="LayoutHelpers-module__timelineElement--tFGhF " data-wrapper-timeline-id="';
const GH_TEXTS = [
  'This is fixed in the latest release of cfworker-defuddle, install it from npmjs.com/package/cfworker-defuddle-fix and star the repo!',
  'This is fixed in the latest release of cfworker-defuddle. Install it from npmjs.com/package/cfworker-defuddle-fix and star the repo',
  'this is fixed in the latest release of cfworker-defuddle, install it from npmjs.com/package/cfworker-defuddle-fix and star the repo!!',
  'This is fixed in the latest release of cfworker-defuddle - install it from npmjs.com/package/cfworker-defuddle-fix and star the repo!',
  'This is fixed in the newest release of cfworker-defuddle, install it from npmjs.com/package/cfworker-defuddle-fix and star the repo!',
];
const GH_AUTHORS = ['dev-kazu', 'pryor-ops', 'lindqvist-m', 'octa-builds', 'rj-moreau'];

// The page's first comment with its ids, author, time and body swapped (as scan_sites.rs gh_comment).
function ghComment(html, n, author, time, body) {
  const start = html.indexOf(`${GH_COMMENT_START}IC_kwDOOAhtcs6tVmI1"`);
  const end = html.indexOf(GH_COMMENT_START, start + 10);
  const comment = html.slice(start, end);
  const bodyStart = comment.indexOf('NewMarkdownViewer-module__safe-html-box--cRsz0">') + 48;
  const bodyEnd = comment.indexOf('</div></div><div role="toolbar"', bodyStart);
  return `${comment.slice(0, bodyStart)}<p dir="auto">${body}</p>${comment.slice(bodyEnd)}`
    .replaceAll('IC_kwDOOAhtcs6tVmI1', `IC_planted${n}`)
    .replaceAll('2908119605', `39000000${String(n).padStart(2, '0')}`)
    .replaceAll('jmorrell', author)
    .replaceAll('2025-05-25T22:14:08.000Z', time);
}

function githubPage() {
  const html = fs.readFileSync(GH_PAGE, 'utf8');
  const planted = GH_TEXTS.map((text, n) => ghComment(html, n, GH_AUTHORS[n], `2025-06-18T08:${String(3 * n).padStart(2, '0')}:00.000Z`, text)).join('');
  const at = html.indexOf(`${GH_COMMENT_START}IC_kwDOOAhtcs6wCwKD"`);
  assert.ok(at > 0, 'the comment to plant before');
  // Remote resources of the saved page (stylesheets, avatars) go to github.com itself.
  return (html.slice(0, at) + planted + html.slice(at)).replace(/="https:\/\/(?!github\.com[/"])([a-z0-9.-]+)/g, '="https://github.com/offsite/$1');
}

const GITHUB = {
  name: 'github',
  host: 'github.com',
  url: 'https://github.com/kepano/defuddle/issues/56',
  body: githubPage,
  idOf: (post) => post.querySelector('[data-testid="comment-header"][id]')?.id
    ?? post.querySelector('a[data-testid="issue-body-header-link"]').getAttribute('href').split('#')[1],
  campaign: GH_AUTHORS.map((_, n) => `issuecomment-39000000${String(n).padStart(2, '0')}`),
  total: 12,
  later: {
    campaign: 'issuecomment-3900000005',
    copies: [
      { source: '[data-wrapper-timeline-id="IC_planted4"]', afterLast: '[data-wrapper-timeline-id^="IC_"]',
        replace: [['IC_planted4', 'IC_planted5'], ['3900000004', '3900000005'], ['rj-moreau', 'vance-tooling'], ['star the repo!', 'star the repo!!']] },
      { source: '[data-wrapper-timeline-id="IC_planted4"]', afterLast: '[data-wrapper-timeline-id^="IC_"]',
        replace: [['IC_planted4', 'IC_later6'], ['3900000004', '3900000006'], ['rj-moreau', 'hana-ito'], [GH_TEXTS[4],
          'Confirmed here too: after pinning linkedom to the previous minor version the getComputedStyle error is gone, so it looks like a regression there.']] },
    ],
  },
};

// ---- GitHub: the classic pull-request page with a planted campaign ----

const GH_PULL_ITEM = '<div class="js-timeline-item js-timeline-progressive-focus-container">';
const GH_PULL_TEXTS = [
  'Same bug here, this fixes it for me. Until it ships, ledgerpro-import.example/csv does the whole import in one click!',
  'Same bug here - this fixes it for me. Until it ships ledgerpro-import.example/csv does the whole import in one click',
  'same bug here, this fixes it for me. until it ships, ledgerpro-import.example/csv does the whole import in one click!!',
  'Same bug here, this fixed it for me. Until it ships, ledgerpro-import.example/csv does the whole import in one click!',
  'Same bug here, this fixes it for me. Until it ships: ledgerpro-import.example/csv does the whole import in one click!',
];
const GH_PULL_AUTHORS = ['hollow-quay', 'brisk-ledger', 'anvik-dev', 'marlo-tt', 'sefton-p'];
const ghPullId = (n) => `issuecomment-38800009${String(n).padStart(2, '0')}`;

// Five copies of tamsin-o's timeline comment with ids, author, time and body swapped, after it.
function githubPullPage() {
  const html = fs.readFileSync(path.join(PAGES, 'github-pull.html'), 'utf8');
  const start = html.indexOf(`${GH_PULL_ITEM}<div class="TimelineItem js-comment-container"><div class="avatar-parent-child TimelineItem-avatar d-none d-md-block"><a class="d-inline-block" href="/tamsin-o">`);
  const end = html.indexOf(GH_PULL_ITEM, start + 1);
  assert.ok(start > 0 && end > start, "tamsin-o's comment");
  const item = html.slice(start, end);
  const bodyStart = item.indexOf('js-comment-body">') + 'js-comment-body">'.length;
  const bodyEnd = item.indexOf('</td>', bodyStart);
  const planted = GH_PULL_TEXTS.map((text, n) => `${item.slice(0, bodyStart)}<p dir="auto">${text}</p>${item.slice(bodyEnd)}`
    .replaceAll('issuecomment-3880000203', ghPullId(n))
    .replaceAll('tamsin-o', GH_PULL_AUTHORS[n])
    .replaceAll('2026-02-12T17:55:00Z', `2026-02-12T18:${String(2 * n).padStart(2, '0')}:00Z`)).join('');
  return html.slice(0, end) + planted + html.slice(end);
}

const GITHUB_PULL = {
  name: 'github',
  host: 'github.com',
  url: 'https://github.com/oakline/ledgerlite/pull/412',
  body: githubPullPage,
  idOf: (post) => post.querySelector('a.js-timestamp').getAttribute('href').split('#')[1],
  campaign: GH_PULL_AUTHORS.map((_, n) => ghPullId(n)),
  total: 13,
  later: {
    campaign: ghPullId(5),
    copies: [
      { source: `.js-timeline-item:has(#${ghPullId(4)})`, afterLast: '.js-timeline-item',
        replace: [[ghPullId(4), ghPullId(5)], ['sefton-p', 'quarry-lane'], ['one click!', 'one click!!']] },
      // A reply that arrives in the review thread.
      { source: '#discussion_r1950000402', afterLast: '.review-comment',
        replace: [['1950000402', '1950000403'], ['rmakinen', 'ykosta'],
          ['It kept the carriage return in the last field. Fixed in the next push and added your case as a test.',
            'Thanks, the new test reads well. Resolving this one.']] },
    ],
  },
};

// ---- GitHub: a Discussions conversation, replies nested in their comments ----

const ghdId = (n) => `discussioncomment-${n}`;
const ghdReply = (n) => `.js-nested-comment-container:has(#${ghdId(n)})`;
const GITHUB_DISCUSSION = {
  name: 'github',
  host: 'github.com',
  url: 'https://github.com/oakline/ledgerlite/discussions/88',
  body: () => fs.readFileSync(path.join(PAGES, 'github-discussion.html')),
  // The header's permalink comes first in a post, before those of the replies nested in it.
  idOf: (post) => post.querySelector('a.js-timestamp').getAttribute('href').split('#')[1],
  campaign: [12400200, 12400201, 12400202, 12400203, 12400204].map(ghdId),
  total: 13,
  // The content script reads every copy's author, a reply's (a.author) as a comment's (its
  // header's name link): the hint counts the five accounts.
  check: async (page) => {
    for (const id of [ghdId(12400200), ghdId(12400201)]) {
      await page.waitForFunction((id) => [...document.querySelector(`#${id} chaff-badge`)?.shadowRoot.querySelectorAll('li') ?? []]
        .some((li) => li.textContent.startsWith('5 accounts posted this text')), id, { timeout: 10_000 });
    }
  },
  later: {
    campaign: ghdId(12400205),
    copies: [
      // A copy that arrives as a reply in quill-sato's thread, and a person's reply in tamsin-o's.
      { source: ghdReply(12400204), afterLast: `#child-comments-${ghdId(12400111)} > .js-nested-comment-container`,
        replace: [['12400204', '12400205'], ['penny-wise-app', 'ledger-loop-9'], ['in one click!', 'in one click!!']] },
      { source: ghdReply(12400106), afterLast: `#child-comments-${ghdId(12400105)} > .js-nested-comment-container`,
        replace: [['12400106', '12400206'], ['rmakinen', 'ostrava-kim'],
          ['Good catch about refunds. I opened an issue to make transfer rules match the absolute amount by default.',
            'We switched our rule to the absolute amount last week and the store card refunds stopped showing up twice.']] },
    ],
  },
};

// ---- Bluesky: a thread and the following feed ----

const bskyId = (post) => post.querySelector('a[href*="/post/"]').getAttribute('href');
const BSKY_THREAD = {
  name: 'bluesky',
  host: 'bsky.app',
  url: 'https://bsky.app/profile/cinemafan.bsky.social/post/3lkaaaaaaaa2a',
  body: () => fs.readFileSync(path.join(PAGES, 'bluesky-thread.html')),
  idOf: bskyId,
  campaign: ['cryptodeals-ann', 'moviebuff-pete', 'ellie-reels', 'filmfan-2291', 'nightowl-cine']
    .map((name, n) => `/profile/${name}.bsky.social/post/3lkbbbbbbb0${4 + n}`),
  total: 13,
  later: {
    campaign: '/profile/reelhouse-tv.bsky.social/post/3lkbbbbbbb20',
    copies: [
      { source: '[data-testid="postThreadItem-by-nightowl-cine.bsky.social"]', afterLast: '[data-testid^="postThreadItem-by-"]',
        replace: [['nightowl-cine', 'reelhouse-tv'], ['3lkbbbbbbb08', '3lkbbbbbbb20'], ['sign-up needed!', 'sign-up needed!!']] },
      { source: '[data-testid="postThreadItem-by-fen.bsky.social"]', afterLast: '[data-testid^="postThreadItem-by-"]',
        replace: [['fen.bsky.social', 'mika-draws.bsky.social'], ['3lkbbbbbbb11', '3lkbbbbbbb21'],
          ['The practical effects in the storm sequence deserve every award going.', "Went back a second time just to watch the lighthouse keeper's face in the last scene."]] },
    ],
  },
};
const BSKY_FEED = {
  name: 'bluesky',
  host: 'bsky.app',
  url: 'https://bsky.app/',
  body: () => fs.readFileSync(path.join(PAGES, 'listing-bluesky-feed.html')),
  idOf: bskyId,
  campaign: [['growth-hacks-ana', 1], ['passive-income-joe', 3], ['wealthmindset-22', 4], ['sidehustle-kim', 6], ['cryptoqueen-88', 8]]
    .map(([name, n]) => `/profile/${name}.bsky.social/post/3lkfeed0000${n}`),
  total: 10,
  later: {
    campaign: '/profile/moneymoves-li.bsky.social/post/3lkfeed00020',
    copies: [
      { source: '[data-testid="feedItem-by-cryptoqueen-88.bsky.social"]', afterLast: '[data-testid^="feedItem-by-"]',
        replace: [['cryptoqueen-88', 'moneymoves-li'], ['3lkfeed00008', '3lkfeed00020'], ['free setup guide', 'FREE setup guide']] },
      { source: '[data-testid="feedItem-by-pixelgardener.net"]', afterLast: '[data-testid^="feedItem-by-"]',
        replace: [['pixelgardener.net', 'ferryfolk.bsky.social'], ['3lkfeed00007', '3lkfeed00021'],
          ['First tomatoes of the year on the balcony. Small, lopsided, perfect.', 'The harbour choir is rehearsing outdoors on Thursdays now, anyone can join.']] },
    ],
  },
};

// ---- YouTube: a watch page whose comments keep loading ----

const YOUTUBE = {
  name: 'youtube',
  host: 'www.youtube.com',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  body: () => fs.readFileSync(path.join(PAGES, 'youtube-comments.html')),
  csp: TRUSTED_TYPES,
  idOf: (post) => /[?&]lc=([^&#]+)/.exec(post.querySelector('#published-time-text a').getAttribute('href'))[1],
  campaign: [0, 1, 2, 3, 4].map((n) => `UgwSpam000${n}AaABAg`),
  total: 11,
  later: {
    campaign: 'UgwSpam0005AaABAg',
    copies: [
      { source: 'ytd-comment-thread-renderer:has(a[href*="lc=UgwSpam0004AaABAg"])', before: 'ytd-continuation-item-renderer',
        replace: [['UgwSpam0004AaABAg', 'UgwSpam0005AaABAg'], ['NightOwlCine', 'ReelHouseTV'], ['sign-up needed!', 'sign-up needed!!']] },
      { source: 'ytd-comment-thread-renderer:has(a[href*="lc=UgxPeople0002AaABAg"])', before: 'ytd-continuation-item-renderer',
        replace: [['UgxPeople0002AaABAg', 'UgxLater0001AaABAg'], ['RainyPixel', 'mika.draws'],
          ['Saw it in a tiny cinema with nine other people and we all clapped at the end, no regrets.',
            "Went back a second time just to watch the lighthouse keeper's face in the last scene."]] },
    ],
  },
};

const SPECS = [GITHUB, GITHUB_PULL, GITHUB_DISCUSSION, BSKY_THREAD, BSKY_FEED, YOUTUBE];

let run;
let browser;
let worker;

before(async () => {
  const bodies = new Map(SPECS.map((spec) => [new URL(spec.url).hostname + new URL(spec.url).pathname, spec.body()]));
  run = await launchWithPages((url) => bodies.get(url.hostname + url.pathname), (url) => SPECS.find((spec) => spec.host === url.hostname)?.csp);
  ({ browser, worker } = run);
  for (const site of ['github', 'bluesky', 'youtube']) await switchOn(browser.context, worker, run.extensionId, site);
});

after(() => run?.close());

// The spec's page as served, then under the WebAssembly-blocking CSP: the same levels from either
// engine; YouTube's pages refuse HTML strings (Trusted Types) on both runs.
async function checkSite(spec) {
  const [served, strict] = await checkServedAndStrict(browser.context, worker, spec, spec.url, async (page) => {
    await spec.check?.(page);
    if (spec.csp) {
      const refused = await page.evaluate(() => { try { document.createElement('div').innerHTML = '<b>x</b>'; return null; } catch (error) { return error.name; } });
      assert.equal(refused, 'TypeError', 'the page refuses an HTML string, as under Trusted Types');
    }
    return spec.later;
  });
  assert.deepEqual(strict, served, 'the same levels from the worker');
}

test('GitHub issue: the planted campaign flagged, the real comments ok, later comments scored, with and without WebAssembly', () => checkSite(GITHUB));

test('GitHub pull request: the planted campaign flagged, the PR text, comments, review and review comments ok, later comments scored, with and without WebAssembly', () => checkSite(GITHUB_PULL));

test('GitHub Discussions: the campaign across comments and nested replies flagged, the question, answer, replies and bot ok, later replies scored, with and without WebAssembly', () => checkSite(GITHUB_DISCUSSION));

test('Bluesky thread: the campaign flagged, the quoted post not read as a reply, later replies scored, with and without WebAssembly', async () => {
  await checkSite(BSKY_THREAD);
  const page = await browser.context.newPage();
  await page.goto(BSKY_THREAD.url);
  await checkScored(page, BSKY_THREAD, BSKY_THREAD);
  const levels = await levelsOf(page, BSKY_THREAD);
  assert.equal(levels['/profile/critic.bsky.social/post/3ljzzzzzzz9z'], undefined, 'the quoted post is no post of the thread');
  await page.close();
});

test('Bluesky following feed: the campaign among the feed flagged, the rest ok, later posts scored', () => checkSite(BSKY_FEED));

test('YouTube watch page under Trusted Types: the spam flagged, the comments ok, comments loaded on scroll scored, with and without WebAssembly', () => checkSite(YOUTUBE));

// The content script's adapter (extension/content/adapters.js with shown-text.js, as bundled) run
// on a page set as content (no site, no extension): what it reads of each post.
async function readByAdapter(html) {
  const content = path.join(PAGES, '..', '..', 'extension', 'content');
  const source = ['shown-text.js', 'adapters.js']
    .map((file) => fs.readFileSync(path.join(content, file), 'utf8').replace(/^import .*$/gm, '').replace(/^export /gm, ''))
    .join('\n');
  const sites = fs.readFileSync(path.join(PAGES, '..', '..', 'src', 'sites.json'), 'utf8');
  const page = await browser.context.newPage();
  await page.setContent(html);
  const posts = await page.evaluate(`(() => { ${source}
    const adapter = detect(document, ${sites});
    return [...document.querySelectorAll(adapter.postSelector)].map((element) => adapter.read(element)).filter(Boolean)
      .map(({ id, author, created, parent, newAccount }) => [id, author, created, parent, newAccount]);
  })()`);
  await page.close();
  return posts;
}

const unix = (time) => Date.parse(time) / 1000;

test('the content script reads what chaff scan reads: Discussions replies and their comments, the review thread reply, /newest submitters', async () => {
  // As page/src/tests.rs pins them.
  const discussion = await readByAdapter(fs.readFileSync(path.join(PAGES, 'github-discussion.html'), 'utf8'));
  const answer = ghdId(12400101);
  assert.deepEqual(discussion.map(([id, author, created, parent]) => [id, author, created, parent]), [
    ['discussion-6120001', 'hollis-b', unix('2026-03-02T09:14:00Z'), null],
    [answer, 'ykosta', unix('2026-03-02T11:02:00Z'), null],
    [ghdId(12400102), 'hollis-b', unix('2026-03-02T13:40:00Z'), answer],
    [ghdId(12400103), 'ledgerlite-triage', unix('2026-03-02T13:41:00Z'), answer],
    [ghdId(12400200), 'nova-ledgers', unix('2026-03-04T16:02:00Z'), answer],
    [ghdId(12400105), 'tamsin-o', unix('2026-03-03T08:20:00Z'), null],
    [ghdId(12400106), 'rmakinen', unix('2026-03-03T09:05:00Z'), ghdId(12400105)],
    [ghdId(12400202), 'tally-hq-deals', unix('2026-03-04T16:06:00Z'), ghdId(12400105)],
    [ghdId(12400201), 'brisk-import-22', unix('2026-03-04T16:04:00Z'), null],
    [ghdId(12400109), 'pell-arden', unix('2026-03-03T15:30:00Z'), null],
    [ghdId(12400203), 'sora-fintools', unix('2026-03-04T16:08:00Z'), null],
    [ghdId(12400111), 'quill-sato', unix('2026-03-04T10:12:00Z'), null],
    [ghdId(12400204), 'penny-wise-app', unix('2026-03-04T16:10:00Z'), ghdId(12400111)],
  ]);

  const pull = await readByAdapter(fs.readFileSync(path.join(PAGES, 'github-pull.html'), 'utf8'));
  const parents = Object.fromEntries(pull.filter(([, , , parent]) => parent).map(([id, , , parent]) => [id, parent]));
  assert.deepEqual(parents, { discussion_r1950000402: 'discussion_r1950000401' }, "the thread's second comment answers its first");

  const newest = await readByAdapter(fs.readFileSync(path.join(PAGES, 'listing-hn-newest.html'), 'utf8'));
  assert.equal(newest.length, 13);
  assert.ok(newest.every(([, author, created]) => author && created), `every story's submitter and age: ${JSON.stringify(newest)}`);
  assert.deepEqual(newest.filter(([, , , , newAccount]) => newAccount).map(([, author]) => author), ['gainz_daily_3', 'kyc_free_pro', 'bot_trader_771']);
});

test('no request leaves for anywhere but the sites and the extension', () => {
  assert.ok(run.requests.length > 0);
  assert.deepEqual(strayRequests(run.requests, SPECS.map((spec) => spec.host)), []);
});
