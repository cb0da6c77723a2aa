//! Word splitting (stages 5 and 8): a chunk that is not a link is split into words of letters
//! and digits, each masked or skeletonized; then runs of spaced-out letters are joined again.
//!
//! Design: punctuation between two letters joins them (`ch.eck`, `it's`), elsewhere it separates
//! words; a random piece glued on with punctuation is masked alone. Each word remembers the
//! whitespace before it, which is how stage 8 tells `c h e c k   m y` apart into two words.

use super::links::split_url;
use super::random_token::{looks_random, word_form, RANDOM_TOKEN};

/// A word of the fingerprint form, with the whitespace before it in the text (0 when only
/// punctuation separated it from the previous word): stage 8 reads word breaks from it.
pub(super) struct Word {
    pub(super) text: String,
    /// As written, for a `one_char` word only (stage 8 joins spaced letters as written and gives
    /// the result its form); empty otherwise, which spares a copy of nearly every word.
    written: String,
    gap: usize,
    /// A letter of spaced-out text: written as one character (before the skeleton, which turns
    /// `m` into `rn`) or with a one-character form (`ooo` → `o`), and not the mask token.
    one_char: bool,
}

impl Word {
    /// `written`'s word of the fingerprint form, or `None` when its form is empty.
    fn new(written: &str, gap: usize) -> Option<Word> {
        Word::with_form(word_form(written), written, gap)
    }

    /// A word whose form is `text` (a link's host is formed by `links`), or `None` when empty.
    fn with_form(text: String, written: &str, gap: usize) -> Option<Word> {
        if text.is_empty() {
            return None;
        }
        // Whatever a second pass would see as a one-character word is one here too (a host `b`).
        let one_char = text != RANDOM_TOKEN && (written.chars().nth(1).is_none() || text.chars().nth(1).is_none());
        let written = if one_char { written.to_string() } else { String::new() };
        Some(Word { text, written, gap, one_char })
    }
}

/// The gap before a line's first word: a line break separates words more than any spaces.
pub(super) const LINE_BREAK_GAP: usize = 1000;

/// Stages 4–7 for one whitespace-separated chunk.
pub(super) fn push_chunk_words(chunk: &str, gap: usize, words: &mut Vec<Word>) {
    let first_new = words.len();
    if chunk == RANDOM_TOKEN {
        // The mask token standing alone is the mask (what a second pass reads in a form).
        words.push(Word { text: RANDOM_TOKEN.to_string(), written: String::new(), gap: 0, one_char: false });
    } else if let Some((before, host)) = split_url(chunk) {
        push_plain_words(before, words);
        words.extend(Word::with_form(host.clone(), &host, 0));
    } else {
        push_plain_words(chunk, words);
    }
    if let Some(first) = words.get_mut(first_new) {
        first.gap = gap;
    }
}

/// Stages 5–7: words of a chunk that is not a link.
fn push_plain_words(text: &str, words: &mut Vec<Word>) {
    let mut word = String::new();
    // Where the pieces of `word` that punctuation joined start (byte offsets after the first).
    let mut piece_starts: Vec<usize> = Vec::new();
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        let after = &text[at + c.len_utf8()..];
        let next = after.chars().next();
        if c.is_alphanumeric() || is_letter_sign_inside_word(c, previous, next) {
            word.push(c);
        } else if joins_letters(c, previous, next) {
            piece_starts.push(word.len());
        } else if separates_thousands(c, previous, after) {
            continue;
        } else {
            push_word(&mut word, &mut piece_starts, words);
        }
        previous = Some(c);
    }
    push_word(&mut word, &mut piece_starts, words);
}

/// Stages 6 and 7 for one word made of pieces that punctuation joined (`ch.eck`); empties
/// `word` and `piece_starts` for the next. A random piece glued on with punctuation
/// (`profile-xk7qz2`) is not part of the word: then each piece is a word of its own, so the
/// random one is masked without taking `profile` with it.
fn push_word(word: &mut String, piece_starts: &mut Vec<usize>, words: &mut Vec<Word>) {
    if word.is_empty() {
        piece_starts.clear();
        return;
    }
    if piece_starts.is_empty() {
        push_one_word(word, words);
        word.clear();
        return;
    }
    let bounds: Vec<usize> =
        std::iter::once(0).chain(piece_starts.iter().copied()).chain(std::iter::once(word.len())).collect();
    let pieces: Vec<&str> = bounds.windows(2).map(|b| &word[b[0]..b[1]]).filter(|p| !p.is_empty()).collect();
    let glued_random =
        pieces.len() > 1 && pieces.iter().any(|p| p.chars().count() >= 4 && looks_random(&p.to_lowercase()));
    if glued_random {
        for piece in pieces {
            push_one_word(piece, words);
        }
    } else {
        push_one_word(word, words);
    }
    word.clear();
    piece_starts.clear();
}

fn push_one_word(word: &str, words: &mut Vec<Word>) {
    words.extend(Word::new(word, 0));
}

/// A thousands separator (`1,700,000`, `2.127.315`, `10'000`): a comma, dot or apostrophe
/// after a digit and before exactly three digits. Dropped, so a number reads the same with or
/// without its separators (and long numbers are then masked as one token).
fn separates_thousands(c: char, previous: Option<char>, after: &str) -> bool {
    let mut following = after.chars();
    matches!(c, ',' | '.' | '\'' | '’')
        && previous.is_some_and(|p| p.is_ascii_digit())
        && following.by_ref().take(3).filter(char::is_ascii_digit).count() == 3
        && !following.next().is_some_and(|d| d.is_ascii_digit())
}

/// `@` and `$` standing for `a` and `s` inside a word (`fr@ud`, `$ubscribe`). Only between
/// letters (or `$` leading a word), so handles (`@name`), emails' `@` between digits and prices
/// (`$100`) stay separators.
fn is_letter_sign_inside_word(c: char, previous: Option<char>, next: Option<char>) -> bool {
    let letter = |neighbour: Option<char>| neighbour.is_some_and(char::is_alphabetic);
    match c {
        '@' => letter(previous) && letter(next),
        '$' => letter(next),
        _ => false,
    }
}

/// Punctuation between two letters, with no space, is dropped without breaking the word:
/// apostrophes (`it's` = `its`), hyphens, and whatever noise spammers put inside words
/// (`ch.eck`, `fr*ee`, `wo!rld`, `c-l-i-c-k`). A text is consistent with itself: one written
/// `hello,world` reads `helloworld` on both sides. Punctuation next to a digit (`3.5`,
/// `covid-19`) or a space still separates words.
fn joins_letters(c: char, previous: Option<char>, next: Option<char>) -> bool {
    !c.is_alphanumeric()
        && !c.is_whitespace()
        && previous.is_some_and(char::is_alphabetic)
        && next.is_some_and(char::is_alphabetic)
}

/// Stage 8: three or more consecutive one-character words (`c h e c k`) become one word.
///
/// Inside such a run, whitespace wider than the narrowest gap of the run is a word break
/// (`c h e c k   m y` → `check my`): spaced-out text keeps its words apart with wider gaps, and
/// without that signal the whole run becomes one word. A joined word is formed from its letters
/// as written (`f r 3 3` is `fr33`, read as `free`), and joining repeats until no run of three
/// is left (`a  b  c  d e` → `a b c de` → `abc de`): the form then has no run of one-character
/// words for a second pass to join.
pub(super) fn join_spaced_letters(words: &mut Vec<Word>) {
    while join_runs_once(words) {}
}

/// One round of stage 8; whether any run was joined.
fn join_runs_once(words: &mut Vec<Word>) -> bool {
    let mut joined_any = false;
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut rest = std::mem::take(words).into_iter().peekable();
    while let Some(word) = rest.next() {
        if !word.one_char {
            out.push(word);
            continue;
        }
        let mut letters = vec![word];
        while let Some(letter) = rest.next_if(|w| w.one_char) {
            letters.push(letter);
        }
        if letters.len() < 3 {
            out.extend(letters);
            continue;
        }
        joined_any = true;
        let narrowest = letters[1..].iter().map(|w| w.gap).min().unwrap_or(0);
        let (mut written, mut gap) = (letters[0].written.clone(), letters[0].gap);
        for letter in &letters[1..] {
            if letter.gap > narrowest {
                out.extend(Word::new(&written, gap));
                (written, gap) = (String::new(), letter.gap);
            }
            written.push_str(&letter.written);
        }
        out.extend(Word::new(&written, gap));
    }
    *words = out;
    joined_any
}
