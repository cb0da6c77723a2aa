//! Glimpse "writing" data (../shared/data/glimpse, see its README.md): WritingPrompts stories
//! (prompt + human story) against continuations of the same opening by five 2024 models, one
//! file per model, `{"original": [human …], "sampled": [AI …]}`.
//!
//! Design:
//! - Human rows: the same 150 stories sit at the same index in all five files, each cut to a
//!   different length, so one text is kept per index (the longest, the earliest file on a tie).
//! - Groups: by prompt, the first `PROMPT_KEY_WORDS` words of the human row, lower-cased (143
//!   distinct prompts for 150 stories: a few prompts have two stories). Every AI row i of every
//!   file takes the group of human row i, so a story, the five continuations of its opening and
//!   any other story of its prompt lie on one side of the split.
//! - The shared opening: each model was given the first ~30 tokens of the human row and its
//!   reply repeats them (median 23 identical words), so those words are human-written on both
//!   sides. The longest common word prefix of an AI row and its file's human row is stripped
//!   from the AI row, leaving the model's own words. The human row loses its opening too (the
//!   longest such prefix over the five files): it is mostly the prompt, another person's words
//!   with WritingPrompts tags ("[ WP ]") that would otherwise open human rows only, and cutting
//!   both sides at the same place means neither side alone starts mid-sentence.
//! - Whitespace is collapsed in every row before comparing or keeping: human rows had their
//!   line breaks collapsed by the dataset's builder while AI rows kept them (a label leak).
//!   Lengths are matched by construction, so length carries no signal here.

use std::path::Path;

use serde::Deserialize;

use super::render::collapse_whitespace;
use crate::train::LabelledText;

pub const DIR: &str = "glimpse";

/// File (under `DIR`) and generator name.
pub const FILES: [(&str, &str); 5] = [
    ("writing_gpt-3.5-turbo.raw_data.json", "glimpse-gpt-3.5-turbo"),
    ("writing_gpt-4.raw_data.json", "glimpse-gpt-4"),
    ("writing_claude-3-sonnet-20240229.raw_data.json", "glimpse-claude-3-sonnet"),
    ("writing_claude-3-opus-20240229.raw_data.json", "glimpse-claude-3-opus"),
    ("writing_gemini-1.5-pro.raw_data.json", "glimpse-gemini-1.5-pro"),
];

/// Leading words of a human row that identify its prompt.
const PROMPT_KEY_WORDS: usize = 20;

#[derive(Deserialize)]
struct Pairs {
    original: Vec<String>,
    sampled: Vec<String>,
}

/// One file's rows, whitespace collapsed, with its generator.
struct File {
    generator: &'static str,
    original: Vec<String>,
    sampled: Vec<String>,
}

pub fn load(data_dir: &Path) -> Result<Vec<LabelledText>, String> {
    let mut files = Vec::new();
    for (name, generator) in FILES {
        let path = data_dir.join(DIR).join(name);
        let raw = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let pairs: Pairs = serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", path.display()))?;
        if pairs.original.len() != pairs.sampled.len() {
            return Err(format!(
                "{}: {} original rows for {} sampled",
                path.display(),
                pairs.original.len(),
                pairs.sampled.len()
            ));
        }
        files.push(File {
            generator,
            original: pairs.original.iter().map(|t| collapse_whitespace(t)).collect(),
            sampled: pairs.sampled.iter().map(|t| collapse_whitespace(t)).collect(),
        });
    }
    Ok(prepare(&files))
}

/// Human rows (one per index) and AI rows of files whose index i is the same story.
fn prepare(files: &[File]) -> Vec<LabelledText> {
    let rows = files.iter().map(|f| f.original.len()).min().unwrap_or(0);
    let mut human = Vec::new();
    let mut machine = Vec::new();
    for i in 0..rows {
        let story = files.iter().map(|f| f.original[i].as_str()).fold("", |best, t| {
            if word_count(t) > word_count(best) {
                t
            } else {
                best
            }
        });
        let group = prompt_key(story);
        let mut opening = 0;
        for f in files {
            let shared = common_word_prefix(&f.original[i], &f.sampled[i]);
            opening = opening.max(shared);
            let own = words_after(&f.sampled[i], shared);
            if !own.is_empty() {
                machine.push(LabelledText {
                    text: own,
                    machine: true,
                    group: group.clone(),
                    generator: Some(f.generator.to_string()),
                });
            }
        }
        let text = words_after(story, opening);
        if !text.is_empty() {
            human.push(LabelledText { text, machine: false, group, generator: None });
        }
    }
    human.extend(machine);
    human
}

fn word_count(text: &str) -> usize {
    text.split(' ').filter(|w| !w.is_empty()).count()
}

/// The group of a story: its prompt's leading words, lower-cased.
fn prompt_key(story: &str) -> String {
    let words: Vec<String> = story.split_whitespace().take(PROMPT_KEY_WORDS).map(str::to_lowercase).collect();
    format!("glimpse:{}", words.join(" "))
}

/// How many leading words two whitespace-collapsed texts share.
fn common_word_prefix(a: &str, b: &str) -> usize {
    a.split_whitespace().zip(b.split_whitespace()).take_while(|(x, y)| x == y).count()
}

/// The text from its word `skip` on.
fn words_after(text: &str, skip: usize) -> String {
    text.split_whitespace().skip(skip).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(generator: &'static str, original: &[&str], sampled: &[&str]) -> File {
        File {
            generator,
            original: original.iter().map(|t| collapse_whitespace(t)).collect(),
            sampled: sampled.iter().map(|t| collapse_whitespace(t)).collect(),
        }
    }

    #[test]
    fn the_shared_opening_is_stripped_and_each_story_kept_once() {
        let files = [
            file(
                "a",
                &["[ WP ] Dragons are real. I fed one", "You find a door. It opens"],
                &["[ WP ] Dragons are real.\n\nThe beast roared at dawn.", "You find a key. It glows"],
            ),
            file(
                "b",
                &["[ WP ] Dragons are real. I fed one every day for years", "You find a door. It opens onto sea"],
                &["[ WP ] Dragons are real. I fed one\nwith care.", "You find a door. It opens wide"],
            ),
        ];
        let texts = prepare(&files);
        let got: Vec<(&str, bool, Option<&str>)> =
            texts.iter().map(|t| (t.text.as_str(), t.machine, t.generator.as_deref())).collect();
        assert_eq!(
            got,
            [
                // The longest human row of each index, without the opening the models were given.
                ("every day for years", false, None),
                ("onto sea", false, None),
                ("The beast roared at dawn.", true, Some("a")),
                ("with care.", true, Some("b")),
                ("key. It glows", true, Some("a")),
                ("wide", true, Some("b")),
            ]
        );
        let story = |i: usize| prompt_key(&files[1].original[i]);
        assert!(texts[..2].iter().zip([story(0), story(1)]).all(|(t, g)| t.group == g));
        assert!(texts[2..4].iter().all(|t| t.group == story(0)));
        assert!(texts[4..].iter().all(|t| t.group == story(1)));
    }

    #[test]
    fn stories_of_one_prompt_share_a_group() {
        let prompt = "[ WP ] ".to_string() + &"word ".repeat(PROMPT_KEY_WORDS);
        assert_eq!(prompt_key(&format!("{prompt} one story")), prompt_key(&format!("{prompt} another")));
        assert_ne!(prompt_key("[ WP ] A short prompt. Story one"), prompt_key("[ WP ] A short prompt. Story two"));
    }
}

#[cfg(test)]
mod load_tests {
    use super::*;

    #[test]
    fn the_shared_corpus_loads_one_story_per_index() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
        if !data.join(DIR).exists() {
            eprintln!("skipped: {} not found", data.join(DIR).display());
            return;
        }
        let texts = load(&data).unwrap();
        assert_eq!(texts.iter().filter(|t| !t.machine).count(), 150);
        assert_eq!(texts.iter().filter(|t| t.machine).count(), 750);
        let humans: std::collections::HashSet<&str> =
            texts.iter().filter(|t| !t.machine).map(|t| t.group.as_str()).collect();
        assert!(texts.iter().all(|t| humans.contains(t.group.as_str()) && !t.text.contains('\n')));
    }
}
