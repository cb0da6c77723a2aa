//! janitr X threads (../shared/data/janitr/replies.jsonl): threads in which a person publicly
//! called a reply AI-generated. The AI side is every tweet with role `ai_reply`; the human
//! side is the `original_post` it answered and the `other_reply` tweets of the thread's people.
//!
//! Design: the `evidence` tweets (the call-outs, "Blocked for AI reply") are left out: they
//! are human, but they talk about AI replies and would teach the model that the words "AI
//! reply" mean a human. Tweets without a role are left out (their side is unknown). Every
//! tweet's group is its thread id, so `train::in_validation` splits by thread. Text is
//! prepared as X shows it: the @-mentions that open a reply are shown as "Replying to", not
//! as tweet text, so they are dropped (they are also a label leak: only replies have them).
//!
//! `load_clean_posts` reads janitr/sample.jsonl: 2026 X posts with janitr's labels. The posts
//! labelled `clean` (and nothing but topics, or profanity) are ordinary posts, kept as human
//! texts, each its own group (its id): an upper bound on false alarms among today's X posts.
//! `clean` means "not scam/spam/promo", not "written by a person" (SOURCES.md): brand posts
//! and bot replies carry it too. Rows whose source id marks them as janitr's own made-up
//! examples (`x_mock_…`, `clean_batch_…`: "Just finished my morning run! 5k in 28 minutes,
//! feeling great.") are not X posts and are left out. Text is prepared as for the replies;
//! exact duplicate texts are kept once.

use std::path::Path;

use serde::Deserialize;

use chaff::ai::author_text;

use super::render::plain_text;
use crate::train::LabelledText;

pub const FILE: &str = "janitr/replies.jsonl";

/// janitr's labelled sample of X posts.
pub const SAMPLE_FILE: &str = "janitr/sample.jsonl";

/// Labels that may sit beside `clean` on an ordinary post: `topic_*`, and this.
const ORDINARY_LABELS: [&str; 1] = ["profanity"];

/// Source ids of examples janitr wrote itself rather than collected from X.
const MADE_UP_SOURCES: [&str; 2] = ["x_mock_", "clean_batch_"];

/// The generator name of the AI replies: unknown models, met on X in 2026.
pub const GENERATOR: &str = "janitr-2026";

#[derive(Deserialize)]
struct Thread {
    id: String,
    tweets: Vec<Tweet>,
}

#[derive(Deserialize)]
struct Tweet {
    text: String,
    #[serde(default)]
    role: Option<String>,
}

#[derive(Deserialize)]
struct SamplePost {
    id: String,
    text: String,
    labels: Vec<String>,
    #[serde(default)]
    source_id: Option<String>,
}

impl SamplePost {
    fn is_clean(&self) -> bool {
        self.labels.iter().any(|l| l == "clean")
            && self
                .labels
                .iter()
                .all(|l| l == "clean" || l.starts_with("topic_") || ORDINARY_LABELS.contains(&l.as_str()))
    }

    fn is_made_up(&self) -> bool {
        self.source_id.as_deref().is_some_and(|s| MADE_UP_SOURCES.iter().any(|p| s.starts_with(p)))
    }
}

/// janitr's X posts labelled clean, as human texts grouped by post id.
pub fn load_clean_posts(data_dir: &Path) -> Result<Vec<LabelledText>, String> {
    let path = data_dir.join(SAMPLE_FILE);
    let raw = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (i, line) in raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let post: SamplePost =
            serde_json::from_str(line).map_err(|e| format!("{}: line {}: {e}", path.display(), i + 1))?;
        if !post.is_clean() || post.is_made_up() {
            continue;
        }
        let text = author_text(&plain_text(&post.text));
        if text.is_empty() || !seen.insert(text.clone()) {
            continue;
        }
        out.push(LabelledText { text, machine: false, group: post.id, generator: None });
    }
    Ok(out)
}

pub fn load(data_dir: &Path) -> Result<Vec<LabelledText>, String> {
    let path = data_dir.join(FILE);
    let raw = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let thread: Thread = serde_json::from_str(line)
            .map_err(|e| format!("{}: line {}: {e}", path.display(), i + 1))?;
        for tweet in thread.tweets {
            let machine = match tweet.role.as_deref() {
                Some("ai_reply") => true,
                Some("original_post" | "other_reply") => false,
                _ => continue,
            };
            let text = author_text(&plain_text(&tweet.text));
            if text.is_empty() {
                continue;
            }
            out.push(LabelledText {
                text,
                machine,
                group: thread.id.clone(),
                generator: machine.then(|| GENERATOR.to_string()),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ai_replies_against_the_humans_they_answer_without_call_outs_or_reply_mentions() {
        let dir = std::env::temp_dir().join(format!("chaff-janitr-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("janitr")).unwrap();
        let thread = r#"{"id":"t1","tweets":[
            {"text":"Shipped a new feature today &amp; it works","role":"original_post"},
            {"text":"@levelsio @X What a game-changer! Love it","role":"ai_reply"},
            {"text":"@bot Blocked for AI reply","role":"evidence"},
            {"text":"@someone no role here"},
            {"text":"@bot thanks, I guess","role":"other_reply"}]}"#;
        std::fs::write(dir.join(FILE), thread.replace('\n', "") + "\n").unwrap();
        let texts = load(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let got: Vec<(&str, bool, &str)> = texts
            .iter()
            .map(|t| (t.text.as_str(), t.machine, t.group.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Shipped a new feature today & it works", false, "t1"),
                ("What a game-changer! Love it", true, "t1"),
                ("thanks, I guess", false, "t1"),
            ]
        );
        let generators: Vec<Option<&str>> = texts.iter().map(|t| t.generator.as_deref()).collect();
        assert_eq!(generators, [None, Some(GENERATOR), None]);
    }

    #[test]
    fn only_clean_posts_collected_from_x_are_kept() {
        let dir = std::env::temp_dir().join(format!("chaff-janitr-clean-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("janitr")).unwrap();
        let lines = [
            r#"{"id":"1","text":"@friend so focused &amp; happy\n\ntoday","labels":["clean","topic_sports"]}"#,
            r#"{"id":"2","text":"FREE airdrop, claim now","labels":["topic_crypto","scam","spam"]}"#,
            r#"{"id":"3","text":"JOIN US AT THE SUMMIT","labels":["clean","promo"]}"#,
            r#"{"id":"4","text":"I wonder how big the bags are","labels":["topic_crypto"]}"#,
            r#"{"id":"x_0737","source_id":"clean_batch_01","text":"Just finished my morning run!","labels":["clean"]}"#,
            r#"{"id":"5","source_id":"5","text":"thank fuck that's over","labels":["clean","profanity"]}"#,
            r#"{"id":"6","text":"so focused & happy today","labels":["clean"]}"#,
        ];
        std::fs::write(dir.join(SAMPLE_FILE), lines.join("\n")).unwrap();
        let texts = load_clean_posts(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let got: Vec<(&str, bool, &str, Option<&str>)> =
            texts.iter().map(|t| (t.text.as_str(), t.machine, t.group.as_str(), t.generator.as_deref())).collect();
        assert_eq!(got, [("so focused & happy today", false, "1", None), ("thank fuck that's over", false, "5", None)]);
    }
}

#[cfg(test)]
mod load_tests {
    use super::*;

    #[test]
    fn the_shared_sample_yields_hundreds_of_clean_posts() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
        if !data.join(SAMPLE_FILE).exists() {
            eprintln!("skipped: {} not found", data.join(SAMPLE_FILE).display());
            return;
        }
        let texts = load_clean_posts(&data).unwrap();
        assert!((800..=965).contains(&texts.len()), "{} clean posts", texts.len());
        assert!(texts.iter().all(|t| !t.machine && t.generator.is_none() && !t.text.contains('\n')));
    }
}
