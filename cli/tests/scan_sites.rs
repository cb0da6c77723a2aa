//! `chaff scan` on the sites beyond Reddit and X: Hacker News and GitHub on real saved pages
//! (tests/pages/real, see tests/pages/README.md), Bluesky, YouTube and GitHub's classic
//! pull-request page on pages built from the markup their open-source readers and extensions read
//! (tests/pages/build_more_sites.py names them). Each page is read for the right posts, authors, times and parents with
//! nothing but the author's own prose in the bodies, and a campaign planted in a copy of the page
//! (near-identical comments by several accounts within minutes) is flagged while the people
//! around it stay ok. The listing pages (a subreddit's /new on both Reddit layouts with a flood of
//! giveaway titles carrying random suffixes, an X home timeline, a Bluesky feed, Hacker News's
//! /newest and /newcomments) are read with the same site descriptions, and only their campaign
//! is flagged.

mod common;

use std::collections::{HashMap, HashSet};

use chaff::post::parse_timestamp;
use chaff::Post;
use chaff_page::{detect_site, extract_posts, Site};
use common::{annotated_by_scan, chaff, page, page_path, temp_file, verdicts_by_id};
use serde_json::Value;

const HN_PAGE: &str = "real/news.ycombinator.com-item-36817231-2023-07-23.html";
const HN_STORY: &str = "36817231";

/// `chaff scan --json` on a page given as text (written to a temporary file).
fn scan_json_of(name: &str, html: &str, site: Option<&str>) -> HashMap<String, Value> {
    let path = temp_file(name);
    std::fs::write(&path, html).unwrap();
    let mut args = vec!["scan", path.to_str().unwrap(), "--json"];
    if let Some(site) = site {
        args.extend(["--site", site]);
    }
    let out = chaff(&args);
    std::fs::remove_file(&path).ok();
    verdicts_by_id(out)
}

fn by_id<'a>(posts: &'a [Post], id: &str) -> &'a Post {
    posts.iter().find(|p| p.id == id).unwrap_or_else(|| panic!("no post {id}"))
}

/// The campaign ids are flagged as one cluster of `accounts` authors, nobody else is in it, and
/// every post of `people` is ok and in no cluster.
fn check_campaign(verdicts: &HashMap<String, Value>, campaign: &[String], people: &[String], accounts: u64) {
    let cluster = &verdicts[&campaign[0]]["cluster"];
    assert!(cluster.is_string(), "the campaign is clustered: {:?}", verdicts[&campaign[0]]);
    for id in campaign {
        let level = verdicts[id]["level"].as_str().unwrap();
        assert!(level == "notice" || level == "suspect", "campaign post {id} is {level}");
        assert_eq!(&verdicts[id]["cluster"], cluster, "{id} is in the campaign's cluster");
        assert_eq!(verdicts[id]["authors"], accounts, "{id}: {accounts} accounts");
    }
    let members = verdicts.values().filter(|v| &v["cluster"] == cluster).count();
    assert_eq!(members, campaign.len(), "nobody else joins the campaign");
    for id in people {
        assert_eq!(verdicts[id]["level"], "ok", "{id} is an ordinary post: {:?}", verdicts[id]);
        assert!(verdicts[id]["cluster"].is_null(), "{id} is in no cluster");
    }
}

// ---- Hacker News ---------------------------------------------------------------------------

/// What the page says about each comment row, found by plain string scanning (independently of
/// sites.json): id, indent, author, age title, in page order.
struct HnRow {
    id: String,
    indent: usize,
    author: String,
    age: String,
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    &text[from..from + text[from..].find(end).unwrap()]
}

fn hn_rows(html: &str) -> Vec<HnRow> {
    html.split("<tr class=\"athing comtr\" id=\"")
        .skip(1)
        .map(|row| HnRow {
            id: row[..row.find('"').unwrap()].to_string(),
            indent: between(row, "indent=\"", "\"").parse().unwrap(),
            author: between(row, "class=\"hnuser\">", "</a>").to_string(),
            age: between(row, "class=\"age\" title=\"", "\"").to_string(),
        })
        .collect()
}

/// One comment row in HN's 2023 markup.
fn hn_row(id: u64, indent: usize, author: &str, age: &str, text: &str) -> String {
    format!(
        "<tr class=\"athing comtr\" id=\"{id}\"><td><table border=\"0\">  <tr>    <td class=\"ind\" indent=\"{indent}\">\
         <img src=\"https://news.ycombinator.com/s.gif\" height=\"1\" width=\"{}\"></td><td valign=\"top\" class=\"votelinks\"></td>\
         <td class=\"default\"><div style=\"margin-top:2px; margin-bottom:-10px;\"><span class=\"comhead\">\n          \
         <a href=\"https://news.ycombinator.com/user?id={author}\" class=\"hnuser\">{author}</a> <span class=\"age\" title=\"{age}\">\
         <a href=\"https://news.ycombinator.com/item?id={id}\">1 day ago</a></span> <span id=\"unv_{id}\"></span>          \
         <span class=\"navs\"></span>\n                  </span></div><br><div class=\"comment\">\n                  \
         <span class=\"commtext c00\">{text}</span>\n              <div class=\"reply\">        <p><font size=\"1\">\n                      \
         <u><a href=\"https://news.ycombinator.com/reply?id={id}&amp;goto=item%3Fid%3D{HN_STORY}%23{id}\">reply</a></u>\n                  \
         </font>\n      </p></div></div></td></tr>\n        </table></td></tr>\n",
        indent * 40
    )
}

/// Inserts `rows` before the comment row `before`.
fn hn_insert_before(html: &str, before: &str, rows: &str) -> String {
    let at = html.find(&format!("<tr class=\"athing comtr\" id=\"{before}\"")).expect("row to insert before");
    format!("{}{rows}{}", &html[..at], &html[at..])
}

#[test]
fn hacker_news_item_page_is_detected_and_read_row_by_row() {
    let html = page(HN_PAGE);
    assert_eq!(detect_site(&html), Some(Site::HackerNews));
    let posts = extract_posts(&html, Site::HackerNews).unwrap();
    assert_eq!(posts.len(), 101, "the story and its 100 comments");

    let story = &posts[0];
    assert_eq!(story.id, HN_STORY);
    assert_eq!(story.author.as_deref(), Some("toombowoombo"));
    assert_eq!(story.title.as_deref(), Some("Ask HN: What are the best papers you read in your life?"));
    assert_eq!(story.created, parse_timestamp("2023-07-21T18:04:01Z"));
    assert!(story.text.starts_with("I'm trying to get an understanding on what quality means"), "{}", story.text);
    assert!(story.text.ends_with("the higher the value!"), "{}", story.text);
    assert_eq!(story.parent, None);
    assert_eq!(story.site.as_deref(), Some("hacker-news"));

    // Parents from the indents: the nearest earlier row with a smaller indent (Comments Owl),
    // the story for the top level.
    let rows = hn_rows(&html);
    assert_eq!(rows.len(), 100);
    let mut open: Vec<(usize, String)> = Vec::new();
    for (row, post) in rows.iter().zip(&posts[1..]) {
        while open.last().is_some_and(|(indent, _)| *indent >= row.indent) {
            open.pop();
        }
        let parent = open.last().map_or(HN_STORY.to_string(), |(_, id)| id.clone());
        open.push((row.indent, row.id.clone()));
        assert_eq!(post.id, row.id);
        assert_eq!(post.author.as_deref(), Some(row.author.as_str()), "{}", row.id);
        assert_eq!(post.created, parse_timestamp(&format!("{}Z", row.age)), "{}", row.id);
        assert_eq!(post.parent.as_deref(), Some(parent.as_str()), "{}: parent", row.id);
        assert_eq!(
            post.url.as_deref(),
            Some(format!("https://news.ycombinator.com/item?id={}", row.id).as_str()),
            "{}",
            row.id
        );
        assert!(!post.text.is_empty(), "{}", row.id);
        assert!(!post.text.ends_with("reply"), "{}: the reply link is not the comment: {}", row.id, post.text);
    }
    assert!(rows.iter().any(|r| r.indent >= 3), "the page nests replies several levels deep");

    let first = by_id(&posts, "36818754");
    assert!(first.text.starts_with("Claude Shannon's \"A Mathematical Theory of Communication\"[1]"), "{}", first.text);
    assert!(first.text.contains("\n1. It's quite readable as a narrative."), "{}", first.text);
    assert!(first.text.ends_with("[1] https://people.math.harvard.edu/~ctm/home/text/others/shanno..."), "{}", first.text);
    let reply = by_id(&posts, "36821956");
    assert_eq!(reply.parent.as_deref(), Some("36818754"));
    assert!(!reply.text.contains("Claude Shannon's \"A Mathematical"), "a reply row is not its parent");
}

#[test]
fn hacker_news_code_blocks_are_not_the_comments_prose() {
    let html = page(HN_PAGE);
    let needle = "It&apos;s quite short given the breadth of subject area.</p>";
    assert_eq!(html.matches(needle).count(), 1);
    let with_code = html.replacen(
        needle,
        &format!("{needle}<p><pre><code>  fn entropy(p: &amp;[f64]) -&gt; f64 {{ SECRET_CODE_LINE }}\n</code></pre></p>"),
        1,
    );
    let posts = extract_posts(&with_code, Site::HackerNews).unwrap();
    let first = by_id(&posts, "36818754");
    assert!(!first.text.contains("SECRET_CODE_LINE"), "{}", first.text);
    assert!(first.text.contains("It's quite short given the breadth of subject area."));
    assert!(first.text.ends_with("[1] https://people.math.harvard.edu/~ctm/home/text/others/shanno..."), "{}", first.text);
}

#[test]
fn hacker_news_planted_campaign_is_flagged_and_the_real_comments_stay_ok() {
    let html = page(HN_PAGE);
    let people: Vec<String> = std::iter::once(HN_STORY.to_string()).chain(hn_rows(&html).into_iter().map(|r| r.id)).collect();
    let copies = [
        ("quantpilot_77", "Honestly the only paper you need is the Quantum Yield whitepaper, it changed how I invest. Read it free at quantyield-research.net before they take it down."),
        ("mira_okafor", "Honestly the only paper you need is the Quantum Yield whitepaper. It changed how I invest! Read it free at quantyield-research.net before they take it down"),
        ("dev_ostrander", "honestly the only paper you need is the Quantum Yield whitepaper, it changed how i invest. read it free at quantyield-research.net before they take it down!!"),
        ("lena_voss_", "Honestly, the only paper you need is the Quantum Yield whitepaper - it changed how I invest. Read it free at quantyield-research.net before they take it down."),
        ("tk_harlan", "Honestly the only paper you need is the Quantum Yield white paper, it changed how I invest. Read it for free at quantyield-research.net before they take it down."),
    ];
    let mut rows = String::new();
    let mut campaign = Vec::new();
    for (n, (author, text)) in copies.iter().enumerate() {
        let id = 36830001 + n as u64;
        // Top-level and nested, two minutes apart, as a campaign spreads itself over a thread.
        rows.push_str(&hn_row(id, n % 2, author, &format!("2023-07-22T09:{:02}:14", 10 + 2 * n), text));
        campaign.push(id.to_string());
    }
    let planted = hn_insert_before(&html, "36819113", &rows);
    let verdicts = scan_json_of("hn-campaign.html", &planted, None);
    assert_eq!(verdicts.len(), 106);
    check_campaign(&verdicts, &campaign, &people, 5);

    let posts = extract_posts(&planted, Site::HackerNews).unwrap();
    // The nested copies answer the top-level copy before them; the one after them, the story.
    assert_eq!(by_id(&posts, "36830002").parent.as_deref(), Some("36830001"));
    assert_eq!(by_id(&posts, "36830003").parent.as_deref(), Some(HN_STORY));
    assert_eq!(by_id(&posts, "36819113").parent.as_deref(), Some(HN_STORY));
}

#[test]
fn hacker_news_annotated_page_keeps_every_byte_and_marks_the_campaign() {
    let html = page(HN_PAGE);
    let rows: String = (0..4)
        .map(|n| {
            hn_row(
                36840001 + n,
                0,
                &format!("seller_{n}x"),
                &format!("2023-07-22T10:0{n}:00"),
                "Cheap verified accounts with karma for sale, message me on telegram at karma_store_hn for prices",
            )
        })
        .collect();
    let planted = hn_insert_before(&html, "36819113", &rows);
    let input = temp_file("hn-annotate-in.html");
    let output = temp_file("hn-annotate-out.html");
    std::fs::write(&input, &planted).unwrap();
    let out = chaff(&["scan", input.to_str().unwrap(), "--out", output.to_str().unwrap()]);
    let annotated = std::fs::read_to_string(&output).unwrap();
    std::fs::remove_file(&input).ok();
    std::fs::remove_file(&output).ok();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("site: hacker-news (detected)   posts: 105"), "{report}");
    assert_eq!(annotated.matches("class=\"chaff-badge\"").count(), 4, "one badge per copy");
    // Each badge sits right after its author's name.
    for n in 0..4 {
        assert!(annotated.contains(&format!("class=\"hnuser\">seller_{n}x</a><span class=\"chaff-badge\"")));
    }
    let before = extract_posts(&planted, Site::HackerNews).unwrap();
    let after = extract_posts(&annotated, Site::HackerNews).unwrap();
    assert_eq!(before, after, "badges sit outside every post's text");
}

#[test]
fn hacker_news_by_name_gives_the_same_verdicts_as_detection() {
    let path = page_path(HN_PAGE);
    let auto = chaff(&["scan", path.to_str().unwrap(), "--json"]);
    let named = chaff(&["scan", path.to_str().unwrap(), "--json", "--site", "hacker-news"]);
    assert!(auto.status.success() && named.status.success());
    assert_eq!(auto.stdout, named.stdout);
    assert_eq!(String::from_utf8(auto.stdout).unwrap().lines().count(), 101);
}

// ---- GitHub --------------------------------------------------------------------------------

const GH_PAGE: &str = "real/github.com-kepano-defuddle-issues-56-2025-06.html";

/// The first comment of the GitHub page, with its ids, author, time and body swapped.
fn gh_comment(html: &str, n: u64, author: &str, time: &str, body: &str) -> String {
    let start = html.find("<div class=\"LayoutHelpers-module__timelineElement--tFGhF \" data-wrapper-timeline-id=\"IC_kwDOOAhtcs6tVmI1\"").unwrap();
    let end = start + html[start + 10..].find("<div class=\"LayoutHelpers-module__timelineElement--tFGhF \"").unwrap() + 10;
    let comment = &html[start..end];
    let body_start = comment.find("NewMarkdownViewer-module__safe-html-box--cRsz0\">").unwrap() + 48;
    let body_end = body_start + comment[body_start..].find("</div></div><div role=\"toolbar\"").unwrap();
    let comment = format!("{}<p dir=\"auto\">{body}</p>{}", &comment[..body_start], &comment[body_end..]);
    comment
        .replace("IC_kwDOOAhtcs6tVmI1", &format!("IC_planted{n}"))
        .replace("2908119605", &format!("39000000{n:02}"))
        .replace("jmorrell", author)
        .replace("2025-05-25T22:14:08.000Z", time)
}

#[test]
fn github_issue_page_is_detected_and_read_without_code_or_quotes() {
    let html = page(GH_PAGE);
    assert_eq!(detect_site(&html), Some(Site::GitHub));
    let posts = extract_posts(&html, Site::GitHub).unwrap();
    let got: Vec<(&str, &str, Option<i64>)> =
        posts.iter().map(|p| (p.id.as_str(), p.author.as_deref().unwrap_or("?"), p.created)).collect();
    let expected = [
        ("issue-3089558116", "jmorrell", "2025-05-25T20:35:48Z"),
        ("issuecomment-2908119605", "jmorrell", "2025-05-25T22:14:08Z"),
        ("issuecomment-2930021934", "masylum", "2025-06-02T10:51:41Z"),
        ("issuecomment-2953511555", "nbbaier", "2025-06-08T04:05:12Z"),
        ("issuecomment-2954159954", "nbbaier", "2025-06-08T16:19:01Z"),
        ("issuecomment-2980013482", "masylum", "2025-06-17T11:35:14Z"),
        ("issuecomment-2981017870", "nbbaier", "2025-06-17T16:23:25Z"),
    ];
    let expected: Vec<(&str, &str, Option<i64>)> =
        expected.iter().map(|(id, author, time)| (*id, *author, parse_timestamp(time))).collect();
    assert_eq!(got, expected);
    for post in &posts {
        assert_eq!(post.site.as_deref(), Some("github"));
        assert!(post.url.as_deref().is_some_and(|u| u.ends_with(&format!("#{}", post.id))), "{:?}", post.url);
    }

    let issue = &posts[0];
    assert!(issue.text.starts_with("Example repo here: https://github.com/jmorrell/defuddle-cloudflare-example"));
    assert!(issue.text.contains("ditching my tenuous readbilityjs fork"), "inline code is prose: {}", issue.text);
    assert!(issue.text.contains("When running I get two errors:"));
    assert!(issue.text.ends_with("feel free to close the issue"), "{}", issue.text);
    for code in ["Error evaluating media queries", "const sheets", "Line 213", "getComputedStyle is not a function", "Copied!"] {
        assert!(!issue.text.contains(code), "{code:?} is code, not the author's prose: {}", issue.text);
    }
    assert!(issue.text.contains("not being supported by linkedom"), "prose around code blocks stays");
    let first = &posts[1];
    assert!(first.text.starts_with("For my use-case, I'm already running a headless browser rendering worker"), "{}", first.text);
    assert!(!first.text.contains("jmorrell commented"), "the header is not the body");
    assert!(posts.iter().all(|p| !p.text.contains("Contributor") && !p.text.contains("Reactions")));
}

#[test]
fn github_planted_campaign_is_flagged_and_the_real_comments_stay_ok() {
    let html = page(GH_PAGE);
    let people: Vec<String> = extract_posts(&html, Site::GitHub).unwrap().into_iter().map(|p| p.id).collect();
    let texts = [
        "This is fixed in the latest release of cfworker-defuddle, install it from npmjs.com/package/cfworker-defuddle-fix and star the repo!",
        "This is fixed in the latest release of cfworker-defuddle. Install it from npmjs.com/package/cfworker-defuddle-fix and star the repo",
        "this is fixed in the latest release of cfworker-defuddle, install it from npmjs.com/package/cfworker-defuddle-fix and star the repo!!",
        "This is fixed in the latest release of cfworker-defuddle - install it from npmjs.com/package/cfworker-defuddle-fix and star the repo!",
        "This is fixed in the newest release of cfworker-defuddle, install it from npmjs.com/package/cfworker-defuddle-fix and star the repo!",
    ];
    let authors = ["dev-kazu", "pryor-ops", "lindqvist-m", "octa-builds", "rj-moreau"];
    let planted_comments: String = (0..5)
        .map(|n| gh_comment(&html, n as u64, authors[n], &format!("2025-06-18T08:{:02}:00.000Z", 3 * n), texts[n]))
        .collect();
    let at = html.find("<div class=\"LayoutHelpers-module__timelineElement--tFGhF \" data-wrapper-timeline-id=\"IC_kwDOOAhtcs6wCwKD\"").unwrap();
    let planted = format!("{}{planted_comments}{}", &html[..at], &html[at..]);

    let posts = extract_posts(&planted, Site::GitHub).unwrap();
    assert_eq!(posts.len(), 12);
    assert_eq!(by_id(&posts, "issuecomment-3900000002").author.as_deref(), Some("lindqvist-m"));
    let verdicts = scan_json_of("gh-campaign.html", &planted, None);
    let campaign: Vec<String> = (0..5).map(|n| format!("issuecomment-39000000{n:02}")).collect();
    check_campaign(&verdicts, &campaign, &people, 5);

    // Annotated: a badge after each copy's author link, and every post reads the same.
    let annotated = annotated_by_scan("gh-annotate", &planted);
    assert_eq!(annotated.matches("class=\"chaff-badge\"").count(), 5);
    for author in authors {
        let link_end = format!("aria-keyshortcuts=\"Alt+ArrowUp\">{author}</a><span class=\"chaff-badge\"");
        assert!(annotated.contains(&format!("data-testid=\"avatar-link\" href=\"/{author}\"")));
        assert!(annotated.contains(&link_end), "{author}: badge after the author link");
    }
    assert_eq!(extract_posts(&annotated, Site::GitHub).unwrap(), posts);
}

const GH_PULL_PAGE: &str = "github-pull.html";

/// The classic pull-request page's element that starts at `start` and ends with `end`, with its
/// id, author, time and body swapped: a planted copy of a post the generator wrote.
fn gh_pull_copy(html: &str, start: &str, end: &str, swaps: [(&str, &str); 3], body: &str) -> String {
    let from = html.find(start).unwrap_or_else(|| panic!("{start} in the page"));
    let to = from + html[from..].find(end).unwrap() + end.len();
    let element = &html[from..to];
    let body_start = element.find("js-comment-body\">").unwrap() + "js-comment-body\">".len();
    let body_end = body_start + element[body_start..].find("</").unwrap();
    let element = format!("{}<p dir=\"auto\">{body}</p>{}", &element[..body_start], &element[body_end..]);
    swaps.iter().fold(element, |element, (from, to)| element.replace(from, to))
}

#[test]
fn github_pull_request_planted_campaign_in_comments_and_a_review_thread_is_flagged_and_the_rest_stay_ok() {
    let html = page(GH_PULL_PAGE);
    assert_eq!(detect_site(&html), Some(Site::GitHub));
    let people: Vec<String> = extract_posts(&html, Site::GitHub).unwrap().into_iter().map(|p| p.id).collect();
    assert_eq!(people.len(), 8, "PR text, 4 comments, a review, 2 review comments");
    let texts = [
        "Same bug here, this fixes it for me. Until it ships, ledgerpro-import.example/csv does the whole import in one click!",
        "Same bug here - this fixes it for me. Until it ships ledgerpro-import.example/csv does the whole import in one click",
        "same bug here, this fixes it for me. until it ships, ledgerpro-import.example/csv does the whole import in one click!!",
        "Same bug here, this fixed it for me. Until it ships, ledgerpro-import.example/csv does the whole import in one click!",
        "Same bug here, this fixes it for me. Until it ships: ledgerpro-import.example/csv does the whole import in one click!",
    ];
    let authors = ["hollow-quay", "brisk-ledger", "anvik-dev", "marlo-tt", "sefton-p"];
    let time = |n: usize| format!("2026-02-12T18:{:02}:00Z", 2 * n);
    // Four copies as timeline comments (from tamsin-o's), one as a reply in the review thread.
    let comments: String = (0..4)
        .map(|n| {
            let id = format!("issuecomment-38800009{n:02}");
            let start = "<div class=\"js-timeline-item js-timeline-progressive-focus-container\"><div class=\"TimelineItem js-comment-container\"><div class=\"avatar-parent-child TimelineItem-avatar d-none d-md-block\"><a class=\"d-inline-block\" href=\"/tamsin-o\">";
            let swaps = [("issuecomment-3880000203", id.as_str()), ("tamsin-o", authors[n]), ("2026-02-12T17:55:00Z", &time(n))];
            gh_pull_copy(&html, start, "</div></div></div></div>\n", swaps, texts[n])
        })
        .collect();
    let review_reply = gh_pull_copy(
        &html,
        "<div id=\"discussion_r1950000402\"",
        "Reply...</button></div></div>",
        [("1950000402", "1950000999"), ("rmakinen", authors[4]), ("2026-02-11T13:20:00Z", &time(4))],
        texts[4],
    );
    let last = "<div class=\"js-timeline-item js-timeline-progressive-focus-container\"><div class=\"TimelineItem js-comment-container\"><div class=\"avatar-parent-child TimelineItem-avatar d-none d-md-block\"><a class=\"d-inline-block\" href=\"/ykosta\"><img class=\"avatar rounded-2\" height=\"40\" width=\"40\" alt=\"@ykosta\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\"></a></div><div id=\"issuecomment-3880000204\"";
    let thread_end = html.find("Reply...</button></div></div></div></div></details>").unwrap() + "Reply...</button></div></div>".len();
    let at = html.find(last).unwrap();
    let planted =
        format!("{}{review_reply}{}{comments}{}", &html[..thread_end], &html[thread_end..at], &html[at..]);

    let posts = extract_posts(&planted, Site::GitHub).unwrap();
    assert_eq!(posts.len(), 13);
    assert_eq!(by_id(&posts, "issuecomment-3880000902").author.as_deref(), Some("anvik-dev"));
    let in_thread = by_id(&posts, "discussion_r1950000999");
    assert_eq!(in_thread.author.as_deref(), Some("sefton-p"));
    assert_eq!(in_thread.created, parse_timestamp(&time(4)));
    assert_eq!(in_thread.text, texts[4]);
    let first = Some("discussion_r1950000401");
    assert_eq!(in_thread.parent.as_deref(), first, "a reply in the thread answers its first comment");
    let verdicts = scan_json_of("gh-pull-campaign.html", &planted, None);
    let mut campaign: Vec<String> = (0..4).map(|n| format!("issuecomment-38800009{n:02}")).collect();
    campaign.push("discussion_r1950000999".to_string());
    check_campaign(&verdicts, &campaign, &people, 5);

    // Annotated: a badge after each copy's author link, and every post reads the same.
    let annotated = annotated_by_scan("gh-pull-annotate", &planted);
    assert_eq!(annotated.matches("class=\"chaff-badge\"").count(), 5);
    for author in authors {
        assert!(annotated.contains(&format!("href=\"/{author}\">{author}</a><span class=\"chaff-badge\"")), "{author}");
    }
    assert_eq!(extract_posts(&annotated, Site::GitHub).unwrap(), posts);
}

/// tests/pages/github-discussion.html (build_more_sites.py): a Discussions conversation whose five
/// campaign copies, minutes apart, are two comments and three replies under three different
/// comments; the question, the answer, the replies quoting it, the bot and the other people stay ok.
#[test]
fn github_discussion_campaign_across_comments_and_replies_is_flagged_and_the_rest_stay_ok() {
    let name = "github-discussion.html";
    let html = page(name);
    assert_eq!(detect_site(&html), Some(Site::GitHub));
    let posts = extract_posts(&html, Site::GitHub).unwrap();
    assert_eq!(posts.len(), 13, "the opening post, 7 comments, 5 replies");
    let (campaign, people): (Vec<&Post>, Vec<&Post>) =
        posts.iter().partition(|p| p.text.contains("ledgerpro-import.example/merge"));
    let ids = |posts: &[&Post]| -> Vec<String> { posts.iter().map(|p| p.id.clone()).collect() };
    assert_eq!(campaign.iter().filter(|p| p.parent.is_some()).count(), 3, "three copies are replies");
    check_campaign(&scan_json(name), &ids(&campaign), &ids(&people), 5);

    // Annotated: one badge per copy, after its author's name link (a reply's a.author, a
    // comment's header link), and every post reads the same.
    let annotated = annotated_by_scan("gh-discussion-annotate", &html);
    assert_eq!(annotated.matches("class=\"chaff-badge\"").count(), 5);
    for copy in &campaign {
        let author = copy.author.as_deref().unwrap();
        let after_link = if copy.parent.is_some() {
            format!("text-bold\">{author}</a><span class=\"chaff-badge\"")
        } else {
            format!("{author}</span></div></a><span class=\"chaff-badge\"")
        };
        assert!(annotated.contains(&after_link), "{author}: badge after the name link");
    }
    assert_eq!(extract_posts(&annotated, Site::GitHub).unwrap(), posts);
}

// ---- Bluesky and YouTube (generated pages: tests/pages/build_more_sites.py) --------------------

#[test]
fn bluesky_thread_is_read_without_the_quoted_post_and_its_campaign_flagged() {
    let html = page("bluesky-thread.html");
    assert_eq!(detect_site(&html), Some(Site::Bluesky));
    let posts = extract_posts(&html, Site::Bluesky).unwrap();
    assert_eq!(posts.len(), 13, "the anchor and 12 replies; the quoted post is no reply");
    let anchor = &posts[0];
    assert_eq!(anchor.id, "/profile/cinemafan.bsky.social/post/3lkaaaaaaaa2a");
    assert_eq!(anchor.author.as_deref(), Some("cinemafan.bsky.social"));
    assert_eq!(anchor.url.as_deref(), Some(anchor.id.as_str()));
    assert!(anchor.text.starts_with("Just finished Stormlight."), "{}", anchor.text);
    let quoting = posts.iter().find(|p| p.author.as_deref() == Some("lu-wen.bsky.social")).unwrap();
    assert!(quoting.text.starts_with("Hot take: the director's earlier short"), "{}", quoting.text);
    assert!(posts.iter().all(|p| !p.text.contains("quiet masterpiece")), "the quoted words are nobody's here");
    assert!(posts.iter().all(|p| p.id != "/profile/critic.bsky.social/post/3ljzzzzzzz9z"));

    let verdicts = scan_json_of("bluesky.html", &html, None);
    let campaign: Vec<String> = posts[5..10].iter().map(|p| p.id.clone()).collect();
    assert!(campaign.iter().all(|id| by_id(&posts, id).text.contains("streamfreenow.live/film")));
    let people: Vec<String> = posts.iter().map(|p| p.id.clone()).filter(|id| !campaign.contains(id)).collect();
    check_campaign(&verdicts, &campaign, &people, 5);
}

#[test]
fn youtube_comments_and_replies_are_read_with_owner_names_and_parents() {
    let html = page("youtube-comments.html");
    assert_eq!(detect_site(&html), Some(Site::YouTube));
    let posts = extract_posts(&html, Site::YouTube).unwrap();
    assert_eq!(posts.len(), 11);
    let owner = &posts[0];
    assert_eq!(owner.id, "UgzOwner0001AaABAg");
    assert_eq!(owner.author.as_deref(), Some("StormlightOfficial"));
    assert!(owner.text.starts_with("Thank you all for watching!"), "{}", owner.text);
    assert!(!owner.text.contains("Pinned by"), "the pinned badge is not the comment");
    let reply = by_id(&posts, "UgxPeople0003AaABAg.9zReply0001");
    assert_eq!(reply.author.as_deref(), Some("luwen"));
    assert_eq!(reply.parent.as_deref(), Some("UgxPeople0003AaABAg"));
    assert_eq!(by_id(&posts, "UgxPeople0003AaABAg").parent, None);
    assert!(by_id(&posts, "UgxPeople0003AaABAg").text.ends_with("which probably means it worked."));
    assert!(posts.iter().all(|p| p.created.is_none()), "YouTube shows only relative times");
    assert!(posts.iter().all(|p| !p.text.contains("Reply") && !p.text.contains("2 days ago")));

    let verdicts = scan_json_of("youtube.html", &html, None);
    let campaign: Vec<String> = (0..5).map(|n| format!("UgwSpam{n:04}AaABAg")).collect();
    let people: Vec<String> = posts.iter().map(|p| p.id.clone()).filter(|id| !campaign.contains(id)).collect();
    check_campaign(&verdicts, &campaign, &people, 5);
}

// ---- Listing pages (generated: tests/pages/build_more_sites.py) ---------------------------------

/// `chaff scan --json` on a saved page, by detection.
fn scan_json(name: &str) -> HashMap<String, Value> {
    let out = chaff(&["scan", page_path(name).to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    verdicts_by_id(out)
}

/// A listing page is detected as `site`, holds `total` posts, and the posts `in_campaign` picks
/// are one flagged cluster of `accounts` authors while every other post is ok.
fn check_listing(name: &str, site: Site, total: usize, accounts: u64, in_campaign: impl Fn(&Post) -> bool)
    -> Vec<Post> {
    let html = page(name);
    assert_eq!(detect_site(&html), Some(site), "{name}");
    let posts = extract_posts(&html, site).unwrap();
    assert_eq!(posts.len(), total, "{name}");
    let (campaign, people): (Vec<&Post>, Vec<&Post>) = posts.iter().partition(|p| in_campaign(p));
    let ids = |posts: Vec<&Post>| -> Vec<String> { posts.into_iter().map(|p| p.id.clone()).collect() };
    check_campaign(&scan_json(name), &ids(campaign), &ids(people), accounts);
    posts
}

const FLOOD_TITLE: &str = "Free $500 gift card giveaway claim now ";

/// The flood's titles: each the giveaway title and a different random suffix.
fn check_flood_titles(posts: &[Post]) {
    let suffixes: Vec<&str> = posts.iter().filter_map(|p| p.title.as_deref()?.strip_prefix(FLOOD_TITLE)).collect();
    assert_eq!(suffixes.len(), 6);
    assert!(suffixes.iter().all(|s| s.len() == 6 && s.chars().all(|c| c.is_ascii_alphanumeric())), "{suffixes:?}");
    let distinct: HashSet<&&str> = suffixes.iter().collect();
    assert_eq!(distinct.len(), 6, "every suffix differs: {suffixes:?}");
}

#[test]
fn new_reddit_subreddit_feed_flags_the_flood_of_suffixed_titles_and_nothing_else() {
    let posts = check_listing("listing-reddit-new.html", Site::Reddit, 14, 6, |p| {
        p.title.as_deref().is_some_and(|t| t.starts_with(FLOOD_TITLE))
    });
    check_flood_titles(&posts);
    // Link posts have no body: their title is the text read.
    let flood = posts.iter().find(|p| p.title.as_deref().is_some_and(|t| t.starts_with(FLOOD_TITLE))).unwrap();
    assert_eq!(Some(flood.text.as_str()), flood.title.as_deref());
    assert!(flood.author.as_deref().is_some_and(|a| !a.is_empty()) && flood.created.is_some());
    let own_text = posts.iter().find(|p| p.author.as_deref() == Some("quiet_maple")).unwrap();
    assert!(own_text.text.starts_with("Mine is on its third set of keycaps"), "{}", own_text.text);
}

#[test]
fn old_reddit_subreddit_listing_flags_the_flood_of_suffixed_titles_and_nothing_else() {
    let posts = check_listing("listing-old-reddit-new.html", Site::OldReddit, 14, 6, |p| {
        p.title.as_deref().is_some_and(|t| t.starts_with(FLOOD_TITLE))
    });
    check_flood_titles(&posts);
    assert!(posts.iter().all(|p| p.parent.is_none() && p.created.is_some()), "listed posts answer nobody");
}

#[test]
fn x_home_timeline_of_several_authors_flags_its_campaign() {
    let posts = check_listing("listing-x-home.html", Site::X, 11, 5, |p| p.text.contains("eth-bonus-claim.example"));
    let authors: HashSet<_> = posts.iter().filter_map(|p| p.author.as_deref()).collect();
    assert_eq!(authors.len(), 11, "no conversation root: every tweet its own author");
}

#[test]
fn bluesky_following_feed_flags_its_campaign() {
    let posts =
        check_listing("listing-bluesky-feed.html", Site::Bluesky, 10, 5, |p| p.text.contains("simple trading bot"));
    assert!(posts.iter().all(|p| p.id.starts_with("/profile/") && p.author.is_some()));
}

#[test]
fn hacker_news_newest_flags_the_suffixed_title_flood_of_five_accounts_read_from_the_subtext_rows() {
    let title = "Best AI crypto trading bot 2026, free trial, no KYC ";
    let in_flood = |p: &Post| p.title.as_deref().is_some_and(|t| t.starts_with(title));
    // A listed story's author, age and green name sit in the row after it (sites.json `next`).
    let posts = check_listing("listing-hn-newest.html", Site::HackerNews, 13, 5, in_flood);
    assert!(posts.iter().all(|p| p.author.is_some() && p.created.is_some() && p.parent.is_none()), "{posts:?}");
    let authors: HashSet<&str> = posts.iter().filter_map(|p| p.author.as_deref()).collect();
    assert_eq!(authors.len(), 13, "every story its own submitter");
    let new: Vec<&str> = posts.iter().filter(|p| p.new_account).filter_map(|p| p.author.as_deref()).collect();
    assert_eq!(new, ["gainz_daily_3", "kyc_free_pro", "bot_trader_771"], "the green names, newest first");

    // The fact is stated on the flagged stories by new accounts, after the evidence.
    let verdicts = scan_json("listing-hn-newest.html");
    for post in posts.iter().filter(|p| in_flood(p)) {
        let reasons = verdicts[&post.id]["reasons"].as_array().unwrap();
        let last = reasons.last().unwrap()["text"].as_str().unwrap();
        assert_eq!(last == "account marked new by Hacker News", post.new_account, "{}: {reasons:?}", post.id);
    }
}

#[test]
fn hacker_news_newcomments_reads_comment_rows_with_their_parents_and_flags_the_campaign() {
    let in_campaign = |p: &Post| p.text.contains("quantyield-research.net");
    let posts = check_listing("listing-hn-newcomments.html", Site::HackerNews, 13, 5, in_campaign);
    assert!(posts.iter().all(|p| p.author.is_some() && p.created.is_some()));
    assert!(posts.iter().all(|p| p.parent.as_deref().is_some_and(|parent| parent.starts_with("473000"))), "{posts:?}");
}
