//! English stop words: never named as markers, and counted to tell English from other
//! languages.
//!
//! Design: the NLTK English stop-word list (Bird, Klein & Loper, NLTK 3; 179 words) with the
//! contraction spellings social-media text uses without apostrophes ("dont", "im") and a few
//! informal function words ("gonna", "u"), sorted for binary search. Words are compared after
//! the tokenizer's lower-casing and apostrophe straightening.

/// Sorted (checked by a test), lower case, straight apostrophes.
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

/// Whether `word` (lower case) is an English stop word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// The list's own copy of a stop word, so a caller can keep it without allocating.
pub fn stop_word(word: &str) -> Option<&'static str> {
    STOP_WORDS.binary_search(&word).ok().map(|i| STOP_WORDS[i])
}

/// Spellings on the stop list that Spanish, German, French or Italian also use as words
/// ("a", "no", "me", "in", "was", "will"...), or that are contraction fragments: they do not
/// tell English apart.
const SHARED_WITH_OTHER_LANGUAGES: &[&str] = &[
    "a", "ain", "am", "an", "d", "don", "i", "in", "ll", "m", "ma", "me", "no", "o", "re", "s",
    "so", "t", "u", "ve", "was", "will", "y",
];

/// Function words that mark English text.
pub fn is_function_word(word: &str) -> bool {
    is_stop_word(word) && !SHARED_WITH_OTHER_LANGUAGES.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_unique_so_binary_search_works() {
        assert!(
            STOP_WORDS.windows(2).all(|p| p[0] < p[1]),
            "{:?}",
            STOP_WORDS.windows(2).find(|p| p[0] >= p[1])
        );
    }

    #[test]
    fn stop_words_and_content_words() {
        for w in ["the", "it's", "dont", "yourselves", "a"] {
            assert!(is_stop_word(w), "{w}");
        }
        for w in ["delve", "tapestry", "garage"] {
            assert!(!is_stop_word(w), "{w}");
        }
    }
}
