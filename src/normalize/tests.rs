//! The fingerprint form's behaviour, stage by stage, through `fingerprint_form` (the masker's
//! decisions also directly, through `looks_random`).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::random_token::looks_random;
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
    // A number keeps its digits and their runs.
    assert_eq!(fingerprint_form("in 2000"), format!("{} 2000", fingerprint_form("in")));
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
    assert_eq!(fingerprint_form("go to https://example.com/x"), format!("go to {}", fingerprint_form("examplecom")));
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

#[test]
fn the_fingerprint_form_is_its_own_fingerprint_form() {
    for text in [
        // The mask token standing alone reads as the mask.
        "call xk7qz2 now",
        "call # now",
        // The skeleton's `i` → `l` does not make ordinary words consonant soup.
        "finish watching the summer rhythm",
        // Numbers keep their digits; digits among letters are read as letters.
        "in 2015 and 1000 or 30, fr33 covid19",
        // Joined spaced letters leave no run of single letters behind, and are read as written.
        "a  b  c  d e",
        "f r 3 3 stuff",
        "s o o o n",
        // A link's host is a word like any other, also among spaced letters (found by the fuzzer).
        "visit 123movies.com/x or https://www.example.com/ref",
        "v\u{1}9://b/",
        // Skeletons that give punctuation (NKo), digits (Buhid) or compatibility characters
        // (halfwidth katakana sound marks).
        "Fߺߺ",
        "ᜪਲ:®𝒽",
        "バ",
    ] {
        let once = fingerprint_form(text);
        assert_eq!(fingerprint_form(&once), once, "from {text:?}");
    }
    assert_eq!(fingerprint_form("call # now"), fingerprint_form("call xk7qz2 now"));
    assert!(!fingerprint_form("finish").contains(RANDOM_TOKEN));
    assert_eq!(fingerprint_form("f r 3 3 stuff"), fingerprint_form("free stuff"));
    assert_eq!(fingerprint_form("a  b  c  d e"), "abc de");
}
