//! English stop words: never named as markers, and counted to tell English from other
//! languages.
//!
//! Design: the NLTK English stop-word list (Bird, Klein & Loper, NLTK 3; 179 words) with the
//! contraction spellings social-media text uses without apostrophes ("dont", "im") and a few
//! informal function words ("gonna", "u"). Words are compared after the tokenizer's lower-casing
//! and apostrophe straightening.
//!
//! Lookup is by the word's unigram feature key (`features::feature_key(WORD, word)`), which the
//! tokenizer computes for every word anyway: an open-addressing table built at compile time maps
//! the key to the list entry, and one comparison of the word confirms it. A binary search over
//! the strings cost about eight string comparisons a word, 5–8% of `chaff score` (see
//! docs/performance.md); the table also records, per entry, whether the word tells English
//! apart, so the language check needs no second lookup.

/// Sorted and unique (checked by a test, so a duplicate cannot hide), lower case, straight
/// apostrophes.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "ain",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "aren",
    "aren't",
    "arent",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cant",
    "couldn",
    "couldn't",
    "d",
    "did",
    "didn",
    "didn't",
    "didnt",
    "do",
    "does",
    "doesn",
    "doesn't",
    "doesnt",
    "doing",
    "don",
    "don't",
    "dont",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "gonna",
    "had",
    "hadn",
    "hadn't",
    "has",
    "hasn",
    "hasn't",
    "have",
    "haven",
    "haven't",
    "having",
    "he",
    "he's",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "i'd",
    "i'll",
    "i'm",
    "i've",
    "if",
    "im",
    "in",
    "into",
    "is",
    "isn",
    "isn't",
    "isnt",
    "it",
    "it'd",
    "it'll",
    "it's",
    "its",
    "itself",
    "ive",
    "just",
    "ll",
    "m",
    "ma",
    "me",
    "mightn",
    "mightn't",
    "more",
    "most",
    "mustn",
    "mustn't",
    "my",
    "myself",
    "needn",
    "needn't",
    "no",
    "nor",
    "not",
    "now",
    "o",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "re",
    "s",
    "same",
    "shan",
    "shan't",
    "she",
    "she's",
    "should",
    "should've",
    "shouldn",
    "shouldn't",
    "so",
    "some",
    "such",
    "t",
    "than",
    "that",
    "that'll",
    "that's",
    "thats",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "these",
    "they",
    "they'd",
    "they'll",
    "they're",
    "they've",
    "this",
    "those",
    "through",
    "to",
    "too",
    "u",
    "under",
    "until",
    "up",
    "ve",
    "very",
    "was",
    "wasn",
    "wasn't",
    "we",
    "we'd",
    "we'll",
    "we're",
    "we've",
    "were",
    "weren",
    "weren't",
    "what",
    "what's",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "won",
    "won't",
    "wont",
    "wouldn",
    "wouldn't",
    "y",
    "you",
    "you'd",
    "you'll",
    "you're",
    "you've",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Spellings on the stop list that Spanish, German, French or Italian also use as words
/// ("a", "no", "me", "in", "was", "will"...), or that are contraction fragments: they do not
/// tell English apart.
const SHARED_WITH_OTHER_LANGUAGES: &[&str] = &[
    "a", "ain", "am", "an", "d", "don", "i", "in", "ll", "m", "ma", "me", "no", "o", "re", "s",
    "so", "t", "u", "ve", "was", "will", "y",
];

/// A stop word as the table finds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StopWord {
    /// The list's own copy, so a caller can keep it without allocating.
    pub text: &'static str,
    /// A function word that marks English text (not one of `SHARED_WITH_OTHER_LANGUAGES`).
    pub marks_english: bool,
}

// The FNV-1a 64 parameters of `crate::hash::Fnv1a`, repeated because the table is built in a
// const context where that type's methods cannot run; a test checks the keys agree.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// `features::feature_key(features::WORD, word)`, computable at compile time.
const fn word_key(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let mut hash = (FNV_OFFSET ^ b'w' as u64).wrapping_mul(FNV_PRIME);
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u64).wrapping_mul(FNV_PRIME);
        i += 1;
    }
    hash
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Slots of the table: a power of two, a little over twice the list, so a probe sequence is
/// mostly one slot long.
const SLOT_BITS: u32 = 9;
const SLOTS: usize = 1 << SLOT_BITS;

/// A key's first slot, from its high bits (FNV-1a's low bits mix the last bytes least).
const fn first_slot(key: u64) -> usize {
    (key >> (64 - SLOT_BITS)) as usize
}

/// Per list word, in list order: whether it marks English. The keys themselves are not kept:
/// they would add 3 KB of incompressible bytes to the content script's WASM (its budget is
/// within 3 KB), and comparing the word (its length first) is as cheap.
const MARKS_ENGLISH: [bool; STOP_WORDS.len()] = {
    let mut marks = [false; STOP_WORDS.len()];
    let mut i = 0;
    while i < STOP_WORDS.len() {
        let mut shared = false;
        let mut j = 0;
        while j < SHARED_WITH_OTHER_LANGUAGES.len() {
            shared |= same(STOP_WORDS[i], SHARED_WITH_OTHER_LANGUAGES[j]);
            j += 1;
        }
        marks[i] = !shared;
        i += 1;
    }
    marks
};

/// Open addressing with linear probing: a slot holds 1 + the list index of a word, 0 when empty.
const TABLE: [u8; SLOTS] = {
    assert!(STOP_WORDS.len() < u8::MAX as usize && STOP_WORDS.len() * 2 < SLOTS);
    let mut table = [0u8; SLOTS];
    let mut i = 0;
    while i < STOP_WORDS.len() {
        let mut slot = first_slot(word_key(STOP_WORDS[i]));
        while table[slot] != 0 {
            slot = (slot + 1) % SLOTS;
        }
        table[slot] = (i + 1) as u8;
        i += 1;
    }
    table
};

/// The stop word `word` (lower case) is, given its unigram feature key `key`.
pub fn lookup(word: &str, key: u64) -> Option<StopWord> {
    let mut slot = first_slot(key);
    loop {
        let index = usize::from(TABLE[slot]).checked_sub(1)?;
        if STOP_WORDS[index] == word {
            return Some(StopWord { text: STOP_WORDS[index], marks_english: MARKS_ENGLISH[index] });
        }
        slot = (slot + 1) % SLOTS;
    }
}

/// Whether `word` (lower case) is an English stop word.
pub fn is_stop_word(word: &str) -> bool {
    lookup(word, word_key(word)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_unique() {
        assert!(
            STOP_WORDS.windows(2).all(|p| p[0] < p[1]),
            "{:?}",
            STOP_WORDS.windows(2).find(|p| p[0] >= p[1])
        );
    }

    #[test]
    fn the_table_keys_are_the_word_feature_keys_and_find_every_listed_word() {
        use crate::ai::features::{feature_key, WORD};
        for word in STOP_WORDS {
            assert_eq!(word_key(word), feature_key(WORD, word), "{word}");
            let found = lookup(word, feature_key(WORD, word)).unwrap();
            assert_eq!(found.text, *word);
            assert_eq!(found.marks_english, !SHARED_WITH_OTHER_LANGUAGES.contains(word), "{word}");
        }
    }

    #[test]
    fn stop_words_and_content_words() {
        for w in ["the", "it's", "dont", "yourselves", "a"] {
            assert!(is_stop_word(w), "{w}");
        }
        for w in ["delve", "tapestry", "garage", "", "the ", "The", "thee"] {
            assert!(!is_stop_word(w), "{w}");
        }
    }

    #[test]
    fn a_word_whose_key_lands_on_a_stop_words_slot_is_still_told_apart() {
        // The same key with another spelling: only the comparison of the word can reject it.
        assert_eq!(lookup("tha", word_key("the")), None);
        assert!(!lookup("was", word_key("was")).unwrap().marks_english);
        assert!(lookup("the", word_key("the")).unwrap().marks_english);
    }
}
