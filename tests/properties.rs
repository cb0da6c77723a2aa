//! Properties of the engine and the normalizer on random threads: every post gets one verdict,
//! verdicts do not depend on batch boundaries, clusters partition their members and agree with
//! the verdicts, scores are finite and in 0..=1, any Unicode is handled (U+FFFD from unpaired
//! surrogates, control and bidi characters, very long words), and normalization is idempotent
//! (on random text and on every text of `tests/samples`). Case counts stay small so
//! `cargo test` stays fast; `PROPTEST_CASES=2000 cargo test --test properties` searches longer.

use std::collections::{HashMap, HashSet};

use chaff::normalize::fingerprint_form;
use chaff::{Engine, Post, Sensitivity, Settings, Verdict};
use proptest::prelude::*;

/// Texts that form campaigns when repeated with small changes.
const BASES: [&str; 5] = [
    "Check out this amazing deal on crypto, guaranteed returns every single week!",
    "I completely agree with this take, the referee was awful the whole second half.",
    "In conclusion, it is important to note that a balanced approach fosters sustainable growth.",
    "Visit https://bit.ly/3xYz to claim your free gift card before it expires",
    "thanks!",
];

/// Characters that have broken text handling elsewhere: replacement characters (what an
/// unpaired surrogate becomes), controls, bidi controls, invisibles, look-alikes, emoji,
/// combining marks, the mask token.
const AWKWARD: [&str; 16] = [
    "\u{FFFD}",
    "\u{0}",
    "\u{7}",
    "\u{1b}",
    "\u{202E}",
    "\u{2066}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{0430}",
    "\u{1D5F5}",
    "\u{1F600}",
    "\u{0301}\u{0301}",
    "#",
    "_",
    "\r\n",
    "> ",
];

fn awkward_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => "[a-z0-9 .,!?']{0,12}",
            2 => any::<String>(),
            2 => prop::sample::select(&AWKWARD[..]).prop_map(str::to_string),
            1 => ("[a-z]", 200usize..3000).prop_map(|(c, n)| c.repeat(n)),
        ],
        0..8,
    )
    .prop_map(|pieces| pieces.concat())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (prop::sample::select(&BASES[..]), "[a-z0-9]{0,6}").prop_map(|(base, suffix)| format!("{base} {suffix}")),
        1 => prop::sample::select(&BASES[..]).prop_map(|base| base.replace('a', "\u{0430}")),
        2 => awkward_text(),
    ]
}

fn post() -> impl Strategy<Value = Post> {
    (
        0u8..10,
        text(),
        prop::option::of(prop::sample::select(vec![
            "ann",
            "bob",
            "cy",
            "AutoModerator",
            "[deleted]",
        ])),
        prop::option::of(1_700_000_000i64..1_700_010_000),
        prop::option::of(prop::sample::select(vec!["reddit", "old-reddit", "x", "hacker-news", "elsewhere"])),
        // The site's new-account mark: a reason that must not depend on the batches either.
        any::<bool>(),
    )
        .prop_map(|(id, text, author, created, site, new_account)| Post {
            id: format!("p{id}"),
            text,
            author: author.map(str::to_string),
            created,
            site: site.map(str::to_string),
            new_account,
            ..Post::default()
        })
}

/// Cut points of a sequence into batches (each value: the size of the next batch, 1..=4).
fn batching() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(1usize..=4, 0..12)
}

fn add_in_batches(posts: &[Post], sizes: &[usize], settings: &Settings) -> Engine {
    let mut engine = Engine::new(settings.clone());
    let mut rest = posts;
    let mut sizes = sizes.iter().copied().cycle();
    while !rest.is_empty() {
        let (batch, tail) = rest.split_at(sizes.next().unwrap_or(rest.len()).min(rest.len()));
        engine.add(batch.to_vec());
        rest = tail;
    }
    engine
}

fn check_verdicts(engine: &Engine, posts: &[Post]) -> Result<Vec<Verdict>, TestCaseError> {
    let verdicts = engine.verdicts();
    let mut first_arrival = Vec::new();
    let mut seen = HashSet::new();
    for p in posts {
        if seen.insert(p.id.as_str()) {
            first_arrival.push(p.id.as_str());
        }
    }
    let ids: Vec<&str> = verdicts.iter().map(|v| v.id.as_str()).collect();
    prop_assert_eq!(ids, first_arrival, "one verdict per post, in order of first arrival");
    for v in &verdicts {
        prop_assert!(
            v.score.is_finite() && (0.0..=1.0).contains(&v.score),
            "score {} of {}",
            v.score,
            v.id
        );
        prop_assert!(
            v.ai.is_finite() && (0.0..=1.0).contains(&v.ai),
            "ai {} of {}",
            v.ai,
            v.id
        );
    }
    Ok(verdicts)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_post_gets_one_verdict_whatever_the_batches(
        posts in prop::collection::vec(post(), 0..14),
        sizes in batching(),
        sensitivity in prop::sample::select(vec![Sensitivity::Low, Sensitivity::Medium, Sensitivity::High]),
    ) {
        let settings = Settings { sensitivity, ..Settings::default() };
        let all_at_once = add_in_batches(&posts, &[usize::MAX], &settings);
        let expected = check_verdicts(&all_at_once, &posts)?;
        let batched = add_in_batches(&posts, &sizes, &settings);
        prop_assert_eq!(check_verdicts(&batched, &posts)?, expected);
        let one_by_one = add_in_batches(&posts, &[1], &settings);
        prop_assert_eq!(one_by_one.verdicts(), all_at_once.verdicts());
        prop_assert_eq!(batched.clusters(), all_at_once.clusters());
    }

    #[test]
    fn clusters_are_symmetric_and_partition_their_members(posts in prop::collection::vec(post(), 0..16)) {
        let engine = add_in_batches(&posts, &[3], &Settings::default());
        let verdicts = engine.verdicts();
        let by_id: HashMap<&str, &Verdict> = verdicts.iter().map(|v| (v.id.as_str(), v)).collect();
        let mut clustered = HashSet::new();
        for cluster in engine.clusters() {
            prop_assert!(cluster.members.len() >= 2, "{:?}", cluster);
            for member in &cluster.members {
                prop_assert!(clustered.insert(member.clone()), "{} is in two clusters", member);
                let verdict = by_id[member.as_str()];
                // a's cluster holds b exactly when b's holds a: both name the same cluster.
                prop_assert_eq!(verdict.cluster.as_deref(), Some(cluster.id.as_str()));
                prop_assert_eq!(verdict.copies as usize, cluster.members.len() - 1);
            }
        }
        for v in &verdicts {
            prop_assert_eq!(v.cluster.is_some(), clustered.contains(&v.id), "{}", v.id);
            if v.cluster.is_none() {
                prop_assert_eq!((v.copies, v.authors), (0, 0));
            }
        }
    }

    #[test]
    fn normalization_handles_any_unicode(text in awkward_text()) {
        let form = fingerprint_form(&text);
        if !form.is_empty() {
            for word in form.split(' ') {
                prop_assert!(!word.is_empty(), "{:?}", form);
                prop_assert!(!word.contains(char::is_whitespace), "{:?}", word);
            }
        }
        prop_assert_eq!(fingerprint_form(&text), form);
    }

    /// The fingerprint form is its own fingerprint form (see `chaff::normalize`'s note).
    #[test]
    fn normalization_is_idempotent(text in prop_oneof![text(), any::<String>()]) {
        let once = fingerprint_form(&text);
        prop_assert_eq!(fingerprint_form(&once), once, "from {:?}", text);
    }
}

/// Every text of `tests/samples` (real YouTube comments and SMS messages, spam and not) is
/// already in fingerprint form after one pass.
#[test]
fn normalization_is_idempotent_on_the_samples() {
    let mut changed = Vec::new();
    let mut texts = 0;
    for file in ["tests/samples/youtube-comments.jsonl", "tests/samples/sms-messages.jsonl"] {
        let lines = std::fs::read_to_string(file).expect("sample file");
        for line in lines.lines().filter(|l| !l.trim().is_empty()) {
            let text = chaff::post::parse_post_line(line).expect("sample line").post.text;
            texts += 1;
            let once = fingerprint_form(&text);
            let twice = fingerprint_form(&once);
            if twice != once {
                changed.push((text, once, twice));
            }
        }
    }
    assert!(texts > 6000, "{texts} sample texts");
    let first = &changed[..changed.len().min(5)];
    assert!(changed.is_empty(), "{} of {texts} texts change on a second pass, first: {first:?}", changed.len());
}
