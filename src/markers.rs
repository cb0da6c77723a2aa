//! The reader's own markers: words or phrases the reader asked chaff to mark ("delve", a slogan
//! they are tired of, an em dash).
//!
//! Design: a phrase is matched through the same normalization as fingerprints, as a run of whole
//! words of the post's fingerprint form, so look-alike letters, zero-width characters, leetspeak
//! and case do not dodge it ("d\u{200B}еlve", "DELVE" and "d3lve" all match "delve") while "delve"
//! does not match inside "delved"… unless the reader writes that form too. A phrase without a
//! letter or digit (an em dash, "!!!") has no fingerprint form; it is matched as written, after
//! Unicode compatibility folding. Phrases are compiled once per settings change, posts once each.

use unicode_normalization::UnicodeNormalization;

use crate::normalize::fingerprint_form;

/// At most this many phrases are kept, each at most `MAX_PHRASE_CHARS` long: a list to read,
/// not a filter to tune.
pub const MAX_PHRASES: usize = 200;
pub const MAX_PHRASE_CHARS: usize = 100;

enum Pattern {
    /// The phrase's fingerprint form, as words.
    Words(Vec<String>),
    /// A phrase of symbols alone, NFKC-folded.
    Symbols(String),
}

/// The reader's phrases, ready to match.
pub struct Markers {
    phrases: Vec<(String, Pattern)>,
}

impl Markers {
    pub fn new(phrases: &[String]) -> Markers {
        let phrases = phrases
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty() && p.chars().count() <= MAX_PHRASE_CHARS)
            .take(MAX_PHRASES)
            .map(|phrase| {
                let form = fingerprint_form(phrase);
                let pattern = if form.is_empty() {
                    Pattern::Symbols(phrase.nfkc().collect())
                } else {
                    Pattern::Words(form.split(' ').map(str::to_string).collect())
                };
                (phrase.to_string(), pattern)
            })
            .collect();
        Markers { phrases }
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The first phrase (as the reader wrote it) that `text` contains, if any.
    pub fn find(&self, text: &str) -> Option<&str> {
        if self.phrases.is_empty() {
            return None;
        }
        let form = fingerprint_form(text);
        let words: Vec<&str> = form.split(' ').filter(|w| !w.is_empty()).collect();
        let mut folded: Option<String> = None;
        self.phrases.iter().find_map(|(phrase, pattern)| {
            let found = match pattern {
                Pattern::Words(wanted) => {
                    !wanted.is_empty()
                        && words.windows(wanted.len()).any(|run| run.iter().zip(wanted).all(|(a, b)| *a == b))
                }
                Pattern::Symbols(symbols) => {
                    folded.get_or_insert_with(|| text.nfkc().collect::<String>()).contains(symbols.as_str())
                }
            };
            found.then_some(phrase.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers(phrases: &[&str]) -> Markers {
        Markers::new(&phrases.iter().map(|p| p.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn evasions_do_not_dodge_a_marker() {
        let m = markers(&["delve", "free money"]);
        for text in ["Let us delve into it", "Let us DELVE into it", "let us d\u{200B}еlve in", "get FR33 m0ney now"] {
            assert!(m.find(text).is_some(), "{text}");
        }
        assert_eq!(m.find("get free money now"), Some("free money"));
    }

    #[test]
    fn words_match_whole_and_phrases_in_order() {
        let m = markers(&["delve", "free money"]);
        assert_eq!(m.find("she delved into it"), None, "not inside another word");
        assert_eq!(m.find("money for free"), None, "a phrase's words in its order");
    }

    #[test]
    fn a_phrase_of_symbols_is_matched_as_written() {
        let m = markers(&["—"]);
        assert_eq!(m.find("It is not X — it is Y"), Some("—"));
        assert_eq!(m.find("It is not X - it is Y"), None);
    }

    #[test]
    fn empty_and_overlong_phrases_are_left_out() {
        let long = "x".repeat(MAX_PHRASE_CHARS + 1);
        let m = markers(&["", "   ", &long]);
        assert!(m.is_empty());
    }
}
