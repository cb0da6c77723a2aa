//! The features of the AI-text model, computed the same way at training time (`chaff-lab train`)
//! and in the page (`assess`), so a weight means the same thing in both places.
//!
//! Design: a post becomes a sparse vector of named features in five families — `w` word
//! unigrams, `b` word bigrams (within a sentence), `c` character 3–5-grams of the lower-cased
//! text, `f` function-word rhythm (2–4-grams of the post with every word outside the stop-word
//! list replaced by its shape, punctuation kept: "the _ of _ ,"), and `s` stylistic measures
//! (length, punctuation, capitalization, sentence shape, emoji, links). The rhythm family is
//! there because it cannot learn topic: it sees how a writer strings function words and
//! punctuation together, which is what carries from one generator and subject to the next. A
//! feature is identified by the FNV-1a hash of its family letter and name, so scoring needs no string allocation per n-gram (the content script has a ~50 µs budget)
//! and the model file stays readable (it stores the names). Each lexical family is scaled by
//! 1/sqrt(its item count), a cheap stand-in for L2 normalization that needs no per-post map:
//! long and short posts then weigh alike, which matters because GriD's machine answers and
//! human answers differ in length and the model must not learn length from counts alone.
//!
//! The text given here is already the author's own words as a page shows them (`author_text`):
//! no markdown marks, no quote lines, whitespace collapsed. Formatting is never a feature (raw
//! GriD formatting leaks the label: only its machine side keeps markdown syntax); line breaks
//! are gone by then.

use std::ops::RangeInclusive;

use unicode_properties::UnicodeEmoji;

use super::stopwords;
use crate::hash::Fnv1a;

/// Family letters, the first byte of every feature key.
pub const WORD: u8 = b'w';
pub const BIGRAM: u8 = b'b';
pub const CHARS: u8 = b'c';
pub const STYLE: u8 = b's';
pub const RHYTHM: u8 = b'f';

/// Character n-gram lengths. 3–5 is the usual range for tf-idf text classifiers (it reached
/// 0.996 AUROC on GriD here with words); shorter grams are mostly letters, longer
/// ones mostly whole words, which the word families already carry.
const CHAR_GRAM_SIZES: RangeInclusive<usize> = 3..=5;

/// How many of the last `STYLE_NAMES` are the detailed sentence-shape measures.
pub const SENTENCE_SHAPE_STYLE: usize = 8;

/// Function-word rhythm n-gram lengths: a pair is the smallest unit of rhythm ("of the", "_ ,");
/// beyond four tokens the grams are mostly unique to one text and never reach the model.
const RHYTHM_GRAM_SIZES: RangeInclusive<usize> = 2..=4;

/// Rhythm tokens of the words that are not stop words, by shape: their spelling would be topic.
const CONTENT_WORD: &str = "_";
const CAPITALIZED_WORD: &str = "C";
const SHOUTED_WORD: &str = "U";
const NUMBER: &str = "0";
const LINK: &str = "L";
const MENTION: &str = "@";
const EMOJI: &str = "E";

/// FNV-1a 64 over the family letter and the name: stable across platforms and releases,
/// unlike std's randomly seeded hasher.
pub fn feature_key(family: u8, name: &str) -> u64 {
    let mut hash = family_hasher(family);
    hash.write(name.as_bytes());
    hash.finish()
}

/// FNV-1a begun with a feature family's letter.
fn family_hasher(family: u8) -> Fnv1a {
    let mut hash = Fnv1a::new();
    hash.write_u8(family);
    hash
}

/// The names of the stylistic features, in the order `style_values` returns them. The last
/// `SENTENCE_SHAPE_STYLE` of them describe sentence shape and function-word use in more detail
/// (a model may leave them out: see `chaff-lab train`'s site configurations).
pub const STYLE_NAMES: [&str; 31] = [
    "length",
    "mean_sentence_words",
    "sentence_length_spread",
    "mean_word_letters",
    "distinct_word_share",
    "comma_rate",
    "exclamation_rate",
    "question_rate",
    "em_dash",
    "ellipsis",
    "repeated_punctuation",
    "colon_or_semicolon",
    "parentheses",
    "starts_capitalized",
    "ends_with_sentence_mark",
    "all_lower_case",
    "shouted_words",
    "capitalized_word_share",
    "lower_case_i",
    "emoji",
    "hashtag",
    "mention",
    "link",
    "function_word_share",
    "short_sentence_share",
    "long_sentence_share",
    "longest_sentence_share",
    "sentence_word_length_spread",
    "word_length_spread",
    "long_word_share",
    "contraction_share",
];

/// One word of a post: lower-cased, curly apostrophes made straight, inner hyphens kept; `sentence` counts the
/// sentence it belongs to, so bigrams never span a sentence break. Its text is a run of the post's
/// `char_source` (`Parsed::text`), which holds the same lower-cased characters, so parsing
/// allocates no string per word; what the features and the language check read of a word is
/// computed here once.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Byte range of the word in `Parsed::char_source`.
    pub start: usize,
    pub end: usize,
    pub sentence: u32,
    /// `feature_key(WORD, text)`: the unigram feature, and the stop-word table's key.
    pub key: u64,
    pub stop_word: bool,
    /// A function word that marks English (see `stopwords::StopWord`).
    pub marks_english: bool,
    /// Characters and alphabetic characters of the text.
    pub chars: u32,
    pub letters: u32,
}

/// A post broken into what the features read.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub words: Vec<Word>,
    /// Lower-cased text without links and mentions, for character n-grams.
    pub char_source: String,
    /// The post as function words, word shapes and punctuation marks, for the rhythm n-grams.
    pub rhythm: Vec<&'static str>,
    pub style: [f32; STYLE_NAMES.len()],
}

impl Parsed {
    /// The text of one of this post's words.
    pub fn text(&self, word: &Word) -> &str {
        &self.char_source[word.start..word.end]
    }
}

/// An emoji by Unicode's emoji property (unicode-properties' table); the ASCII digits, `#` and `*`
/// carry the property as keycap bases but are text on their own.
fn is_emoji(c: char) -> bool {
    !c.is_ascii() && c.is_emoji_char()
}

fn is_link(chunk: &str) -> bool {
    let lower = chunk.to_ascii_lowercase();
    lower.contains("://") || lower.starts_with("www.")
}

/// Splits an author's text into words, the character-gram source and stylistic measures.
pub fn parse(text: &str) -> Parsed {
    // About one word per five bytes of English: one allocation for most posts.
    let mut words: Vec<Word> = Vec::with_capacity(text.len() / 5);
    let mut char_source = String::with_capacity(text.len());
    let mut rhythm: Vec<&'static str> = Vec::new();
    let mut sentence: u32 = 0;
    let mut sentence_lengths: Vec<u32> = Vec::new();
    let mut words_in_sentence: u32 = 0;
    let mut counts = StyleCounts::default();

    for chunk in text.split_whitespace() {
        if is_link(chunk) {
            counts.links += 1;
            rhythm.push(LINK);
            continue;
        }
        if chunk.starts_with('@') && chunk.len() > 1 {
            counts.mentions += 1;
            rhythm.push(MENTION);
            continue;
        }
        if chunk.starts_with('#') && chunk.len() > 1 {
            counts.hashtags += 1;
        }
        if !char_source.is_empty() {
            char_source.push(' ');
        }
        // The word being read: its byte range in `char_source`, its upper-case letters and
        // characters as written.
        let mut current = WordSoFar::default();
        let mut chars = chunk.chars().peekable();
        while let Some(c) = chars.next() {
            // A phone keyboard types typographic quotes, a desktop one straight ones: the same
            // character either way, or the grams would tell the device (see MODEL.md).
            let c = match c {
                '’' | '‘' => '\'',
                '“' | '”' => '"',
                c => c,
            };
            let before = char_source.len();
            if c.is_ascii() {
                // Most characters: one byte, lower-cased without the Unicode case tables.
                char_source.push(c.to_ascii_lowercase());
            } else {
                char_source.extend(c.to_lowercase());
            }
            if c.is_alphanumeric() {
                if c.is_alphabetic() {
                    counts.letters += 1;
                    if c.is_uppercase() {
                        counts.upper_letters += 1;
                        current.raw_upper += 1;
                    }
                }
                current.raw_len += 1;
                current.start.get_or_insert(before);
                current.end = char_source.len();
            } else if (c == '\'' || c == '-')
                && current.start.is_some()
                && chars.peek().is_some_and(|n| n.is_alphanumeric())
            {
                // Apostrophes and hyphens inside a word keep it whole: "it's", "game-changer"
                // (a phrase the explanation should quote as written, not as "game").
                current.end = char_source.len();
            } else {
                end_word(&char_source, &mut current, sentence, &mut words, &mut words_in_sentence, &mut rhythm, &mut counts);
                push_mark(&mut rhythm, c);
                if matches!(c, '.' | '!' | '?' | ';' | ':' | '…') && words_in_sentence > 0 {
                    sentence_lengths.push(words_in_sentence);
                    words_in_sentence = 0;
                    sentence += 1;
                }
            }
        }
        end_word(&char_source, &mut current, sentence, &mut words, &mut words_in_sentence, &mut rhythm, &mut counts);
    }
    if words_in_sentence > 0 {
        sentence_lengths.push(words_in_sentence);
    }

    let style = style_values(text, &char_source, &words, &sentence_lengths, counts);
    Parsed {
        words,
        char_source,
        rhythm,
        style,
    }
}

/// A word while `parse` reads it.
#[derive(Default)]
struct WordSoFar {
    /// Where it starts in `char_source`; None before its first letter or digit.
    start: Option<usize>,
    end: usize,
    raw_upper: u32,
    raw_len: u32,
}

/// Ends the word being read, if any: counts its shape, adds its rhythm token and the word.
fn end_word(
    char_source: &str,
    current: &mut WordSoFar,
    sentence: u32,
    words: &mut Vec<Word>,
    words_in_sentence: &mut u32,
    rhythm: &mut Vec<&'static str>,
    counts: &mut StyleCounts,
) {
    let WordSoFar { start, end, raw_upper: upper, raw_len: len } = std::mem::take(current);
    let Some(start) = start else {
        return;
    };
    let read = &char_source[start..end];
    let trimmed = read.trim_matches('\'');
    if trimmed.is_empty() {
        return;
    }
    let start = start + (read.len() - read.trim_start_matches('\'').len());
    if len >= 2 && upper == len {
        counts.shouted += 1;
    } else if upper >= 1 {
        counts.capitalized += 1;
    }
    if trimmed == "i" && upper == 0 {
        counts.lower_i += 1;
    }
    let key = feature_key(WORD, trimmed);
    let stop_word = stopwords::lookup(trimmed, key);
    rhythm.push(if let Some(function_word) = stop_word {
        function_word.text
    } else if trimmed.bytes().any(|b| b.is_ascii_digit()) {
        NUMBER
    } else if len >= 2 && upper == len {
        SHOUTED_WORD
    } else if upper >= 1 {
        CAPITALIZED_WORD
    } else {
        CONTENT_WORD
    });
    let (mut chars, mut letters) = (0u32, 0u32);
    for c in trimmed.chars() {
        chars += 1;
        letters += u32::from(c.is_alphabetic());
    }
    words.push(Word {
        start,
        end: start + trimmed.len(),
        sentence,
        key,
        stop_word: stop_word.is_some(),
        marks_english: stop_word.is_some_and(|s| s.marks_english),
        chars,
        letters,
    });
    *words_in_sentence += 1;
}

/// The rhythm token of a mark between words (typographic quotes already made straight), if it
/// is one that shapes a sentence; a run of one mark is one token, and a run of full stops an
/// ellipsis.
fn push_mark(rhythm: &mut Vec<&'static str>, c: char) {
    let token = match c {
        '.' => ".",
        ',' => ",",
        '!' => "!",
        '?' => "?",
        ';' => ";",
        ':' => ":",
        '—' | '–' => "—",
        '-' => "-",
        '(' | '[' => "(",
        ')' | ']' => ")",
        '"' => "\"",
        '\'' => "'",
        '…' => "…",
        '/' => "/",
        '&' => "&",
        '#' => "#",
        '%' => "%",
        '$' | '€' | '£' => "$",
        c if is_emoji(c) => EMOJI,
        _ => return,
    };
    match rhythm.last_mut() {
        Some(last) if *last == "." && token == "." => *last = "…",
        Some(last) if *last == token || (*last == "…" && token == ".") => {}
        _ => rhythm.push(token),
    }
}

#[derive(Default)]
struct StyleCounts {
    links: u32,
    mentions: u32,
    hashtags: u32,
    shouted: u32,
    capitalized: u32,
    lower_i: u32,
    letters: u32,
    upper_letters: u32,
}

/// Stylistic measures, each kept roughly within 0..1 (logs and capped rates) so that one
/// learning rate and one L2 strength suit them and the lexical features alike.
fn style_values(
    text: &str,
    char_source: &str,
    words: &[Word],
    sentence_lengths: &[u32],
    counts: StyleCounts,
) -> [f32; STYLE_NAMES.len()] {
    let n_words = words.len().max(1) as f32;
    let count = |mark: u8| text.bytes().filter(|&b| b == mark).count() as f32;
    let rate = |k: f32| (k / n_words * 10.0).min(1.0);
    let present = |b: bool| if b { 1.0 } else { 0.0 };

    let n_sentences = sentence_lengths.len().max(1) as f32;
    let mean_sentence = sentence_lengths.iter().sum::<u32>() as f32 / n_sentences;
    let spread = if sentence_lengths.len() >= 2 {
        let var = sentence_lengths
            .iter()
            .map(|&l| (l as f32 - mean_sentence).powi(2))
            .sum::<f32>()
            / n_sentences;
        var.sqrt() / mean_sentence.max(1.0)
    } else {
        0.0
    };
    let text_of = |w: &Word| &char_source[w.start..w.end];
    let letters_per_word = words.iter().map(|w| w.chars as usize).sum::<usize>() as f32 / n_words;
    // Sorted by key first (one integer comparison), by text among equal keys, so equal words
    // are neighbours and a key collision cannot merge two words.
    let mut distinct: Vec<&Word> = words.iter().collect();
    distinct.sort_unstable_by(|a, b| a.key.cmp(&b.key).then_with(|| text_of(a).cmp(text_of(b))));
    distinct.dedup_by(|a, b| a.key == b.key && text_of(a) == text_of(b));
    let trimmed = text.trim_end();
    let last = trimmed.chars().last().unwrap_or(' ');
    let first_letter = text.chars().find(|c| c.is_alphabetic());

    // Sentence shape: machine prose keeps sentences of even length and even make-up; people
    // mix fragments with run-ons.
    let sentence_share = |pred: &dyn Fn(u32) -> bool| {
        sentence_lengths.iter().filter(|&&l| pred(l)).count() as f32 / n_sentences
    };
    let longest = sentence_lengths.iter().copied().max().unwrap_or(0) as f32;
    let letters = |w: &Word| w.letters as f32;
    let word_length_spread = {
        let mean = words.iter().map(letters).sum::<f32>() / n_words;
        let var = words.iter().map(|w| (letters(w) - mean).powi(2)).sum::<f32>() / n_words;
        var.sqrt() / mean.max(1.0)
    };
    // The spread across sentences of their mean word length: how evenly the register holds.
    let sentence_word_length_spread = {
        let mut per_sentence: Vec<(f32, f32)> = Vec::new();
        for w in words {
            let s = w.sentence as usize;
            if per_sentence.len() <= s {
                per_sentence.resize(s + 1, (0.0, 0.0));
            }
            per_sentence[s].0 += letters(w);
            per_sentence[s].1 += 1.0;
        }
        let means: Vec<f32> = per_sentence.iter().filter(|p| p.1 > 0.0).map(|p| p.0 / p.1).collect();
        if means.len() >= 2 {
            let mean = means.iter().sum::<f32>() / means.len() as f32;
            let var = means.iter().map(|m| (m - mean).powi(2)).sum::<f32>() / means.len() as f32;
            var.sqrt() / mean.max(1.0)
        } else {
            0.0
        }
    };
    let share = |pred: &dyn Fn(&Word) -> bool| words.iter().filter(|w| pred(w)).count() as f32 / n_words;

    [
        ((1.0 + n_words).ln() / 6.0).min(1.5),
        (mean_sentence / 30.0).min(1.5),
        spread.min(1.5),
        (letters_per_word / 8.0).min(1.5),
        distinct.len() as f32 / n_words,
        rate(count(b',')),
        rate(count(b'!')),
        rate(count(b'?')),
        present(text.contains('—') || text.contains(" – ")),
        present(text.contains('…') || text.contains("...")),
        present(text.contains("!!") || text.contains("??") || text.contains("?!")),
        present(text.contains([':', ';'])),
        present(text.contains('(')),
        present(first_letter.is_some_and(|c| c.is_uppercase())),
        present(matches!(last, '.' | '!' | '?' | '"' | '”' | ')')),
        present(counts.letters > 0 && counts.upper_letters == 0),
        rate(counts.shouted as f32),
        counts.capitalized as f32 / n_words,
        present(counts.lower_i > 0),
        present(text.chars().any(is_emoji)),
        present(counts.hashtags > 0),
        present(counts.mentions > 0),
        present(counts.links > 0),
        share(&|w| w.stop_word),
        sentence_share(&|l| l < 5),
        sentence_share(&|l| l >= 25),
        longest / n_words,
        (sentence_word_length_spread * 4.0).min(1.5),
        word_length_spread.min(1.5),
        share(&|w| letters(w) >= 8.0),
        (share(&|w| text_of(w).contains('\'')) * 10.0).min(1.0),
    ]
}

/// Calls `visit(family, key, value)` for every feature occurrence of a parsed post (a key may repeat:
/// values add up). `visit_words` gets the word and bigram occurrences with their names and keys, for
/// the explanation; the callback order is words, bigrams, characters, style.
pub fn for_each_feature(
    parsed: &Parsed,
    mut visit: impl FnMut(u8, u64, f32),
    mut visit_words: impl FnMut(u8, &str, &str, u64, f32),
) {
    let words = &parsed.words;
    let n_bigrams = words
        .windows(2)
        .filter(|p| p[0].sentence == p[1].sentence)
        .count();
    let word_scale = 1.0 / ((words.len() + n_bigrams).max(1) as f32).sqrt();
    for w in words {
        visit(WORD, w.key, word_scale);
        visit_words(WORD, parsed.text(w), "", w.key, word_scale);
    }
    for pair in words.windows(2) {
        if pair[0].sentence != pair[1].sentence {
            continue;
        }
        let (first, second) = (parsed.text(&pair[0]), parsed.text(&pair[1]));
        let mut h = family_hasher(BIGRAM);
        h.write(first.as_bytes());
        h.write(b" ");
        h.write(second.as_bytes());
        visit(BIGRAM, h.finish(), word_scale);
        visit_words(BIGRAM, first, second, h.finish(), word_scale);
    }

    for_each_char_gram(&parsed.char_source, |key, scale| visit(CHARS, key, scale));
    for_each_gram(RHYTHM, &parsed.rhythm, RHYTHM_GRAM_SIZES, " ", |key, _, scale| visit(RHYTHM, key, scale));

    for (name, &value) in STYLE_NAMES.iter().zip(parsed.style.iter()) {
        if value != 0.0 {
            visit(STYLE, feature_key(STYLE, name), value);
        }
    }
}

/// The characters of `text`, each as the slice of `text` it spans (the units of the character grams).
fn characters(text: &str) -> Vec<&str> {
    text.char_indices().map(|(i, c)| &text[i..i + c.len_utf8()]).collect()
}

/// Calls `visit(key, gram, scale)` for every n-gram of `units` with n in `sizes`, start by start and
/// shortest first. `key` is `feature_key(family, name)` of the gram's name, its units joined by
/// `separator`, hashed incrementally from each start so scoring allocates no name; `scale` is
/// 1/sqrt(the number of grams), the family's weight per occurrence. The character grams (units:
/// characters, no separator) and the rhythm grams (units: tokens, a space between) both come
/// from here, in the page and in training alike, so a gram's key and its name cannot disagree.
fn for_each_gram<U: AsRef<str>>(
    family: u8,
    units: &[U],
    sizes: RangeInclusive<usize>,
    separator: &str,
    mut visit: impl FnMut(u64, &[U], f32),
) {
    let (shortest, longest) = (*sizes.start(), *sizes.end());
    let grams: usize = sizes.map(|n| units.len().saturating_sub(n - 1)).sum();
    if grams == 0 {
        return;
    }
    let scale = 1.0 / (grams as f32).sqrt();
    for start in 0..units.len() {
        let mut hash = family_hasher(family);
        hash.write(units[start].as_ref().as_bytes());
        for n in 1..=longest.min(units.len() - start) {
            if n > 1 {
                hash.write(separator.as_bytes());
                hash.write(units[start + n - 1].as_ref().as_bytes());
            }
            if n >= shortest {
                visit(hash.finish(), &units[start..start + n], scale);
            }
        }
    }
}

/// `for_each_gram` over the characters of `text` without their names, read from the bytes in
/// place: the same keys and scale in the same order (`named_and_hashed_features_agree` checks
/// it), without the vector of one slice per character that scoring would otherwise allocate
/// for every post.
fn for_each_char_gram(text: &str, mut visit: impl FnMut(u64, f32)) {
    let (shortest, longest) = (*CHAR_GRAM_SIZES.start(), *CHAR_GRAM_SIZES.end());
    let n_chars = text.chars().count();
    let grams: usize = CHAR_GRAM_SIZES.map(|n| n_chars.saturating_sub(n - 1)).sum();
    if grams == 0 {
        return;
    }
    let scale = 1.0 / (grams as f32).sqrt();
    let bytes = text.as_bytes();
    for (start, _) in text.char_indices() {
        let mut hash = family_hasher(CHARS);
        let mut taken = 0;
        let mut rest = bytes[start..].iter();
        loop {
            match rest.next() {
                // A UTF-8 continuation byte: the character goes on.
                Some(&byte) if byte & 0xC0 == 0x80 => hash.write_u8(byte),
                next => {
                    // A character ends here (the next begins, or the text ends): the `taken`
                    // characters hashed so far are a gram.
                    if taken >= shortest {
                        visit(hash.finish(), scale);
                    }
                    match next {
                        Some(&byte) if taken < longest => {
                            taken += 1;
                            hash.write_u8(byte);
                        }
                        _ => break,
                    }
                }
            }
        }
    }
}

/// The readable names of every feature of a post with their summed values (training only: it
/// allocates a string per feature).
pub fn named_features(parsed: &Parsed) -> Vec<(u8, String, f32)> {
    let mut out: Vec<(u8, String, f32)> = Vec::new();
    for_each_feature(
        parsed,
        |_, _, _| {},
        |family, a, b, _, v| {
            let name = if family == BIGRAM {
                format!("{a} {b}")
            } else {
                a.to_string()
            };
            out.push((family, name, v));
        },
    );
    let chars = characters(&parsed.char_source);
    for_each_gram(CHARS, &chars, CHAR_GRAM_SIZES, "", |_, gram, scale| out.push((CHARS, gram.concat(), scale)));
    for_each_gram(RHYTHM, &parsed.rhythm, RHYTHM_GRAM_SIZES, " ", |_, gram, scale| {
        out.push((RHYTHM, gram.join(" "), scale))
    });
    for (name, &value) in STYLE_NAMES.iter().zip(parsed.style.iter()) {
        if value != 0.0 {
            out.push((STYLE, name.to_string(), value));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_cased_with_apostrophes_kept_and_links_and_mentions_dropped() {
        let p = parse("@bob It’s DONE. See https://example.com now, game-changer -ish");
        let words: Vec<&str> = p.words.iter().map(|w| p.text(w)).collect();
        assert_eq!(words, ["it's", "done", "see", "now", "game-changer", "ish"]);
        assert_eq!(p.words[2].sentence, 1, "a full stop starts a new sentence");
        assert!(!p.char_source.contains("example"));
        let accented = parse("Über ÉTÉ, NAÏVE");
        assert_eq!(accented.words.iter().map(|w| accented.text(w)).collect::<Vec<_>>(), ["über", "été", "naïve"]);
        assert_eq!(accented.char_source, "über été, naïve");
    }

    #[test]
    fn rhythm_keeps_function_words_and_marks_and_hides_every_other_word_behind_its_shape() {
        let p = parse("The Soviet archives, of course, opened in 1991... @bob https://x.co!! 😭😭");
        assert_eq!(p.rhythm, ["the", "C", "_", ",", "of", "_", ",", "_", "in", "0", "…", "@", "L", "E"]);
        // Two posts about different things, written alike, share every rhythm gram.
        let topic = |text: &str| {
            let mut grams: Vec<String> = named_features(&parse(text))
                .into_iter()
                .filter(|(family, _, _)| *family == RHYTHM)
                .map(|(_, name, _)| name)
                .collect();
            grams.sort();
            grams
        };
        assert_eq!(
            topic("the harvest was late, and the farmers waited."),
            topic("the merger was late, and the lawyers waited.")
        );
        assert_ne!(topic("the harvest was late, and the farmers waited."), topic("harvest late. farmers waited!!"));
    }

    #[test]
    fn sentence_shape_tells_even_sentences_from_fragments_and_run_ons() {
        let value = |p: &Parsed, name: &str| p.style[STYLE_NAMES.iter().position(|n| *n == name).unwrap()];
        let even = parse(
            "The report covers three areas of policy. Each area has its own short summary. The summaries end with a \
             list of sources.",
        );
        let mixed = parse(
            "Nope. Not again. I read the whole thing last night and honestly it was the longest and most confusing \
             report I have ever had to get through at work.",
        );
        assert_eq!(value(&even, "short_sentence_share"), 0.0);
        assert!(value(&mixed, "short_sentence_share") > 0.6);
        assert!(value(&mixed, "longest_sentence_share") > value(&even, "longest_sentence_share"));
        assert!(value(&mixed, "sentence_length_spread") > value(&even, "sentence_length_spread"));
        assert!(value(&even, "function_word_share") > 0.2 && value(&even, "function_word_share") < 0.6);
        assert_eq!(value(&parse("I can't, it's late"), "contraction_share"), 1.0);
    }

    #[test]
    fn grams_run_start_by_start_shortest_first_with_the_keys_of_their_names() {
        let units = ["é", "b", "c", "d"];
        let mut seen: Vec<(String, u64, f32)> = Vec::new();
        for_each_gram(RHYTHM, &units, 2..=3, "-", |key, gram, scale| seen.push((gram.join("-"), key, scale)));
        let names: Vec<&str> = seen.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(names, ["é-b", "é-b-c", "b-c", "b-c-d", "c-d"]);
        for (name, key, scale) in &seen {
            assert_eq!(*key, feature_key(RHYTHM, name));
            assert_eq!(*scale, 1.0 / 5f32.sqrt());
        }
        let mut none = 0;
        for_each_gram(CHARS, &characters("ab"), CHAR_GRAM_SIZES, "", |_, _, _| none += 1);
        assert_eq!(none, 0, "a text shorter than the shortest gram has none");
    }

    #[test]
    fn named_and_hashed_features_agree() {
        let p = parse("Delve into the rich tapestry — of history 😭, naïve ü.");
        let mut hashed: Vec<(u64, f32)> = Vec::new();
        for_each_feature(&p, |_, k, v| hashed.push((k, v)), |_, _, _, _, _| {});
        let named: Vec<(u64, f32)> = named_features(&p)
            .into_iter()
            .map(|(f, n, v)| (feature_key(f, &n), v))
            .collect();
        assert_eq!(hashed, named);
    }
}
