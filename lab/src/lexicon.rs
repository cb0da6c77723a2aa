//! The published vocabulary of machine-written text (../shared/lexicons), as the set of words and
//! phrases an explanation may quote.
//!
//! Design: the model learns its weights from labelled text, and some of what it learns is topic
//! (the subjects GriD's AI answers happened to cover: "soviet", "historical"). Naming such a word
//! to a reader as machine vocabulary is false. So the model file marks the features that these
//! lists name, and the core quotes only those, and only when the model also learned a real
//! weight for them on social-media text (a list alone scores poorly there: single common words
//! must not flag a post). Fiction-only lists of single words (character names, "shadows") are
//! left out: on Reddit and X those are topics, not style. Sources:
//! - Kobak et al. 2024, "Delving into ChatGPT usage in academic writing through excess
//!   vocabulary": the words typed `style` in `kobak_excess_words.csv` (its `content` words are
//!   topics).
//! - sam-paech/antislop-sampler: `antislop_slop_phrase_prob_adjustments.json` (words and
//!   phrases) and `antislop_slop_phrases_*.json` (phrases of two or more words).
//! - sam-paech/slop-forensics: `slopforensics_slop_list_bigrams.json`.
//! - Liang et al. 2024 (arXiv 2403.07183): "commendable", "meticulous", "intricate", 9.8×, 34.7×
//!   and 11.2× more frequent in ICLR 2024 reviews than before ChatGPT.

use std::collections::HashSet;
use std::path::Path;

use chaff::ai::features::{BIGRAM, WORD};
use chaff::ai::is_stop_word;

/// Liang et al. 2024's three words, quoted in SOURCES of the lexicons (not in a file).
const LIANG_2024: [&str; 3] = ["commendable", "meticulous", "intricate"];

/// Words and two-word phrases, lower case.
#[derive(Debug, Default)]
pub struct Lexicon {
    words: HashSet<String>,
    bigrams: HashSet<String>,
}

impl Lexicon {
    /// Reads the lists under `dir`; a missing or unreadable list is an error, so a model is never
    /// trained with fewer markers than its provenance says.
    pub fn load(dir: &Path) -> Result<Lexicon, String> {
        let read = |name: &str| std::fs::read_to_string(dir.join(name)).map_err(|e| format!("{name}: {e}"));
        let mut lexicon = Lexicon::default();
        for word in LIANG_2024 {
            lexicon.add(word);
        }
        let kobak = read("kobak_excess_words.csv")?;
        let mut records = csv::Reader::from_reader(kobak.as_bytes());
        for record in records.records() {
            let record = record.map_err(|e| format!("kobak_excess_words.csv: {e}"))?;
            if record.get(2) == Some("style") {
                lexicon.add(record.get(1).unwrap_or(""));
            }
        }
        for entry in json_entries(&read("antislop_slop_phrase_prob_adjustments.json")?, "antislop adjustments")? {
            lexicon.add(&entry);
        }
        for (name, file) in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            (name.starts_with("antislop_slop_phrases_") && name.ends_with(".json")).then(|| (name.clone(), name))
        }) {
            for phrase in json_entries(&read(&file)?, &name)? {
                if phrase.split_whitespace().count() >= 2 {
                    lexicon.add(&phrase);
                }
            }
        }
        for bigram in json_entries(&read("slopforensics_slop_list_bigrams.json")?, "slop-forensics bigrams")? {
            lexicon.add(&bigram);
        }
        Ok(lexicon)
    }

    fn add(&mut self, entry: &str) {
        let words: Vec<String> = entry.split_whitespace().map(str::to_lowercase).collect();
        match words.as_slice() {
            [] => {}
            [word] => {
                self.words.insert(word.clone());
            }
            many => {
                for pair in many.windows(2) {
                    // A phrase's content pairs, not "of the": at least one word must carry meaning.
                    if !(is_stop_word(&pair[0]) && is_stop_word(&pair[1])) {
                        self.bigrams.insert(format!("{} {}", pair[0], pair[1]));
                    }
                }
            }
        }
    }

    /// Whether a model feature (`family`, `name`) is published marker vocabulary: a listed
    /// word, a listed pair of words, or a pair holding a listed word ("delve into").
    pub fn is_marker(&self, family: u8, name: &str) -> bool {
        match family {
            WORD => self.words.contains(name),
            BIGRAM => {
                self.bigrams.contains(name)
                    || name.split(' ').any(|w| !is_stop_word(w) && self.words.contains(w))
            }
            _ => false,
        }
    }
}

/// The first string of each entry of a JSON list of lists (`[["delve", 0.03], …]`).
fn json_entries(text: &str, what: &str) -> Result<Vec<String>, String> {
    let entries: Vec<Vec<serde_json::Value>> = serde_json::from_str(text).map_err(|e| format!("{what}: {e}"))?;
    Ok(entries.into_iter().filter_map(|e| e.first().and_then(|v| v.as_str()).map(str::to_string)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_words_and_pairs_are_markers_and_topic_words_are_not() {
        let mut lexicon = Lexicon::default();
        for entry in ["delve", "testament to", "took a deep breath", "at the heart of the matter", "commendable"] {
            lexicon.add(entry);
        }
        assert!(lexicon.is_marker(WORD, "delve"));
        assert!(lexicon.is_marker(BIGRAM, "delve into"), "a pair holding a listed word");
        assert!(lexicon.is_marker(BIGRAM, "deep breath"));
        assert!(!lexicon.is_marker(BIGRAM, "of the"), "stop-word pairs of a phrase are not markers");
        assert!(!lexicon.is_marker(WORD, "soviet"));
        assert!(!lexicon.is_marker(WORD, "testament"), "only the listed phrase, not its words alone");
    }

    #[test]
    fn json_lists_of_lists_are_read_by_their_first_string() {
        let entries = json_entries(r#"[["delve", 0.03], ["tapestry"], [1, "x"]]"#, "t").unwrap();
        assert_eq!(entries, ["delve", "tapestry"]);
        assert!(json_entries("{}", "t").is_err());
    }
}
