//! `chaff scan` on the saved pages in tests/pages/, as a user runs it: the campaign each page
//! holds is flagged and grouped, the people around it are left alone, and the annotated page
//! keeps every byte of the original apart from the badges. Extraction facts that verdicts cannot
//! show (whose text is whose) are checked through the library on the same pages.
//! Which post is which: tests/pages/README.md.

mod common;

use std::collections::HashMap;

use chaff_page::{detect_site, extract_posts, Site};
use common::{chaff, page, page_path, temp_file, verdicts_by_id};
use serde_json::Value;

fn scan_json(name: &str) -> HashMap<String, Value> {
    let path = page_path(name);
    let out = chaff(&["scan", path.to_str().unwrap(), "--json"]);
    verdicts_by_id(out)
}

struct Expected {
    page: &'static str,
    site: Site,
    posts: usize,
    campaign: &'static [&'static str],
    clean: &'static [&'static str],
    trivial: &'static [&'static str],
}

const REDDIT: Expected = Expected {
    page: "reddit-thread.html",
    site: Site::Reddit,
    posts: 39,
    campaign: &["t1_ilw76rm", "t1_pi6o7hc", "t1_nisput7", "t1_wsxwxqn", "t1_b5vr5fx"],
    clean: &[
        "t3_1gm4k2x", "t1_pc3nq81", "t1_lyevnf7", "t1_rjp00q8", "t1_iaixdul", "t1_yjp7a7k", "t1_dnl8qh2",
        "t1_p1l7hz5", "t1_k3t6lx5", "t1_oo6yt5d", "t1_f9e8sdi", "t1_nl7f6or", "t1_kssh4h1", "t1_ghnogpg",
        "t1_xwlt3on", "t1_p22ecl3", "t1_aphqvls", "t1_s7i8p49", "t1_ofg3ueg", "t1_acy30i8", "t1_jh38nxq",
        "t1_bkp006j", "t1_wzww1rf", "t1_uu4mrha", "t1_zajp7rr", "t1_r9lfzcf",
        // AutoModerator and a [deleted] comment are never a campaign.
        "t1_zzp6far", "t1_qg37y6o",
    ],
    trivial: &["t1_csa2b35", "t1_qzeuf5x", "t1_yb420jr", "t1_gw7eiee"],
};

const OLD_REDDIT: Expected = Expected {
    page: "old-reddit-thread.html",
    site: Site::OldReddit,
    posts: 39,
    campaign: &["t1_ovl07gq", "t1_xxzq0fo", "t1_azmgx5s", "t1_dnxcw7y", "t1_rjso3m7"],
    clean: &[
        "t3_2kx9q1", "t1_ujh2gxh", "t1_yos453x", "t1_wbesqxg", "t1_a10p638", "t1_kbuuhtt", "t1_jaershy",
        "t1_lnvoq14", "t1_s5z29wd", "t1_n5kbdoq", "t1_erzfb94", "t1_g2k22qm", "t1_yscqf4g", "t1_da16u7a",
        "t1_z5b3ocu", "t1_ijn4rwc", "t1_lzha4w3", "t1_bqj6nkj", "t1_axnlcct", "t1_ue7zxas", "t1_k7lqfs6",
        "t1_aq90ymd", "t1_yyapkfv", "t1_ecfp6h2", "t1_sswsdby", "t1_fbac8mw", "t1_ytn3cdn",
    ],
    trivial: &["t1_k8kyei1", "t1_lxlbovd", "t1_ls51lwg"],
};

const X: Expected = Expected {
    page: "x-conversation.html",
    site: Site::X,
    posts: 33,
    campaign: &[
        "2013270220600246272", "2013270518395830272", "2013270816191414272", "2013271113986998272",
        "2013271411782582272",
    ],
    clean: &[
        "2013265187435446272", "2013265942410166272", "2013266445726646272", "2013267452359606272",
        "2013268207334326272", "2013269465625526272", "2013271982207926272", "2013272988840886272",
        "2013273995473846272", "2013275253765046272", "2013276260398006272", "2013277518689206272",
        "2013278273663926272", "2013279783613366272", "2013281041904566272", "2013282803512246272",
        "2013284313461686272", "2013285571752886272", "2013287333360566272", "2013289094968246272",
        "2013290604917686272", "2013292869841846272", "2013294883107766272",
    ],
    trivial: &["2013266697384886272", "2013276512056246272", "2013281293562806272"],
};

fn level(verdicts: &HashMap<String, Value>, id: &str) -> String {
    let verdict = verdicts.get(id).unwrap_or_else(|| panic!("no verdict for {id}"));
    verdict["level"].as_str().unwrap().to_string()
}

fn check_campaign_and_clean_posts(expected: &Expected) {
    let verdicts = scan_json(expected.page);
    assert_eq!(verdicts.len(), expected.posts, "{}: one verdict per post", expected.page);

    let clusters: Vec<&Value> = expected.campaign.iter().map(|id| &verdicts[*id]["cluster"]).collect();
    assert!(clusters[0].is_string(), "{}: campaign is clustered", expected.page);
    for (id, cluster) in expected.campaign.iter().zip(&clusters) {
        let level = level(&verdicts, id);
        assert!(level == "notice" || level == "suspect", "{}: campaign post {id} is {level}", expected.page);
        assert_eq!(*cluster, clusters[0], "{}: {id} is in the campaign's cluster", expected.page);
        assert_eq!(verdicts[*id]["authors"], 5, "{}: five accounts", expected.page);
    }
    let cluster_size = verdicts.values().filter(|v| &v["cluster"] == clusters[0]).count();
    assert_eq!(cluster_size, expected.campaign.len(), "{}: nobody else joins the campaign", expected.page);

    for id in expected.clean.iter().chain(expected.trivial) {
        assert_eq!(level(&verdicts, id), "ok", "{}: {id} is an ordinary post", expected.page);
        assert!(verdicts[*id]["cluster"].is_null(), "{}: {id} is in no cluster", expected.page);
    }
}

#[test]
fn reddit_campaign_is_flagged_as_one_cluster_and_people_are_left_alone() {
    check_campaign_and_clean_posts(&REDDIT);
}

#[test]
fn old_reddit_campaign_is_flagged_as_one_cluster_and_people_are_left_alone() {
    check_campaign_and_clean_posts(&OLD_REDDIT);
}

#[test]
fn x_campaign_is_flagged_as_one_cluster_and_people_are_left_alone() {
    check_campaign_and_clean_posts(&X);
}

#[test]
fn old_reddit_repeat_by_one_author_is_grouped_without_the_campaign() {
    let verdicts = scan_json(OLD_REDDIT.page);
    let (a, b) = (&verdicts["t1_vs1kfb2"], &verdicts["t1_yngctht"]);
    assert!(a["cluster"].is_string());
    assert_eq!(a["cluster"], b["cluster"]);
    assert_eq!(a["authors"], 1);
    assert_ne!(a["cluster"], verdicts["t1_ovl07gq"]["cluster"]);
}

#[test]
fn every_page_is_detected_as_its_site() {
    for expected in [&REDDIT, &OLD_REDDIT, &X] {
        assert_eq!(detect_site(&page(expected.page)), Some(expected.site), "{}", expected.page);
    }
}

#[test]
fn a_comments_body_is_its_own_text_not_its_replies() {
    let reddit = extract_posts(&page(REDDIT.page), Site::Reddit).unwrap();
    let bob = reddit.iter().find(|p| p.id == "t1_pc3nq81").unwrap();
    assert_eq!(bob.text, "i turned it on mute as soon is i came on i just wanted to check the views...");
    let reply = reddit.iter().find(|p| p.id == "t1_lyevnf7").unwrap();
    assert_eq!(reply.parent.as_deref(), Some("t1_pc3nq81"));

    let old = extract_posts(&page(OLD_REDDIT.page), Site::OldReddit).unwrap();
    let daniel = old.iter().find(|p| p.id == "t1_ujh2gxh").unwrap();
    assert_eq!(daniel.text, "katy perry does remind me of a tiger,like as if its her spirit animal :3 <3");
    assert!(old.iter().all(|p| p.id != "t1_m2ip9y1"), "the 'load more' stub is not a post");
    let child = old.iter().find(|p| p.id == "t1_yos453x").unwrap();
    assert_eq!(child.parent.as_deref(), Some("t1_ujh2gxh"));
}

#[test]
fn a_reddit_quote_of_the_parent_is_not_the_replys_own_text() {
    // Both replies open with a `>` quote of their parent, which Reddit renders as a blockquote.
    let reddit = extract_posts(&page(REDDIT.page), Site::Reddit).unwrap();
    let reply = reddit.iter().find(|p| p.id == "t1_lyevnf7").unwrap();
    assert_eq!(reply.text, "i think about 100 millions of the views come from people who only wanted to check the views");

    let old = extract_posts(&page(OLD_REDDIT.page), Site::OldReddit).unwrap();
    let reply = old.iter().find(|p| p.id == "t1_yos453x").unwrap();
    assert!(reply.text.starts_with("In what South American jungle"), "{}", reply.text);
    assert!(!reply.text.contains("spirit animal"), "{}", reply.text);
}

#[test]
fn a_quoted_tweet_is_not_the_quoting_authors_text_and_links_read_as_shown() {
    let posts = extract_posts(&page(X.page), Site::X).unwrap();
    let quoting = posts.iter().find(|p| p.id == "2013275253765046272").unwrap();
    assert_eq!(quoting.text, "This was such an epic track. And the video is awesome!");
    assert_eq!(quoting.author.as_deref(), Some("LizzSeamore"));
    assert!(posts.iter().all(|p| p.id != "1403112233445566778"), "the quoted tweet is not a reply");
    assert!(posts.iter().all(|p| !p.text.contains("took over every hallway")));
    assert!(posts.iter().all(|p| !p.text.contains("t.co/")), "links read as their visible address");
    let spam = posts.iter().find(|p| p.id == X.campaign[0]).unwrap();
    assert!(spam.text.ends_with("https://www.tsu.co/WORLDWIDE_LIFE"));
}

/// The annotated page with every chaff badge cut out, and the ids the badges name.
fn strip_badges(annotated: &str) -> (String, Vec<String>) {
    let mut rest = annotated;
    let mut page = String::new();
    let mut ids = Vec::new();
    while let Some(start) = rest.find("<span class=\"chaff-badge\"") {
        page.push_str(&rest[..start]);
        let badge_len = rest[start..].find("</span>").expect("badge closes") + "</span>".len();
        let badge = &rest[start..start + badge_len];
        let id_start = badge.find("data-chaff-post=\"").unwrap() + "data-chaff-post=\"".len();
        let id_len = badge[id_start..].find('"').unwrap();
        ids.push(badge[id_start..id_start + id_len].to_string());
        rest = &rest[start + badge_len..];
    }
    page.push_str(rest);
    (page, ids)
}

fn check_annotation(expected: &Expected) {
    let original = page(expected.page);
    let out_path = temp_file(expected.page);
    let out = chaff(&["scan", page_path(expected.page).to_str().unwrap(), "--out", out_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let annotated = std::fs::read_to_string(&out_path).unwrap();
    std::fs::remove_file(&out_path).ok();

    let (without_badges, mut badge_ids) = strip_badges(&annotated);
    assert_eq!(without_badges, original, "{}: only badges were added", expected.page);

    let verdicts = scan_json(expected.page);
    let mut flagged: Vec<String> =
        verdicts.values().filter(|v| v["level"] != "ok").map(|v| v["id"].as_str().unwrap().to_string()).collect();
    flagged.sort();
    badge_ids.sort();
    assert_eq!(badge_ids, flagged, "{}: one badge per notice or suspect post", expected.page);
    for id in expected.campaign {
        assert!(badge_ids.iter().any(|b| b == id));
    }
    // The page's own text reads the same after annotation: every post, same words.
    let before = extract_posts(&original, expected.site).unwrap();
    let after = extract_posts(&annotated, expected.site).unwrap();
    assert_eq!(before, after, "{}: badges sit outside every post's text", expected.page);
}

#[test]
fn reddit_annotated_page_keeps_every_byte_and_adds_one_badge_per_flagged_post() {
    check_annotation(&REDDIT);
}

#[test]
fn old_reddit_annotated_page_keeps_every_byte_and_adds_one_badge_per_flagged_post() {
    check_annotation(&OLD_REDDIT);
}

#[test]
fn x_annotated_page_keeps_every_byte_and_adds_one_badge_per_flagged_post() {
    check_annotation(&X);
}

#[test]
fn page_text_stays_escaped_in_the_annotated_page() {
    let out_path = temp_file("escaped.html");
    let path = page_path(OLD_REDDIT.page);
    let out = chaff(&["scan", path.to_str().unwrap(), "--out", out_path.to_str().unwrap()]);
    assert!(out.status.success());
    let annotated = std::fs::read_to_string(&out_path).unwrap();
    std::fs::remove_file(&out_path).ok();
    assert!(annotated.contains("spirit animal :3 &lt;3"), "the page's escaped text is untouched");
    assert!(!annotated.contains("spirit animal :3 <3"));
    // The campaign's fullwidth and Cyrillic letters are quoted in badges only as escaped text.
    let (_, ids) = strip_badges(&annotated);
    assert!(!ids.is_empty());
    for badge in annotated.split("<span class=\"chaff-badge\"").skip(1) {
        let badge = &badge[..badge.find("</span>").unwrap()];
        let label = &badge[badge.find('>').unwrap() + 1..];
        assert!(!label.contains('<') && !label.contains('"'), "badge text is escaped: {label}");
    }
}

#[test]
fn the_report_lists_suspects_with_reasons_and_clusters_with_members() {
    let path = page_path(REDDIT.page);
    let out = chaff(&["scan", path.to_str().unwrap()]);
    assert!(out.status.success());
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("site: reddit (detected)"), "{report}");
    assert!(report.contains("posts: 39"), "{report}");
    assert!(report.contains("clusters (1):"), "{report}");
    for id in REDDIT.campaign {
        assert!(report.matches(id).count() >= 2, "{id} is listed as flagged and as a cluster member:\n{report}");
    }
    assert!(report.contains("duplicate:"), "reasons are shown with their kind:\n{report}");
    assert!(!report.contains("t1_pc3nq81"), "ok posts are only counted:\n{report}");
}

#[test]
fn an_explicit_site_gives_the_same_verdicts_as_detection() {
    let path = page_path(X.page);
    let auto = chaff(&["scan", path.to_str().unwrap(), "--json"]);
    let explicit = chaff(&["scan", path.to_str().unwrap(), "--json", "--site", "x"]);
    assert!(auto.status.success() && explicit.status.success());
    assert_eq!(auto.stdout, explicit.stdout);
}

#[test]
fn unreadable_files_unknown_sites_and_pages_without_posts_are_clear_errors() {
    let missing = chaff(&["scan", "/nonexistent/page.html"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read /nonexistent/page.html"));

    let path = page_path(REDDIT.page);
    let unknown = chaff(&["scan", path.to_str().unwrap(), "--site", "myspace"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown site \"myspace\""));

    let wrong_site = chaff(&["scan", path.to_str().unwrap(), "--site", "x"]);
    assert!(!wrong_site.status.success());
    assert!(String::from_utf8_lossy(&wrong_site.stderr).contains("no x posts found"));

    let blank = temp_file("blank.html");
    std::fs::write(&blank, "<html><body><p>Just a page.</p></body></html>").unwrap();
    let not_a_thread = chaff(&["scan", blank.to_str().unwrap()]);
    std::fs::remove_file(&blank).ok();
    assert!(!not_a_thread.status.success());
    assert!(String::from_utf8_lossy(&not_a_thread.stderr).contains("does not look like"));

    let no_page = chaff(&["scan", "--json"]);
    assert!(!no_page.status.success());
    assert!(String::from_utf8_lossy(&no_page.stderr).contains("usage: chaff scan"));
}

/// The one real x.com capture in public repositories (defuddle's test fixture, MIT; see
/// tests/pages/README.md): an X article with its author block, time and action bar.
const REAL_X: &str = "real/x.com-article-2026-02-13.html";

#[test]
fn the_real_x_capture_reads_as_one_post_by_its_author() {
    let html = page(REAL_X);
    assert_eq!(detect_site(&html), Some(Site::X));
    let posts = extract_posts(&html, Site::X).unwrap();
    assert_eq!(posts.len(), 1, "{posts:#?}");
    let post = &posts[0];
    assert_eq!(post.id, "2013045749580259680");
    assert_eq!(post.author.as_deref(), Some("arscontexta"));
    assert_eq!(post.created, chaff::post::parse_timestamp("2026-01-19T00:28:01Z"));
    assert_eq!(post.title.as_deref(), Some("obsidian + claude code 101"));
    assert_eq!(post.text, "obsidian + claude code 101", "an article without tweet text reads as its title");
}

#[test]
fn an_inert_preview_of_the_real_capture_loads_nothing_and_keeps_the_badge() {
    use chaff_page::annotate_inert;
    use chaff::{Level, Reason, ReasonKind, Verdict};
    let html = page(REAL_X);
    for remote in ["<link", "src=\"https://pbs.twimg.com", "url(&quot;https://pbs.twimg.com"] {
        assert!(html.contains(remote), "the capture has {remote} to remove");
    }
    let verdict = Verdict {
        id: "2013045749580259680".into(),
        level: Level::Suspect,
        score: 0.9,
        ai: 0.2,
        ai_judged: true,
        cluster: Some("c1".into()),
        copies: 2,
        authors: 3,
        reasons: vec![Reason { kind: ReasonKind::Duplicate, text: "2 near-copies <by> 3 authors".into() }],
    };
    let preview = annotate_inert(&html, Site::X, &[verdict]).unwrap();
    for remote in ["<link", "<script", "src=\"http", "srcset", "url(&quot;http", "url(http"] {
        assert!(!preview.contains(remote), "{remote} survived in the preview");
    }
    assert_eq!(preview.matches("class=\"chaff-badge\"").count(), 1);
    assert!(preview.contains("2 near-copies &lt;by&gt; 3 authors"));
    assert_eq!(extract_posts(&preview, Site::X).unwrap(), extract_posts(&html, Site::X).unwrap());
}
