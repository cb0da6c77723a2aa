//! The random-token masker (stage 6): the randomized suffixes and prefixes of a flood (`xk7qz2`,
//! `#a8f3`, `48213`, consonant soup) become one mask token, so copies that differ only by their
//! filler read the same.
//!
//! Design: deliberately narrow. A masked word no longer counts towards similarity, so masking an
//! ordinary word would make different texts closer; leetspeak is read first, so `m0n3y` is a word.
//!
//! `word_form` gives a word its place in the fingerprint form: the mask token, or the word's
//! skeleton. A word is judged twice, as written (the letter-digit mixes of random filler are
//! plain there) and as its skeleton, and masked when either looks random. That makes the form a
//! fixed point: a kept form was judged not random and is its own skeleton, so a second pass keeps
//! it unchanged (`fingerprint_form` of a fingerprint form is itself). The consonant-soup test
//! reads letters as the skeleton may have written them for the same reason: the skeleton folds
//! `i` into `l` and writes `m` as `rn`, and `finish` must not become soup as `flnlsh`, nor `hmmm`
//! as `hrnrnrn`.

use std::borrow::Cow;

use super::skeleton::{read_digits_as_letters, read_leet, skeleton_word, squeeze_letter_runs};

/// Longer tokens are never masked: the random filler of floods is short, while a long token is
/// text whose spaces were replaced by invisible characters (`I\u{200B}dont\u{200B}even…`), which
/// the shingles read correctly as long as it is kept.
const MAX_RANDOM_TOKEN_CHARS: usize = 20;

/// What a random-looking token is replaced with. Not a letter or digit, so it can never be
/// confused with a word; a chunk of text that is this token alone reads as the mask again.
pub const RANDOM_TOKEN: &str = "#";

/// The form of one word of letters and digits (`@`/`$` inside words allowed) in the fingerprint:
/// [`RANDOM_TOKEN`] when it looks random as written or as its skeleton, else its skeleton (empty
/// when the skeleton leaves nothing). `word_form(word_form(w)) == word_form(w)`.
pub(super) fn word_form(word: &str) -> String {
    // Most words are ASCII without capitals, their own lowercase: judged without a copy.
    let lowercase = if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    };
    if looks_random(&lowercase) {
        return RANDOM_TOKEN.to_string();
    }
    read_word_form(word)
}

/// [`word_form`] without judging the word as written: its skeleton, or [`RANDOM_TOKEN`] when
/// that looks random. For a link's host, which is a name rather than filler (`txt2shop.com`,
/// whose written mix of letters and digits the masker would take for noise).
pub(super) fn read_word_form(word: &str) -> String {
    let form = skeleton_word(&read_leet(word));
    if looks_random(&form) {
        return RANDOM_TOKEN.to_string();
    }
    form
}

/// Whether a token (lowercased, before the skeleton) looks like the random filler of a flood
/// rather than a word, number or acronym. Kept narrow on purpose: a masked word no longer
/// counts towards similarity, so masking an ordinary word would make different texts closer.
/// The letter-digit tests read leetspeak first, so `m0n3y` is a word, not noise.
pub(super) fn looks_random(token: &str) -> bool {
    // Short words of plain letters, most words of most posts, cannot be consonant soup.
    let plain_letters = token.bytes().all(|b| b.is_ascii_lowercase());
    if plain_letters && token.len() < 6 {
        return false;
    }
    // Longer plain words, unstretched: only consonant soup is possible, and no copy is needed.
    if plain_letters && token.len() <= MAX_RANDOM_TOKEN_CHARS && !token.as_bytes().windows(3).any(|w| w[0] == w[1] && w[1] == w[2]) {
        return is_consonant_soup(token);
    }
    // Stretched letters are judged squeezed ("meetinggggg", "plllaaayyyer"): a long token that
    // no squeeze brings within reach is text, and the rest of the work is skipped.
    if token.chars().count() > MAX_RANDOM_TOKEN_CHARS && squeeze_letter_runs(token).len() > MAX_RANDOM_TOKEN_CHARS {
        return false;
    }
    // Look-alike letters are judged as the Latin letters they imitate (a Cyrillic `е` is a
    // vowel); digits stay digits. Letters of other scripts stay as they are.
    let latin: String;
    let token = if token.is_ascii() {
        token
    } else {
        latin = token
            .chars()
            .flat_map(|c| {
                let look_alike = c.is_alphabetic() && !c.is_ascii();
                let mut buffer = [0u8; 4];
                let own = c.encode_utf8(&mut buffer);
                let read: Vec<char> = if look_alike { unicode_security::skeleton(own).collect() } else { vec![c] };
                read.into_iter().flat_map(char::to_lowercase)
            })
            .collect();
        latin.as_str()
    };
    let original: Vec<char> = squeeze_letter_runs(token);
    let len = original.len();
    let digits = original.iter().filter(|c| c.is_numeric()).count();
    let letters = original.iter().filter(|c| c.is_alphabetic()).count();
    if letters > 0 && digits > 0 {
        if reads_as_leet_word(token) {
            return false;
        }
        // Hex strings with two or more digits ("a8f3", "9f8e7d6c"): hashes and ids.
        let hex = len >= 4 && digits >= 2 && original.iter().all(|c| c.is_ascii_hexdigit());
        // Switches between letters and digits: "covid19", "1080p", "mp3" have one; "xk7qz2" has
        // three. Random mixes switch often; ordinary mixed words (model numbers, ordinals) rarely.
        let switches = original.windows(2).filter(|w| w[0].is_numeric() != w[1].is_numeric()).count();
        // One switch between three or more letters and three or more digits ("xog3982",
        // "user48213"): the shape of generated handles and suffixes. Model numbers of that shape
        // ("rtx3080") are masked too; they rarely carry a campaign's identity.
        let letters_then_number = switches == 1 && letters >= 3 && digits >= 3;
        return hex || (switches >= 3 && len >= 4) || (switches >= 2 && len >= 6) || letters_then_number;
    }
    if letters == 0 {
        // Five or more digits: randomized counters and ids. Years and small numbers stay.
        return digits >= 5;
    }
    token.is_ascii() && is_consonant_soup(&original.iter().collect::<String>())
}

/// Leetspeak for a plausible word ("m0n3y", "h3ll0", "01d5p1ce"): digits read as letters give
/// only letters, from runs of at most three digits and never three equal ones (`33` is `ee`,
/// `141` is `ial`, `444` is nothing English), with a quarter or more vowels, at most three
/// consonants and at most three vowels in a row (`0e00` reads "oeoo"). Random mixes ("hbvx1j",
/// "tcc4440") fail one of these; heavy leetspeak with more digits than letters ("7h3r3",
/// "541d") passes. `1` is read as `i` here, the reading that favours a word.
fn reads_as_leet_word(token: &str) -> bool {
    let chars: Vec<char> = token.chars().collect();
    let longest_digit_run = chars.split(|c| !c.is_numeric()).map(<[char]>::len).max().unwrap_or(0);
    let three_equal_digits = chars.windows(3).any(|w| w[0].is_numeric() && w[0] == w[1] && w[1] == w[2]);
    let one_as_i: String = token.chars().map(|c| if c == '1' { 'i' } else { c }).collect();
    let as_letters: Vec<char> = read_digits_as_letters(&one_as_i).chars().collect();
    if longest_digit_run > 3 || three_equal_digits || !as_letters.iter().all(|c| c.is_alphabetic()) {
        return false;
    }
    let is_vowel = |c: &char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let vowels = as_letters.iter().filter(|c| is_vowel(c)).count();
    let longest_consonant_run = as_letters.split(is_vowel).map(<[char]>::len).max().unwrap_or(0);
    let longest_vowel_run = as_letters.split(|c| !is_vowel(c)).map(<[char]>::len).max().unwrap_or(0);
    vowels * 4 >= as_letters.len() && longest_consonant_run <= 3 && longest_vowel_run <= 3
}

/// Letters that no English word spells: six or more without a vowel ("xkqzvb"; "html5" read as
/// "htmls" has five), or six consonants in a row ("strengths" has five). Read as the skeleton
/// may have written them (see the module note): `l` counts as a vowel, because it is also the
/// skeleton of `i`, and `rn` as one consonant, because it is also the skeleton of `m` (`hmmm` is
/// `hrnrnrn`).
fn is_consonant_soup(letters: &str) -> bool {
    let (mut length, mut vowels, mut run, mut longest_consonant_run) = (0, 0, 0, 0);
    let mut chars = letters.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'r' {
            chars.next_if_eq(&'n');
        }
        length += 1;
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'l') {
            vowels += 1;
            run = 0;
        } else {
            run += 1;
            longest_consonant_run = longest_consonant_run.max(run);
        }
    }
    (length >= 6 && vowels == 0) || longest_consonant_run >= 6
}
