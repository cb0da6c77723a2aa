//! Normalization for fingerprinting: the form of a post that near-duplicate fingerprints are
//! computed from, with the evasions of spam floods undone.
//!
//! Design. The output is a fingerprint form, never shown to anyone, so it may be lossy as long
//! as it is applied identically to both sides of a comparison. The similarity that reads it
//! shingles words, so the stages also make word breaks canonical. Stages, in order, with the
//! module that does each (the modules depend on each other in one direction only:
//! `fold` ← `skeleton` ← `random_token` ← `links` ← `words` ← this one):
//!
//! 1. Quoted lines (Reddit's `>` quotes) are dropped: they are someone else's text (here).
//! 2. A text that uses invisible characters or underscores where spaces belong gets spaces
//!    (decided for the whole text, see `stands_for_spaces`; here).
//! 3. `fold`: Unicode NFKC (crate `unicode-normalization`) folds fullwidth, mathematical,
//!    circled, superscript and ligature forms to plain letters; small capitals and negative
//!    circled letters, which NFKC leaves, are mapped too. Dropped in place, without splitting
//!    the word they sit in: every Default_Ignorable code point per TR39's identifier types
//!    (crate `unicode-security`: ZWSP, ZWJ/ZWNJ, U+2060, U+FEFF, soft hyphen, bidi controls,
//!    variation selectors, tags), faint spaces, combining marks ("Zalgo", strike-through) and
//!    emoji. Symbols the confusables read as a letter (`∪`, `⍺`) become it. Case is kept until
//!    stage 7.
//! 4. `links`: whitespace-separated chunks that are URLs become their host
//!    (`https://www.x.com/a?b` → `xcom`, the word a bare `x.com` gives too): shortener paths and
//!    tracking parameters are what differ between copies.
//! 5. `words`: everything else is split into words of letters and digits. Punctuation between
//!    two letters joins them (`ch.eck`, `it's`); elsewhere it separates words.
//! 6. `random_token`: random-looking tokens (the randomized suffixes and prefixes of a flood:
//!    `xk7qz2`, `#a8f3`, `48213`, consonant soup) become the mask token [`RANDOM_TOKEN`]. The
//!    masker judges the token as written (letter-digit mixes are plain there) and as its
//!    skeleton (stage 7), and masks it when either looks random (`random_token::word_form`).
//! 7. `skeleton`: each kept word goes through a case-free TR39 confusables skeleton (Cyrillic
//!    `а` → `a`, Greek `Μ` → `m`, `m` → `rn`; see `skeleton_word` for why it runs twice);
//!    digits inside words that also hold letters are read as the letters they imitate
//!    (`fr33` → `free`), numbers keep their digits, and stretched letters are squeezed
//!    (`sooo` → `so`).
//! 8. `words`: runs of three or more one-character words are joined (`c h e c k` → `check`),
//!    split at their wider gaps (`c h e c k   m y` → `check my`), undoing letter spacing; a
//!    joined word goes through stages 6 and 7 as written (`f r 3 3` → `free`).
//!
//! Output conventions (read by `similarity`): words separated by single spaces, each of letters
//! and digits, or the mask token [`RANDOM_TOKEN`]. The form is a fixed point:
//! `fingerprint_form(fingerprint_form(x)) == fingerprint_form(x)` (tests/properties.rs, the
//! fuzz target `normalize`). Each stage leaves nothing the stages before it would still change:
//! the mask token standing alone reads as the mask, a kept word was judged not random as its
//! skeleton and is its own skeleton, and no run of one-character words is left to join.

mod fold;
mod links;
mod random_token;
mod skeleton;
mod words;

use std::borrow::Cow;

use fold::{clean_chars, is_invisible};
pub use random_token::RANDOM_TOKEN;
use words::{join_spaced_letters, push_chunk_words, Word, LINE_BREAK_GAP};

/// The form of `text` that near-duplicate fingerprints are computed from: evasions undone,
/// words separated by single spaces (see the module note for the stages and conventions).
pub fn fingerprint_form(text: &str) -> String {
    let own_lines: Vec<&str> = text.lines().filter(|line| !is_quote_line(line)).collect();
    // Invisible characters and underscores put where spaces belong are spaces (ASCII text
    // holds no invisible character, which spares most posts the count).
    let invisibles_are_spaces =
        !own_lines.iter().all(|line| line.is_ascii()) && stands_for_spaces(&own_lines, is_invisible);
    let underscores_are_spaces = text.contains('_') && stands_for_spaces(&own_lines, |c| c == '_');
    let mut words: Vec<Word> = Vec::new();
    for line in own_lines {
        let line: Cow<str> =
            if underscores_are_spaces { Cow::Owned(line.replace('_', " ")) } else { Cow::Borrowed(line) };
        let cleaned = clean_chars(&line, invisibles_are_spaces);
        let mut gap = LINE_BREAK_GAP;
        let mut rest: &str = &cleaned;
        loop {
            let chunk_start = rest.trim_start();
            gap += rest[..rest.len() - chunk_start.len()].chars().count();
            if chunk_start.is_empty() {
                break;
            }
            let end = chunk_start.find(char::is_whitespace).unwrap_or(chunk_start.len());
            push_chunk_words(&chunk_start[..end], gap, &mut words);
            gap = 0;
            rest = &chunk_start[end..];
        }
    }
    join_spaced_letters(&mut words);
    words.iter().map(|word| word.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// Whether the text uses characters matching `substitute` as its spaces
/// (`I\u{200B}dont\u{200B}even…`, `Katy_Perry_-_Roar`): two or more of them between letters or
/// digits, and at most a quarter as many real whitespace gaps. The same characters sprinkled
/// inside the words of a normally spaced text are not spaces.
fn stands_for_spaces(lines: &[&str], substitute: impl Fn(char) -> bool) -> bool {
    let (mut substitute_breaks, mut whitespace_gaps) = (0usize, 0usize);
    for line in lines {
        let mut previous_visible: Option<char> = None;
        let mut substitute_run = false;
        let mut whitespace_run = false;
        for c in line.chars() {
            if substitute(c) {
                substitute_run = true;
                continue;
            }
            if c.is_whitespace() {
                whitespace_run = true;
                continue;
            }
            if let Some(before) = previous_visible {
                if substitute_run && before.is_alphanumeric() && c.is_alphanumeric() {
                    substitute_breaks += 1;
                }
                if whitespace_run {
                    whitespace_gaps += 1;
                }
            }
            previous_visible = Some(c);
            substitute_run = false;
            whitespace_run = false;
        }
    }
    substitute_breaks >= 2 && whitespace_gaps * 4 <= substitute_breaks
}

/// A Reddit quote: the line's first visible character is `>`.
fn is_quote_line(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

#[cfg(test)]
mod tests;
