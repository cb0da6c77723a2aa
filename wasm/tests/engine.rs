//! The WASM face of the engine, exercised as JavaScript sees it (wasm-bindgen-test under Node:
//! `wasm-pack test --node wasm`). Design: posts go in and verdicts come out through
//! serde-wasm-bindgen, exactly the boundary the extension's engine.js crosses, so a shape change
//! in lib.rs (a renamed field, a map serialized as a JS Map) fails here before it fails in a
//! browser.

use chaff_wasm::{fingerprint_keys, install_models, ChaffEngine};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

#[derive(Serialize)]
struct Post<'a> {
    id: &'a str,
    text: &'a str,
    author: &'a str,
    created: f64,
}

#[derive(Deserialize, Debug)]
struct Reason {
    kind: String,
    text: String,
}

#[derive(Deserialize, Debug)]
struct Verdict {
    id: String,
    level: String,
    ai_judged: bool,
    cluster: Option<String>,
    copies: u32,
    reasons: Vec<Reason>,
}

#[derive(Deserialize, Debug)]
struct Cluster {
    members: Vec<String>,
    authors: Vec<String>,
}

const SPAM: &str = "Does anyone here use gift cards like Amazon, itunes, psn, google play, itunes, or any other \
gift cards? Then you'll be happy to know you can get free gift card codes for free from an amazing site. \
Here is a $50 itunes gift card code";

fn js<T: Serialize>(value: &T) -> JsValue {
    serde_wasm_bindgen::to_value(value).expect("serializable")
}

fn verdicts(value: JsValue) -> Vec<Verdict> {
    serde_wasm_bindgen::from_value(value).expect("verdicts in the `chaff score` shape")
}

fn spam_copy(n: usize) -> String {
    format!("{SPAM} Q7PLK{n}ZMRT8WNV{n}C")
}

fn human_posts() -> Vec<Post<'static>> {
    vec![
        Post { id: "h1", text: "I turned it on mute as soon as it came on, I just wanted to check the views.", author: "bob", created: 1_700_000_000.0 },
        Post { id: "h2", text: "This has had over 2 billion views. Holy moly, who is still watching this?", author: "emily", created: 1_700_000_100.0 },
        Post { id: "h3", text: "Can somebody wake me up when we get to 3 billion views please", author: "amir", created: 1_700_000_200.0 },
    ]
}

#[wasm_bindgen_test]
fn copies_from_several_accounts_arriving_one_by_one_form_one_flagged_cluster() {
    let mut engine = ChaffEngine::new(JsValue::UNDEFINED).expect("default settings");
    let first = verdicts(engine.add(js(&human_posts())).expect("posts accepted"));
    assert_eq!(first.len(), 3);
    assert!(first.iter().all(|v| v.level == "ok" && v.cluster.is_none()), "{first:?}");

    let texts: Vec<String> = (0..4).map(spam_copy).collect();
    let ids = ["s0", "s1", "s2", "s3"];
    let authors = ["fancy_web", "known_paint", "ornery_salad", "brief_owl"];
    let mut last_changed = Vec::new();
    for i in 0..4 {
        let post = Post { id: ids[i], text: &texts[i], author: authors[i], created: 1_700_000_300.0 + 60.0 * i as f64 };
        last_changed = verdicts(engine.add(js(&[post])).expect("copy accepted"));
    }
    // The last copy changes the verdicts of the earlier copies too (their cluster grew).
    let changed_ids: Vec<&str> = last_changed.iter().map(|v| v.id.as_str()).collect();
    for id in ids {
        assert!(changed_ids.contains(&id), "{id} reported as changed: {changed_ids:?}");
    }

    let all = verdicts(engine.verdicts().expect("verdicts"));
    assert_eq!(all.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(), ["h1", "h2", "h3", "s0", "s1", "s2", "s3"], "arrival order");
    let copies: Vec<&Verdict> = all.iter().filter(|v| v.id.starts_with('s')).collect();
    let cluster = copies[0].cluster.clone().expect("the copies are clustered");
    for verdict in &copies {
        assert_eq!(verdict.cluster.as_deref(), Some(cluster.as_str()));
        assert_eq!(verdict.copies, 3);
        assert!(verdict.level == "notice" || verdict.level == "suspect", "{verdict:?}");
        assert!(verdict.reasons.iter().any(|r| r.kind == "duplicate"), "{verdict:?}");
    }
    assert!(all.iter().filter(|v| v.id.starts_with('h')).all(|v| v.level == "ok"));
    assert_eq!(engine.size(), 7);

    let clusters: Vec<Cluster> = serde_wasm_bindgen::from_value(engine.clusters().expect("clusters")).expect("cluster shape");
    assert_eq!(clusters.len(), 1);
    assert_eq!(clusters[0].members, ids);
    assert_eq!(clusters[0].authors, authors);
}

#[wasm_bindgen_test]
fn shared_verdicts_send_each_new_id_once_and_each_cluster_part_once() {
    // The shape extension/engine/shared-verdicts.js reads (tests/browser/shared-verdicts.test.mjs
    // compares its objects with `add`'s).
    #[derive(Deserialize, Debug)]
    struct Part {
        level: String,
        cluster: Option<String>,
        copies: u32,
        reasons: Vec<Reason>,
    }
    let mut engine = ChaffEngine::new(JsValue::UNDEFINED).expect("default settings");
    let texts: Vec<String> = (0..6).map(spam_copy).collect();
    let ids = ["s0", "s1", "s2", "s3", "s4", "s5"];
    let post = |i: usize| Post { id: ids[i], text: &texts[i], author: ids[i], created: 1_700_000_000.0 + 60.0 * i as f64 };
    #[derive(Deserialize, Debug)]
    #[serde(rename_all = "camelCase")]
    struct IdsAndParts {
        new_ids: Vec<String>,
        parts: Vec<Part>,
    }
    let read = |value: JsValue| -> IdsAndParts { serde_wasm_bindgen::from_value(value).expect("{newIds, parts}") };
    let first = engine.add_shared(js(&[post(0), post(1), post(2)])).expect("posts accepted");
    assert_eq!(read(first.shared()).new_ids, ["s0", "s1", "s2"]);
    let shared = engine.add_shared(js(&[post(3), post(4), post(5)])).expect("copies accepted");
    let IdsAndParts { new_ids, parts } = read(shared.shared());
    assert_eq!(new_ids, ["s3", "s4", "s5"], "only the posts new to the engine");
    assert_eq!(parts.len(), 1, "six members with nothing of their own share one part: {parts:?}");
    assert_eq!((parts[0].level.as_str(), parts[0].copies), ("suspect", 5));
    assert!(parts[0].cluster.is_some() && parts[0].reasons.iter().any(|r| r.kind == "duplicate"), "{parts:?}");
    let rows = shared.rows();
    assert_eq!(rows.len(), 6 * 5, "five numbers a verdict");
    let indices: Vec<f64> = rows.chunks(5).map(|row| row[0]).collect();
    assert_eq!(indices, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0], "every member, in arrival order");
    assert!(rows.chunks(5).all(|row| row[1] == 0.0 && row[2] > 0.5 && (row[4] == 0.0 || row[4] == 1.0)), "{rows:?}");
}

#[wasm_bindgen_test]
fn trusting_the_authors_through_settings_lowers_their_levels() {
    let mut engine = ChaffEngine::new(JsValue::UNDEFINED).expect("default settings");
    let texts: Vec<String> = (0..4).map(spam_copy).collect();
    let authors = ["a1", "a2", "a3", "a4"];
    let ids = ["p0", "p1", "p2", "p3"];
    let posts: Vec<Post> = (0..4)
        .map(|i| Post { id: ids[i], text: &texts[i], author: authors[i], created: 1_700_000_000.0 + i as f64 })
        .collect();
    let added = verdicts(engine.add(js(&posts)).expect("posts accepted"));
    assert!(added.iter().all(|v| v.level != "ok"), "{added:?}");

    #[derive(Serialize)]
    struct Settings<'a> {
        sensitivity: &'a str,
        trusted_authors: &'a [&'a str],
    }
    let changed = verdicts(engine.set_settings(js(&Settings { sensitivity: "medium", trusted_authors: &authors })).expect("settings"));
    assert_eq!(changed.len(), 4, "every verdict changed: {changed:?}");
    assert!(changed.iter().all(|v| v.level == "ok"), "{changed:?}");
}

#[wasm_bindgen_test]
fn a_sites_new_account_mark_crosses_the_boundary_and_is_stated_on_a_flagged_post() {
    // As the extension's content script sends a Hacker News row (content.js enginePost).
    #[derive(Serialize)]
    struct SitePost<'a> {
        id: &'a str,
        text: &'a str,
        author: &'a str,
        created: f64,
        site: &'a str,
        new_account: bool,
    }
    let texts: Vec<String> = (0..3).map(spam_copy).collect();
    const HN: &str = "hacker-news";
    const T0: f64 = 1_700_000_000.0;
    let human = "I read the whole paper over the weekend and the proofs in section four are the best part.";
    let posts = [
        SitePost { id: "n0", text: &texts[0], author: "fresh_one", created: T0, site: HN, new_account: true },
        SitePost { id: "n1", text: &texts[1], author: "old_hand", created: T0 + 60.0, site: HN, new_account: false },
        SitePost { id: "n2", text: &texts[2], author: "another", created: T0 + 120.0, site: HN, new_account: false },
        SitePost { id: "n3", text: human, author: "fresh_two", created: T0 + 180.0, site: HN, new_account: true },
    ];
    let mut engine = ChaffEngine::new(JsValue::UNDEFINED).expect("default settings");
    engine.add(js(&posts)).expect("posts accepted");
    let all = verdicts(engine.verdicts().expect("verdicts"));
    let fact = all[0].reasons.last().expect("reasons");
    assert_eq!((fact.kind.as_str(), fact.text.as_str()), ("new-account", "account marked new by Hacker News"));
    assert!(all[1].reasons.iter().all(|r| r.kind != "new-account"), "{:?}", all[1]);
    assert_eq!(all[3].level, "ok", "a new account alone flags nothing: {:?}", all[3]);
    assert!(all[3].reasons.is_empty());
}

#[wasm_bindgen_test]
fn malformed_input_is_an_error_not_a_panic() {
    let mut engine = ChaffEngine::new(JsValue::UNDEFINED).expect("default settings");
    assert!(engine.add(JsValue::from_str("not a list of posts")).is_err());
    assert!(ChaffEngine::new(JsValue::from_str("loud")).is_err());
    assert_eq!(engine.size(), 0);
}

#[wasm_bindgen_test]
fn near_copies_share_fingerprint_keys_and_unrelated_texts_do_not() {
    let a = fingerprint_keys(&spam_copy(1));
    let b = fingerprint_keys(&spam_copy(2));
    let other = fingerprint_keys("I remember when everyone was obsessed with Gangnam Style, those were the days");
    assert!(!a.is_empty());
    assert!(a.iter().all(|key| key.parse::<u64>().is_ok()), "decimal u64 strings");
    assert!(a.iter().any(|key| b.contains(key)), "near copies meet in at least one LSH band");
    assert!(!a.iter().any(|key| other.contains(key)));
}

#[wasm_bindgen_test]
fn the_models_load_from_their_own_files_and_install_once() {
    assert!(install_models(b"not a model", b"neither").is_err(), "a damaged file is an error, not a panic");
    // The files the build ships: the binary form of the text models (examples/encode-models.rs).
    let binary = |text: &str| chaff::ai::binary::encode(&chaff::ai::model::parse(text).expect("the shipped model parses"));
    let (reddit, x) = (binary(include_str!("../../src/ai/model-reddit.txt")), binary(include_str!("../../src/ai/model-x.txt")));
    assert!(install_models(&x, &reddit).is_err(), "each file answers for its own site");
    install_models(&reddit, &x).expect("the shipped models install");
    install_models(&reddit, &x).expect("installing the same files again is harmless");
    let mut engine = ChaffEngine::new(JsValue::UNDEFINED).expect("default settings");
    let judged = verdicts(engine.add(js(&human_posts())).expect("posts in"));
    assert!(judged.iter().all(|v| v.ai_judged), "{judged:?}");
}
