// Listing pages in real Chromium (dist/chrome unchanged), under their real hostnames over HTTPS:
// a subreddit's /new and /hot on new Reddit (a shreddit-feed of post cards) and on old Reddit
// (#siteTable rows), each holding the flood that started chaff: near-identical giveaway link
// posts by six new accounts, every title with a random suffix, beside ordinary posts; and X's home,
// search and profile timelines (several authors, no conversation root) with a campaign. Each is
// checked as served and under a CSP that blocks WebAssembly: every post scored, the flood
// flagged, the ordinary posts ok, the page text unchanged, posts loaded on scroll scored, nothing
// fetched off the page. The pages are built by tests/pages/build_more_sites.py; the Bluesky feed
// is in opt-in-sites.test.mjs (an opt-in site).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PAGES } from './thread-pages.mjs';
import { launchWithPages, checkServedAndStrict, strayRequests } from './site-checks.mjs';

const FLOOD_TITLE = 'Free $500 gift card giveaway claim now';

// Where each listing page is served: host -> path -> page file.
const ROUTES = {
  'www.reddit.com': { '/r/deals/new/': 'listing-reddit-new.html', '/r/deals/hot/': 'listing-reddit-new.html' },
  'old.reddit.com': { '/r/deals/new/': 'listing-old-reddit-new.html', '/r/deals/hot/': 'listing-old-reddit-new.html' },
  'x.com': { '/home': 'listing-x-home.html', '/search': 'listing-x-home.html', '/weatherdesk_nw': 'listing-x-home.html' },
};

const REDDIT_FEED = {
  name: 'reddit',
  idOf: (post) => post.getAttribute('id'),
  campaign: ['t3_aur41mh', 't3_ahps6w0', 't3_k70n7r2', 't3_x8vpv9y', 't3_ttu5z9z', 't3_mjiy1n0'],
  total: 14,
  titleOf: (id) => `shreddit-post[id="${id}"]`,
  later: (floodTitle) => ({
    campaign: 't3_lateq01',
    copies: [
      { source: 'article:has(shreddit-post[id="t3_mjiy1n0"])', afterLast: 'shreddit-feed > article',
        replace: [['mjiy1n0', 'lateq01'], ['Giveaway_Hub_2291', 'Promo-Vault-3021'], [floodTitle, `${FLOOD_TITLE} Qm7Tz4`]] },
      { source: 'article:has(shreddit-post[id="t3_og62b27"])', afterLast: 'shreddit-feed > article',
        replace: [['og62b27', 'lateq02'], ['quiet_maple', 'river_stones'],
          ['What is the best budget mechanical keyboard you have actually used for a year?', 'Our street finally got its tree planting day, photos in the comments'],
          ['Mine is on its third set of keycaps and I am wondering whether to just replace the whole thing.', 'Twelve lindens and two oaks, planted by about forty neighbours.']] },
    ],
  }),
};
const OLD_REDDIT_LISTING = {
  name: 'old-reddit',
  idOf: (post) => post.getAttribute('data-fullname'),
  campaign: ['t3_i1836nm', 't3_de5kp8q', 't3_rjloy61', 't3_pjuxqbp', 't3_flpuq0t', 't3_jg7cp21'],
  total: 14,
  titleOf: (id) => `.thing[data-fullname="${id}"] a.title`,
  // Old Reddit shows more posts on the next page, or, with RES's never-ending Reddit, appends them.
  later: (floodTitle) => ({
    campaign: 't3_lateq01',
    copies: [
      { source: '.thing[data-fullname="t3_jg7cp21"]', afterLast: '#siteTable > .thing',
        replace: [['jg7cp21', 'lateq01'], ['Giveaway_Hub_2291', 'Promo_Vault_3021'], [floodTitle, `${FLOOD_TITLE} Qm7Tz4`]] },
      { source: '.thing[data-fullname="t3_dulwdip"]', afterLast: '#siteTable > .thing',
        replace: [['dulwdip', 'lateq02'], ['quiet_maple', 'river_stones'],
          ['What is the best budget mechanical keyboard you have actually used for a year?', 'Our street finally got its tree planting day, photos in the comments']] },
    ],
  }),
};
const X_TIMELINE = {
  name: 'x',
  idOf: (post) => post.querySelector('a[href*="/status/"] time').closest('a').getAttribute('href').split('/').pop(),
  campaign: ['1854459929293750376', '1854459639886774375', '1854459350479798374', '1854459061072822373', '1854458771665846372'],
  total: 11,
  later: () => ({
    campaign: '1854459929293790000',
    copies: [
      { source: 'article:has(a[href$="/status/1854459929293750376"])', afterLast: '[data-testid="cellInnerDiv"] article',
        replace: [['1854459929293750376', '1854459929293790000'], ['whalewatch_031', 'gasfee_guru'], ['Whale Watch', 'Gas Fee Guru'], ['wallet now', 'wallet now!!']] },
      { source: 'article:has(a[href$="/status/1854448705336246272"])', afterLast: '[data-testid="cellInnerDiv"] article',
        replace: [['1854448705336246272', '1854448705336290000'], ['anaruiz_dev', 'lena_codes'], ['Ana Ruiz', 'Lena'],
          ['Shipped the new search page today. Turns out the slow part was never the database, it was the spinner animation.',
            'Our team finally moved the nightly build to the new runners and it takes eleven minutes instead of forty.']] },
    ],
  }),
};

let run;
let browser;
let worker;

before(async () => {
  run = await launchWithPages((url) => {
    const page = ROUTES[url.hostname]?.[url.pathname];
    return page && fs.readFileSync(path.join(PAGES, page));
  });
  ({ browser, worker } = run);
});

after(() => run?.close());

// One listing at `url`, as served and under the WebAssembly-blocking CSP.
function checkListing(spec, url) {
  return checkServedAndStrict(browser.context, worker, spec, url, async (page) => {
    let floodTitle = null;
    if (spec.titleOf) {
      // The flood's titles differ only by their random suffix.
      const titles = await Promise.all(spec.campaign.map((id) => page.locator(spec.titleOf(id)).evaluate((post) => post.getAttribute('post-title') ?? post.textContent)));
      assert.equal(new Set(titles).size, titles.length, `every flood title is different: ${titles}`);
      for (const title of titles) assert.match(title, /^Free \$500 gift card giveaway claim now [A-Za-z0-9]{6}$/);
      floodTitle = titles.at(-1);
    }
    return spec.later(floodTitle);
  });
}

test("new Reddit, a subreddit's /new and /hot feed: the giveaway flood with random title suffixes flagged, the ordinary posts ok", async () => {
  await checkListing(REDDIT_FEED, 'https://www.reddit.com/r/deals/new/');
  await checkListing(REDDIT_FEED, 'https://www.reddit.com/r/deals/hot/');
});

test("old Reddit, a subreddit's /new and /hot listing: the giveaway flood with random title suffixes flagged, the ordinary posts ok", async () => {
  await checkListing(OLD_REDDIT_LISTING, 'https://old.reddit.com/r/deals/new/');
  await checkListing(OLD_REDDIT_LISTING, 'https://old.reddit.com/r/deals/hot/');
});

test('X home, search and profile timelines: tweets of several authors scored, the campaign flagged, the rest ok', async () => {
  await checkListing(X_TIMELINE, 'https://x.com/home');
  await checkListing(X_TIMELINE, 'https://x.com/search?q=airdrop&src=typed_query&f=live');
  await checkListing(X_TIMELINE, 'https://x.com/weatherdesk_nw');
});

test('no request leaves for anywhere but the sites and the extension', () => {
  assert.ok(run.requests.length > 0);
  assert.deepEqual(strayRequests(run.requests, Object.keys(ROUTES)), []);
});
