//! GriD Reddit comments (../shared/data/grid/reddit_human_vs_gpt35.csv): human answers vs
//! GPT-3.5 answers from r/AskHistorians, r/askscience and r/explainlikeimfive.
//!
//! Design: the file is comma-separated CSV with CRLF records and LF line breaks inside
//! quoted bodies, read with the `csv` crate (`csv_reader`). Every body is rendered to the
//! text a page shows (`render::page_text`): the raw markdown leaks the label (SOURCES.md).
//! Near-identical texts are one group: the group key is the first `GROUP_KEY_WORDS` words,
//! lower-cased, and only the first text of a group is kept. That drops exact duplicates and
//! the AskHistorians moderator removal notices, which repeat the same template with small
//! edits, so no template sits on both sides of the split.

use std::collections::HashSet;
use std::path::Path;

use super::csv_reader;
use super::render::page_text;
use crate::train::LabelledText;

/// Leading words that identify a text's near-duplicate group. Eight words catch the removal
/// notice templates ("Sorry, but we have removed your response, as …") while distinct answers
/// practically never share their first eight words.
const GROUP_KEY_WORDS: usize = 8;

pub const FILE: &str = "grid/reddit_human_vs_gpt35.csv";

/// The generator of GriD's machine answers.
pub const GENERATOR: &str = "gpt-3.5";

/// Loads the corpus: rendered text, `machine` = label 1, group = leading-words key.
pub fn load(data_dir: &Path) -> Result<Vec<LabelledText>, String> {
    let path = data_dir.join(FILE);
    let raw = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut reader = csv_reader(&raw, b',');
    let header = reader.headers().map_err(|e| format!("{}: {e}", path.display()))?;
    if header.is_empty() {
        return Err("empty file".to_string());
    }
    if header.get(0) != Some("Data") || header.get(1) != Some("Labels") {
        return Err(format!(
            "{}: expected the header Data,Labels",
            path.display()
        ));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let i = i + 1;
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        let fields: Vec<&str> = record.iter().collect();
        let [data, label] = fields.as_slice() else {
            return Err(format!(
                "{}: record {i} has {} fields",
                path.display(),
                record.len()
            ));
        };
        let machine = match label.trim() {
            "0" => false,
            "1" => true,
            other => return Err(format!("{}: record {i}: label {other:?}", path.display())),
        };
        let text = page_text(data);
        let group = group_key(&text);
        if text.is_empty() || !seen.insert(group.clone()) {
            continue;
        }
        out.push(LabelledText {
            text,
            machine,
            group,
            generator: machine.then(|| GENERATOR.to_string()),
        });
    }
    Ok(out)
}

fn group_key(text: &str) -> String {
    let words: Vec<String> = text
        .split_whitespace()
        .take(GROUP_KEY_WORDS)
        .map(str::to_lowercase)
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removal_notice_variants_share_a_group() {
        let a = "Sorry, but we have removed your response, as we expect answers to be in-depth";
        let b = "Sorry, but we have removed your response, as it does not speak to the question";
        assert_eq!(group_key(a), group_key(b));
        assert_ne!(
            group_key(a),
            group_key("An entirely different answer about medieval hell and its visions")
        );
    }
}

#[cfg(test)]
mod load_tests {
    use super::*;

    #[test]
    fn bodies_are_rendered_and_near_duplicate_notices_kept_once() {
        let dir = std::env::temp_dir().join(format!("chaff-grid-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("grid")).unwrap();
        let csv = "Data,Labels\r\n\
            \"See [the rules](https://x.y/z) and *this*.\n\nSecond paragraph\",0\r\n\
            \"Sorry, but we have removed your response, as we expect answers to be in-depth\",0\r\n\
            \"Sorry, but we have removed your response, as it does not speak to the question\",0\r\n\
            \"The \"\"printing press\"\" changed literacy in several important ways.\",1\r\n";
        std::fs::write(dir.join(FILE), csv).unwrap();
        let texts = load(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(texts.iter().all(|t| t.generator.as_deref() == t.machine.then_some(GENERATOR)));
        let got: Vec<(&str, bool)> = texts.iter().map(|t| (t.text.as_str(), t.machine)).collect();
        assert_eq!(
            got,
            [
                ("See the rules and this. Second paragraph", false),
                (
                    "Sorry, but we have removed your response, as we expect answers to be in-depth",
                    false
                ),
                (
                    "The \"printing press\" changed literacy in several important ways.",
                    true
                ),
            ]
        );
    }
}
