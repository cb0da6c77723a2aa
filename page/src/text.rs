//! Text as a page shows it, rebuilt from lol_html's raw pieces.
//!
//! Design: lol_html hands over raw text chunks (entities not decoded, a node possibly split
//! mid-entity) and raw attribute values. A `ShownText` collects the raw chunks, line breaks
//! (block elements, `<br>`) and literal text (an `<img>`'s alt, e.g. X's emoji images) in order,
//! and decodes and collapses only when finished, so an entity split across chunks still decodes.
//! No HTML entity crate is in the dependency tree, so `decode_entities` handles the named
//! entities that real pages use for text plus every numeric reference (with the HTML
//! windows-1252 remapping of 0x80–0x9F that browsers apply). `fragment_text` reads a loose
//! piece of HTML (a comment as an export stores it) with lol_html into a `ShownText`, the way
//! a post's text is read from a page, so exported HTML and saved pages read alike; it keeps
//! whitespace as written, since comment boxes (YouTube's among them) show text pre-wrapped.

use std::cell::RefCell;
use std::rc::Rc;

use lol_html::html_content::{Element, TextChunk, TextType};
use lol_html::{doc_text, element, RewriteStrSettings};

/// Elements whose boundaries a page renders as line breaks (besides `<br>`, which is one).
const BLOCK_ELEMENTS: &str =
    "p, div, li, ul, ol, blockquote, pre, h1, h2, h3, h4, h5, h6, hr, tr, table, section, figure, figcaption";

#[derive(Debug, Default, Clone)]
pub struct ShownText {
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone)]
enum Piece {
    Raw(String),
    Break,
    /// A `<br>` where whitespace is kept: every one starts a line, even right after another.
    LineBreak,
    Literal(String),
}

impl ShownText {
    pub fn push_raw(&mut self, raw: &str) {
        if let Some(Piece::Raw(last)) = self.pieces.last_mut() {
            last.push_str(raw);
        } else {
            self.pieces.push(Piece::Raw(raw.to_string()));
        }
    }

    pub fn push_break(&mut self) {
        if !matches!(self.pieces.last(), Some(Piece::Break)) {
            self.pieces.push(Piece::Break);
        }
    }

    pub fn push_line_break(&mut self) {
        self.pieces.push(Piece::LineBreak);
    }

    /// Already-decoded text (an attribute value passed through `decode_entities`).
    pub fn push_literal(&mut self, text: &str) {
        self.pieces.push(Piece::Literal(text.to_string()));
    }

    /// Lines joined by `\n`, whitespace inside a line collapsed to one space, blank lines dropped.
    pub fn finish(&self) -> String {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Raw(raw) => line.push_str(&decode_entities(raw)),
                Piece::Literal(text) => line.push_str(text),
                Piece::Break | Piece::LineBreak => lines.push(std::mem::take(&mut line)),
            }
        }
        lines.push(line);
        lines
            .iter()
            .map(|l| collapse_whitespace(l))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The text with its whitespace as written (CSS `white-space: pre-wrap`): a `\n` for every
    /// line break, one at a block boundary between two texts on the same line, nothing
    /// collapsed or trimmed.
    pub fn finish_as_written(&self) -> String {
        let mut out = String::new();
        let mut pending_break = false;
        for piece in &self.pieces {
            let text = match piece {
                Piece::Raw(raw) => decode_entities(raw),
                Piece::Literal(text) => text.clone(),
                Piece::LineBreak => {
                    out.push('\n');
                    pending_break = false;
                    continue;
                }
                Piece::Break => {
                    pending_break = !out.is_empty() && !out.ends_with('\n');
                    continue;
                }
            };
            if pending_break && !text.is_empty() {
                out.push('\n');
                pending_break = false;
            }
            out.push_str(&text);
        }
        out
    }
}

/// The text an HTML fragment shows: tags dropped (a link reads as its text, an image as its
/// alt), a line break at `<br>` and block boundaries, script and style contents left out,
/// entities decoded, whitespace as written ([`ShownText::finish_as_written`]).
pub fn fragment_text(html: &str) -> String {
    // End-tag handlers outlive the settings, hence a shared owner rather than a borrow.
    let text = Rc::new(RefCell::new(ShownText::default()));
    let settings = RewriteStrSettings::new()
        .with_strict(false)
        .append_element_content_handler(element!(BLOCK_ELEMENTS, |el: &mut Element<'_, '_>| {
            text.borrow_mut().push_break();
            if let Some(handlers) = el.end_tag_handlers() {
                let text = Rc::clone(&text);
                handlers.push(Box::new(move |_| {
                    text.borrow_mut().push_break();
                    Ok(())
                }));
            }
            Ok(())
        }))
        .append_element_content_handler(element!("br", |_: &mut Element<'_, '_>| {
            text.borrow_mut().push_line_break();
            Ok(())
        }))
        .append_element_content_handler(element!("img[alt]", |el: &mut Element<'_, '_>| {
            if let Some(alt) = el.get_attribute("alt") {
                text.borrow_mut().push_literal(&decode_entities(&alt));
            }
            Ok(())
        }))
        // Script and style contents are not text a reader sees.
        .append_document_content_handler(doc_text!(|chunk: &mut TextChunk<'_>| {
            if matches!(chunk.text_type(), TextType::Data | TextType::RCData) {
                text.borrow_mut().push_raw(chunk.as_str());
            }
            Ok(())
        }));
    // Not strict, no memory limit and handlers that never fail: reading cannot fail.
    lol_html::rewrite_str(html, settings).expect("lol_html reads any fragment in non-strict mode");
    let shown = text.borrow().finish_as_written();
    shown
}

/// Collapses runs of whitespace (including no-break spaces, which a page shows as spaces) to
/// one space and trims.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Decodes HTML character references: the common named ones and all numeric ones.
/// An unknown name is left as written, as browsers do.
pub fn decode_entities(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match decode_reference(rest) {
            Some((decoded, consumed)) => {
                out.push_str(&decoded);
                rest = &rest[consumed..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes one reference at the start of `s` (which starts with `&`): the text and the bytes used.
fn decode_reference(s: &str) -> Option<(String, usize)> {
    let body = &s[1..];
    if let Some(numeric) = body.strip_prefix('#') {
        let (digits, radix, prefix_len) = match numeric.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (numeric, 10, 1),
        };
        let len = digits.chars().take_while(|c| c.is_digit(radix)).count();
        if len == 0 {
            return None;
        }
        let value = u32::from_str_radix(&digits[..len.min(8)], radix).unwrap_or(0x110000);
        let has_semicolon = digits[len..].starts_with(';');
        let consumed = 1 + prefix_len + len + usize::from(has_semicolon);
        return Some((numeric_char(value).to_string(), consumed));
    }
    let name_len = body.chars().take_while(char::is_ascii_alphanumeric).count();
    let name = &body[..name_len];
    if body[name_len..].starts_with(';') {
        if let Some(text) = named_entity(name) {
            return Some((text.to_string(), 1 + name_len + 1));
        }
    }
    // Legacy references browsers still accept without a semicolon (HTML spec, "named character
    // references"); only the ones that occur in real text.
    for legacy in ["amp", "lt", "gt", "quot", "nbsp"] {
        if body.starts_with(legacy) {
            return Some((named_entity(legacy)?.to_string(), 1 + legacy.len()));
        }
    }
    None
}

fn numeric_char(value: u32) -> char {
    // The HTML spec maps C1 control references to the windows-1252 characters authors meant.
    const WINDOWS_1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let value = if (0x80..=0x9F).contains(&value) { WINDOWS_1252[(value - 0x80) as usize] } else { value };
    match value {
        0 => '\u{FFFD}',
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    }
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{A0}",
        "shy" => "\u{AD}",
        "zwj" => "\u{200D}",
        "zwnj" => "\u{200C}",
        "lrm" => "\u{200E}",
        "rlm" => "\u{200F}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "hellip" => "…",
        "mdash" => "—",
        "ndash" => "–",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "times" => "×",
        "divide" => "÷",
        "plusmn" => "±",
        "euro" => "€",
        "pound" => "£",
        "cent" => "¢",
        "yen" => "¥",
        "sect" => "§",
        "para" => "¶",
        "iexcl" => "¡",
        "iquest" => "¿",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "agrave" => "à",
        "ccedil" => "ç",
        "ntilde" => "ñ",
        "ouml" => "ö",
        "uuml" => "ü",
        "auml" => "ä",
        "szlig" => "ß",
        "larr" => "←",
        "rarr" => "→",
        "uarr" => "↑",
        "darr" => "↓",
        "hearts" => "♥",
        "star" => "☆",
        "check" => "✓",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_and_numeric_references_decode_and_unknown_ones_stay() {
        assert_eq!(decode_entities("Tom &amp; Jerry &lt;3 &quot;hi&quot; &#39;x&#x27;"), "Tom & Jerry <3 \"hi\" 'x'");
        assert_eq!(decode_entities("fire &#x1F525; &#128293;"), "fire 🔥 🔥");
        assert_eq!(decode_entities("&#146;quoted&#148;"), "’quoted”");
        assert_eq!(decode_entities("&notanentity; & alone &amp"), "&notanentity; & alone &");
        assert_eq!(decode_entities("&#0;&#xD800;"), "\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn a_fragment_reads_as_shown() {
        assert_eq!(
            fragment_text("Tom &amp; Jerry&#39;s <a href=\"http://x.example/a\">x.example/a</a><br />next line &lt;3"),
            "Tom & Jerry's x.example/a\nnext line <3"
        );
        assert_eq!(fragment_text("a < b &unknown; c"), "a < b &unknown; c");
        assert_eq!(
            fragment_text("<p>one <i>two</i></p><p>fire <img alt=\"&#x1F525;\"></p><script>x()</script>"),
            "one two\nfire 🔥"
        );
        // Comment boxes show what was typed: repeated line breaks and spaces stay.
        assert_eq!(fragment_text(" a<br><br>b  &nbsp;c "), " a\n\nb  \u{A0}c ");
    }

    #[test]
    fn an_entity_split_across_chunks_still_decodes() {
        let mut text = ShownText::default();
        text.push_raw("fish &am");
        text.push_raw("p; chips");
        assert_eq!(text.finish(), "fish & chips");
    }

    #[test]
    fn blocks_become_lines_and_whitespace_collapses() {
        let mut text = ShownText::default();
        text.push_break();
        text.push_raw("\n   First   paragraph\n  goes on.&nbsp; ");
        text.push_break();
        text.push_break();
        text.push_raw("  ");
        text.push_break();
        text.push_raw("Second ");
        text.push_literal("🔥");
        assert_eq!(text.finish(), "First paragraph goes on.\nSecond 🔥");
    }
}
