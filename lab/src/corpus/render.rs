//! Markdown → the text a page shows, for training and evaluating the AI-text model.
//!
//! Design: GriD's human comments carry raw Reddit markdown (links, asterisks, line breaks)
//! that its machine answers lost in collection, so a model fed raw markdown learns the
//! dataset rather than the writer (../shared/data/SOURCES.md). A reader on Reddit sees the
//! rendered comment: links as their text, no emphasis marks, entities decoded. So does the
//! model, through this one function used by `chaff-lab train` and `chaff-lab eval` alike. Block
//! quotes are dropped (they are someone else's words, not the author's), as are code blocks'
//! fences and raw HTML; invisible characters (zero-width space from `&#x200B;`, BOM) are
//! removed and whitespace is collapsed to single spaces. Tweets are plain text with the
//! entities of their export: those are decoded by `chaff_page::decode_entities`, the decoder
//! saved pages go through, so every corpus reads HTML entities the same way.

use chaff_page::decode_entities;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The text a page shows for a markdown body, whitespace collapsed.
pub fn page_text(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len());
    let mut quote_depth = 0usize;
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            _ if quote_depth > 0 => {}
            Event::Text(text) | Event::Code(text) => raw.push_str(&text),
            Event::SoftBreak | Event::HardBreak | Event::Rule => raw.push(' '),
            // Block ends separate words that the page shows on separate lines.
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::TableRow,
            ) => raw.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&raw)
}

/// Plain text (a tweet) as a page shows it: HTML entities that exports leave (`&amp;`,
/// `&gt;`, `&#39;` …) decoded, invisible characters removed, whitespace collapsed.
pub fn plain_text(text: &str) -> String {
    collapse_whitespace(&decode_entities(text))
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Single spaces between words, none at the ends, invisible characters gone.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let word: String = word.chars().filter(|&c| !is_invisible(c)).collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_their_text_and_emphasis_marks_vanish() {
        let md = "See [the rules](https://reddit.com/r/x/wiki) and *this* **bold** ~~old~~ `code`.\n\nNext  paragraph";
        assert_eq!(
            page_text(md),
            "See the rules and this bold old code. Next paragraph"
        );
    }

    #[test]
    fn lists_headings_and_entities_read_as_shown() {
        let md = "# Title\n\n* one\n* two &amp; three\n\n&#x200B;\n\nend";
        assert_eq!(page_text(md), "Title one two & three end");
    }

    #[test]
    fn block_quotes_are_not_the_authors_text() {
        assert_eq!(page_text("> what you said\n\nmy answer"), "my answer");
    }

    #[test]
    fn tweets_have_entities_decoded_and_whitespace_collapsed() {
        assert_eq!(
            plain_text("fish &amp; chips\n\n &gt; ok\u{FEFF}"),
            "fish & chips > ok"
        );
    }
}
