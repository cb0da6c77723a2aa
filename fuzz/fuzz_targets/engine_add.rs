//! `Engine::add` over several batches of arbitrary posts: ids from a small pool (so repeats
//! and edits happen) or arbitrary, texts from a pool of near-copies (so clusters form) or
//! arbitrary, arbitrary authors, times and sites. Checks what every caller relies on: one
//! verdict per distinct id, scores in 0..=1, clusters that partition their members. At most
//! 4 batches of at most 16 posts: enough for repeats across batches, edits and clusters that grow
//! and merge (the pool ids repeat within 12 posts), while a 512-post input mostly spent the time
//! re-scoring texts that add no new path.
#![no_main]

use std::collections::{HashMap, HashSet};

use arbitrary::Arbitrary;
use chaff::{Engine, Post, Sensitivity, Settings};
use libfuzzer_sys::fuzz_target;

const TEXTS: [&str; 6] = [
    "Check out this amazing deal on crypto, guaranteed returns every single week!",
    "I completely agree with this take, the referee was awful the whole second half.",
    "Great video! I learned so much about sourdough starters from this one.",
    "Visit https://bit.ly/3xYz to claim your free gift card before it expires",
    "In conclusion, it is important to note that a balanced approach fosters growth.",
    "thanks!",
];
const AUTHORS: [&str; 4] = ["alice", "bob", "AutoModerator", "[deleted]"];
const SITES: [&str; 4] = ["reddit", "old-reddit", "x", "elsewhere"];
const MAX_BATCHES: usize = 4;
const MAX_BATCH_POSTS: usize = 16;

#[derive(Arbitrary, Debug)]
enum Id {
    Pool(u8),
    Any(String),
}

#[derive(Arbitrary, Debug)]
enum Text {
    Pool(u8, String),
    Any(String),
}

#[derive(Arbitrary, Debug)]
struct FuzzPost {
    id: Id,
    text: Text,
    author: Option<Result<u8, String>>,
    created: Option<i64>,
    site: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    sensitivity: u8,
    batches: Vec<Vec<FuzzPost>>,
}

fn post(p: FuzzPost) -> Post {
    let id = match p.id {
        Id::Pool(n) => format!("p{}", n % 12),
        Id::Any(s) => s,
    };
    let text = match p.text {
        Text::Pool(n, suffix) => format!("{} {suffix}", TEXTS[n as usize % TEXTS.len()]),
        Text::Any(s) => s,
    };
    let author = p.author.map(|a| match a {
        Ok(n) => AUTHORS[n as usize % AUTHORS.len()].to_string(),
        Err(s) => s,
    });
    let site = p.site.map(|n| SITES[n as usize % SITES.len()].to_string());
    Post {
        id,
        text,
        author,
        created: p.created,
        site,
        ..Post::default()
    }
}

fuzz_target!(|input: Input| {
    let sensitivity = match input.sensitivity % 3 {
        0 => Sensitivity::Low,
        1 => Sensitivity::Medium,
        _ => Sensitivity::High,
    };
    let mut engine = Engine::new(Settings {
        sensitivity,
        ..Settings::default()
    });
    let mut ids = HashSet::new();
    for batch in input.batches.into_iter().take(MAX_BATCHES) {
        let posts: Vec<Post> = batch
            .into_iter()
            .take(MAX_BATCH_POSTS)
            .map(post)
            .filter(|p| !p.id.is_empty())
            .collect();
        ids.extend(posts.iter().map(|p| p.id.clone()));
        for v in engine.add(posts) {
            assert!(ids.contains(&v.id));
        }
    }
    let verdicts = engine.verdicts();
    assert_eq!(verdicts.len(), ids.len());
    let by_id: HashMap<&str, _> = verdicts.iter().map(|v| (v.id.as_str(), v)).collect();
    assert_eq!(by_id.len(), ids.len());
    for v in &verdicts {
        assert!(
            v.score.is_finite() && (0.0..=1.0).contains(&v.score),
            "score {}",
            v.score
        );
        assert!(v.ai.is_finite() && (0.0..=1.0).contains(&v.ai), "ai {}", v.ai);
    }
    let mut clustered = HashSet::new();
    for cluster in engine.clusters() {
        assert!(cluster.members.len() >= 2);
        for m in &cluster.members {
            assert!(clustered.insert(m.clone()), "{m} is in two clusters");
            assert_eq!(by_id[m.as_str()].cluster.as_deref(), Some(cluster.id.as_str()));
        }
    }
    for v in &verdicts {
        assert_eq!(v.cluster.is_some(), clustered.contains(&v.id), "{}", v.id);
    }
});
