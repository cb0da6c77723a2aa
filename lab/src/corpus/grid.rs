//! GriD Reddit comments (../shared/data/grid/reddit_human_vs_gpt35.csv): human answers vs
//! GPT-3.5 answers from r/AskHistorians, r/askscience and r/explainlikeimfive.
//!
//! Design: every body is rendered to the text a page shows (`render::page_text`): the raw
//! markdown leaks the label (SOURCES.md). Near-identical texts are one group: the group key is
//! the first `GROUP_KEY_WORDS` words, lower-cased, and only the first text of a group is kept.
//! That drops exact duplicates and the AskHistorians moderator removal notices, which repeat
//! the same template with small edits, so no template sits on both sides of the split.

use std::collections::HashSet;
use std::path::Path;

use super::render::page_text;
use crate::train::LabelledText;

/// Leading words that identify a text's near-duplicate group. Eight words catch the removal
/// notice templates ("Sorry, but we have removed your response, as …") while distinct answers
/// practically never share their first eight words.
const GROUP_KEY_WORDS: usize = 8;

pub const FILE: &str = "grid/reddit_human_vs_gpt35.csv";

/// Loads the corpus: rendered text, `machine` = label 1, group = leading-words key.
pub fn load(data_dir: &Path) -> Result<Vec<LabelledText>, String> {
    let path = data_dir.join(FILE);
    let raw = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let records = csv_records(&raw, b',');
    let mut header = records
        .first()
        .ok_or("empty file")?
        .iter()
        .map(String::as_str);
    if header.next() != Some("Data") || header.next() != Some("Labels") {
        return Err(format!(
            "{}: expected the header Data,Labels",
            path.display()
        ));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, record) in records.iter().enumerate().skip(1) {
        let [data, label] = record.as_slice() else {
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

/// RFC 4180 records: quoted fields may hold the delimiter, line breaks and doubled quotes.
/// Also used for TweepFake's `;`-separated files. A trailing line break ends a record; a
/// carriage return before it is dropped.
pub fn csv_records(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    let bytes = text.as_bytes();
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field: Vec<u8> = Vec::new();
    let mut in_quotes = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_quotes {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    field.push(b'"');
                    i += 1;
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(b);
            }
        } else if b == b'"' && field.is_empty() {
            in_quotes = true;
        } else if b == delimiter {
            record.push(String::from_utf8_lossy(&field).into_owned());
            field.clear();
        } else if b == b'\n' {
            if field.last() == Some(&b'\r') {
                field.pop();
            }
            record.push(String::from_utf8_lossy(&field).into_owned());
            field.clear();
            records.push(std::mem::take(&mut record));
        } else {
            field.push(b);
        }
        i += 1;
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(String::from_utf8_lossy(&field).into_owned());
        records.push(record);
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_may_quote_delimiters_line_breaks_and_quotes() {
        let r = csv_records("a,b\n\"x, \"\"y\"\"\nz\",1\r\nlast,0", b',');
        assert_eq!(
            r,
            vec![vec!["a", "b"], vec!["x, \"y\"\nz", "1"], vec!["last", "0"]]
        );
    }

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
        let csv = "Data,Labels\n\
            \"See [the rules](https://x.y/z) and *this*.\n\nSecond paragraph\",0\n\
            \"Sorry, but we have removed your response, as we expect answers to be in-depth\",0\n\
            \"Sorry, but we have removed your response, as it does not speak to the question\",0\n\
            The printing press changed literacy in several important ways.,1\n";
        std::fs::write(dir.join(FILE), csv).unwrap();
        let texts = load(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
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
                    "The printing press changed literacy in several important ways.",
                    true
                ),
            ]
        );
    }
}
