#!/usr/bin/env python3
"""Writes the three saved test pages (reddit-thread.html, old-reddit-thread.html,
x-conversation.html) from real YouTube comments and chaff's own hand-written replies.

Design: the pages are committed, so tests never need ../shared; this script is how they were
made, so every row they quote is named here by its COMMENT_ID (provenance for ATTRIBUTION.md),
and a page can be rebuilt after a structure fix. Markup follows the sites' own (shreddit custom elements, old
Reddit's .thing tables, X's article[data-testid=tweet]) and the real x.com capture in tests/pages/real. Pages are self-contained: no scripts, no remote
resources (the extension's browser tests check that nothing leaves the page's host).

Run: python3 tests/pages/build_pages.py [--data ../shared/data/youtube_spam]
"""

import argparse
import csv
import html
import os
import random
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ATTRIBUTION = (
    "Comment texts: UCI YouTube Spam Collection (Alberto, Lochter, Almeida 2015), CC BY 4.0, "
    "https://archive.ics.uci.edu/dataset/380/youtube+spam+collection - rows named by COMMENT_ID "
    "in tests/pages/build_pages.py; author names adapted to each site's rules; dates re-timed to "
    "one thread; spam copies and their look-alike-letter, invisible-character and random-suffix "
    "evasions staged from real spam rows. Replies marked machine-styled, the opening posts, "
    "AutoModerator and trivial replies were written for chaff. See tests/samples/ATTRIBUTION.md."
)


def load_rows(data_dir):
    rows = {}
    for name in ("Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv"):
        with open(os.path.join(data_dir, name), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                rows[row["COMMENT_ID"]] = row
    return rows


def row_text(rows, comment_id):
    """The comment as its page showed it: HTML references decoded, the export's U+FEFF removed."""
    text = html.unescape(rows[comment_id]["CONTENT"]).replace("\ufeff", "")
    return " ".join(text.split())


def row_author(rows, comment_id):
    return rows[comment_id]["AUTHOR"].strip()


def reddit_name(name):
    # Reddit names: ASCII letters, digits, - and _ only.
    out = "".join(
        c if (c.isascii() and c.isalnum()) or c in "-_" else "_" if c.isspace() or c in ".," else ""
        for c in name.strip()
    )
    return (out.strip("_") or "user")[:20]


def x_handle(name):
    out = "".join(c for c in name if c.isascii() and (c.isalnum() or c == "_"))
    return (out or "user")[:15]


def esc(text):
    return html.escape(text, quote=True)


def quoting(parent):
    """The opening words of a parent comment, as a reply quotes them (Reddit's `>` line renders as
    a blockquote): someone else's text inside the reply, which chaff must not read as the
    reply's own."""
    return " ".join(parent["text"].split()[:12])


def blockquote(quote):
    return f"<blockquote><p>{esc(quote)}</p></blockquote>" if quote else ""


def paragraphs(text):
    return "".join(f"<p>{esc(p)}</p>" for p in text.split("\n") if p.strip())


# --- what each page says -------------------------------------------------------------------

# Machine-styled replies: written for chaff in the voice of a chat assistant.
MACHINE = {
    "gangnam": (
        "Great question! It's important to note that Gangnam Style's success was not the result "
        "of any single factor. Firstly, its catchy hook and instantly recognizable dance made it "
        "remarkably easy to share and imitate. Additionally, it arrived at a pivotal moment when "
        "YouTube was becoming a truly global platform. Ultimately, its popularity serves as a "
        "testament to the transformative power of viral content in today's interconnected "
        "digital landscape."
    ),
    "milestone": (
        "That's a fascinating milestone to reflect on! While view counts can be influenced by a "
        "variety of factors, including repeat viewers and embedded plays, it's worth noting that "
        "reaching 2 billion views is a significant achievement. It highlights the crucial role "
        "that humor, accessibility and cultural curiosity play in fostering a truly global "
        "audience. Overall, it's a compelling reminder of how music can transcend language "
        "barriers."
    ),
    "elephant": (
        "This is a really thoughtful point! It's important to note that music videos often "
        "prioritize visual storytelling over strict realism. The nail-painting scene can be seen "
        "as a playful nod to the song's themes of self-expression and empowerment. Additionally, "
        "it's worth considering that artistic choices are multifaceted and open to "
        "interpretation. Ultimately, the video invites viewers to engage with these themes in "
        "their own unique way."
    ),
    "tattoo": (
        "Great question! While it's difficult to say for certain without a closer look, it's "
        "important to note that tattoos often carry deep personal meaning for artists. Many "
        "performers choose words or phrases that reflect their journey, values, or a pivotal "
        "moment in their lives. Additionally, such details can foster a deeper connection with "
        "fans. I hope this helps clarify things!"
    ),
    "hiatus": (
        "Great question! LMFAO's hiatus can be attributed to a combination of creative and "
        "personal factors. It's important to note that both members wanted to explore individual "
        "projects. Additionally, the intense pace of touring can take a significant toll. "
        "Ultimately, their legacy remains a vibrant testament to the enduring joy of dance music."
    ),
    "throwback": (
        "What a fantastic throwback! Party Rock Anthem truly captured a unique moment in pop "
        "culture. Its infectious beat and iconic shuffle dance fostered a sense of community "
        "across schools and social media alike. It's worth noting that its impact continues to "
        "resonate today. Ultimately, it serves as a powerful reminder of how music can bring "
        "people together in meaningful ways."
    ),
}

AUTOMOD = (
    "Reminder: self-promotion and giveaway links are removed. Report spam with the report "
    "button.\nI am a bot, and this action was performed automatically. Please contact the "
    "moderators of this subreddit if you have any questions or concerns."
)

# Real spam rows and the staged copies of each (text, evasion) - one campaign per page.
GIFT_CARD = "z13xslra3myri3jsn22hs1wxbyuvxplr004"
LEADS = "z12pgdhovmrktzm3i23es5d5junftft3f"
TSU = "z12av324qzztf5tan04ci1kycxbnf3u4f4g"
NETWORK_A = "z13xtdlovm2hzl05d04ccz1pnvqtezdriqc0k"
NETWORK_B = "z13ocdbaxwqdvjnwx04ccz1pnvqtezdriqc0k"


def gift_card_copies(base):
    code = "XXBB5TCZHM39HVZD"
    assert code in base
    return [
        (base, "original row"),
        (base.replace(code, "Q7PLK2MZRT8WNV4C").replace("Amazon", "\u0410mazon"), "new code, Cyrillic А"),
        (base.replace(code, "ZK4T9HBQ2MX7RWLE").replace("gift card codes", "gift\u200b card\u200b codes"), "new code, zero-width spaces"),
        (base.replace(code, "M8WQ3XJ6PLZC9TRV").replace("Does anyone", "does anyone") + "!!", "new code, case, suffix"),
        (base.replace(code, "H2V9KQ7TXBNW4MZR").replace("for free", "f\u043er fr\u0435\u0435"), "new code, Cyrillic о/е"),
    ]


def leads_copies(base):
    return [
        (base, "original row"),
        (base.replace("i love this so much.", "love this song so much.").replace("moretraffic", "moretraffic?ref=p4x9q"), "other opener, random ref"),
        (base.replace("Free Leads", "\uff26\uff52\uff45\uff45 \uff2c\uff45\uff41\uff44\uff53"), "fullwidth letters"),
        (base + " kq83jdz1", "random suffix"),
        (base.replace("Auto Pilot", "Auto Pil\u043et"), "Cyrillic о"),
    ]


def tsu_copies(base):
    return [
        (base, "original row"),
        (base + " #x7k2q", "random hashtag"),
        (base.replace("social network TSU", "\u0455ocial network TSU"), "Cyrillic ѕ"),
        (base.replace("special thing", "spe\u200dcial th\u200ding"), "zero-width joiners"),
        (base.replace("Have you tried", "have u tried") + " 9f3kd", "case, random suffix"),
    ]


# --- shreddit -------------------------------------------------------------------------------

def pick(rows, prefixes):
    """Row ids by their unique prefix (the lists below are prefixes, as in the README tables)."""
    out = []
    for prefix in prefixes:
        hits = [cid for cid in rows if cid.startswith(prefix)]
        assert len(hits) == 1, (prefix, hits)
        out.append(hits[0])
    return out


class Ids:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.used = set()

    def base36(self, length=7):
        alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
        while True:
            value = "".join(self.rng.choice(alphabet) for _ in range(length))
            if value not in self.used and not value[0].isdigit():
                self.used.add(value)
                return value


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.000000+0000")


def ago(t, now):
    minutes = int((now - t).total_seconds() // 60)
    return f"{minutes} min. ago" if minutes < 60 else f"{minutes // 60} hr. ago"


def build_reddit(rows):
    ids = Ids("reddit-thread")
    post_id = "t3_1gm4k2x"
    slug = "gangnam_style_passed_2_billion_views_who_is_still"
    permalink = f"/r/Music/comments/{post_id[3:]}/{slug}/"
    start = datetime(2024, 11, 7, 9, 0, 0, tzinfo=timezone.utc)
    now = start + timedelta(hours=6)
    human = pick(rows, [
        "z122wfnzgt30fh", "z12axnji5w2axx", "z13tj514otzlur", "z121znjjloycwt", "z13ucxa51rnftv",
        "z120grixiomvyv", "z13mcpkzpoz1hj", "z12ifxrbkmaech", "z12xxjkwevvjzv", "z13dztbi0nnvdr",
        "z130gviqarmshd", "z13wfr2rbwytwb", "z123gnabnwbqtr", "z12dzlpo0ueie1", "z12ehhxzutqbsj",
        "z13lezboqn35jt", "z12aillowmuftn", "z12mx3zj3pqigd", "z130i3yaexrmtx", "z13welx54xa4ir",
        "z130dbmz2ourjt", "z133gnr5wmi1id", "z135cxegbufxdv", "z12pcbng1m2shl", "z13gypjrmumhxr",
    ])
    spam = [
        ("Ornery-Salad-4471", 62), ("Fancy_Web_9150", 63), ("Sweet-Cup-2218", 65),
        ("Known_Paint_7702", 66), ("Brief-Owl-3390", 67),
    ]
    comments = []  # dicts: id, author, text, t, depth, parent, kind, children

    def add(author, text, minutes, kind, parent=None, seconds=0):
        c = {
            "id": "t1_" + ids.base36(), "author": author, "text": text,
            "t": start + timedelta(minutes=minutes, seconds=seconds), "kind": kind,
            "parent": parent, "children": [],
        }
        (parent["children"] if parent else comments).append(c)
        return c

    automod = add("AutoModerator", AUTOMOD, 0, "automod")
    h = {cid: None for cid in human}

    def human_comment(cid, minutes, parent=None):
        h[cid] = add(reddit_name(row_author(rows, cid)), row_text(rows, cid), minutes, "human", parent)
        return h[cid]

    top1 = human_comment(human[0], 8)
    human_comment(human[1], 14, top1)["quote"] = quoting(top1)
    add("quiet_lurker_88", "lol", 15, "trivial", top1)
    human_comment(human[2], 21)
    human_comment(human[3], 23)
    human_comment(human[4], 30, h[human[3]])
    sev = human_comment(human[23], 34)
    add("helpful-insights-ai", MACHINE["gangnam"], 36, "machine", sev)
    human_comment(human[5], 41, sev)
    gift = gift_card_copies(row_text(rows, GIFT_CARD))
    spam_posts = []
    for (author, minute), (text, evasion), parent in zip(
        spam, gift, [None, top1, None, h[human[3]], None]
    ):
        c = add(author, text, minute, "campaign", parent, seconds=len(spam_posts) * 17)
        c["evasion"] = evasion
        spam_posts.append(c)
    human_comment(human[14], 70, spam_posts[0])
    add("mod_watch", "thanks!", 72, "trivial", h[human[14]])
    human_comment(human[6], 80)
    deleted = add("[deleted]", "", 85, "deleted")
    human_comment(human[7], 90, deleted)
    human_comment(human[8], 96)
    human_comment(human[9], 101)
    human_comment(human[10], 110, h[human[9]])
    human_comment(human[11], 118)
    add("nightowl_22", "this", 120, "trivial", h[human[11]])
    human_comment(human[12], 125)
    amir = human_comment(human[13], 131)
    add("Curious-Insight-42", MACHINE["milestone"], 133, "machine", amir)
    human_comment(human[15], 140)
    human_comment(human[16], 151)
    add("kpop_kid_09", "lol", 152, "trivial", h[human[16]])
    human_comment(human[17], 160)
    human_comment(human[18], 171)
    human_comment(human[19], 180)
    human_comment(human[20], 190, h[human[19]])
    human_comment(human[21], 200)
    human_comment(human[22], 210)
    human_comment(human[24], 222, h[human[22]])

    op_body = (
        "It crossed 2 billion this week and the comments are still full of people checking the "
        "counter.\nDo you still watch it, or do you only come back to look at the number?"
    )
    post_title = "Gangnam Style passed 2 billion views - who is still watching it?"
    total = sum(1 for _ in walk(comments))

    def comment_html(c, depth, parent_id):
        cid = c["id"]
        attrs = [
            f'thingid="{cid}"', f'author="{esc(c["author"])}"', f'depth="{depth}"',
            f'postid="{post_id}"', f'permalink="{permalink}comment/{cid[3:]}/"',
            f'created-timestamp="{iso(c["t"])}"', f'score="{(len(c["text"]) * 7) % 97 + 1}"',
        ]
        if parent_id:
            attrs.append(f'parentid="{parent_id}"')
        if c["kind"] == "deleted":
            attrs += ['is-comment-deleted="true"', 'is-author-deleted="true"']
        if c["kind"] == "automod":
            attrs += ['distinguished="moderator"', 'stickied="true"']
        attr_text = " ".join(attrs)
        when = f'<faceplate-timeago ts="{c["t"].strftime("%Y-%m-%dT%H:%M:%S.000Z")}"><time datetime="{c["t"].strftime("%Y-%m-%dT%H:%M:%S.000Z")}" title="{c["t"].strftime("%a, %b %d, %Y, %H:%M:%S")}">{ago(c["t"], now)}</time></faceplate-timeago>'
        if c["kind"] == "deleted":
            # shreddit shows a deleted comment's note in its meta area and has no comment slot.
            meta = (
                f'<div slot="commentMeta" class="comment-meta"><span class="deleted-author">[deleted]</span> <span class="dot">•</span> {when}</div>'
                '<p class="deleted-note">Comment deleted by user</p>'
            )
            body = ""
        else:
            name = esc(c["author"])
            mod = ' <span class="mod-badge">MOD</span>' if c["kind"] == "automod" else ""
            meta = (
                f'<div slot="commentMeta" class="comment-meta"><faceplate-tracker source="post_detail" action="click" noun="comment_author">'
                f'<a href="/user/{name}/" class="author-name">{name}</a></faceplate-tracker>{mod} <span class="dot">•</span> '
                f'<a href="{permalink}comment/{cid[3:]}/" rel="nofollow noopener noreferrer" class="timestamp">{when}</a></div>'
            )
            body = (
                f'<div slot="comment" id="{cid}-comment-rtjson-content" class="md">'
                f'<div id="{cid}-post-rtjson-content" class="md-body">{blockquote(c.get("quote"))}{paragraphs(c["text"])}</div></div>'
            )
        avatar = f'<div slot="commentAvatar" class="avatar" aria-hidden="true">{esc(c["author"][:1].upper())}</div>'
        actions = (
            f'<shreddit-comment-action-row slot="actionRow" comment-id="{cid}" score="1">'
            '<button class="action" type="button">Reply</button><button class="action" type="button">Share</button>'
            "</shreddit-comment-action-row>"
        )
        children = "".join(comment_html(k, depth + 1, cid) for k in c["children"])
        return f'\n<shreddit-comment {attr_text}>{avatar}{meta}{body}{actions}{children}</shreddit-comment>'

    tree = "".join(comment_html(c, 0, None) for c in comments)
    page = f"""<!DOCTYPE html>
<!-- chaff test page: a saved new-Reddit ("shreddit") thread. {esc(ATTRIBUTION)} -->
<html lang="en"><head><meta charset="utf-8"><title>{esc(post_title)} : r/Music</title>
<style>
body{{margin:0;font:14px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;background:#fff;color:#1c1c1c}}
reddit-header-large{{display:block;border-bottom:1px solid #e5ebee;padding:10px 24px;font-weight:700;color:#ff4500}}
main{{display:block;max-width:760px;margin:0 auto;padding:16px}}
shreddit-post{{display:block;padding:12px 0;border-bottom:1px solid #e5ebee}}
[slot=credit-bar]{{display:block;color:#576f76;font-size:12px}}
h1[slot=title]{{font-size:22px;margin:6px 0}}
shreddit-comment-tree{{display:block;margin-top:12px}}
shreddit-comment{{display:block;margin:10px 0 0 0;padding-left:12px;border-left:2px solid #e5ebee}}
.comment-meta{{font-size:12px;color:#576f76}}.comment-meta a{{color:#1c1c1c;font-weight:600;text-decoration:none}}
.avatar{{float:left;width:22px;height:22px;margin:0 6px 0 -4px;border-radius:50%;background:#d7dfe2;text-align:center;font-size:12px;line-height:22px}}
.md p{{margin:4px 0}}.deleted-note{{color:#8ba2ad;font-style:italic;margin:4px 0}}
.mod-badge{{color:#0a8c3a;font-weight:700}}
shreddit-comment-action-row{{display:block}}.action{{border:0;background:none;color:#576f76;font-size:12px;padding:2px 6px}}
</style></head>
<body>
<shreddit-app user-logged-in="false" pagetype="post_detail" routename="post_page">
<reddit-header-large><span class="logo">reddit</span></reddit-header-large>
<main id="main-content">
<shreddit-post id="{post_id}" author="PixelPenguin_77" post-title="{esc(post_title)}" permalink="{permalink}" content-href="https://www.reddit.com{permalink}" created-timestamp="{iso(start)}" score="1843" comment-count="{total}" subreddit-prefixed-name="r/Music" post-type="text" icon="">
<span slot="credit-bar"><a href="/r/Music/" class="subreddit">r/Music</a> • <span slot="authorName"><faceplate-tracker noun="user_profile"><a href="/user/PixelPenguin_77/">u/PixelPenguin_77</a></faceplate-tracker></span> • <faceplate-timeago ts="{start.strftime("%Y-%m-%dT%H:%M:%S.000Z")}"><time datetime="{start.strftime("%Y-%m-%dT%H:%M:%S.000Z")}">6 hr. ago</time></faceplate-timeago></span>
<h1 slot="title" id="post-title-{post_id}">{esc(post_title)}</h1>
<div slot="text-body"><div class="md" id="{post_id}-post-rtjson-content">{paragraphs(op_body)}</div></div>
</shreddit-post>
<shreddit-comment-tree post-id="{post_id}" totalcomments="{total}">{tree}
</shreddit-comment-tree>
</main>
</shreddit-app>
</body></html>
"""
    return page, post_id, comments


def walk(comments):
    for c in comments:
        yield c
        yield from walk(c["children"])


# --- old Reddit -----------------------------------------------------------------------------

def build_old_reddit(rows):
    ids = Ids("old-reddit-thread")
    post_id = "t3_2kx9q1"
    slug = "katy_perry_roar_official_video_discussion"
    sub = "popheads"
    permalink = f"/r/{sub}/comments/{post_id[3:]}/{slug}/"
    start = datetime(2024, 9, 10, 18, 0, 0, tzinfo=timezone.utc)
    human = pick(rows, [
        "z121tz2zhzjger", "z13hyv0ixuavul", "z13cyh3gowyyxl", "z13cwrzyolf1zh", "z135drnwswvsgv",
        "z133uthy3uvscv", "z12ihhpimqitsz", "z12ag5uwdzrajx", "z120uhiw0ubhcn", "z13ay5zytl3icf",
        "z13lsbqpwk3xej", "z13sgp1qayzmcx", "z13is3w4ixr5cj", "z13kvddrenfhxj", "z13mxjrbuyv5sl",
        "z13kdx4bjwevyf", "z12wc1vj2mytep", "z12zyrnp1unbcz", "z13zyrkanyf2y3", "z12iwthq2zn5xt",
        "z13utrmbosiawt", "z13gw3uz2kfkcf", "z13xxt4idrj0xx", "z12axxpa2p2cdx",
    ])
    comments = []

    def add(author, text, minutes, kind, parent=None, seconds=0):
        c = {
            "id": "t1_" + ids.base36(), "author": author, "text": text,
            "t": start + timedelta(minutes=minutes, seconds=seconds), "kind": kind, "children": [],
        }
        (parent["children"] if parent else comments).append(c)
        return c

    h = {}

    def hc(i, minutes, parent=None):
        cid = human[i]
        h[i] = add(reddit_name(row_author(rows, cid)), row_text(rows, cid), minutes, "human", parent)
        return h[i]

    add("AutoModerator", AUTOMOD, 0, "automod")
    hc(0, 5)
    hc(1, 9, h[0])["quote"] = quoting(h[0])
    hc(3, 12)
    add("sleepy_tea", "lol", 13, "trivial", h[3])
    hc(2, 18)
    hc(4, 22, h[2])
    hc(5, 27)
    leads = leads_copies(row_text(rows, LEADS))
    spam = ["Visual-Lemon-5521", "Plenty_Tank_8804", "Odd-Ad-3317", "Dry_Peach_6120", "Full-Stay-4475"]
    campaign = []
    for n, ((text, evasion), author, parent) in enumerate(zip(leads, spam, [None, h[0], None, h[5], None])):
        c = add(author, text, 41 + n, "campaign", parent, seconds=n * 23)
        c["evasion"] = evasion
        campaign.append(c)
    hc(6, 50)
    hc(7, 55)
    hc(8, 61, h[7])
    deleted = add("[deleted]", "[deleted]", 66, "deleted")
    hc(9, 70, deleted)
    hc(10, 75)
    add("rainy_day_fan", "this", 76, "trivial", h[10])
    hc(11, 82)
    hc(12, 88)
    hc(13, 93, h[12])
    hc(14, 99)
    hc(15, 104)
    kaida = hc(17, 110)
    add("Thoughtful-Reply-17", MACHINE["elephant"], 112, "machine", kaida)
    hc(16, 118)
    net_author = reddit_name(row_author(rows, NETWORK_A))
    net1 = add(net_author, row_text(rows, NETWORK_A), 121, "same-author")
    hc(18, 125)
    net2 = add(net_author, row_text(rows, NETWORK_B), 129, "same-author", None, seconds=8)
    hc(19, 134)
    tim = hc(20, 140)
    add("Helpful_Answers_Bot", MACHINE["tattoo"], 141, "machine", tim)
    add("cozy_cardigan", "thanks!", 150, "trivial", tim)
    hc(21, 152)
    hc(22, 160)
    hc(23, 171)
    more_id = "t1_" + ids.base36()

    post_title = "Katy Perry - Roar (Official Video) [discussion]"
    op_body = (
        "Rewatching the Roar video ten years on. The jungle, the tiger, the Nokia that survives a "
        "plane crash.\nWhat do you think of it now?"
    )
    total = sum(1 for _ in walk(comments))

    def when(t):
        return (
            f'<time title="{t.strftime("%a %b %d %H:%M:%S %Y UTC")}" datetime="{t.strftime("%Y-%m-%dT%H:%M:%S+00:00")}" '
            f'class="live-timestamp">{int((start + timedelta(hours=4) - t).total_seconds() // 3600) or 1} hours ago</time>'
        )

    def body_html(text):
        # Old Reddit renders links in comments as plain anchors.
        out = []
        for para in text.split("\n"):
            words = []
            for word in para.split(" "):
                if word.startswith("http://") or word.startswith("https://"):
                    words.append(f'<a href="{esc(word)}" rel="nofollow ugc">{esc(word)}</a>')
                else:
                    words.append(esc(word))
            out.append(f"<p>{' '.join(words)}</p>")
        return "".join(out)

    def comment_html(c, parity):
        cid = c["id"]
        short = cid[3:]
        classes = f" thing id-{cid} {'odd' if parity else 'even'} noncollapsed comment"
        data = f'data-fullname="{cid}" data-type="comment" data-subreddit="{sub}" data-subreddit-prefixed="r/{sub}" data-permalink="{permalink}{short}/"'
        if c["kind"] == "deleted":
            classes += " deleted"
            author = '<span class="author-deleted">[deleted]</span>'
        else:
            data += f' data-author="{esc(c["author"])}" data-author-fullname="t2_{short[::-1]}"'
            extra = " moderator" if c["kind"] == "automod" else ""
            author = f'<a href="https://old.reddit.com/user/{esc(c["author"])}" class="author may-blank id-t2_{short[::-1]}{extra}">{esc(c["author"])}</a>'
            if c["kind"] == "automod":
                classes += " stickied"
                author += '<span class="userattrs">[<a class="moderator" title="moderator of /r/popheads">M</a>]</span>'
        score = (len(c["text"]) * 5) % 61 + 1
        kids = "".join(comment_html(k, not parity) for k in c["children"])
        return f"""
<div class="{classes} " id="thing_{cid}" onclick="" {data}>
<p class="parent"><a name="{short}"></a></p><div class="midcol unvoted"><div class="arrow up" role="button" aria-label="upvote" tabindex="0"></div><div class="arrow down" role="button" aria-label="downvote" tabindex="0"></div></div>
<div class="entry unvoted"><p class="tagline"><a href="javascript:void(0)" class="expand">[&ndash;]</a>{author} <span class="score unvoted" title="{score}">{score} points</span> {when(c["t"])}&#32;<span class="stamp">&nbsp;</span></p>
<form action="#" class="usertext warn-on-unload" id="form-{cid}"><input type="hidden" name="thing_id" value="{cid}"><div class="usertext-body may-blank-within md-container "><div class="md">{blockquote(c.get("quote"))}{body_html(c["text"])}</div></div></form>
<ul class="flat-list buttons"><li class="first"><a href="https://old.reddit.com{permalink}{short}/" data-event-action="permalink" class="bylink" rel="nofollow">permalink</a></li><li><a href="javascript:void(0)" class="reply-button">reply</a></li></ul></div>
<div class="child">{f'<div id="siteTable_{cid}" class="sitetable listing">{kids}</div>' if kids else ''}</div><div class="clearleft"></div></div><div class="clearleft"></div>"""

    tree = "".join(comment_html(c, i % 2 == 0) for i, c in enumerate(comments))
    # The onclick="" above is old Reddit's real empty attribute; strip it: these pages carry no script.
    tree = tree.replace(' onclick=""', "")
    page = f"""<!DOCTYPE html>
<!-- chaff test page: a saved old-Reddit thread. {esc(ATTRIBUTION)} -->
<html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en"><head><title>{esc(post_title)} : {sub}</title><meta charset="utf-8">
<style>
body{{font:normal x-small verdana,arial,helvetica,sans-serif;margin:0;background:#fff}}
#header{{background:#cee3f8;border-bottom:1px solid #5f99cf;padding:4px 8px}}#header-img{{font:bold 18px verdana;color:#000;text-decoration:none}}
.pagename a{{font-weight:bold;font-size:1.2em;color:#000;text-decoration:none;margin-left:8px}}
.side{{float:right;width:300px;margin:8px;padding:8px;background:#f5f5f5;font-size:larger}}
.content{{margin:8px 320px 8px 8px}}.thing{{margin:0 0 8px}}.midcol{{float:left;width:15px;margin-right:6px}}
.arrow{{width:15px;height:14px;background:#c6c6c6;margin:2px 0}}.entry{{overflow:hidden}}
a.title{{font-size:medium;color:#0000ff;text-decoration:none}}.tagline{{color:#888;font-size:x-small;margin:0}}
.tagline .author{{color:#369;font-weight:bold;text-decoration:none;margin-right:.5em}}.author.moderator{{color:#228822}}
.md{{font-size:1.0769em;max-width:60em}}.md p{{margin:.35em 0}}.child{{margin-left:15px;border-left:1px dotted #ddf}}
.flat-list{{list-style:none;padding:0;margin:0}}.flat-list li{{display:inline;margin-right:6px}}.flat-list a{{color:#888;font-weight:bold;text-decoration:none}}
.morecomments a{{color:#369;font-weight:bold}}.gray{{color:#888}}.clearleft{{clear:left}}.expando{{border:1px solid #369;padding:4px 8px;margin:4px 0;background:#fafafa}}
</style></head>
<body class="listing-page comments-page">
<div id="header" role="banner"><div id="sr-header-area"><span class="dropdown srdrop">my subreddits</span></div>
<div id="header-bottom-left"><a href="/" id="header-img" class="default-header" title="">reddit.com</a><span class="hover pagename redditname"><a href="/r/{sub}/">{sub}</a></span></div></div>
<div class="side"><div class="spacer"><div class="titlebox"><h1 class="hover redditname"><a href="/r/{sub}/">{sub}</a></h1><p>Discussion of pop music.</p></div></div></div>
<a name="content"></a><div class="content" role="main">
<div id="siteTable" class="sitetable linklisting">
<div class=" thing id-{post_id} odd link self" id="thing_{post_id}" data-fullname="{post_id}" data-type="link" data-subreddit="{sub}" data-author="candlelight_cafe" data-author-fullname="t2_8kq1x" data-timestamp="{int(start.timestamp() * 1000)}" data-permalink="{permalink}" data-score="412" data-comments-count="{total}" data-domain="self.{sub}">
<p class="parent"></p><div class="midcol unvoted"><div class="arrow up"></div><div class="score unvoted">412</div><div class="arrow down"></div></div>
<div class="entry unvoted"><div class="top-matter"><p class="title"><a class="title may-blank" data-event-action="title" href="{permalink}" tabindex="1">{esc(post_title)}</a> <span class="domain">(<a href="/r/{sub}/">self.{sub}</a>)</span></p>
<p class="tagline">submitted {when(start)} by <a href="https://old.reddit.com/user/candlelight_cafe" class="author may-blank id-t2_8kq1x">candlelight_cafe</a><span class="userattrs"></span> to <a href="https://old.reddit.com/r/{sub}/" class="subreddit hover may-blank">r/{sub}</a></p>
<ul class="flat-list buttons"><li class="first"><a href="https://old.reddit.com{permalink}" data-event-action="comments" class="bylink comments may-blank" rel="nofollow">{total} comments</a></li><li><a href="javascript:void(0)">share</a></li></ul></div>
<div class="expando"><form action="#" class="usertext warn-on-unload" id="form-{post_id}"><div class="usertext-body may-blank-within md-container "><div class="md">{body_html(op_body)}</div></div></form></div></div>
<div class="child"></div><div class="clearleft"></div></div>
</div>
<div class="commentarea"><div class="panestack-title"><span class="title">all {total} comments</span></div>
<div class="menuarea"><span class="dropdown-title lightdrop">sorted by: </span><span class="selected">best</span></div>
<div id="siteTable_{post_id}" class="sitetable nestedlisting">{tree}
<div class=" thing id-{more_id} morechildren" id="thing_{more_id}" data-fullname="{more_id}"><p class="parent"></p><div class="entry unvoted"><span class="morecomments"><a class="button" id="more_{more_id}" href="javascript:void(0)">load more comments</a><span class="gray">&nbsp;(14 replies)</span></span></div></div>
</div></div></div>
</body></html>
"""
    page = page.replace('href="javascript:void(0)"', 'href="#"')
    return page, post_id, comments, more_id


# --- X --------------------------------------------------------------------------------------

X_STYLE = """
.css-175oi2r{display:flex;flex-direction:column;box-sizing:border-box;min-width:0;position:relative}
.r-18u37iz{flex-direction:row}.r-1wtj0ep{justify-content:space-between}.r-1awozwy{align-items:center}
.r-16y2uox{flex-grow:1}.r-1q142lx{flex-shrink:0}.css-146c3p1{white-space:pre-wrap}
body{margin:0;font:15px/20px -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:rgb(15,20,25);background:#fff}
.r-main{max-width:600px;margin:0 auto;border-left:1px solid rgb(239,243,244);border-right:1px solid rgb(239,243,244)}
h1.r-heading{font-size:20px;padding:12px 16px;margin:0}
[data-testid=cellInnerDiv]{border-bottom:1px solid rgb(239,243,244)}
article{display:flex;padding:12px 16px;gap:8px}
.r-avatar{width:40px;height:40px;border-radius:50%;background:rgb(207,217,222);display:flex;align-items:center;justify-content:center;font-weight:700;color:#fff}
.r-body{flex:1;min-width:0}
[data-testid=User-Name]{flex-direction:row;gap:4px;flex-wrap:wrap;color:rgb(83,100,113)}
[data-testid=User-Name] .r-18u37iz{gap:4px}
[data-testid=User-Name] a{color:inherit;text-decoration:none}[data-testid=User-Name] .r-name{color:rgb(15,20,25);font-weight:700}
[data-testid=tweetText]{white-space:pre-wrap;margin-top:2px}[data-testid=tweetText] a{color:rgb(29,155,240);text-decoration:none}
.r-protocol{font-size:0;display:inline-block;width:0;overflow:hidden}
.r-quote{border:1px solid rgb(207,217,222);border-radius:16px;padding:10px 12px;margin-top:10px}
[role=group]{display:flex;gap:48px;margin-top:10px;color:rgb(83,100,113);font-size:13px}
[role=group] button{border:0;background:none;color:inherit;padding:0}
.r-focal [data-testid=tweetText]{font-size:17px;line-height:24px}.r-focal-time{color:rgb(83,100,113);margin-top:12px}
.r-emoji{height:1.2em;width:1.2em;vertical-align:-0.2em}
"""

PARTY_EMOJI = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 36 36'%3E"
    "%3Cpath fill='%23DD2E44' d='M11 6l-9 28 28-9z'/%3E%3C/svg%3E"
)


def tco(rng):
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "https://t.co/" + "".join(rng.choice(alphabet) for _ in range(10))


def tweet_text_html(text, rng):
    """X's rendering: links as t.co hrefs whose visible text is the real address (the protocol
    in a hidden span, as x.com writes it); everything else as spans."""
    parts = []
    for word in text.split(" "):
        if word.startswith("http://") or word.startswith("https://"):
            proto, rest = word.split("//", 1)
            parts.append(
                f'<a dir="ltr" href="{tco(rng)}" rel="noopener noreferrer nofollow" target="_blank" role="link" '
                f'class="css-1jxf684 r-bcqeeo r-1ttztb7 r-qvutc0 r-poiln3 r-1loqt21" style="color: rgb(29, 155, 240);">'
                f'<span aria-hidden="true" class="css-1jxf684 r-qlhcfr r-qvutc0 r-poiln3 r-protocol">{proto}//</span>{esc(rest)}</a>'
            )
        else:
            parts.append(esc(word))
    return f'<span class="css-1jxf684 r-bcqeeo r-1ttztb7 r-qvutc0 r-poiln3">{" ".join(parts)}</span>'


def build_x(rows):
    rng = random.Random("x-conversation")
    start = datetime(2026, 1, 19, 15, 0, 0, tzinfo=timezone.utc)
    next_id = [0]

    def status_id(minutes):
        # Snowflake ids grow with time: milliseconds since the Twitter epoch, shifted by 22 bits.
        t = start + timedelta(minutes=minutes)
        next_id[0] = max(next_id[0] + 4096, (int(t.timestamp() * 1000) - 1288834974657) << 22)
        return str(next_id[0])

    human = pick(rows, [
        "z13ew5agxpmnif", "z134xhhpulz0sn", "z12sfpazjvv3s3", "z13gfxxpcpemtb", "z12re1q41uvxf3",
        "z120zd0iryyxgf", "z122ixhpoqn3i3", "z13yydnzzta0fr", "z12bivpo3navsh", "z12ldxsqzsvvwf",
        "z13bx3dxkuqafj", "z12nd5j4tofqu3", "z12cttv5iwv0ur", "z13ufhijoxrjsn", "z120ubqoukjxu1",
        "z122wjt5wsi3xt", "z13ot51yusa1ht", "z133gz1qly2kit", "z12wyrji5vvpjp", "z12kcfcxyvb1cx",
        "z122s1rwjlvzv3", "z12gg1xzcpijhj",
    ])
    tweets = []

    def add(name, handle, text, minutes, kind, seconds=0, quote=None):
        t = start + timedelta(minutes=minutes, seconds=seconds)
        tw = {"id": status_id(minutes + seconds / 60), "name": name, "handle": handle, "text": text,
              "t": t, "kind": kind, "quote": quote}
        tweets.append(tw)
        return tw

    def hx(i, minutes, quote=None):
        cid = human[i]
        name = row_author(rows, cid)
        return add(name, x_handle(name), row_text(rows, cid), minutes, "human", quote=quote)

    focal = add("Party Rock Vault", "PartyRockVault",
                "Party Rock Anthem is still the song every school gym remembers. Who else learned the shuffle from this video?",
                0, "focal")
    hx(0, 3)
    hx(1, 5)
    add("Mira", "mira_writes", "lol", 6, "trivial")
    hx(2, 9)
    hx(3, 12)
    add("Helpful Muse", "HelpfulMuseAI", MACHINE["throwback"], 14, "machine")
    hx(4, 17)
    tsu = tsu_copies(row_text(rows, TSU))
    campaign_names = [("Worldwide Life", "ww_life_0412"), ("Earn Daily", "earn_daily_77"),
                      ("Social Cash", "socialcash_pro"), ("Paid Posts", "paidposts_x1"), ("Life Network", "lifenet_4u")]
    for n, ((text, evasion), (name, handle)) in enumerate(zip(tsu, campaign_names)):
        tw = add(name, handle, text, 20 + n, "campaign", seconds=n * 11)
        tw["evasion"] = evasion
    hx(5, 27)
    hx(6, 31)
    baptiste = hx(7, 35)
    add("Insightful Echo", "InsightEchoAI", MACHINE["hiatus"], 37, "machine")
    quoted = {
        "name": "Shuffle Clips", "handle": "ShuffleClips", "id": "1403112233445566778",
        "t": datetime(2021, 5, 26, 18, 30, tzinfo=timezone.utc),
        "text": "Ten years since the shuffle took over every hallway. Nobody was safe.",
    }
    hx(8, 40, quote=quoted)
    hx(9, 44)
    add("Devon", "devon_k", "this", 45, "trivial")
    hx(10, 49)
    hx(11, 52)
    hx(12, 58)
    hx(13, 63)
    add("Sam", "samfromnowhere", "thanks!", 64, "trivial")
    hx(14, 70)
    hx(15, 76)
    hx(16, 81)
    hx(17, 88)
    hx(18, 95)
    hx(19, 101)
    hx(20, 110)
    hx(21, 118)

    def ago(t):
        minutes = int((start + timedelta(hours=2) - t).total_seconds() // 60)
        return f"{minutes}m" if minutes < 60 else f"{minutes // 60}h"

    def user_name(name, handle, time_html):
        return (
            f'<div class="css-175oi2r r-1wbh5a2 r-dnmrzs r-1ny4l3l" data-testid="User-Name">'
            f'<div class="css-175oi2r r-1wbh5a2 r-dnmrzs"><a href="/{handle}" role="link" class="css-175oi2r r-1wbh5a2 r-dnmrzs r-1ny4l3l r-1loqt21">'
            f'<div dir="ltr" class="css-146c3p1 r-bcqeeo r-1ttztb7 r-qvutc0 r-37j5jr r-a023e6 r-rjixqe r-b88u0q" style="color: rgb(15, 20, 25);">'
            f'<span class="css-1jxf684 r-bcqeeo r-1ttztb7 r-qvutc0 r-poiln3 r-name">{esc(name)}</span></div></a></div>'
            f'<div class="css-175oi2r r-18u37iz r-1wbh5a2 r-1ez5h0i"><div class="css-175oi2r r-1wbh5a2 r-dnmrzs">'
            f'<a href="/{handle}" role="link" tabindex="-1" class="css-175oi2r r-1wbh5a2 r-dnmrzs r-1ny4l3l r-1loqt21">'
            f'<div dir="ltr" class="css-146c3p1 r-dnmrzs r-1udh08x r-3s2u2q" style="color: rgb(83, 100, 113);"><span class="css-1jxf684 r-poiln3">@{handle}</span></div></a></div>'
            f"{time_html}</div></div>"
        )

    def tweet_html(tw):
        tid, handle = tw["id"], tw["handle"]
        stamp = tw["t"].strftime("%Y-%m-%dT%H:%M:%S.000Z")
        label = tw["t"].strftime("%-I:%M %p · %b %-d, %Y")
        focal_class = " r-focal" if tw["kind"] == "focal" else ""
        if tw["kind"] == "focal":
            header_time = ""
            bottom_time = (
                f'<div class="css-175oi2r r-1d09ksm r-18u37iz r-1wbh5a2 r-focal-time"><a href="/{handle}/status/{tid}" aria-label="{label}" role="link" '
                f'class="css-1jxf684 r-bcqeeo r-1ttztb7 r-qvutc0 r-poiln3 r-xoduu5 r-1q142lx r-1w6e6rj r-9aw3ui r-3s2u2q r-1loqt21" style="color: rgb(83, 100, 113);">'
                f'<time datetime="{stamp}">{label}</time></a></div>'
            )
        else:
            header_time = (
                f'<div dir="ltr" aria-hidden="true" class="css-146c3p1 r-1q142lx"><span>·</span></div>'
                f'<div class="css-175oi2r r-18u37iz r-1q142lx"><a href="/{handle}/status/{tid}" dir="ltr" aria-label="{label}" role="link" '
                f'class="css-146c3p1 r-bcqeeo r-1ttztb7 r-qvutc0 r-37j5jr r-a023e6 r-rjixqe r-16dba41 r-xoduu5 r-1q142lx r-1w6e6rj r-9aw3ui r-3s2u2q r-1loqt21" style="color: rgb(83, 100, 113);">'
                f'<time datetime="{stamp}">{ago(tw["t"])}</time></a></div>'
            )
            bottom_time = ""
        text_html = tweet_text_html(tw["text"], rng)
        if tw["kind"] == "focal":
            text_html += f'<img alt="🎉" draggable="false" src="{PARTY_EMOJI}" class="r-4qtqp9 r-dflpy8 r-k4bwe5 r-1kpi4qh r-pp5qcn r-h9hxbl r-emoji">'
        quote_html = ""
        if tw.get("quote"):
            q = tw["quote"]
            qstamp = q["t"].strftime("%Y-%m-%dT%H:%M:%S.000Z")
            quote_html = (
                f'<div class="css-175oi2r r-9aw3ui r-1s2bzr4" id="id__quote{tid[-4:]}"><div class="css-175oi2r r-9aw3ui">'
                f'<div aria-labelledby="id__qt{tid[-4:]}" role="link" tabindex="0" class="css-175oi2r r-adacv r-1udh08x r-1kqtdi0 r-1867qdf r-rs99b7 r-o7ynqc r-6416eg r-1ny4l3l r-1loqt21 r-quote">'
                f'<div class="css-175oi2r r-eqz5dr r-jusfrs r-1s2bzr4">'
                + user_name(q["name"], q["handle"], f'<div dir="ltr" aria-hidden="true" class="css-146c3p1"><span>·</span></div><div class="css-175oi2r r-18u37iz r-1q142lx"><time datetime="{qstamp}">May 26, 2021</time></div>')
                + f'</div><div class="css-175oi2r r-6gpygo r-jusfrs"><div dir="auto" lang="en" class="css-146c3p1 r-bcqeeo r-1ttztb7 r-qvutc0 r-37j5jr r-a023e6 r-rjixqe r-16dba41 r-bnwqim" data-testid="tweetText" id="id__qt{tid[-4:]}">'
                + tweet_text_html(q["text"], rng)
                + "</div></div></div></div></div>"
            )
        replies, likes = (len(tw["text"]) * 3) % 17, (len(tw["text"]) * 11) % 230
        return f"""
<div class="css-175oi2r" data-testid="cellInnerDiv" style="position: relative; width: 100%;"><div class="css-175oi2r r-1igl3o0 r-qklmqi r-1adg3ll r-1ny4l3l"><div class="css-175oi2r">
<article aria-labelledby="id__t{tid[-6:]}" role="article" tabindex="-1" class="css-175oi2r r-18u37iz r-1udh08x r-i023vh r-1qhn6m8 r-o7ynqc r-6416eg r-1ny4l3l{focal_class}" data-testid="tweet">
<div class="css-175oi2r" data-testid="Tweet-User-Avatar"><div class="css-175oi2r r-1adg3ll r-bztko3" data-testid="UserAvatar-Container-{handle}" style="width: 40px; height: 40px;"><a href="/{handle}" aria-hidden="true" role="link" tabindex="-1" class="css-175oi2r r-1pi2tsx r-13qz1uu r-o7ynqc r-6416eg r-1ny4l3l r-1loqt21 r-avatar">{esc(tw["name"][:1].upper())}</a></div></div>
<div class="css-175oi2r r-1iusvr4 r-16y2uox r-1777fci r-kzbkwu r-body"><div class="css-175oi2r r-zl2h9q"><div class="css-175oi2r r-k4xj1c r-18u37iz r-1wtj0ep">
{user_name(tw["name"], handle, header_time)}
<button aria-expanded="false" aria-haspopup="menu" aria-label="More" role="button" class="css-175oi2r r-1777fci r-bt1l66" data-testid="caret" type="button">···</button></div></div>
<div class="css-175oi2r"><div dir="auto" lang="en" class="css-146c3p1 r-bcqeeo r-1ttztb7 r-qvutc0 r-37j5jr r-a023e6 r-rjixqe r-16dba41 r-bnwqim" id="id__t{tid[-6:]}" data-testid="tweetText" style="color: rgb(15, 20, 25);">{text_html}</div></div>
{quote_html}{bottom_time}
<div aria-label="{replies} replies, {likes} likes" role="group" class="css-175oi2r r-1kbdv8c r-18u37iz r-1wtj0ep r-1ye8kvj r-1s2bzr4"><button aria-label="{replies} Replies. Reply" role="button" data-testid="reply" type="button">💬 {replies}</button><button aria-label="Repost" role="button" data-testid="retweet" type="button">🔁</button><button aria-label="{likes} Likes. Like" role="button" data-testid="like" type="button">♡ {likes}</button><a href="/{handle}/status/{tid}/analytics" aria-label="View post analytics" role="link" class="css-175oi2r r-1777fci r-bt1l66 r-1loqt21">📊</a></div>
</div></article></div></div></div>"""

    cells = "".join(tweet_html(tw) for tw in tweets)
    focal_path = f"/{focal['handle']}/status/{focal['id']}"
    page = f"""<!DOCTYPE html>
<!-- chaff test page: a saved x.com conversation. {esc(ATTRIBUTION)} -->
<html dir="ltr" lang="en" data-theme="light" style="overflow-y: scroll; font-size: 15px; color-scheme: light;"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,maximum-scale=1,user-scalable=0,viewport-fit=cover">
<title>Party Rock Vault on X: "Party Rock Anthem is still the song every school gym remembers." / X</title>
<link rel="canonical" href="https://x.com{focal_path}">
<style>{X_STYLE}</style></head>
<body style="background-color: #FFFFFF;"><div id="react-root" style="height:100%;display:flex;"><div class="css-175oi2r r-13awgt0 r-12vffkv" style="flex:1">
<main role="main" class="css-175oi2r r-16y2uox r-1wbh5a2"><div class="css-175oi2r r-main" data-testid="primaryColumn">
<div class="css-175oi2r r-aqfbo4 r-gtdqiz r-1gn8etr r-1g40b8q"><h2 class="r-heading" dir="ltr" aria-level="2" role="heading"><span class="css-1jxf684">Post</span></h2></div>
<section aria-labelledby="accessible-list-0" role="region" class="css-175oi2r"><h1 dir="auto" aria-level="1" role="heading" class="r-heading" id="accessible-list-0">Conversation</h1>
<div aria-label="Timeline: Conversation" class="css-175oi2r"><div style="position: relative;">{cells}
<div class="css-175oi2r" data-testid="cellInnerDiv" style="position: relative; width: 100%;"><button role="button" class="css-175oi2r r-1777fci" type="button"><span class="css-1jxf684">Show more replies</span></button></div>
</div></div></section></div></main></div></div>
</body></html>
"""
    return page, tweets, quoted


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=os.path.join(HERE, "..", "..", "..", "shared", "data", "youtube_spam"))
    args = parser.parse_args()
    rows = load_rows(args.data)

    reddit, post_id, comments = build_reddit(rows)
    old, old_post, old_comments, more_id = build_old_reddit(rows)
    x, tweets, quoted = build_x(rows)
    for name, page in (("reddit-thread.html", reddit), ("old-reddit-thread.html", old), ("x-conversation.html", x)):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            f.write(page)

    # A summary for tests/pages/README.md: which ids are which.
    def show(title, items):
        print(f"## {title}")
        for kind in ("campaign", "same-author", "machine", "trivial", "deleted", "automod", "human", "focal"):
            ids = [i["id"] for i in items if i["kind"] == kind]
            if ids:
                print(f"{kind} ({len(ids)}): {' '.join(ids)}")
    show(f"reddit-thread.html (post {post_id})", list(walk(comments)))
    show(f"old-reddit-thread.html (post {old_post}, load more {more_id})", list(walk(old_comments)))
    show("x-conversation.html", tweets)
    print(f"quoted tweet (not a post of the thread): {quoted['id']}")


if __name__ == "__main__":
    main()
