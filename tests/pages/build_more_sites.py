#!/usr/bin/env python3
"""Writes the test pages that need no corpus: tests/pages/bluesky-thread.html and
tests/pages/youtube-comments.html, generated from the markup that open-source readers of these
sites read (Bluesky: bluesky-social/social-app's testIDs, defuddle's extractor; YouTube:
ImprovedTube, Channel Blocker Plus, YouTube Shadow Comment), since no real capture of either
exists; and the listing pages (listing-*.html): a subreddit's /new on new Reddit (shreddit-feed of
shreddit-post cards, GUIDE section 1) and on old Reddit (#siteTable of .thing.link rows), an X
home timeline (cellInnerDiv > article[data-testid=tweet], several authors, no conversation root)
a Bluesky following feed (feedItem-by- items with postText), and Hacker News's /newest (story rows,
their author in the next row) and /newcomments (comment rows without comtr; 2023-24 rows quoted
in public repositories); and a classic GitHub pull-request conversation, github-pull.html
(.js-discussion timeline items, .timeline-comment and .review-comment with a.author,
a.js-timestamp permalinks, relative-time and .comment-body.markdown-body, as defuddle's
github.ts and refined-github's selectors.ts read them: GUIDE section 7), whose PR text, comments,
review and review comments on a diff hunk carry a quoted reply, code blocks and a bot's report
that are not anyone's prose. Each listing holds a flood of
near-identical posts by several accounts within minutes (the Reddit ones: link posts whose titles
carry random suffixes, the case that started chaff) beside ordinary posts. The text is written for
chaff. Run from the repository root: python3 tests/pages/build_more_sites.py"""
import html
import random
from datetime import datetime, timedelta, timezone

PEOPLE = [
    ("marta.bsky.social", "The bridge scene still gets me every time, even on the fifth watch."),
    ("joel-k.bsky.social", "Anyone else think the soundtrack carried the second half? The strings in the finale are something."),
    ("rainypixel.net", "Saw it in a tiny cinema with nine other people and we all clapped at the end, no regrets."),
    ("oskar.bsky.social", "My kid asked why the robot was sad and I had no good answer, which probably means it worked."),
    ("lu-wen.bsky.social", "Hot take: the director's earlier short did the same idea better in twelve minutes."),
    ("dana.writes", "I went in expecting nothing and came out wanting to call my sister."),
    ("fen.bsky.social", "The practical effects in the storm sequence deserve every award going."),
]
CAMPAIGN = [
    ("cryptodeals-ann.bsky.social", "Watch it free in HD before it gets taken down: streamfreenow.live/film — no signup needed!"),
    ("moviebuff-pete.bsky.social", "Watch it FREE in HD before it gets taken down: streamfreenow.live/film - no signup needed"),
    ("ellie-reels.bsky.social", "watch it free in hd before it gets taken down: streamfreenow.live/film no signup needed!!"),
    ("filmfan-2291.bsky.social", "Watch it free in HD before it's taken down: streamfreenow.live/film — no signup needed!"),
    ("nightowl-cine.bsky.social", "Watch it free in HD before it gets taken down \u2192 streamfreenow.live/film, no sign-up needed!"),
]


def e(text):
    return html.escape(text, quote=True)


def bsky_item(handle, rkey, text, quoted=None):
    quote = ""
    if quoted:
        q_handle, q_rkey, q_text = quoted
        quote = (f'<div data-testid="contentHider-embed"><a href="/profile/{q_handle}/post/{q_rkey}" '
                 f'title="Post by {q_handle}" role="link"><div dir="auto">{q_handle}</div>'
                 f'<div data-word-wrap="1" dir="auto">{e(q_text)}</div></a></div>')
    return (f'<div data-testid="postThreadItem-by-{handle}" role="link" tabindex="0">'
            f'<div class="css-175oi2r"><a href="/profile/{handle}" aria-label="{handle}">'
            f'<img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></a>'
            f'<div class="css-175oi2r r-1awozwy"><a href="/profile/{handle}" dir="auto">{handle}</a>'
            f'<a href="/profile/{handle}/post/{rkey}" title="March 27, 2026 at 8:35 AM" '
            f'aria-label="March 27, 2026 at 8:35 AM" dir="auto">2h</a></div>'
            f'<div data-word-wrap="1" dir="auto" class="css-146c3p1">{e(text)}\u200e</div>{quote}'
            f'<div role="group"><button aria-label="Reply">0</button><button aria-label="Like">3</button></div>'
            f'</div></div>\n')


def bluesky():
    items = [bsky_item("cinemafan.bsky.social", "3lkaaaaaaaa2a", "Just finished Stormlight. What did everyone think of the ending?")]
    rkeys = iter(f"3lkbbbbbbb{n:02d}" for n in range(40))
    for handle, text in PEOPLE[:4]:
        items.append(bsky_item(handle, next(rkeys), text))
    for handle, text in CAMPAIGN:
        items.append(bsky_item(handle, next(rkeys), text))
    items.append(bsky_item(PEOPLE[4][0], next(rkeys), PEOPLE[4][1],
                           quoted=("critic.bsky.social", "3ljzzzzzzz9z", "A quiet masterpiece about grief, dressed as a disaster movie.")))
    for handle, text in PEOPLE[5:]:
        items.append(bsky_item(handle, next(rkeys), text))
    return ('<!doctype html><html><head><meta charset="utf-8"><title>Bluesky</title></head><body>'
            '<div id="root"><main><div data-testid="postThreadScreen">\n' + "".join(items)
            + '</div></main></div></body></html>\n')


YT_PEOPLE = [
    ("Marta_Films", "The bridge scene still gets me every time, even on the fifth watch."),
    ("joelkrause", "Anyone else think the soundtrack carried the second half? The strings in the finale are something."),
    ("RainyPixel", "Saw it in a tiny cinema with nine other people and we all clapped at the end, no regrets."),
    ("oskar.dad", "My kid asked why the robot was sad and I had no good answer, which probably means it worked."),
    ("luwen", "Hot take: the director's earlier short did the same idea better in twelve minutes."),
]
YT_CAMPAIGN = [
    ("CryptoAnnDeals", "Watch it free in HD before it gets taken down: streamfreenow.live/film — no signup needed!"),
    ("MovieBuffPete", "Watch it FREE in HD before it gets taken down: streamfreenow.live/film - no signup needed"),
    ("EllieReels", "watch it free in hd before it gets taken down: streamfreenow.live/film no signup needed!!"),
    ("FilmFan2291", "Watch it free in HD before it's taken down: streamfreenow.live/film — no signup needed!"),
    ("NightOwlCine", "Watch it free in HD before it gets taken down \u2192 streamfreenow.live/film, no sign-up needed!"),
]
VIDEO = "dQw4w9WgXcQ"


def yt_comment(handle, lc, text, owner=False, pinned=False):
    author = (f'<a id="author-text" class="yt-simple-endpoint" href="/@{handle}"><span>@{handle}</span></a>'
              if not owner else
              f'<a id="author-text" class="yt-simple-endpoint" href="/@{handle}" hidden><span></span></a>'
              f'<span id="author-comment-badge"><ytd-author-comment-badge-renderer>@{handle}</ytd-author-comment-badge-renderer></span>')
    pin = '<ytd-pinned-comment-badge-renderer id="pinned-comment-badge">Pinned by @StormlightOfficial</ytd-pinned-comment-badge-renderer>' if pinned else ""
    return (f'<ytd-comment-view-model class="style-scope ytd-comment-thread-renderer">'
            f'<div id="body"><div id="author-thumbnail"><img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></div>'
            f'<div id="main"><div id="header"><div id="pinned-comment-badge-slot">{pin}</div><div id="header-author"><h3>{author}</h3>'
            f'<span id="published-time-text"><a class="yt-simple-endpoint" href="/watch?v={VIDEO}&amp;lc={lc}">2 days ago (edited)</a></span>'
            f'</div></div><div id="expander"><yt-attributed-string id="content-text" class="style-scope ytd-comment-view-model">'
            f'<span class="yt-core-attributed-string" role="text">{e(text)}</span></yt-attributed-string></div>'
            f'<div id="toolbar"><span id="vote-count-middle">12</span><button aria-label="Reply">Reply</button></div>'
            f'</div></div></ytd-comment-view-model>')


def yt_thread(comment, replies=""):
    return (f'<ytd-comment-thread-renderer class="style-scope ytd-item-section-renderer">{comment}'
            f'<div id="replies"><ytd-comment-replies-renderer><div id="more-replies"><button>1 reply</button></div>'
            f'<div id="expanded-threads">{replies}</div></ytd-comment-replies-renderer></div></ytd-comment-thread-renderer>\n')


def youtube():
    threads = [yt_thread(yt_comment("StormlightOfficial", "UgzOwner0001AaABAg",
                                     "Thank you all for watching! The director's commentary is up on our channel next week.",
                                     owner=True, pinned=True))]
    for n, (handle, text) in enumerate(YT_PEOPLE[:3]):
        threads.append(yt_thread(yt_comment(handle, f"UgxPeople{n:04d}AaABAg", text)))
    # A reply: its lc is PARENT.REPLY.
    threads.append(yt_thread(yt_comment(YT_PEOPLE[3][0], "UgxPeople0003AaABAg", YT_PEOPLE[3][1]),
                             yt_comment(YT_PEOPLE[4][0], "UgxPeople0003AaABAg.9zReply0001", YT_PEOPLE[4][1])))
    for n, (handle, text) in enumerate(YT_CAMPAIGN):
        threads.append(yt_thread(yt_comment(handle, f"UgwSpam{n:04d}AaABAg", text)))
    return ('<!doctype html><html><head><meta charset="utf-8"><title>Stormlight - YouTube</title></head><body>'
            '<ytd-app><div id="content"><ytd-watch-flexy><div id="below">'
            '<ytd-comments id="comments"><ytd-item-section-renderer id="sections"><div id="contents">\n'
            + "".join(threads)
            + '<ytd-continuation-item-renderer><div id="ghost-cards"></div></ytd-continuation-item-renderer>'
            '</div></ytd-item-section-renderer></ytd-comments></div></ytd-watch-flexy></div></ytd-app></body></html>\n')


# --- listing pages ------------------------------------------------------------------------------

# The flood: one giveaway title, a random suffix on each copy (as spam bots vary it to dodge exact
# matching), posted by a new account every minute or two.
FLOOD_TITLE = "Free $500 gift card giveaway claim now"
FLOOD_AUTHORS = ["Giveaway_Hub_2291", "Lucky-Deals-4410", "Fresh_Promo_8812", "Claim-Now-Bot-55", "Gift_Drop_7306", "Rewardz-Daily-19"]
LISTING_POSTS = [
    ("quiet_maple", "What is the best budget mechanical keyboard you have actually used for a year?", "self",
     "Mine is on its third set of keycaps and I am wondering whether to just replace the whole thing."),
    ("harbor_lights", "My grandfather's 1974 road bike, restored after two winters in the garage", "link", "i.redd.it"),
    ("tiny-kettle", "Is it worth learning Rust as a first language, or should I start with Python?", "self",
     "I have a few hours every evening and mostly want to write small command-line tools."),
    ("north_ridge_hiker", "Trail report: the upper lake loop is clear of snow as of this weekend", "self",
     "Mud on the east side after the second bridge, otherwise dry. Bring water, the spring is low."),
    ("Paper-Crane-Co", "The city council approved the new bike lanes on Harbour Street", "link", "localnews.example"),
    ("sunday_baker", "Third attempt at sourdough and it finally has an open crumb", "link", "i.redd.it"),
    ("owl_at_noon", "Anyone else's library app logging them out every morning since the update?", "self",
     "Reinstalled twice. Support says they know about it but no date for a fix."),
    ("field-notes-88", "A map of every public drinking fountain in the old town", "link", "maps.example"),
]
LISTING_START = datetime(2024, 11, 7, 9, 0, 0, tzinfo=timezone.utc)


def flood_titles():
    rng = random.Random("listing-flood")
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return [f"{FLOOD_TITLE} {''.join(rng.choice(alphabet) for _ in range(6))}" for _ in FLOOD_AUTHORS]


def listing_items(prefix):
    """The listing's posts, newest first as /new shows them: (id, author, title, kind, extra, time, flood)."""
    rng = random.Random(prefix)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    items = []
    for n, (author, title, kind, extra) in enumerate(LISTING_POSTS):
        items.append((author, title, kind, extra, LISTING_START + timedelta(minutes=9 * n), False))
    for n, (author, title) in enumerate(zip(FLOOD_AUTHORS, flood_titles())):
        items.append((author, title, "link", "giftcard-claims.example", LISTING_START + timedelta(minutes=31 + 2 * n, seconds=7 * n), True))
    items.sort(key=lambda item: item[4], reverse=True)
    out = []
    for author, title, kind, extra, t, flood in items:
        pid = "t3_" + rng.choice("abcdefghijklmnopqrstuvwxyz") + "".join(rng.choice(alphabet) for _ in range(6))
        out.append({"id": pid, "author": author, "title": title, "kind": kind, "extra": extra, "t": t, "flood": flood})
    return out


def slug(title):
    return "_".join("".join(c for c in word.lower() if c.isalnum()) for word in title.split()[:8]).strip("_")


def reddit_listing(sub="deals"):
    cards = []
    for n, p in enumerate(listing_items("reddit-listing")):
        permalink = f"/r/{sub}/comments/{p['id'][3:]}/{slug(p['title'])}/"
        stamp = p["t"].strftime("%Y-%m-%dT%H:%M:%S.000Z")
        href = f"https://{p['extra']}/{p['id'][3:]}" if p["kind"] == "link" else f"https://www.reddit.com{permalink}"
        body = (f'<div slot="text-body"><div class="md feed-card-text-preview" id="{p["id"]}-post-rtjson-content">'
                f'<p>{e(p["extra"])}</p></div></div>' if p["kind"] == "self" else "")
        cards.append(
            f'<article class="w-full m-0" aria-label="{e(p["title"])}">'
            f'<shreddit-post id="{p["id"]}" author="{e(p["author"])}" post-title="{e(p["title"])}" permalink="{permalink}" '
            f'content-href="{e(href)}" created-timestamp="{p["t"].strftime("%Y-%m-%dT%H:%M:%S.000000+0000")}" score="1" comment-count="0" '
            f'subreddit-prefixed-name="r/{sub}" post-type="{"text" if p["kind"] == "self" else "link"}" view-context="SubredditFeed" feedindex="{n}">'
            f'<span slot="credit-bar"><span slot="authorName"><faceplate-tracker noun="user_profile"><a href="/user/{e(p["author"])}/">u/{e(p["author"])}</a>'
            f'</faceplate-tracker></span> <span class="dot">•</span> <faceplate-timeago ts="{stamp}"><time datetime="{stamp}">{n + 2} min. ago</time></faceplate-timeago></span>'
            f'<a slot="title" id="post-title-{p["id"]}" href="{permalink}">{e(p["title"])}</a>{body}'
            f'<shreddit-post-action-row slot="actionRow"><button type="button">Share</button></shreddit-post-action-row>'
            f'</shreddit-post></article><hr>\n')
    return ('<!DOCTYPE html>\n<!-- chaff test page: new Reddit, a subreddit\'s /new feed (written for chaff). -->\n'
            f'<html lang="en"><head><meta charset="utf-8"><title>r/{sub}</title></head><body>'
            '<shreddit-app user-logged-in="false" pagetype="community" routename="community">'
            f'<main id="main-content"><shreddit-feed reload-url="/r/{sub}/new/">\n' + "".join(cards)
            + '</shreddit-feed></main></shreddit-app></body></html>\n'), listing_items("reddit-listing")


def old_reddit_listing(sub="deals"):
    rows = []
    for n, p in enumerate(listing_items("old-reddit-listing")):
        short = p["id"][3:]
        permalink = f"/r/{sub}/comments/{short}/{slug(p['title'])}/"
        kind = "self" if p["kind"] == "self" else ""
        domain = f"self.{sub}" if p["kind"] == "self" else p["extra"]
        href = permalink if p["kind"] == "self" else f"https://{p['extra']}/{short}"
        rows.append(
            f'<div class=" thing id-{p["id"]} {"odd" if n % 2 else "even"} link {kind}" id="thing_{p["id"]}" data-fullname="{p["id"]}" '
            f'data-type="link" data-subreddit="{sub}" data-author="{e(p["author"])}" data-timestamp="{int(p["t"].timestamp() * 1000)}" '
            f'data-permalink="{permalink}" data-domain="{e(domain)}" data-url="{e(href)}" data-rank="{n + 1}" data-score="1" data-comments-count="0">'
            f'<p class="parent"></p><span class="rank">{n + 1}</span><div class="midcol unvoted"><div class="arrow up"></div>'
            f'<div class="score unvoted">1</div><div class="arrow down"></div></div>'
            f'<div class="entry unvoted"><div class="top-matter"><p class="title"><a class="title may-blank" href="{e(href)}">{e(p["title"])}</a> '
            f'<span class="domain">(<a href="/domain/{e(domain)}/">{e(domain)}</a>)</span></p>'
            f'<p class="tagline">submitted <time title="{p["t"].strftime("%a %b %d %H:%M:%S %Y UTC")}" datetime="{p["t"].strftime("%Y-%m-%dT%H:%M:%S+00:00")}" '
            f'class="live-timestamp">{n + 2} minutes ago</time> by <a href="https://old.reddit.com/user/{e(p["author"])}" class="author may-blank">{e(p["author"])}</a></p>'
            f'<ul class="flat-list buttons"><li class="first"><a href="https://old.reddit.com{permalink}" class="bylink comments may-blank">comment</a></li>'
            f'<li><a href="#">share</a></li></ul></div></div><div class="child"></div><div class="clearleft"></div></div>\n')
    return ('<!DOCTYPE html>\n<!-- chaff test page: old Reddit, a subreddit\'s /new listing (written for chaff). -->\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>newest submissions : {sub}</title><meta charset="utf-8"></head>'
            '<body class="listing-page"><div id="header" role="banner"><div id="sr-header-area"><span>my subreddits</span></div>'
            f'<div id="header-bottom-left"><a href="/" id="header-img">reddit.com</a><span class="pagename redditname"><a href="/r/{sub}/">{sub}</a></span>'
            '<ul class="tabmenu"><li><a href="#">hot</a></li><li class="selected"><a href="#">new</a></li></ul></div></div>'
            '<div class="content" role="main"><div id="siteTable" class="sitetable linklisting">\n' + "".join(rows)
            + '<div class="nav-buttons"><span class="nextprev">view more: <span class="next-button"><a href="#" rel="nofollow next">next &rsaquo;</a></span></span></div>'
            '</div></div></body></html>\n'), listing_items("old-reddit-listing")


TIMELINE_PEOPLE = [
    ("Ana Ruiz", "anaruiz_dev", "Shipped the new search page today. Turns out the slow part was never the database, it was the spinner animation."),
    ("Tom Becker", "tbecker", "Two weeks into learning the cello and my neighbours have been very polite about it."),
    ("Weather Desk", "weatherdesk_nw", "Heavy rain expected along the coast tonight; the ferry to the islands may run late tomorrow morning."),
    ("Priya N", "priya_reads", "Finished the last book of the trilogy on the train and missed my stop. Worth it."),
    ("Open Maps", "openmaps_local", "Volunteers mapped every bench in the riverside park this weekend. Thank you all!"),
    ("Jonas", "jonas_k_photo", "Fog over the harbour at six this morning, the cranes looked like they were floating."),
]
TIMELINE_CAMPAIGN = [
    ("Crypto Drops", "cryptodrop_4471", "Claim your free 0.5 ETH airdrop before midnight, only 200 spots left: eth-bonus-claim.example connect your wallet now"),
    ("Moon Signals", "moonsignals_x", "Claim your FREE 0.5 ETH airdrop before midnight, only 200 spots left - eth-bonus-claim.example connect your wallet now!"),
    ("Daily Alpha", "dailyalpha_22", "claim your free 0.5 eth airdrop before midnight only 200 spots left: eth-bonus-claim.example connect your wallet now!!"),
    ("Token Hunter", "tokenhunter_9", "Claim your free 0.5 ETH air-drop before midnight, only 200 spots left: eth-bonus-claim.example, connect your wallet now"),
    ("Whale Watch", "whalewatch_031", "Claim your free 0.5 ETH airdrop before midnight! only 200 spots left: eth-bonus-claim.example connect your wallet now"),
]


def x_status_id(t, n):
    # Snowflake ids grow with time: milliseconds since the Twitter epoch, shifted by 22 bits.
    return str(((int(t.timestamp() * 1000) - 1288834974657) << 22) + n)


def x_tweet(name, handle, tid, t, text):
    stamp = t.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return (f'<div class="css-175oi2r" data-testid="cellInnerDiv" style="position: relative; width: 100%;"><div class="css-175oi2r">'
            f'<article aria-labelledby="id__t{tid[-6:]}" role="article" tabindex="-1" class="css-175oi2r" data-testid="tweet">'
            f'<div class="css-175oi2r" data-testid="Tweet-User-Avatar"><a href="/{handle}" aria-hidden="true" role="link" tabindex="-1">{e(name[:1])}</a></div>'
            f'<div class="css-175oi2r r-body"><div class="css-175oi2r" data-testid="User-Name">'
            f'<div class="css-175oi2r"><a href="/{handle}" role="link"><div dir="ltr"><span class="css-1jxf684">{e(name)}</span></div></a></div>'
            f'<div class="css-175oi2r r-18u37iz"><a href="/{handle}" role="link" tabindex="-1"><div dir="ltr"><span class="css-1jxf684">@{handle}</span></div></a>'
            f'<div dir="ltr" aria-hidden="true"><span>·</span></div><a href="/{handle}/status/{tid}" dir="ltr" role="link"><time datetime="{stamp}">{t.strftime("%b %-d")}</time></a></div></div>'
            f'<div dir="auto" lang="en" class="css-146c3p1" id="id__t{tid[-6:]}" data-testid="tweetText"><span class="css-1jxf684">{e(text)}</span></div>'
            f'<div role="group" aria-label="replies, reposts, likes"><button data-testid="reply" type="button">0</button>'
            f'<button data-testid="like" type="button">0</button><a href="/{handle}/status/{tid}/analytics" role="link">views</a></div>'
            f'</div></article></div></div>\n')


def x_timeline():
    tweets = []
    for n, (name, handle, text) in enumerate(TIMELINE_PEOPLE):
        t = LISTING_START + timedelta(minutes=13 * n)
        tweets.append((name, handle, x_status_id(t, n), t, text, False))
    for n, (name, handle, text) in enumerate(TIMELINE_CAMPAIGN):
        t = LISTING_START + timedelta(minutes=40 + n, seconds=9 * n)
        tweets.append((name, handle, x_status_id(t, 100 + n), t, text, True))
    tweets.sort(key=lambda tw: tw[3], reverse=True)
    cells = "".join(x_tweet(*tw[:5]) for tw in tweets)
    page = ('<!DOCTYPE html>\n<!-- chaff test page: an X home timeline (written for chaff). -->\n'
            '<html dir="ltr" lang="en"><head><meta charset="utf-8"><title>Home / X</title></head><body><div id="react-root">'
            '<main role="main"><div class="css-175oi2r" data-testid="primaryColumn"><section aria-labelledby="accessible-list-1" role="region">'
            '<h1 id="accessible-list-1" role="heading">Your Home Timeline</h1><div aria-label="Timeline: Your Home Timeline"><div style="position: relative;">\n'
            + cells + '</div></div></section></div></main></div></body></html>\n')
    return page, tweets


BSKY_FEED_PEOPLE = [
    ("harbourcat.bsky.social", "The ferry was forty minutes late and nobody complained because the sunset was doing all of that."),
    ("mariekoh.bsky.social", "Reminder that the library has free museum passes, you just have to ask at the desk."),
    ("slowcooker.bsky.social", "Tried the lentil soup from last week's thread. Added lemon at the end like someone said and wow."),
    ("pixelgardener.net", "First tomatoes of the year on the balcony. Small, lopsided, perfect."),
    ("trainspotting-ed.bsky.social", "The night train to the coast is back on the timetable from June."),
]
BSKY_FEED_CAMPAIGN = [
    ("growth-hacks-ana.bsky.social", "I made $4,200 last week with this one simple trading bot, link in bio, DM me 'BOT' for the free setup guide"),
    ("passive-income-joe.bsky.social", "I made $4,200 last week with this ONE simple trading bot - link in bio, DM me BOT for the free setup guide"),
    ("wealthmindset-22.bsky.social", "i made $4,200 last week with this one simple trading bot, link in bio, dm me 'BOT' for the free setup guide!!"),
    ("sidehustle-kim.bsky.social", "I made $4,200 last week with this one simple trading bot. Link in bio, DM me 'BOT' for the free set-up guide"),
    ("cryptoqueen-88.bsky.social", "I made $4,200 last week with this one simple trading bot, link in bio! DM me 'BOT' for the free setup guide"),
]


def bsky_feed_item(handle, rkey, text):
    return (f'<div data-testid="feedItem-by-{handle}" role="link" tabindex="0"><div class="css-175oi2r r-18u37iz">'
            f'<a href="/profile/{handle}" aria-label="{handle}"><img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></a>'
            f'<div class="css-175oi2r r-1iusvr4"><div class="css-175oi2r r-18u37iz"><a href="/profile/{handle}" dir="auto">{handle}</a>'
            f'<a href="/profile/{handle}/post/{rkey}" title="March 27, 2026 at 8:35 AM" aria-label="March 27, 2026 at 8:35 AM" dir="auto">3h</a></div>'
            f'<div data-testid="postText" dir="auto" data-word-wrap="1" class="css-146c3p1">{e(text)}</div>'
            f'<div role="group"><button aria-label="Reply">0</button><button aria-label="Repost">0</button><button aria-label="Like">1</button></div>'
            f'</div></div></div>\n')


def bluesky_feed():
    items = []
    rkeys = iter(f"3lkfeed{n:05d}" for n in range(40))
    # The campaign's posts land between the people's, as a following feed interleaves them.
    order = [BSKY_FEED_PEOPLE[0], BSKY_FEED_CAMPAIGN[0], BSKY_FEED_PEOPLE[1], BSKY_FEED_CAMPAIGN[1], BSKY_FEED_CAMPAIGN[2],
             BSKY_FEED_PEOPLE[2], BSKY_FEED_CAMPAIGN[3], BSKY_FEED_PEOPLE[3], BSKY_FEED_CAMPAIGN[4], BSKY_FEED_PEOPLE[4]]
    for handle, text in order:
        items.append(bsky_feed_item(handle, next(rkeys), text))
    return ('<!doctype html><html><head><meta charset="utf-8"><title>Home — Bluesky</title></head><body>'
            '<div id="root"><main><div data-testid="followingFeedPage"><div data-testid="customFeedPage">\n' + "".join(items)
            + '</div></div></main></div></body></html>\n')


HN_STORIES = [
    ("rkeller", "A practical guide to reading old Unix source code", "example.org"),
    ("mbauer", "Show HN: A tiny static site generator in 300 lines of Go", "github.com"),
    ("tessa_k", "The quiet death of the public library catalogue", "longreads.example"),
    ("dmitri_v", "Why our build went from 40 minutes to 11", "engineering.example"),
    ("hollis", "Ask HN: How do you keep notes across ten years of projects?", None),
    ("juno_p", "A visual history of railway timetables", "maps.example"),
    ("arvo", "SQLite as an application file format, revisited", "sqlite.example"),
    ("wen_li", "The economics of municipal fibre networks", "policy.example"),
]
HN_FLOOD_TITLE = "Best AI crypto trading bot 2026, free trial, no KYC"
HN_FLOOD_AUTHORS = ["bot_trader_771", "alpha_signals_9", "kyc_free_pro", "moonbag_tools", "gainz_daily_3"]
# Accounts Hacker News marks new: their name is green (font color="#3c963c" inside a.hnuser).
HN_NEW_ACCOUNTS = {"bot_trader_771", "kyc_free_pro", "gainz_daily_3"}
HN_COMMENTS = [
    ("rkeller", "The trick that helped me most was reading the man pages next to the code, they were written together."),
    ("mbauer", "Thanks for the feedback. The templates are plain Go text/template, nothing clever on purpose."),
    ("tessa_k", "Our branch still has the card catalogue in the basement. Nobody uses it but nobody will throw it away either."),
    ("hollis", "Plain text files in one folder per year. Search is grep. It has survived four laptops."),
    ("juno_p", "The Swiss clock-face timetable is the most elegant idea in the whole book."),
    ("arvo", "We did this for a desktop app and the best part was that users could open their files in any SQLite browser."),
    ("wen_li", "The cities that did well all owned the ducts first and leased the fibre later."),
    ("dmitri_v", "Mostly caching. The rest was deleting tests that tested the mocks."),
]
HN_CAMPAIGN = [
    ("quantpilot_77", "Honestly the only tool you need is the Quantum Yield bot, it changed how I invest. Try it free at quantyield-research.net before they take it down."),
    ("mira_okafor", "Honestly the only tool you need is the Quantum Yield bot. It changed how I invest! Try it free at quantyield-research.net before they take it down"),
    ("dev_ostrander", "honestly the only tool you need is the Quantum Yield bot, it changed how i invest. try it free at quantyield-research.net before they take it down!!"),
    ("lena_voss_", "Honestly, the only tool you need is the Quantum Yield bot - it changed how I invest. Try it free at quantyield-research.net before they take it down."),
    ("tk_harlan", "Honestly the only tool you need is the Quantum Yield bot, it changed how I invest. Try it for free at quantyield-research.net before they take it down."),
]
HN_START = datetime(2026, 3, 13, 18, 0, 0, tzinfo=timezone.utc)


def hn_age(t, item):
    # span.age's title since 2025: ISO without offset (UTC), a space, Unix seconds.
    return (f'<span class="age" title="{t.strftime("%Y-%m-%dT%H:%M:%S")} {int(t.timestamp())}">'
            f'<a href="item?id={item}">{t.minute or 1} minutes ago</a></span>')


def hn_name(author):
    return f'<font color="#3c963c">{author}</font>' if author in HN_NEW_ACCOUNTS else author


def hn_page(title, rows, more):
    return ('<html lang="en" op="news"><head><meta name="viewport" content="width=device-width, initial-scale=1.0">'
            f'<title>{title} | Hacker News</title></head><body><center><table id="hnmain" border="0" cellpadding="0" cellspacing="0" width="85%" bgcolor="#f6f6ef">'
            '<tr><td bgcolor="#ff6600"><table border="0" cellpadding="0" cellspacing="0" width="100%" style="padding:2px"><tr>'
            '<td style="line-height:12pt; height:10px;"><span class="pagetop"><b class="hnname"><a href="news">Hacker News</a></b>'
            ' <a href="newest">new</a> | <a href="newcomments">comments</a></span></td></tr></table></td></tr>'
            f'<tr id="pagespace" title="{title}" style="height:10px"></tr><tr><td><table border="0" cellpadding="0" cellspacing="0">\n'
            + rows + f'<tr class="morespace" style="height:10px"></tr><tr><td colspan="2"></td><td class="title"><a href="{more}" class="morelink" rel="next">More</a></td></tr>\n'
            '</table></td></tr></table></center></body></html>\n')


def hn_newest():
    """/newest: story rows (tr.athing.submission) and their subtext rows (score, author, age),
    newest first; the flood's titles carry random suffixes, three of its accounts are new."""
    rng = random.Random("hn-newest")
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    stories = [(author, title, site, HN_START + timedelta(minutes=7 * n)) for n, (author, title, site) in enumerate(HN_STORIES)]
    for n, author in enumerate(HN_FLOOD_AUTHORS):
        suffix = "".join(rng.choice(alphabet) for _ in range(5))
        stories.append((author, f"{HN_FLOOD_TITLE} {suffix}", "tradebot-claim.example", HN_START + timedelta(minutes=30 + 2 * n)))
    stories.sort(key=lambda s: s[3], reverse=True)
    rows = []
    for rank, (author, title, site, t) in enumerate(stories, 1):
        item = 47300000 + int((t - HN_START).total_seconds() // 60)
        href = f"https://{site}/{item}" if site else f"item?id={item}"
        sitebit = (f'<span class="sitebit comhead"> (<a href="from?site={site}"><span class="sitestr">{site}</span></a>)</span>' if site else "")
        rows.append(
            f'<tr class="athing submission" id="{item}"><td align="right" valign="top" class="title"><span class="rank">{rank}.</span></td>'
            f'<td valign="top" class="votelinks"><center><a id="up_{item}" href="vote?id={item}&amp;how=up&amp;goto=newest"><div class="votearrow" title="upvote"></div></a></center></td>'
            f'<td class="title"><span class="titleline"><a href="{href}">{e(title)}</a>{sitebit}</span></td></tr>'
            f'<tr><td colspan="2"></td><td class="subtext"><span class="subline"><span class="score" id="score_{item}">1 point</span> by '
            f'<a href="user?id={author}" class="hnuser">{hn_name(author)}</a> {hn_age(t, item)} <span id="unv_{item}"></span> | '
            f'<a href="hide?id={item}&amp;goto=newest">hide</a> | <a href="item?id={item}">discuss</a></span></td></tr>'
            '<tr class="spacer" style="height:5px"></tr>\n')
    return hn_page("New Links", "".join(rows), "newest?next=47299990&amp;n=31")


def hn_newcomments():
    """/newcomments: comment rows (tr.athing, no comtr) with their parent and story links; a
    campaign of five accounts within ten minutes among them."""
    comments = [(author, text, HN_START + timedelta(minutes=6 * n)) for n, (author, text) in enumerate(HN_COMMENTS)]
    comments += [(author, text, HN_START + timedelta(minutes=21 + 2 * n)) for n, (author, text) in enumerate(HN_CAMPAIGN)]
    comments.sort(key=lambda c: c[2], reverse=True)
    rows = []
    for n, (author, text, t) in enumerate(comments):
        item = 47310000 + int((t - HN_START).total_seconds() // 60)
        story = 47300000 + 7 * (n % len(HN_STORIES))
        rows.append(
            f'<tr class="athing" id="{item}"><td class="ind"></td><td valign="top" class="votelinks"><center>'
            f'<a id="up_{item}" href="vote?id={item}&amp;how=up&amp;goto=newcomments"><div class="votearrow" title="upvote"></div></a></center></td>'
            f'<td class="default"><div style="margin-top:2px; margin-bottom:-10px;"><span class="comhead">'
            f'<a href="user?id={author}" class="hnuser">{author}</a> {hn_age(t, item)} <span id="unv_{item}"></span>'
            f'<span class="navs"> | <a href="item?id={story}">parent</a> | <a href="item?id={story}#{item}" rel="nofollow">context</a>'
            f'<span class="onstory"> |  on: <a href="item?id={story}" title="{e(HN_STORIES[n % len(HN_STORIES)][1])}">{e(HN_STORIES[n % len(HN_STORIES)][1][:40])}...</a></span></span></span></div><br>'
            f'<div class="comment"><div class="commtext c00">{e(text)}</div><div class="reply"></div></div></td></tr>'
            '<tr class="spacer" style="height:15px"></tr>\n')
    return hn_page("New Comments", "".join(rows), "newcomments?next=47309990")


GH_REPO = "oakline/ledgerlite"
GH_PULL = 412


def gh_code(kind, code):
    """A rendered code block with its copy button: fenced code with a language is .highlight,
    plain fenced code .snippet-clipboard-content (GitHub's markdown renderer writes both)."""
    box = ("highlight highlight-source-rust notranslate position-relative overflow-auto" if kind == "rust"
           else "snippet-clipboard-content notranslate position-relative overflow-auto")
    return (f'<div class="{box}" dir="auto"><pre class="notranslate"><code>{e(code)}</code></pre>'
            f'<div class="zeroclipboard-container position-absolute right-0 top-0">'
            f'<clipboard-copy aria-label="Copy" class="ClipboardButton btn js-clipboard-copy m-2 p-0" '
            f'value="{e(code)}" tabindex="0" role="button">Copy</clipboard-copy></div></div>')


def gh_author(login, bot=False):
    # A bot's link goes to /apps/NAME and shows NAME, its login NAME[bot] only in the hovercard.
    href = f"/apps/{login}" if bot else f"/{login}"
    card = f"/apps/{login}" if bot else f"/users/{login}/hovercard"
    label = '<span class="Label Label--secondary ml-1">bot</span>' if bot else ""
    return (f'<strong><a class="author Link--primary text-bold css-overflow-wrap-anywhere" '
            f'data-hovercard-type="{"integration" if bot else "user"}" data-hovercard-url="{card}" '
            f'href="{href}">{login}</a></strong>{label}')


def gh_timeline_comment(group_id, anchor, login, time, body, verb="commented", association="", bot=False):
    """One .timeline-comment: header (author, verb, permalinked time, association label), the
    body in a table cell as classic pages render it, then the reactions bar."""
    label = (f'<span class="Label ml-1 tooltipped tooltipped-n" aria-label="This user is a {association.lower()} '
             f'of this repository.">{association}</span>' if association else "")
    return (f'<div class="TimelineItem js-comment-container">'
            f'<div class="avatar-parent-child TimelineItem-avatar d-none d-md-block">'
            f'<a class="d-inline-block" href="/{login}"><img class="avatar rounded-2" height="40" width="40" alt="@{login}" '
            f'src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></a></div>'
            f'<div id="{group_id}" class="timeline-comment-group js-minimizable-comment-group js-targetable-element TimelineItem-body my-0">'
            f'<div class="ml-n3 timeline-comment unminimized-comment comment previewable-edit js-task-list-container js-comment timeline-comment--caret" '
            f'data-body-version="{group_id}-v1">'
            f'<div class="timeline-comment-header clearfix d-flex">'
            f'<div class="timeline-comment-actions flex-shrink-0"><details class="details-overlay details-reset position-relative d-inline-block">'
            f'<summary class="timeline-comment-action Link--secondary btn-link" role="button" aria-label="Show options">...</summary></details></div>'
            f'<h3 class="f5 text-normal" style="flex: 1 1 auto"><div>{gh_author(login, bot)} {verb} '
            f'<a href="#{anchor}" id="{anchor}-permalink" class="Link--secondary js-timestamp">'
            f'<relative-time datetime="{time}" class="no-wrap">{time[:10]}</relative-time></a></div></h3>{label}</div>'
            f'<div class="edit-comment-hide"><task-lists disabled sortable><table class="d-block user-select-contain" data-paste-markdown-skip>'
            f'<tbody class="d-block"><tr class="d-block"><td class="d-block comment-body markdown-body js-comment-body">{body}</td></tr></tbody></table>'
            f'</task-lists></div>'
            f'<div class="comment-reactions js-reactions-container"><button type="button" class="btn-link reaction-summary-item" '
            f'aria-label="2 people reacted with thumbs up">\U0001F44D 2</button></div>'
            f'</div></div></div>')


def gh_review_comment(rid, login, time, body):
    """One inline comment of a review thread: .review-comment, its permalink #discussion_rN."""
    return (f'<div id="discussion_r{rid}" class="review-comment js-comment js-minimizable-comment-group js-targetable-element">'
            f'<div class="review-comment-contents js-suggested-changes-contents">'
            f'<a class="d-inline-block float-left" href="/{login}"><img class="avatar rounded-2" height="28" width="28" alt="@{login}" '
            f'src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></a>'
            f'<h4 class="f5 text-normal d-inline">{gh_author(login)} '
            f'<a href="https://github.com/{GH_REPO}/pull/{GH_PULL}#discussion_r{rid}" class="Link--secondary js-timestamp">'
            f'<relative-time datetime="{time}" class="no-wrap">{time[:10]}</relative-time></a></h4>'
            f'<div class="comment-body markdown-body js-comment-body">{body}</div>'
            f'<button type="button" class="btn-link js-add-reply">Reply...</button></div></div>')


def gh_review_thread(path, hunk, comments):
    """A review thread on a diff hunk: the file's path, the hunk's lines, the comments under it."""
    rows = "".join(
        f'<tr><td class="blob-num blob-num-{kind}" data-line-number="{n}"></td>'
        f'<td class="blob-code blob-code-{kind}"><span class="blob-code-inner blob-code-marker-{kind}">{e(line)}</span></td></tr>'
        for n, kind, line in hunk)
    return (f'<details-collapsible class="review-thread-component js-comment-container js-resolvable-timeline-thread-container" '
            f'data-resolved="false"><details open class="details-reset"><summary class="py-2 px-3"><a '
            f'href="/{GH_REPO}/pull/{GH_PULL}/files#diff-3f1a" class="text-mono text-small Link--primary wb-break-all">{path}</a></summary>'
            f'<div class="file js-file"><div class="blob-wrapper border-bottom"><table class="diff-table js-diff-table">'
            f'<tbody>{rows}</tbody></table></div>'
            f'<div class="js-comments-holder">{"".join(comments)}</div></div></details></details-collapsible>')


def gh_item(inner):
    return f'<div class="js-timeline-item js-timeline-progressive-focus-container">{inner}</div>\n'


# The pull request's conversation, in order: (kind, id, login, time, body html).
def github_pull():
    p = lambda text: f'<p dir="auto">{e(text)}</p>'
    opening = (p("This switches the CSV importer from splitting on commas to a small state machine, so quoted "
                 "fields with commas in them stop breaking the ledger totals.")
               + p("Repro that fails on main:")
               + gh_code("plain", 'date,payee,amount\n2026-01-04,"Baker, Hollis & Sons",-12.50')
               + p("I kept the old function behind the legacy flag for one release, in case someone depends on "
                   "its odd handling of trailing spaces."))
    reply_to_opening = ('<blockquote><p dir="auto">I kept the old function behind the legacy flag for one release'
                        '</p></blockquote>'
                        + p("Good call on the flag. Could you add a line to the changelog so people know when it goes away?"))
    bot = (p("Coverage report for commit 9c41e2a: 87.2% of lines, up 0.6% from main.")
           + gh_code("plain", "src/import/csv.rs   94.1%\nsrc/import/mod.rs   81.0%"))
    review = p("Read through the parser, a couple of small notes inline. The approach looks right to me.")
    hunk = [(57, "context", "    let mut fields = Vec::new();"),
            (58, "deletion", "    for part in line.split(',') {"),
            (58, "addition", "    for ch in line.chars() {"),
            (59, "addition", "        state = state.step(ch, &mut fields);")]
    inline_first = (p("What happens with a carriage return right before the newline? Windows exports end lines like that.")
                    + gh_code("rust", 'assert_eq!(parse_line("a,b\\r"), vec!["a", "b"]);'))
    inline_reply = p("It kept the carriage return in the last field. Fixed in the next push and added your case as a test.")
    timing = (p("Tried this on my export from the credit union, about four thousand rows. The totals match the "
                "bank statement now, and the import got a little faster too.")
              + gh_code("rust", "let ledger = import_csv(File::open(\"statement.csv\")?)?;"))
    thanks = p("Thanks both. Squashing and merging once the changelog line is in.")
    items = [
        gh_item(gh_timeline_comment("pullrequest-2290000101", "issue-2614000001", "rmakinen", "2026-02-10T09:12:00Z",
                                    opening, verb="commented", association="Contributor")),
        gh_item(gh_timeline_comment("issuecomment-3880000201", "issuecomment-3880000201", "ykosta", "2026-02-10T10:40:00Z",
                                    reply_to_opening, association="Member")),
        gh_item(gh_timeline_comment("issuecomment-3880000202", "issuecomment-3880000202", "codecov", "2026-02-10T10:41:00Z",
                                    bot, bot=True)),
        gh_item('<div class="TimelineItem js-comment-container pt-0">'
                + gh_timeline_comment("pullrequestreview-2710000301", "pullrequestreview-2710000301", "ykosta",
                                      "2026-02-11T08:05:00Z", review, verb="reviewed", association="Member")
                + '</div><div class="TimelineItem pt-0"><div class="TimelineItem-body">'
                + gh_review_thread("src/import/csv.rs", hunk, [
                    gh_review_comment(1950000401, "ykosta", "2026-02-11T08:03:00Z", inline_first),
                    gh_review_comment(1950000402, "rmakinen", "2026-02-11T13:20:00Z", inline_reply)])
                + '</div></div>'),
        gh_item(gh_timeline_comment("issuecomment-3880000203", "issuecomment-3880000203", "tamsin-o", "2026-02-12T17:55:00Z",
                                    timing)),
        gh_item(gh_timeline_comment("issuecomment-3880000204", "issuecomment-3880000204", "ykosta", "2026-02-13T09:30:00Z",
                                    thanks, association="Member")),
    ]
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<title>Parse quoted CSV fields with a state machine by rmakinen · Pull Request #{GH_PULL} · {GH_REPO}</title></head>'
            '<body class="logged-out env-production page-responsive"><div class="application-main" data-commit-hovercards-enabled>'
            '<main id="js-repo-pjax-container"><div class="repository-content"><div class="clearfix js-issues-results">'
            f'<div id="partial-discussion-header" class="gh-header"><h1 class="gh-header-title"><bdi class="js-issue-title markdown-title">'
            f'Parse quoted CSV fields with a state machine</bdi> <span class="f1-light color-fg-muted">#{GH_PULL}</span></h1></div>'
            '<div id="discussion_bucket"><div class="js-discussion js-socket-channel ml-0 pl-0 ml-md-6 pl-md-3">\n'
            + "".join(items)
            + '</div><div class="ajax-pagination-form js-ajax-pagination"></div></div></div></div></main></div></body></html>\n')


# --- GitHub Discussions -----------------------------------------------------------------------
# The conversation of github.com/OWNER/REPO/discussions/N as GitHub served it on 2026-09-03: two
# saved discussions of vercel/next.js (#70178 with threaded replies, #98177 answered), kept as test
# fixtures by flazouh/gitquiet (tests/fixtures/discussionView.html, discussionAnswered.html, read
# by its discussionView.ts). Every element and attribute below that chaff reads is theirs; the
# scripts, icons and menus around them are left out, the text is written for chaff.
# - The opening post and each top-level comment: .js-comment-container > .discussions-timeline-
#   scroll-target#discussion-N / #discussioncomment-N > .timeline-comment-group > .timeline-comment,
#   a header h2 (opening post) or h3 whose name link is a[data-hovercard-url=/users/LOGIN/hovercard]
#   without class author, a.js-timestamp permalink around relative-time, the body in
#   td.comment-body.markdown-body.js-comment-body, then the upvote button and the reactions.
# - Replies: inside their comment's .timeline-comment, in div#child-comments-discussioncomment-N
#   [data-child-comments]: .js-nested-comment-container, its avatar link beside a .timeline-comment
#   whose h4 name link has class author (a bot's goes to /apps/NAME, as on classic pages).
# - The answer: its .timeline-comment is .timeline-chosen-answer inside section[aria-label="Marked
#   as Answer"]; the opening post repeats it in .rounded-bottom-1.color-bg-success ("Answered by").
# - Quoted replies are blockquotes; code is .highlight or .snippet-clipboard-content around a pre.
GHD_REPO = "oakline/ledgerlite"
GHD_NUMBER = 88
GHD_OPENING = 6120001
GHD_ANSWER = 12400101
GIF = "data:image/gif;base64,R0lGODlhAQABAAAAACw="


def ghd_when(time):
    return datetime.strptime(time, "%Y-%m-%dT%H:%M:%SZ").strftime("%b %-d, %Y")


def ghd_actions(kind, number, answer=False):
    """The header's action buttons: the answer mark (a disabled button) and the comment menu,
    whose 'Quote reply' button is hidden."""
    mark = ('<button aria-label="Marked as answer" disabled type="button" class="Button Button--iconOnly Button--invisible '
            'Button--medium color-fg-success"><svg aria-hidden="true" height="16" width="16" class="octicon octicon-check-circle-fill">'
            '</svg></button>' if answer else "")
    return (f'<div class="timeline-comment-actions flex-shrink-0"><div class="d-flex flex-row flex-items-center">{mark}'
            f'<comment-actions-container><button role="button" id="{kind}-actions-{number}-text" aria-haspopup="true" '
            f'aria-expanded="false" type="button" class="Button Button--iconOnly Button--invisible Button--medium">'
            f'<svg aria-hidden="true" height="16" width="16" class="octicon octicon-kebab-horizontal Button-visual"></svg></button>'
            f'<div hidden><button data-hotkey="r" type="button" class="js-comment-quote-reply Button--secondary Button--medium Button">'
            f'<span class="Button-content"><span class="Button-label">Quote reply</span></span></button></div>'
            f'</comment-actions-container></div></div>')


def ghd_label(is_author):
    label = ('<span title="This user is the author of this discussion." class="Label py-0 ml-1">Author</span>'
             if is_author else "")
    return f'<div class="d-none d-sm-inline-flex ml-2">{label}</div>'


def ghd_body(body):
    return ('<task-lists disabled sortable><table class="d-block" role="presentation" data-paste-markdown-skip>'
            '<tbody class="d-block"><tr class="d-block"><td class="d-block color-fg-default comment-body markdown-body '
            f'js-comment-body">{body}</td></tr></tbody></table></task-lists>')


def ghd_votes(kind, number, votes):
    return ('<div class="d-flex"><div data-replace-remote-form-target><div class="text-center discussion-vote-form position-relative">'
            f'<button aria-label="Upvote: {votes}" aria-disabled="true" id="discussion-upvote-button-{kind}-{number}" type="button" '
            'class="social-reaction-summary-item js-upvote-button Link--secondary btn-invisible btn d-flex flex-items-center mx-auto">'
            f'<svg aria-hidden="true" height="16" width="16" class="octicon octicon-arrow-up m-0"></svg><span>{votes}</span>'
            '</button></div></div></div>')


def ghd_reactions(thumbs=0):
    button = ('<button name="input[content]" value="THUMBS_UP react" data-reaction-label="+1" data-reaction-content="+1" '
              'aria-pressed="false" type="submit" disabled="disabled" class="social-reaction-summary-item js-reaction-group-button '
              f'btn-link d-flex no-underline color-fg-muted flex-items-baseline"><g-emoji alias="+1" class="social-button-emoji">'
              f'\U0001F44D</g-emoji><span>{thumbs}</span></button>' if thumbs else "")
    return ('<div class="reactions-container d-flex flex-items-start flex-row-reverse flex-justify-end d-md-flex ml-2">'
            f'<div class="js-reactions-container"><div class=" js-comment-reactions-options d-flex flex-items-center flex-row flex-wrap">'
            f'{button}</div></div></div>')


def ghd_top_level(number, login, time, body, replies=(), votes=1, answer=False, opening=False, is_author=False, answered_by=None):
    """The opening post (opening=True) or a top-level comment, with its replies inside it."""
    kind, anchor = ("Discussion", f"discussion-{number}") if opening else ("DiscussionComment", f"discussioncomment-{number}")
    heading = "h2" if opening else "h3"
    answer_classes = " timeline-chosen-answer color-shadow-medium" if answer else ""
    wrapper = ('section class="width-full" aria-label="Marked as Answer"', "section") if answer else ('div class="width-full"', "div")
    count = (f'<div class="f6 tmp-mr-3"><span class="color-fg-muted no-wrap">{len(replies)} '
             f'{"reply" if len(replies) == 1 else "replies"}</span></div>' if replies else "")
    summary = ""
    if answered_by:
        a_login, a_number, a_time, a_excerpt = answered_by
        summary = ('<div class="rounded-bottom-1 color-bg-success"><div class="tmp-px-3 tmp-pt-3"><div class="d-flex flex-items-center">'
                   '<svg aria-hidden="true" height="24" width="24" class="octicon octicon-check-circle-fill color-fg-success mr-2"></svg>'
                   f'<span class="color-fg-success">Answered by <a class="text-bold color-fg-success" href="/{a_login}" '
                   f'data-hovercard-type="user" data-hovercard-url="/users/{a_login}/hovercard">{a_login}</a></span>'
                   f'<a href="https://github.com/{GHD_REPO}/discussions/{GHD_NUMBER}#discussioncomment-{a_number}" '
                   f'class="Link--secondary js-timestamp d-inline-block ml-2"><relative-time datetime="{a_time}" class="no-wrap">'
                   f'{ghd_when(a_time)}</relative-time></a></div>'
                   '<div class="comment-body markdown-body wb-break-word p-0 tmp-py-3 overflow-hidden" style="max-height:115px">'
                   f'{a_excerpt}</div></div><div class="position-relative tmp-px-3 tmp-pb-3 pt-1">'
                   f'<a href="#discussioncomment-{a_number}" class="js-discussions-goto-answer-button text-bold">View full answer '
                   '<svg aria-hidden="true" height="16" width="16" class="octicon octicon-arrow-down"></svg></a></div></div>')
    children = (f'<div class="js-timeline-marker color-bg-inset border-top color-border-default mt-n1 rounded-bottom-2" '
                f'data-child-comments id="child-comments-discussioncomment-{number}">{"".join(replies)}</div>' if replies else "")
    post = (f'<div class="discussions-timeline-scroll-target js-targetable-element" id="{anchor}" '
            f'data-url="/{GHD_REPO}/discussions/{GHD_NUMBER}/{"body" if opening else f"comments/{number}"}">'
            '<div class="timeline-comment-group reactions-with-gap discussion-comment js-discussion-comment js-minimizable-comment-group '
            'js-targetable-element TimelineItem-body js-timeline-discussion-comment my-1" data-error="">'
            f'<div class="d-flex"><{wrapper[0]}><div class="timeline-comment unminimized-comment comment previewable-edit '
            f'js-task-list-container flex-auto box-shadow-none js-comment{answer_classes}" data-body-version="v{number}">'
            f'<div class="edit-comment-hide"><div class="clearfix d-flex tmp-px-3 flex-row-reverse flex-items-center">'
            f'{ghd_actions("Discussion" if opening else "Comment", number, answer)}'
            '<div class="d-none d-sm-flex flex-items-center"><span class="d-inline-block js-comment-edit-history"></span></div>'
            f'<{heading} class="timeline-comment-header-text text-normal f5 pb-0 pt-2"><div class="d-flex flex-items-center Truncate">'
            f'<a data-hovercard-type="user" data-hovercard-url="/users/{login}/hovercard" href="/{login}" '
            'class="Truncate Link--primary Link d-flex flex-items-center text-bold">'
            f'<img aria-hidden="true" src="{GIF}" alt="" size="32" height="32" width="32" class="avatar circle mr-2">'
            f'<div class="d-flex flex-column Truncate"><span class="Truncate-text text-bold">{login}</span></div></a>'
            f'<a href="#{anchor}" id="{anchor}-permalink" class="Link--secondary js-timestamp d-inline-block ml-2">'
            f'<relative-time datetime="{time}" class="no-wrap">{ghd_when(time)}</relative-time></a>{ghd_label(is_author)}'
            f'</div></{heading}></div></div>'
            f'<div class="{"" if opening else "color-bg-default border-bottom position-relative"}"><div class="edit-comment-hide">'
            f'{ghd_body(body)}<div class="d-block d-sm-flex flex-items-center tmp-mb-3 tmp-ml-3"><div class="d-flex flex-1 '
            f'flex-justify-between flex-items-center"><div class="d-flex flex-items-center">{ghd_votes(kind, number, votes)}'
            f'{ghd_reactions()}</div>{count}</div></div>{summary}</div></div>{children}'
            f'</div></{wrapper[1]}></div></div></div>')
    if opening:
        return (f'<div class="TimelineItem pt-0 js-comment-container discussion-timeline-item ml-0" data-gid="D_kwDOLedger{number}" '
                f'data-url="/{GHD_REPO}/discussions/{GHD_NUMBER}/body">{post}</div>\n')
    return (f'<div class="js-timeline-item js-timeline-progressive-focus-container js-quote-selection-container" '
            f'data-gid="DC_kwDOLedger{number}" data-quote-markdown=".js-comment-body">'
            f'<div class="TimelineItem discussion-timeline-item mx-0 js-comment-container" data-open-edit-form-after-load="false">'
            f'{post}</div></div>\n')


def ghd_reply(number, login, time, body, is_author=False, bot=False, thumbs=0):
    """A reply: its container nests inside the comment it answers; its name link has class author."""
    kind = "integration" if bot else "user"
    card = f"/apps/{login}" if bot else f"/users/{login}/hovercard"
    href = f"/apps/{login}" if bot else f"/{login}"
    bot_label = '<span class="Label Label--secondary ml-1">bot</span>' if bot else ""
    return ('<div class="TimelineItem js-comment-container js-nested-comment-container js-targetable-element ml-0 pb-2 tmp-pl-3 '
            'discussion-nested-comment-timeline-item discussion-primer-next-nested-comment-timeline-item width-full">'
            '<div class="avatar-parent-child flex-column flex-items-center TimelineItem-avatar left-0 tmp-ml-3">'
            f'<a class="d-inline-block" data-hovercard-type="{kind}" data-hovercard-url="{card}" href="{href}">'
            f'<img class="avatar rounded-2 mr-2 avatar-user" src="{GIF}" width="30" height="30" alt="@{login}"></a></div>'
            f'<div class="discussions-timeline-scroll-target" id="discussioncomment-{number}" data-gid="DC_kwDOLedger{number}" '
            f'data-url="/{GHD_REPO}/discussions/{GHD_NUMBER}/comments/{number}" data-error="">'
            '<div class="timeline-comment-group discussion-comment js-discussion-comment js-minimizable-comment-group js-targetable-element '
            'TimelineItem-body discussion-nested-comment-group position-relative mt-0 pl-2"><div class="d-flex"><div class="width-full">'
            '<div class="timeline-comment unminimized-comment comment previewable-edit js-task-list-container flex-auto box-shadow-none '
            f'js-comment border-0 color-bg-inset nested-discussion-timeline-comment tmp-ml-n3" data-body-version="v{number}">'
            '<div class="edit-comment-hide"><div class="clearfix d-flex tmp-px-3 flex-row-reverse flex-items-center border-bottom-0 color-bg-inset">'
            f'{ghd_actions("Comment", number)}'
            '<div class="d-none d-sm-flex flex-items-center"><span class="d-inline-block js-comment-edit-history"></span></div>'
            '<h4 class="timeline-comment-header-text text-normal f5 pb-1 pt-0"><div class="d-flex flex-items-center Truncate">'
            f'<a width="fit" data-hovercard-type="{kind}" data-hovercard-url="{card}" href="{href}" '
            f'class="author Truncate-text lh-condensed Link--primary Link text-bold">{login}</a>{bot_label}'
            f'<a href="#discussioncomment-{number}" id="discussioncomment-{number}-permalink" class="Link--secondary js-timestamp d-inline-block ml-2">'
            f'<relative-time datetime="{time}" class="no-wrap">{ghd_when(time)}</relative-time></a>{ghd_label(is_author)}'
            '</div></h4></div></div>'
            f'<div class=""><div class="edit-comment-hide">{ghd_body(body)}<div class="d-block d-sm-flex flex-items-center ml-1">'
            f'<div class="d-flex flex-1 flex-justify-between flex-items-center"><div class="d-flex flex-items-center">{ghd_reactions(thumbs)}'
            '</div></div></div></div></div></div></div></div></div></div></div>')


# The campaign: one pitch for a paid import tool, five accounts within ten minutes, as replies and as
# comments.
GHD_CAMPAIGN = [
    ("nova-ledgers", "Same problem here with two banks. Until this is fixed, ledgerpro-import.example/merge does the whole reconciliation in one click!"),
    ("brisk-import-22", "Same problem here with two banks - until this is fixed ledgerpro-import.example/merge does the whole reconciliation in one click"),
    ("tally-hq-deals", "same problem here with two banks. until this is fixed, ledgerpro-import.example/merge does the whole reconciliation in one click!!"),
    ("sora-fintools", "Same problem here with 2 banks. Until this is fixed, ledgerpro-import.example/merge does the whole reconciliation in one click!"),
    ("penny-wise-app", "Same problem here with two banks. Until it is fixed, ledgerpro-import.example/merge does the whole reconciliation in one click!"),
]


def github_discussion():
    p = lambda text: f'<p dir="auto">{e(text)}</p>'
    campaign = [(n, login, f"2026-03-04T16:{2 * n + 2:02d}:00Z", p(text)) for n, (login, text) in enumerate(GHD_CAMPAIGN)]
    opening = (p("We export statements from two banks into LedgerLite, and the credit card shows up in both: once as a charge "
                 "on the card account and once as the payment from checking. After importing both files the monthly totals "
                 "are off by exactly the card balance.")
               + p("This is roughly what the overlap looks like:")
               + gh_code("plain", "checking.csv  2026-02-28,CARD PAYMENT THANK YOU,-412.80\ncard.csv      2026-02-28,PAYMENT RECEIVED,412.80")
               + p("Is there a setting that tells the importer these are the same money moving, or does everyone clean this up by hand?"))
    answer = (p("The importer cannot know that the two rows are one transfer, but the rules file can say so. Add a transfer rule "
                "that matches the payee on the checking side and the amount on the card side, and both rows get linked "
                "instead of counted twice:")
              + gh_code("rust", 'transfer "card payment" { from = "Checking", to = "Card", payee ~ "CARD PAYMENT" }')
              + p("Then run the import with --dry-run first and check that the linked pairs look right before you commit them."))
    excerpt = p("The importer cannot know that the two rows are one transfer, but the rules file can say so. Add a transfer rule…")
    quoting = ('<blockquote><p dir="auto">Then run the import with --dry-run first</p></blockquote>'
               + p("That was the missing piece. The dry run showed eleven pairs, every one of them right, and March finally balances."))
    bot = (p("This discussion has an accepted answer. It will be locked after 30 days without new comments; open a new "
             "discussion if the problem comes back.")
           + gh_code("plain", "lock-after: 30d\nlabel: answered"))
    refunds = p("We had the same overlap with a credit union and a store card. One thing to watch: refunds on the card side have a "
                "positive amount, so a rule that only matches negative amounts leaves them counted twice.")
    refunds_reply = p("Good catch about refunds. I opened an issue to make transfer rules match the absolute amount by default.")
    posting = (p("If your banks put the transaction date and the posting date in different columns, match on the posting date. Ours "
                 "differ by up to three days, and the rule silently missed about a fifth of the pairs until I switched.")
               + '<p dir="auto">The column is <code class="notranslate">posted_on</code> in the rules file.</p>')
    warning = p("Would it make sense for the importer to warn when two accounts in one ledger get rows of equal amount on the same "
                "day? Even without a rule, that would have pointed me at the problem on the first import.")
    c = lambda n: ghd_reply(12400200 + n, campaign[n][1], campaign[n][2], campaign[n][3])
    top = lambda n: ghd_top_level(12400200 + n, campaign[n][1], campaign[n][2], campaign[n][3], votes=0)
    items = [
        ghd_top_level(GHD_OPENING, "hollis-b", "2026-03-02T09:14:00Z", opening, votes=7, opening=True, is_author=True,
                      answered_by=("ykosta", GHD_ANSWER, "2026-03-02T11:02:00Z", excerpt)),
        '<div class="js-timeline-marker"><div class="d-flex flex-items-center flex-wrap"><div class="js-socket-channel '
        'js-updatable-content d-flex flex-auto"><h2 id="discussion-comment-count" class="f4 my-2"><span class="sr-only">Replies: </span>'
        '<span>7 comments</span> <span aria-hidden="true">&middot;</span> <span class="text-normal">6 replies</span></h2></div>'
        '<nav aria-label="Sort comments" id="discussion-comment-header"><a href="?sort=old" aria-current="true">Oldest</a> '
        '<a href="?sort=new">Newest</a> <a href="?sort=top">Top</a></nav></div></div>\n',
        ghd_top_level(GHD_ANSWER, "ykosta", "2026-03-02T11:02:00Z", answer, votes=5, answer=True, replies=[
            ghd_reply(12400102, "hollis-b", "2026-03-02T13:40:00Z", quoting, is_author=True, thumbs=2),
            ghd_reply(12400103, "ledgerlite-triage", "2026-03-02T13:41:00Z", bot, bot=True),
            c(0)]),
        ghd_top_level(12400105, "tamsin-o", "2026-03-03T08:20:00Z", refunds, votes=3, replies=[
            ghd_reply(12400106, "rmakinen", "2026-03-03T09:05:00Z", refunds_reply),
            c(2)]),
        top(1),
        ghd_top_level(12400109, "pell-arden", "2026-03-03T15:30:00Z", posting, votes=2),
        top(3),
        ghd_top_level(12400111, "quill-sato", "2026-03-04T10:12:00Z", warning, votes=1, replies=[c(4)]),
    ]
    return ('<!DOCTYPE html>\n<!-- chaff test page: a GitHub Discussions conversation (written for chaff), in the markup GitHub '
            'served on 2026-09-03 (vercel/next.js discussions #70178 and #98177 as saved in flazouh/gitquiet '
            'tests/fixtures/discussionView.html and discussionAnswered.html); see build_more_sites.py. -->\n'
            '<html lang="en"><head><meta charset="utf-8">'
            f'<title>How do you reconcile two banks that both show the card payment? · {GHD_REPO} · Discussion #{GHD_NUMBER} · GitHub</title></head>'
            '<body class="logged-out env-production page-responsive"><div class="application-main" data-commit-hovercards-enabled '
            'data-discussion-hovercards-enabled><main id="js-repo-pjax-container"><div class="repository-content">'
            '<div id="partial-discussion-header"><h1 class="gh-header-title"><span class="js-issue-title markdown-title">'
            f'How do you reconcile two banks that both show the card payment?</span> <span class="f1-light color-fg-muted">#{GHD_NUMBER}</span></h1>'
            '<div class="d-flex flex-items-center"><span title="Answered" class="State State--merged">Answered</span>'
            '<a href="/hollis-b" class="author Link--primary text-bold" data-hovercard-type="user" data-hovercard-url="/users/hollis-b/hovercard">'
            '<span>hollis-b</span></a> asked this question in <a href="/oakline/ledgerlite/discussions/categories/q-a">Q&amp;A</a> '
            '<relative-time datetime="2026-03-02T09:14:00Z" class="no-wrap">Mar 2, 2026</relative-time></div></div>'
            '<div id="discussion_bucket" class="d-flex"><div class="flex-shrink-0 col-12 col-md-9">'
            '<div class="js-quote-selection-container js-discussion-quote-selection" data-quote-markdown=".js-comment-body" '
            'id="js-discussions-timeline-anchor-loader"><div class="discussion js-discussion js-socket-channel js-updatable-content answered">\n'
            + "".join(items)
            + '</div></div></div></div></div></main></div></body></html>\n')


if __name__ == "__main__":
    pages = {
        "bluesky-thread.html": bluesky(),
        "youtube-comments.html": youtube(),
        "listing-reddit-new.html": reddit_listing()[0],
        "listing-old-reddit-new.html": old_reddit_listing()[0],
        "listing-x-home.html": x_timeline()[0],
        "listing-bluesky-feed.html": bluesky_feed(),
        "listing-hn-newest.html": hn_newest(),
        "listing-hn-newcomments.html": hn_newcomments(),
        "github-pull.html": github_pull(),
        "github-discussion.html": github_discussion(),
    }
    for name, page in pages.items():
        with open(f"tests/pages/{name}", "w", encoding="utf-8") as f:
            f.write(page)
