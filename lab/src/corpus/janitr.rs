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

use std::path::Path;

use serde::Deserialize;

use chaff::ai::author_text;

use super::render::plain_text;
use crate::train::LabelledText;

pub const FILE: &str = "janitr/replies.jsonl";

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
    }
}
