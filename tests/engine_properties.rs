//! Properties of the engine on real comments (tests/samples, CC BY 4.0): verdicts do not depend
//! on how the thread was batched, and levels never fall as a thread grows.

use std::collections::HashMap;

use chaff::post::parse_post_line;
use chaff::{Engine, Level, Post, Settings};

fn youtube_comments() -> Vec<Post> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/samples/youtube-comments.jsonl");
    std::fs::read_to_string(path).unwrap().lines().map(|l| parse_post_line(l).unwrap().post).collect()
}

#[test]
fn one_by_one_in_batches_or_all_at_once_give_the_same_verdicts() {
    let posts = youtube_comments();
    let mut all_at_once = Engine::new(Settings::default());
    all_at_once.add(posts.clone());
    let expected = all_at_once.verdicts();
    assert!(expected.iter().any(|v| v.cluster.is_some()), "the sample holds real campaigns");

    let mut one_by_one = Engine::new(Settings::default());
    for p in &posts {
        one_by_one.add(vec![p.clone()]);
    }
    assert_eq!(one_by_one.verdicts(), expected);

    let mut uneven = Engine::new(Settings::default());
    let mut rest = posts.as_slice();
    let mut size = 1;
    while !rest.is_empty() {
        let (batch, tail) = rest.split_at(size.min(rest.len()));
        uneven.add(batch.to_vec());
        rest = tail;
        size = size % 37 + 3;
    }
    assert_eq!(uneven.verdicts(), expected);
}

#[test]
fn levels_never_fall_while_the_thread_loads_and_changes_are_reported() {
    let posts = youtube_comments();
    let mut engine = Engine::new(Settings::default());
    let mut last_seen: HashMap<String, Level> = HashMap::new();
    for batch in posts.chunks(25) {
        for v in engine.add(batch.to_vec()) {
            let before = last_seen.get(&v.id).copied().unwrap_or(Level::Ok);
            assert!(v.level >= before, "{} fell from {before:?} to {:?}", v.id, v.level);
            last_seen.insert(v.id, v.level);
        }
    }
    // What the increments reported is exactly the final state.
    for v in engine.verdicts() {
        assert_eq!(last_seen[&v.id], v.level, "{}", v.id);
    }
}
