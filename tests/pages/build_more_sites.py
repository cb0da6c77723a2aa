#!/usr/bin/env python3
"""Writes tests/pages/bluesky-thread.html and tests/pages/youtube-comments.html: pages generated
from the markup that open-source readers of these sites read (Bluesky: bluesky-social/social-app's
testIDs, defuddle's extractor; YouTube: ImprovedTube, Channel Blocker Plus, YouTube Shadow
Comment), since no real capture of either exists. The text is written for chaff. Run from the repository root: python3 tests/pages/build_more_sites.py"""
import html

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


if __name__ == "__main__":
    with open("tests/pages/bluesky-thread.html", "w", encoding="utf-8") as f:
        f.write(bluesky())
    with open("tests/pages/youtube-comments.html", "w", encoding="utf-8") as f:
        f.write(youtube())
