//! Skeletons (stage 7): each word's case-free TR39 confusables skeleton, look-alike letters read
//! as the Latin letters they imitate, digits inside words read as letters (leetspeak), and
//! stretched letters squeezed.
//!
//! Design: a word at a time, after the masker has judged it as written (the letter-digit mixes
//! of random filler are plain there); the masker then judges the skeleton too (see
//! `random_token::word_form`), so a skeleton reads as close to the word as it can: numbers keep
//! their digits, and a word keeps no mix of letters and digits. ASCII words, most of most posts,
//! go through a table built once from unicode-security's data.

use std::borrow::Cow;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::fold::styled_letter;

/// Digits read as the letters they imitate, in words that mix letters and digits (`fr33` →
/// `free`, `m0n3y` → `money`, `sub4sub` → `subasub`, `covid19` → `covidig`), and `@`/`$` kept
/// inside words as `a`/`s`. Words of digits alone (years, counts) are left alone.
pub(super) fn read_leet(word: &str) -> Cow<'_, str> {
    if !word.contains(|c: char| c.is_ascii_digit() || c == '@' || c == '$') {
        return Cow::Borrowed(word);
    }
    Cow::Owned(read_every_digit_as_letter(word).replace('@', "a").replace('$', "s"))
}

/// The digits of a word that also holds letters, read as the letters of leetspeak (`0` o, `1` l,
/// `3` e, `4` a, `5` s, `7` t): what the masker reads to tell a leetspeak word from noise.
pub(super) fn read_digits_as_letters(word: &str) -> String {
    map_digits_of_mixed_word(word, |digit| match digit {
        '0' => 'o',
        '1' => 'l',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        other => other,
    })
}

/// Every digit of a word that also holds letters, read as a letter: leetspeak's readings, and
/// `2` z, `6` b, `8` b, `9` g. The fingerprint form keeps no word that
/// mixes letters and digits: such a mix is what the masker reads as random filler, so a form
/// that kept one would be masked by a second pass; and `c0vid19` reads as `covid19` does.
fn read_every_digit_as_letter(word: &str) -> String {
    map_digits_of_mixed_word(word, |digit| match digit {
        '0' => 'o',
        '1' => 'l',
        '2' => 'z',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '6' | '8' => 'b',
        '7' => 't',
        '9' => 'g',
        other => other,
    })
}

fn map_digits_of_mixed_word(word: &str, letter_of: impl Fn(char) -> char) -> String {
    let has_letter = word.chars().any(char::is_alphabetic);
    let has_digit = word.chars().any(|c| c.is_ascii_digit());
    if !(has_letter && has_digit) {
        return word.to_string();
    }
    word.chars().map(|c| if c.is_ascii_digit() { letter_of(c) } else { c }).collect()
}

/// The case-free TR39 skeleton of one word: skeleton, lowercase, skeleton again, lowercase,
/// combining marks dropped, `i` folded into `l`.
///
/// Why twice: the skeleton maps capital look-alikes to capital Latin (Greek `Μ` → `M`) and
/// small ones to small Latin (`m` → `rn`), so lowercasing first loses the capitals' class
/// (`μ` is not confusable with `m`) and lowercasing last splits case variants (`MONEY` vs
/// `rnoney`). Skeleton → lowercase → skeleton → lowercase gives every case variant of every
/// look-alike the same form. The skeleton also unifies `1`, `l`, `|` and capital `I` while
/// lowercase `i` has its own prototype; folding `i` into `l` keeps `lnstagram` and `Instagram`
/// together at the cost of merging words that differ only by i/l, which near-copies tolerate.
/// (The masker, which judges skeletons too, counts `l` as a vowel for this reason.)
///
/// Then two folds the skeleton leaves undone. Letters whose prototype is not Latin but which
/// readers take for Latin letters ([`latin_reading`]: Cyrillic `к`/`м`/`н` → small-capital
/// prototypes, Greek `ω`, `μ`) become those letters. Runs of three or more of one letter become
/// one (`cheeeck` → `check`, `sooo` → `so`): elongation is an evasion and a habit. Doubled
/// letters stay, because English spells them (`follow`). Words of digits alone are left as they
/// are (`2000`).
pub(super) fn skeleton_word(word: &str) -> String {
    // Digits alone are a number, their own skeleton: read as `o` and `l`, `0` and `1` would
    // make `2015` the letter-digit mix `2ol5`, which the leet reading turns into another word.
    if word.chars().all(char::is_numeric) {
        return word.to_string();
    }
    let table = ascii_skeletons();
    let skeleton: String = if word.is_ascii() {
        let mut out = String::with_capacity(word.len() + 2);
        for b in word.bytes() {
            out.push_str(&table[b as usize]);
        }
        out
    } else {
        let once: String = unicode_security::skeleton(word).flat_map(char::to_lowercase).collect();
        let mut out = String::with_capacity(once.len());
        let twice: String = unicode_security::skeleton(&once).filter(|c| !is_combining_mark(*c)).collect();
        // In NFKC, as the fold reads text: a few prototypes are compatibility characters
        // (halfwidth katakana sound marks, U+FF9E → the combining U+3099, dropped here too).
        for c in twice.nfkc().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase) {
            match latin_reading(c) {
                Some(letter) => out.push_str(&table[letter as usize]),
                None => out.push(fold_i_into_l(c)),
            }
        }
        out
    };
    // What a second reading would still change is done now, so that the result is its own
    // skeleton: characters the skeleton maps to punctuation (NKo `ߺ` → `_`) are left out, as the
    // word splitter leaves punctuation out, and digits it gives a word of letters (Buhid `ᜪ` →
    // `7`) are read as letters, as written digits are.
    let skeleton = if skeleton.chars().all(char::is_alphanumeric) {
        skeleton
    } else {
        skeleton.chars().filter(|c| c.is_alphanumeric()).collect()
    };
    let skeleton =
        if skeleton.contains(|c: char| c.is_ascii_digit()) { read_every_digit_as_letter(&skeleton) } else { skeleton };
    let has_long_run = skeleton.as_bytes().windows(3).any(|w| w[0] == w[1] && w[1] == w[2]);
    if !has_long_run {
        return skeleton;
    }
    squeeze_letter_runs(&skeleton).into_iter().collect()
}

/// The Latin letter a reader sees in a skeleton character that is not Latin: small capitals
/// (the skeleton's prototype of Cyrillic `в`, `н`, `т`, `к`, `м`), and the Greek and Cyrillic
/// letters "fancy text" uses for Latin ones (`ω` for w, `μ` for u, `Σ` for e, `Λ` for a,
/// `я` for r, `и` for n, `ш` for w). Listed from the skeleton's own outputs (a character's
/// prototype is the first member of its confusable class), so only classes a reader can
/// mistake for one Latin letter are here.
fn latin_reading(c: char) -> Option<char> {
    if let Some(letter) = styled_letter(c) {
        return Some(letter);
    }
    Some(match c {
        'ĸ' => 'k',
        'ʍ' => 'm',
        'ß' => 'b',
        'ꞓ' | 'ǝ' | 'ʃ' => 'e',
        'ω' | 'ш' | 'щ' => 'w',
        'μ' | 'ц' => 'u',
        'ʌ' | 'д' => 'a',
        'π' | 'и' | 'й' => 'n',
        'я' => 'r',
        // NFKC turns the lunate sigma `ϲ`, a look-alike of c, into sigma before the skeleton.
        'σ' | 'ς' => 'c',
        'ɾ' => 'r',
        _ => return None,
    })
}

fn fold_i_into_l(c: char) -> char {
    if c == 'i' {
        'l'
    } else {
        c
    }
}

/// Case-free skeletons of the ASCII characters (as in [`skeleton_word`]), computed once from
/// unicode-security's data: most posts are ASCII, and a table lookup is far cheaper than the
/// skeleton's decompose-map-decompose.
fn ascii_skeletons() -> &'static [String; 128] {
    static TABLE: OnceLock<[String; 128]> = OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|b| {
            let c = char::from(b as u8);
            let once: String = unicode_security::skeleton(&c.to_string()).flat_map(char::to_lowercase).collect();
            unicode_security::skeleton(&once).flat_map(char::to_lowercase).map(fold_i_into_l).collect()
        })
    })
}

/// `token` with every run of three or more equal letters cut to one.
pub(super) fn squeeze_letter_runs(token: &str) -> Vec<char> {
    let chars: Vec<char> = token.chars().collect();
    let mut squeezed = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|&&c| c == chars[i]).count();
        let keep = if chars[i].is_alphabetic() && run >= 3 { 1 } else { run };
        squeezed.extend(std::iter::repeat_n(chars[i], keep));
        i += run;
    }
    squeezed
}
