//! Unicode folding and invisibles (stage 3 of the fingerprint form): NFKC, letter styles that
//! NFKC leaves, symbols read as letters, and what a reader never sees (invisible characters,
//! faint spaces, combining marks, emoji) dropped in place.
//!
//! Design: per character and context-free except for emoji presentation (a character followed by
//! U+FE0F), so it runs line by line before words exist. Case is kept: the skeleton needs it.

use std::borrow::Cow;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeEmoji, UnicodeGeneralCategory};
use unicode_security::general_security_profile::IdentifierType;
use unicode_security::GeneralSecurityProfile;

/// Stage 3: NFKC, letter styles without a compatibility decomposition, invisible characters,
/// combining marks and emoji dropped (invisibles become spaces when they stand for spaces),
/// symbols read as letters, blank look-alikes become spaces. Case is kept until the skeleton
/// (see `skeleton::skeleton_word`).
pub(super) fn clean_chars(line: &str, invisibles_are_spaces: bool) -> Cow<'_, str> {
    // ASCII is already in NFKC and holds no invisible, combining or styled character: most
    // lines of most posts skip the per-character work.
    if line.is_ascii() {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    // Before NFKC, which would turn faint spaces into plain spaces and emoji such as ™️ or Ⓜ️
    // into letters: faint spaces, and characters shown as emoji, go first.
    let chars: Vec<char> = line.chars().collect();
    let before_nfkc = chars.iter().enumerate().filter_map(|(i, &c)| {
        if is_faint_space(c) {
            return invisibles_are_spaces.then_some(' ');
        }
        (!is_shown_as_emoji(c, &chars[i + 1..])).then_some(c)
    });
    for c in before_nfkc.nfkc() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        if is_invisible(c) && invisibles_are_spaces {
            out.push(' ');
            continue;
        }
        if is_invisible(c) || is_combining_mark(c) {
            continue;
        }
        if c == '\u{2800}' {
            // BRAILLE PATTERN BLANK renders as a space and is used as one by spammers; it is
            // neither whitespace nor ignorable in Unicode.
            out.push(' ');
            continue;
        }
        if !c.is_alphanumeric() && !c.is_whitespace() {
            if let Some(letter) = symbol_read_as_letter(c) {
                out.push(letter);
                continue;
            }
            if is_pictograph(c) {
                continue;
            }
        }
        if let Some(letter) = styled_letter(c) {
            out.push(letter);
            continue;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Whether `c`, followed by `rest`, is shown as an emoji rather than as text: a keycap base
/// (`1️⃣`: a digit, `#` or `*` before U+20E3, with or without U+FE0F), or a symbol or enclosed
/// letter (™️, ℹ️, Ⓜ️, 🅰️) asking for emoji presentation with U+FE0F. Sprinkled emoji must not
/// glue digits or letters onto words; a plain letter followed by U+FE0F (a variation selector
/// used as an invisible) stays a letter.
fn is_shown_as_emoji(c: char, rest: &[char]) -> bool {
    let after_selector = if rest.first() == Some(&'\u{FE0F}') { &rest[1..] } else { rest };
    if matches!(c, '0'..='9' | '#' | '*') && after_selector.first() == Some(&'\u{20E3}') {
        return true;
    }
    // Enclosed and letterlike emoji (Ⓜ️, ℹ️) are alphabetic: Unicode's emoji property tells them.
    rest.first() == Some(&'\u{FE0F}') && !c.is_ascii() && (c.is_emoji_char() || !c.is_alphanumeric())
}

/// Default_Ignorable code points, as TR39 types them (unicode-security's data), and faint spaces.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(c.identifier_type(), Some(IdentifierType::Default_Ignorable)) || is_faint_space(c)
}

/// Spaces narrow enough to hide inside a word (six-per-em, punctuation, thin, hair, narrow
/// no-break and medium mathematical spaces): treated as invisible, so `che\u{200A}ck` is `check`,
/// while a text that uses them for all its spaces still gets its words (see
/// `stands_for_spaces` in the parent module).
fn is_faint_space(c: char) -> bool {
    matches!(c, '\u{2006}' | '\u{2008}' | '\u{2009}' | '\u{200A}' | '\u{202F}' | '\u{205F}')
}

/// A symbol that the TR39 confusables read as one Latin letter (`∪` → U, `⍺` → a, `｜` → l,
/// `×` → x): spammers spell words with them, so they are that letter, not punctuation. Only
/// for non-ASCII symbols, so ordinary ASCII punctuation (`|`, `!`) keeps separating words.
fn symbol_read_as_letter(c: char) -> Option<char> {
    let mut buffer = [0u8; 4];
    let mut skeleton = unicode_security::skeleton(c.encode_utf8(&mut buffer));
    let letter = skeleton.next()?;
    (skeleton.next().is_none() && letter.is_ascii_alphabetic()).then_some(letter)
}

/// Emoji and other pictographic symbols: dropped in place rather than read as a word break,
/// because they are sprinkled inside words (`gui😂tar`) as often as between them. Unicode's
/// emoji property (non-ASCII: the ASCII digits, `#` and `*` are keycap bases) and the general
/// category Other_Symbol (arrows, technical and geometric symbols, dingbats), from
/// unicode-properties' tables.
fn is_pictograph(c: char) -> bool {
    !c.is_ascii() && (c.is_emoji_char() || c.general_category() == GeneralCategory::OtherSymbol)
}

/// Letter styles that "fancy text" generators emit but that neither NFKC nor the TR39
/// confusables map to their letter: small capitals (ᴄʜᴇᴄᴋ), negative circled (🅒) and negative
/// squared (🅲) letters. The block offsets come from the Unicode code charts; small capitals
/// are not contiguous, hence the list in alphabet order (`x` has no small capital).
pub(super) fn styled_letter(c: char) -> Option<char> {
    const SMALL_CAPITALS: [char; 26] = [
        'ᴀ', 'ʙ', 'ᴄ', 'ᴅ', 'ᴇ', 'ꜰ', 'ɢ', 'ʜ', 'ɪ', 'ᴊ', 'ᴋ', 'ʟ', 'ᴍ', 'ɴ', 'ᴏ', 'ᴘ', 'ꞯ', 'ʀ', 'ꜱ', 'ᴛ', 'ᴜ', 'ᴠ',
        'ᴡ', 'x', 'ʏ', 'ᴢ',
    ];
    let code = c as u32;
    let from_block = |first: u32| char::from_u32(u32::from(b'a') + code - first);
    match code {
        0x1F150..=0x1F169 => from_block(0x1F150),
        0x1F170..=0x1F189 => from_block(0x1F170),
        _ => SMALL_CAPITALS
            .iter()
            .position(|&small| small == c && c != 'x')
            .and_then(|i| char::from_u32(u32::from(b'a') + i as u32)),
    }
}
