//! Normalization for fingerprinting: the form of a post that near-duplicate fingerprints are
//! computed from, with the evasions of spam floods undone.
//!
//! Design. The output is a fingerprint form, never shown to anyone, so it may be lossy as long
//! as it is applied identically to both sides of a comparison. The similarity that reads it
//! shingles words, so the stages also make word breaks canonical. Stages, in order:
//!
//! 1. Quoted lines (Reddit's `>` quotes) are dropped: they are someone else's text.
//! 2. A text that uses invisible characters or underscores where spaces belong gets spaces
//!    (decided for the whole text, see [`stands_for_spaces`]).
//! 3. Unicode NFKC (crate `unicode-normalization`) folds fullwidth, mathematical, circled,
//!    superscript and ligature forms to plain letters; small capitals and negative circled
//!    letters, which NFKC leaves, are mapped too. Dropped in place, without splitting the word
//!    they sit in: every Default_Ignorable code point per TR39's identifier types (crate
//!    `unicode-security`: ZWSP, ZWJ/ZWNJ, U+2060, U+FEFF, soft hyphen, bidi controls, variation
//!    selectors, tags), faint spaces, combining marks ("Zalgo", strike-through) and emoji.
//!    Symbols the confusables read as a letter (`∪`, `⍺`) become it. Case is kept until stage 7.
//! 4. Whitespace-separated chunks that are URLs become their host (`https://www.x.com/a?b` →
//!    `xcom`, the word a bare `x.com` gives too): shortener paths and tracking parameters are
//!    what differ between copies.
//! 5. Everything else is split into words of letters and digits. Punctuation between two
//!    letters joins them (`ch.eck`, `it's`); elsewhere it separates words.
//! 6. Random-looking tokens (the randomized suffixes and prefixes of a flood: `xk7qz2`, `#a8f3`,
//!    `48213`, consonant soup) become the mask token [`RANDOM_TOKEN`] ([`looks_random`]). The
//!    masker judges the token before the confusables skeleton, because the skeleton turns
//!    digits into letters (`2015` → `2ol5`) and would make years look random.
//! 7. Each kept word goes through a case-free TR39 confusables skeleton (Cyrillic `а` → `a`,
//!    Greek `Μ` → `m`, `0` → `o`, `m` → `rn`; see [`skeleton_word`] for why it runs twice);
//!    digits inside words that also hold letters are read as the letters they imitate
//!    (`fr33` → `free`), and stretched letters are squeezed (`sooo` → `so`).
//! 8. Runs of three or more one-character words are joined (`c h e c k` → `check`), split at
//!    their wider gaps (`c h e c k   m y` → `check my`), undoing letter spacing.
//!
//! Output conventions (read by `similarity`): words separated by single spaces, each of letters
//! and digits, or the mask token [`RANDOM_TOKEN`].

use std::borrow::Cow;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_security::general_security_profile::IdentifierType;
use unicode_security::GeneralSecurityProfile;

/// Longer tokens are never masked: the random filler of floods is short, while a long token is
/// text whose spaces were replaced by invisible characters (`I\u{200B}dont\u{200B}even…`), which
/// the shingles read correctly as long as it is kept.
const MAX_RANDOM_TOKEN_CHARS: usize = 20;

/// What a random-looking token is replaced with. Not a letter or digit, so it can never be
/// confused with a word.
pub const RANDOM_TOKEN: &str = "#";

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

/// A word of the fingerprint form, with the whitespace before it in the text (0 when only
/// punctuation separated it from the previous word): stage 8 reads word breaks from it.
struct Word {
    text: String,
    gap: usize,
    /// Written as one character (before the skeleton, which turns `m` into `rn`).
    one_char: bool,
}

/// The gap before a line's first word: a line break separates words more than any spaces.
const LINE_BREAK_GAP: usize = 1000;

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

/// The fingerprint form of a single word (used to compare word lists with normalized text, so
/// that e.g. "same" is looked up as its skeleton "sarne").
pub fn word_form(word: &str) -> String {
    fingerprint_form(word)
}

/// A Reddit quote: the line's first visible character is `>`.
fn is_quote_line(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

/// Stage 3: NFKC, letter styles without a compatibility decomposition, invisible characters,
/// combining marks and emoji dropped (invisibles become spaces when they stand for spaces),
/// symbols read as letters, blank look-alikes become spaces. Case is kept until the skeleton
/// (see [`skeleton_word`]).
fn clean_chars(line: &str, invisibles_are_spaces: bool) -> Cow<'_, str> {
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
    let enclosed_or_letterlike = matches!(c as u32, 0x2100..=0x214F | 0x2460..=0x24FF | 0x1F100..=0x1F1FF);
    rest.first() == Some(&'\u{FE0F}') && !c.is_ascii() && (enclosed_or_letterlike || !c.is_alphanumeric())
}

/// Default_Ignorable code points, as TR39 types them (unicode-security's data), and faint spaces.
fn is_invisible(c: char) -> bool {
    matches!(c.identifier_type(), Some(IdentifierType::Default_Ignorable)) || is_faint_space(c)
}

/// Spaces narrow enough to hide inside a word (six-per-em, punctuation, thin, hair, narrow
/// no-break and medium mathematical spaces): treated as invisible, so `che\u{200A}ck` is `check`,
/// while a text that uses them for all its spaces still gets its words (see
/// [`stands_for_spaces`]).
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
/// because they are sprinkled inside words (`gui😂tar`) as often as between them. Without a
/// general-category table this is "not a letter, digit or space, from the arrows block
/// (U+2190) on", which covers arrows, technical and geometric symbols, dingbats and the emoji
/// planes; CJK punctuation (U+3000–U+303F) still separates words.
fn is_pictograph(c: char) -> bool {
    let code = c as u32;
    code >= 0x2190 && !(0x3000..=0x303F).contains(&code) && !c.is_alphanumeric() && !c.is_whitespace()
}

/// Letter styles that "fancy text" generators emit but that neither NFKC nor the TR39
/// confusables map to their letter: small capitals (ᴄʜᴇᴄᴋ), negative circled (🅒) and negative
/// squared (🅲) letters. The block offsets come from the Unicode code charts; small capitals
/// are not contiguous, hence the list in alphabet order (`x` has no small capital).
fn styled_letter(c: char) -> Option<char> {
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

/// Stages 4–7 for one whitespace-separated chunk.
fn push_chunk_words(chunk: &str, gap: usize, words: &mut Vec<Word>) {
    let first_new = words.len();
    if let Some((before, host)) = split_url(chunk) {
        push_plain_words(before, words);
        if !host.is_empty() {
            words.push(Word { text: host, gap: 0, one_char: false });
        }
    } else {
        push_plain_words(chunk, words);
    }
    if let Some(first) = words.get_mut(first_new) {
        first.gap = gap;
    }
}

/// If `chunk` holds a URL, the text before it and the URL's host as one word: normalized, `www.`
/// and the dots dropped, so it is the same word as the host written bare (`bit.ly` reads
/// `bitly` by stage 5).
fn split_url(chunk: &str) -> Option<(&str, String)> {
    // Every link form below holds a `/`, a `:` or `www.`; most chunks are plain words and stop here.
    let has_www = chunk.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"www."));
    if !has_www && !chunk.contains(['/', ':']) {
        return None;
    }
    let trimmed = chunk.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
    let (before, rest) = if let Some(at) = trimmed.find("://") {
        // The scheme is the run of letters just before "://" (look-alikes included); text glued
        // before it ("link:https://…") stays text.
        let scheme_start =
            trimmed[..at].char_indices().rev().find(|(_, c)| !c.is_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
        (&trimmed[..scheme_start], &trimmed[at + 3..])
    } else if let Some((scheme_start, rest_start)) = damaged_web_scheme(trimmed) {
        (&trimmed[..scheme_start], &trimmed[rest_start..])
    } else if trimmed.get(..4).is_some_and(|start| start.eq_ignore_ascii_case("www.")) || looks_like_bare_link(trimmed)
    {
        ("", trimmed)
    } else {
        return None;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    let host = host.get(..4).filter(|start| start.eq_ignore_ascii_case("www.")).map_or(host, |_| &host[4..]);
    // A host ends in a top-level domain of a few letters. When noise has removed the dot and
    // slash that separate host from path (`https:tCOrUiF26GLb2`), the host cannot be told
    // apart from the random path: the link is then masked like a random token.
    // A `/` after the host still separates it from the path, even when its dot is gone
    // (`https:/tCo/RHeRi`).
    let top_level = host.rsplit('.').next().unwrap_or("");
    let ends_in_domain = host.contains('.')
        && (2..=MAX_TOP_LEVEL_DOMAIN_CHARS).contains(&top_level.chars().count())
        && top_level.chars().all(char::is_alphabetic);
    let readable = ends_in_domain || rest.contains('/');
    if !readable {
        return Some((before, RANDOM_TOKEN.to_string()));
    }
    let letters: String = host.chars().filter(|c| c.is_alphanumeric()).collect();
    Some((before, skeleton_word(&letters)))
}

/// Longest top-level domain taken for one: the common ones (`com`, `ly`, `co`, `museum` aside)
/// are two to six letters; a longer "domain" is a host glued to its path.
const MAX_TOP_LEVEL_DOMAIN_CHARS: usize = 6;

/// A web scheme whose `://` noise has damaged (`https/t.co/x`, `НTTрs:t.co/x`, `hxxps[:]//`):
/// a word that reads `http`, `https`, `hxxp` or `hxxps` through the skeleton, followed by
/// punctuation. Returns where the scheme starts and where the host starts.
fn damaged_web_scheme(chunk: &str) -> Option<(usize, usize)> {
    static SCHEMES: OnceLock<[String; 4]> = OnceLock::new();
    let schemes = SCHEMES.get_or_init(|| ["http", "https", "hxxp", "hxxps"].map(skeleton_word));
    let mut search_from = 0;
    while let Some(offset) = chunk[search_from..].find(|c: char| c.is_alphabetic()) {
        let start = search_from + offset;
        let word_end = chunk[start..].find(|c: char| !c.is_alphabetic()).map_or(chunk.len(), |end| start + end);
        let punctuation_end = chunk[word_end..]
            .find(|c: char| c.is_alphanumeric() || c.is_whitespace())
            .map_or(chunk.len(), |end| word_end + end);
        if punctuation_end > word_end && schemes.contains(&skeleton_word(&chunk[start..word_end].to_lowercase())) {
            return Some((start, punctuation_end));
        }
        search_from = word_end;
    }
    None
}

/// A link written without a scheme but with a path: `bit.ly/3xYz`, `youtube.com/watch?v=…`.
/// Without a path a dotted word is a word like any other (`bit.ly` → `bitly`), the same word
/// as the host of a full link.
fn looks_like_bare_link(chunk: &str) -> bool {
    let Some((domain, _path)) = chunk.split_once('/') else { return false };
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic))
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
    let lowercase: Cow<str> =
        if word.chars().any(char::is_uppercase) { Cow::Owned(word.to_lowercase()) } else { Cow::Borrowed(word) };
    let random = looks_random(&lowercase);
    let text = if random { RANDOM_TOKEN.to_string() } else { skeleton_word(&read_leet(word)) };
    let one_char = !random && word.chars().nth(1).is_none();
    words.push(Word { text, gap: 0, one_char });
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

/// Digits read as the letters they imitate, in words that mix letters and digits (`fr33` →
/// `free`, `m0n3y` → `money`, `sub4sub` → `subasub`), and `@`/`$` kept inside words as `a`/`s`.
/// Words of digits alone (years, counts) are left alone.
fn read_leet(word: &str) -> Cow<'_, str> {
    if !word.contains(|c: char| c.is_ascii_digit() || c == '@' || c == '$') {
        return Cow::Borrowed(word);
    }
    Cow::Owned(read_digits_as_letters(word).replace('@', "a").replace('$', "s"))
}

fn read_digits_as_letters(word: &str) -> String {
    let has_letter = word.chars().any(char::is_alphabetic);
    let has_digit = word.chars().any(|c| c.is_ascii_digit());
    if !(has_letter && has_digit) {
        return word.to_string();
    }
    word.chars()
        .map(|c| match c {
            '0' => 'o',
            '1' => 'l',
            '3' => 'e',
            '4' => 'a',
            '5' => 's',
            '7' => 't',
            other => other,
        })
        .collect()
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
///
/// Then two folds the skeleton leaves undone. Letters whose prototype is not Latin but which
/// readers take for Latin letters ([`latin_reading`]: Cyrillic `к`/`м`/`н` → small-capital
/// prototypes, Greek `ω`, `μ`) become those letters. Runs of three or more of one letter become
/// one (`cheeeck` → `check`, `sooo` → `so`): elongation is an evasion and a habit. Doubled
/// letters stay, because English spells them (`follow`), and words of digits alone keep their
/// runs (`2000`).
fn skeleton_word(word: &str) -> String {
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
        for c in unicode_security::skeleton(&once).filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase) {
            match latin_reading(c) {
                Some(letter) => out.push_str(&table[letter as usize]),
                None => out.push(fold_i_into_l(c)),
            }
        }
        out
    };
    let has_long_run = skeleton.as_bytes().windows(3).any(|w| w[0] == w[1] && w[1] == w[2]);
    if !has_long_run || word.chars().all(|c| c.is_numeric()) {
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

/// Whether a token (lowercased, before the skeleton) looks like the random filler of a flood
/// rather than a word, number or acronym. Kept narrow on purpose: a masked word no longer
/// counts towards similarity, so masking an ordinary word would make different texts closer.
/// The letter-digit tests read leetspeak first, so `m0n3y` is a word, not noise.
pub fn looks_random(token: &str) -> bool {
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

/// `token` with every run of three or more equal letters cut to one.
fn squeeze_letter_runs(token: &str) -> Vec<char> {
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
/// "htmls" has five), or six consonants in a row ("strengths" has five).
fn is_consonant_soup(letters: &str) -> bool {
    let (mut length, mut vowels, mut run, mut longest_consonant_run) = (0, 0, 0, 0);
    for c in letters.chars() {
        length += 1;
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            vowels += 1;
            run = 0;
        } else {
            run += 1;
            longest_consonant_run = longest_consonant_run.max(run);
        }
    }
    (length >= 6 && vowels == 0) || longest_consonant_run >= 6
}

/// Stage 8: three or more consecutive one-character words (`c h e c k`) become one word.
///
/// Inside such a run, whitespace wider than the narrowest gap of the run is a word break
/// (`c h e c k   m y` → `check my`): spaced-out text keeps its words apart with wider gaps, and
/// without that signal the whole run becomes one word.
fn join_spaced_letters(words: &mut Vec<Word>) {
    let single = |w: &Word| w.one_char;
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let run = words[i..].iter().take_while(|w| single(w)).count();
        if run >= 3 {
            let letters = &words[i..i + run];
            let narrowest = letters[1..].iter().map(|w| w.gap).min().unwrap_or(0);
            let mut joined = Word { text: letters[0].text.clone(), gap: letters[0].gap, one_char: false };
            for letter in &letters[1..] {
                if letter.gap > narrowest {
                    out.push(std::mem::replace(
                        &mut joined,
                        Word { text: String::new(), gap: letter.gap, one_char: false },
                    ));
                }
                joined.text.push_str(&letter.text);
            }
            out.push(joined);
            i += run;
        } else {
            out.push(std::mem::replace(&mut words[i], Word { text: String::new(), gap: 0, one_char: false }));
            i += 1;
        }
    }
    *words = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGINAL: &str = "Check out my new channel, I post guitar covers every week";

    fn same_form(evaded: &str) {
        assert_eq!(fingerprint_form(evaded), fingerprint_form(ORIGINAL), "evaded: {evaded:?}");
    }

    #[test]
    fn plain_text_is_lowercased_and_punctuation_collapsed() {
        let form = fingerprint_form("Hello,   WORLD!!  How are   you?");
        assert_eq!(form, fingerprint_form("hello world how are you"));
        assert_eq!(form.split(' ').count(), 5);
        assert_eq!(fingerprint_form("Hello"), fingerprint_form("hello"));
    }

    #[test]
    fn case_and_punctuation_noise_is_undone() {
        same_form("CHECK out... my NEW channel!!! I post guitar covers -- every WEEK!!");
    }

    #[test]
    fn cyrillic_and_greek_look_alikes_become_latin() {
        // Cyrillic с, е, о, а, р and Greek ο in place of Latin letters.
        same_form("Сhеck оut my nеw chаnnel, I pоst guitаr cοvers every week");
        // Capital look-alikes keep their class through case folding (Greek Μ, Τ, Ε, Ν, Υ).
        assert_eq!(fingerprint_form("ΜΟΝΕΥ ΤΟΝΙGΗΤ"), fingerprint_form("money tonight"));
    }

    #[test]
    fn zero_width_and_format_characters_are_removed_inside_words() {
        same_form(
            "Ch\u{200B}eck o\u{200C}ut my n\u{200D}ew chan\u{2060}nel, I po\u{FEFF}st gui\u{AD}tar covers every week",
        );
    }

    #[test]
    fn youtube_export_byte_order_mark_is_removed() {
        assert_eq!(fingerprint_form("nice song \u{FEFF}"), fingerprint_form("nice song"));
    }

    #[test]
    fn fullwidth_letters_become_ascii() {
        same_form(
            "Ｃｈｅｃｋ ｏｕｔ ｍｙ ｎｅｗ ｃｈａｎｎｅｌ， Ｉ ｐｏｓｔ ｇｕｉｔａｒ ｃｏｖｅｒｓ ｅｖｅｒｙ ｗｅｅｋ",
        );
    }

    #[test]
    fn mathematical_and_fancy_letters_become_ascii() {
        same_form("𝐂𝐡𝐞𝐜𝐤 𝘰𝘶𝘵 𝓂𝓎 𝕟𝕖𝕨 channel, I post guitar covers every week");
        same_form("ᴄʜᴇᴄᴋ ⓞⓤⓣ 🅼🆈 🅝🅔🅦 channel, I post guitar covers every week");
    }

    #[test]
    fn combining_overlays_are_removed() {
        same_form("C\u{336}h\u{336}e\u{336}c\u{336}k out my new channel, I post guitar covers every wéék");
    }

    #[test]
    fn emoji_are_dropped_even_inside_words() {
        same_form("🔥Check out my new 🎸channel🎸, I post gui😂tar covers every week 💯👨‍👩‍👧");
    }

    #[test]
    fn invisible_characters_used_as_spaces_are_spaces() {
        let glued = "I\u{200B}dont\u{200B}even\u{200B}watch\u{200B}it\u{200B}anymore\u{200B}i\u{200B}check\u{200B}on\u{200B}2\u{200B}Billion";
        assert_eq!(fingerprint_form(glued), fingerprint_form("I dont even watch it anymore i check on 2 Billion"));
    }

    #[test]
    fn underscores_used_as_spaces_are_spaces() {
        assert_eq!(
            fingerprint_form("Katy_Perry_-_Roar_(Official):_http://youtu.be/x._I_love_this_song"),
            fingerprint_form("Katy Perry - Roar (Official): http://youtu.be/y. I love this song")
        );
        assert_eq!(fingerprint_form("my_name is here and there"), fingerprint_form("myname is here and there"));
    }

    #[test]
    fn punctuation_inside_words_is_dropped() {
        assert_eq!(fingerprint_form("ch.eck my pro*file, it's fr_ee"), fingerprint_form("check my profile, its free"));
        assert_ne!(fingerprint_form("3.5"), fingerprint_form("35"));
        assert_eq!(fingerprint_form("wo!rld, he?llo (fr)iend"), fingerprint_form("world, hello friend"));
        assert_eq!(fingerprint_form("covid-19"), fingerprint_form("covid 19"));
        assert_eq!(fingerprint_form("2,127,315,950 views"), fingerprint_form("2127315950 views"));
        assert_ne!(fingerprint_form("3.5 stars"), fingerprint_form("35 stars"));
    }

    #[test]
    fn keycap_emoji_do_not_glue_digits_to_words() {
        assert_eq!(
            fingerprint_form("reach1\u{FE0F}\u{20E3} the top #\u{FE0F}\u{20E3} 2\u{20E3}"),
            fingerprint_form("reach the top")
        );
    }

    #[test]
    fn emoji_that_nfkc_would_spell_are_dropped() {
        assert_eq!(
            fingerprint_form("great™\u{FE0F} song ℹ\u{FE0F} Ⓜ\u{FE0F}usic 🅰\u{FE0F}"),
            fingerprint_form("great song usic")
        );
        // Without the emoji selector, fancy text stays letters; a selector after a plain letter
        // is an invisible.
        assert_eq!(fingerprint_form("Ⓜusic"), fingerprint_form("music"));
        assert_eq!(fingerprint_form("m\u{FE0F}usic"), fingerprint_form("music"));
    }

    #[test]
    fn elongated_letters_are_collapsed() {
        assert_eq!(
            fingerprint_form("I TUrrrneDdd ITtt On, CHEEEECK the viiieeewwws"),
            fingerprint_form("i turned it on, check the views")
        );
        assert_ne!(fingerprint_form("follow"), fingerprint_form("folow"));
        assert_eq!(fingerprint_form("in 2000"), format!("{} 2ooo", word_form("in")));
    }

    #[test]
    fn letters_read_as_latin_are_folded() {
        // Cyrillic small letters shaped like small capitals, Greek letters used for Latin ones.
        assert_eq!(fingerprint_form("мoney тoniɢнт"), fingerprint_form("money tonight"));
        assert_eq!(fingerprint_form("ωow τhis is μnreal"), fingerprint_form("wow this is unreal"));
    }

    #[test]
    fn every_single_letter_confusable_reads_as_its_letter() {
        // Exhaustive over the TR39 data: a letter (or symbol) whose skeleton is one Latin letter
        // normalizes to that letter, unless NFKC maps it elsewhere first (ſ → s) or it is a
        // combining mark (dropped like any other mark).
        let mut wrong = Vec::new();
        for c in (0x80..0x20000).filter_map(char::from_u32) {
            let skeleton: String = unicode_security::skeleton(&c.to_string()).collect();
            let mut letters = skeleton.chars();
            let (Some(letter), None) = (letters.next(), letters.next()) else { continue };
            let nfkc_keeps_it = c.to_string().nfkc().eq(std::iter::once(c));
            if !letter.is_ascii_alphabetic() || !nfkc_keeps_it || is_combining_mark(c) || c.is_whitespace() {
                continue;
            }
            if fingerprint_form(&format!("x{c}x")) != fingerprint_form(&format!("x{letter}x")) {
                wrong.push(c);
            }
        }
        assert!(wrong.is_empty(), "confusables not read as their letter: {wrong:?}");
    }

    #[test]
    fn letter_spacing_is_joined() {
        assert_eq!(fingerprint_form("c h e c k my profile"), fingerprint_form("check my profile"));
        assert_eq!(fingerprint_form("c h e c k   m y   p r o f i l e"), fingerprint_form("check my profile"));
        assert_eq!(fingerprint_form("f.r.e.e m-o-n-e-y"), fingerprint_form("free money"));
    }

    #[test]
    fn leetspeak_digits_in_words_read_as_letters() {
        assert_eq!(fingerprint_form("fr33 m0n3y, $ubscribe"), fingerprint_form("free money, subscribe"));
    }

    #[test]
    fn random_pieces_glued_on_with_punctuation_are_masked_alone() {
        assert_eq!(fingerprint_form("check my profile-xk7qz2"), fingerprint_form("check my profile xk7qz2"));
        assert_eq!(fingerprint_form("check my profile[a8f3]"), fingerprint_form("check my profile #a8f3"));
    }

    #[test]
    fn braille_blanks_are_spaces() {
        assert_eq!(fingerprint_form("check\u{2800}my\u{2800}profile"), fingerprint_form("check my profile"));
    }

    #[test]
    fn faint_spaces_inside_words_are_removed() {
        assert_eq!(fingerprint_form("che\u{200A}ck my pro\u{2009}file"), fingerprint_form("check my profile"));
        assert_eq!(
            fingerprint_form("check\u{2009}my\u{2009}profile\u{2009}now"),
            fingerprint_form("check my profile now")
        );
    }

    #[test]
    fn random_suffixes_and_prefixes_are_masked() {
        assert_eq!(
            fingerprint_form("check my profile xk7qz2"),
            format!("{} {RANDOM_TOKEN}", fingerprint_form("check my profile"))
        );
        assert_eq!(
            fingerprint_form("#a8f3 check my profile"),
            format!("{RANDOM_TOKEN} {}", fingerprint_form("check my profile"))
        );
        assert_eq!(fingerprint_form("check my profile [48213]"), fingerprint_form("check my profile (99120)"));
        assert_eq!(fingerprint_form("check my profile qzkvwx"), fingerprint_form("check my profile bcdfgh"));
    }

    #[test]
    fn the_masker_keeps_words_years_and_acronyms() {
        for ordinary in [
            "2015",
            "1999",
            "100",
            "covid19",
            "mp3",
            "1080p",
            "html5",
            "ps4",
            "gpt4",
            "b2b",
            "4k",
            "3rd",
            "24h",
            "nasa",
            "fbi",
            "usa",
            "lmfao",
            "strengths",
            "rhythm",
            "psst",
            "hmm",
            "iphone",
            "youtube",
            "x86",
            "h264",
            "m0n3y",
            "fr33",
            "sub4sub",
            "l33t",
            "h3ll0",
            "s3cr3t",
            "1ad4",
            "c0ffee",
            "01d5p1ce",
            "c0mm3rc141",
            "7h3r3",
            "541d",
            "schеdu1e",
            "wіth",
            "meetinggggg",
            "plllllaaaaayyyeer",
            "unsssolllllddddd",
            "idontevenwatchitanymoreicheckon2billion",
        ] {
            assert!(!looks_random(ordinary), "{ordinary} must not be masked");
        }
        for random in [
            "xk7qz2", "a8f3", "9f8e7d6c", "48213", "qzkvwx", "k2j4h6", "x1y2z3", "hbvx1j", "tcc4440", "xog3982",
            "bjhfc3aw", "0e00", "хk7qz2",
        ] {
            assert!(looks_random(random), "{random} must be masked");
        }
    }

    #[test]
    fn urls_with_damaged_schemes_are_still_links() {
        let clean = fingerprint_form("so nice https://t.co/ohdLggaPHQ");
        for damaged in
            ["so nice https/t.co/abc", "so nice НTTрs:t.cO/OHdlGg", "so nice hxxps[:]//t.co/x", "so nice Https;/t.co/y"]
        {
            assert_eq!(fingerprint_form(damaged), clean, "{damaged}");
        }
        assert_eq!(fingerprint_form("so nice https:/tCo/RHeRi"), clean);
        // Host glued to its path: masked, not read as a word.
        assert_eq!(
            fingerprint_form("so nice https:tCOrUiF26GLb2"),
            format!("{} {RANDOM_TOKEN}", fingerprint_form("so nice"))
        );
    }

    #[test]
    fn urls_are_reduced_to_their_host() {
        assert_eq!(fingerprint_form("see https://bit.ly/3xYzAb"), fingerprint_form("see bit.ly"));
        // Look-alike letters inside a link must not break it (multi-byte scheme neighbours).
        assert_eq!(fingerprint_form("һttр://уоսtս.bе/9bζkр7"), fingerprint_form("http://youtu.be/other"));
        assert_eq!(fingerprint_form("HTTPS://WWW.Example.COM/A"), fingerprint_form("https://example.com/b"));
        assert_eq!(
            fingerprint_form("free stuff at https://www.example.com/ref?id=123abc now"),
            fingerprint_form("free stuff at http://example.com/other/path now")
        );
        assert_eq!(fingerprint_form("see bit.ly/3xYzAb"), fingerprint_form("see https://bit.ly/9QrsTu"));
        assert_eq!(fingerprint_form("go to https://example.com/x"), format!("go to {}", word_form("examplecom")));
    }

    #[test]
    fn reddit_quote_lines_are_dropped() {
        assert_eq!(fingerprint_form("> what the parent said\nmy own answer"), fingerprint_form("my own answer"));
        assert_eq!(fingerprint_form("> only a quote"), "");
    }

    #[test]
    fn skeleton_is_applied_to_both_sides_consistently() {
        // The skeleton maps "m" to "rn" and "1"/"l"/"I" together: odd, but identical on both sides.
        assert_eq!(fingerprint_form("modern"), fingerprint_form("rnodern"));
        assert_eq!(fingerprint_form("Illegal"), fingerprint_form("1llegal"));
        assert_eq!(fingerprint_form("Instagram"), fingerprint_form("lnstagram"));
    }

    #[test]
    fn different_texts_stay_different() {
        assert_ne!(fingerprint_form("I love this song"), fingerprint_form("I hate this song"));
    }
}
