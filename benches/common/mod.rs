//! The corpora of the benchmarks, shared by `score`, `flood` and `memory` (each bench includes
//! this file with `#[path]`): real posts from tests/samples (YouTube comments and SMS messages,
//! CC BY 4.0, about 6,700 posts, in the repository), repeated with evaded variants to reach
//! larger threads. The evasions are small copies of the lab's generators (lab/src/eval/
//! duplicates.rs `evade`: random suffix and prefix, look-alike letters, zero-width characters,
//! case and punctuation, one word swapped); the core does not depend on the lab.
#![allow(dead_code)]

use chaff::hash::SplitMix64;
use chaff::post::parse_post_line;
use chaff::Post;

/// The real posts of tests/samples, in file order.
pub fn sample_posts() -> Vec<Post> {
    let mut posts = Vec::new();
    for sample in ["youtube-comments.jsonl", "sms-messages.jsonl"] {
        let path = format!("{}/tests/samples/{sample}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        posts.extend(text.lines().map(|l| parse_post_line(l).expect("samples are well-formed").post));
    }
    posts
}

/// A thread of `n` posts: the samples first, then evaded copies of them (each copy by its own
/// author, an hour apart at most from its original), in a fixed pseudo-random order.
pub fn thread(n: usize) -> Vec<Post> {
    let samples = sample_posts();
    let mut rng = SplitMix64::new(0x5eed);
    let mut posts: Vec<Post> = samples.iter().take(n).cloned().collect();
    let mut k = 0;
    while posts.len() < n {
        let original = &samples[rng.below(samples.len())];
        let mut copy = original.clone();
        copy.id = format!("copy{k}-{}", original.id);
        copy.author = Some(format!("copier{}", rng.below(5000)));
        copy.created = original.created.map(|t| t + rng.below(3600) as i64);
        copy.text = evade(&original.text, &mut rng);
        posts.push(copy);
        k += 1;
    }
    posts
}

/// `n` near-copies of one promotional text, none an exact copy of another (a flood with
/// unmasked filler), by `n` accounts within a few hours.
pub fn flood(n: usize) -> Vec<Post> {
    let mut rng = SplitMix64::new(0xf100d);
    (0..n)
        .map(|k| {
            let tag: String = (0..4).map(|_| (b'a' + rng.below(26) as u8) as char).collect();
            let text = format!("Earn money fast from home, visit my profile for all the details {tag} {}", words(&mut rng));
            Post { author: Some(format!("bot{k}")), created: Some(1_700_000_000 + k as i64), ..Post::new(format!("f{k}"), text) }
        })
        .collect()
}

fn words(rng: &mut SplitMix64) -> &'static str {
    *rng.pick(&["today", "now", "fast", "easy", "free", "guaranteed", "legit", "100%"])
}

const LOOK_ALIKES: &[(char, char)] =
    &[('a', 'а'), ('c', 'с'), ('e', 'е'), ('i', 'і'), ('o', 'о'), ('p', 'р'), ('s', 'ѕ'), ('x', 'х'), ('y', 'у')];
const ZERO_WIDTH: &[char] = &['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];
const FILLER: &[&str] = &["really", "honestly", "totally", "great", "amazing", "today", "now", "here"];

/// One evasion drawn at random, as spammers vary their copies.
pub fn evade(text: &str, rng: &mut SplitMix64) -> String {
    let token = |rng: &mut SplitMix64| -> String {
        (0..5 + rng.below(4)).map(|_| *rng.pick(b"abcdefghijklmnopqrstuvwxyz0123456789") as char).collect()
    };
    match rng.below(6) {
        0 => format!("{text} {}", token(rng)),
        1 => format!("[{}] {text}", token(rng).to_uppercase()),
        2 => text
            .chars()
            .map(|c| match LOOK_ALIKES.iter().find(|(l, _)| *l == c) {
                Some(&(_, alike)) if rng.chance(0.5) => alike,
                _ => c,
            })
            .collect(),
        3 => text
            .chars()
            .flat_map(|c| {
                let zw = (c.is_alphabetic() && rng.chance(0.3)).then(|| *rng.pick(ZERO_WIDTH));
                std::iter::once(c).chain(zw)
            })
            .collect(),
        4 => {
            let mut out: String =
                text.chars().map(|c| if rng.chance(0.5) { c.to_ascii_uppercase() } else { c }).collect();
            out.push_str(*rng.pick(&["!!!", "...", " !!", "?!"]));
            out
        }
        _ => {
            let mut words: Vec<&str> = text.split_whitespace().collect();
            if words.len() > 1 {
                let at = rng.below(words.len());
                words[at] = *rng.pick(FILLER);
            }
            words.join(" ")
        }
    }
}
