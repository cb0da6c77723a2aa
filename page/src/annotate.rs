//! Writing a page back with chaff's badges, and (for the playground) making it inert.
//!
//! Design: two walks over the same page with the same post handlers (see `reader`): the first
//! finds every post element's id and the best badge anchor it has, the second places a badge
//! at that anchor for each notice or suspect post. lol_html re-emits every untouched byte as it
//! came in, so the page stays byte-identical apart from the inserted badges; all badge text is
//! escaped here, never trusted. The inert variant also drops what would run or fetch when the
//! playground previews a saved page: scripts, frames, embedded objects, remote stylesheets and
//! images, `srcset`, inline event handlers, `javascript:` links, SVG animations and remote CSS
//! `url()`s (in style attributes, in SVG presentation attributes such as `fill` or `mask`, and in
//! style sheets, which are judged whole, as the browser reads them).

use super::reader::{walk, PlannedBadge, WalkState};
use super::{read_page, ExtractError, Site};
use chaff::verdict::{Level, Verdict};
use lol_html::html_content::{ContentType, Element, TextChunk, TextType};
use lol_html::{ElementContentHandlers, RewriteStrSettings, Selector};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// The page with a badge beside each notice or suspect post of `verdicts` (matched by post id).
pub fn annotate(html: &str, site: Site, verdicts: &[Verdict]) -> Result<String, ExtractError> {
    annotate_with(html, site, verdicts, false)
}

/// `annotate`, and the page made inert for a preview: nothing in it runs or loads from anywhere.
pub fn annotate_inert(html: &str, site: Site, verdicts: &[Verdict]) -> Result<String, ExtractError> {
    annotate_with(html, site, verdicts, true)
}

fn annotate_with(html: &str, site: Site, verdicts: &[Verdict], inert: bool) -> Result<String, ExtractError> {
    let page = read_page(html, site)?;
    let by_id: HashMap<&str, &Verdict> = verdicts.iter().map(|v| (v.id.as_str(), v)).collect();
    let mut seen = HashSet::new();
    let plan: Vec<Option<PlannedBadge>> = (0..page.records.len())
        .map(|ordinal| {
            let id = page.id(ordinal)?;
            // Only the first element of an id is its post (extract_posts skips repeats).
            if !seen.insert(id.clone()) {
                return None;
            }
            let verdict = by_id.get(id.as_str())?;
            if verdict.level == Level::Ok {
                return None;
            }
            let anchor = page.records[ordinal].best_anchor?;
            Some(PlannedBadge { anchor, html: badge_html(verdict), placed: false })
        })
        .collect();
    let state = Rc::new(RefCell::new(WalkState::with_plan(plan)));
    let description = site.description()?;
    let inert_selectors = if inert { Some(InertSelectors::parse()?) } else { None };
    walk(html, description, &state, |settings| match inert_selectors {
        Some(selectors) => add_inert_handlers(settings, selectors),
        None => settings,
    })
}

/// The badge for one verdict: the level and the first reason, all reasons in `title`.
/// Inline-styled so it reads the same on any page; every piece of text escaped.
pub fn badge_html(verdict: &Verdict) -> String {
    let level = verdict.level.as_str();
    let (background, color) = match verdict.level {
        Level::Suspect => ("#fde2e1", "#8a1c14"),
        _ => ("#fff4d6", "#6b4e00"),
    };
    let label = match verdict.reasons.first() {
        Some(reason) => format!("chaff hint · {level}: {}", reason.text),
        None => format!("chaff hint · {level}"),
    };
    let mut title: Vec<&str> = verdict.reasons.iter().map(|r| r.text.as_str()).collect();
    title.push("(a hint from chaff, not a verdict)");
    format!(
        concat!(
            "<span class=\"chaff-badge\" data-chaff-level=\"{level}\" data-chaff-post=\"{id}\" ",
            "role=\"note\" title=\"{title}\" style=\"display:inline-block;margin:0 .4em;",
            "padding:0 .45em;border-radius:.6em;background:{bg};color:{fg};",
            "font:600 12px/1.6 system-ui,sans-serif;vertical-align:middle\">{label}</span>"
        ),
        level = level,
        id = escape_html(&verdict.id),
        title = escape_html(&title.join("\n")),
        bg = background,
        fg = color,
        label = escape_html(&label),
    )
}

/// Escapes text for an HTML text node or a double- or single-quoted attribute value.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

type Settings<'h> = RewriteStrSettings<'h, 'static>;

/// Elements removed whole: they run code, embed other documents, or (`noscript`, parsed as
/// markup once scripts are off) hold markup that was never sanitized as such; `base` would
/// redirect relative links; `meta[http-equiv]` can refresh or navigate; SVG animations (SMIL)
/// set attributes after the page is read (`<set attributeName="href" to="https://…">` fetches,
/// `to="javascript:…"` on a link runs), and a still preview loses nothing without them.
const REMOVED_ELEMENTS: &str = "script, iframe, frame, frameset, object, embed, applet, portal, noscript, base, \
     meta[http-equiv], link, animate, animatemotion, animatetransform, animatecolor, set";

/// The namespace of HTML elements; any other (SVG, MathML) reads CSS in its attributes.
const HTML_NAMESPACE: &str = "http://www.w3.org/1999/xhtml";

/// Attributes that fetch or run when their value is remote.
const FETCHING_ATTRIBUTES: [&str; 10] =
    ["src", "poster", "background", "data", "lowsrc", "dynsrc", "longdesc", "action", "formaction", "xlink:href"];

struct InertSelectors {
    removed: Selector,
    every: Selector,
    style: Selector,
}

impl InertSelectors {
    fn parse() -> Result<Self, ExtractError> {
        let parse = super::reader::parse_selector;
        Ok(InertSelectors { removed: parse(REMOVED_ELEMENTS)?, every: parse("*")?, style: parse("style")? })
    }
}

fn add_inert_handlers(settings: Settings<'_>, selectors: InertSelectors) -> Settings<'_> {
    let InertSelectors { removed, every, style } = selectors;
    // The text of the innermost open style sheet, as the browser reads it.
    let sheets: Rc<RefCell<Vec<String>>> = Rc::new(RefCell::new(Vec::new()));
    let sheets_for_text = Rc::clone(&sheets);
    settings
        .append_element_content_handler((
            Cow::Owned(removed),
            ElementContentHandlers::default().element(|el: &mut Element<'_, '_>| {
                el.remove();
                Ok(())
            }),
        ))
        .append_element_content_handler((
            Cow::Owned(every),
            ElementContentHandlers::default().element(|el: &mut Element<'_, '_>| {
                make_attributes_inert(el);
                Ok(())
            }),
        ))
        .append_element_content_handler((
            Cow::Owned(style),
            ElementContentHandlers::default()
                .element(move |el: &mut Element<'_, '_>| {
                    // A sheet may arrive in several chunks, and inside SVG in several text nodes
                    // around child elements (`u<b></b>rl(`), which the browser reads as one: all
                    // its text is taken out and written back, judged whole, before its end tag.
                    let in_html = el.namespace_uri() == HTML_NAMESPACE;
                    sheets.borrow_mut().push(String::new());
                    let sheets = Rc::clone(&sheets);
                    let _ = el.on_end_tag(Box::new(move |end| {
                        let sheet = sheets.borrow_mut().pop().unwrap_or_default();
                        let inert = inert_sheet(&sheet);
                        if in_html {
                            // Raw text: written as it came (entities are not decoded there).
                            end.before(&inert, ContentType::Html);
                        } else {
                            // Markup inside SVG: the sheet was read decoded and is written escaped.
                            end.before(&inert, ContentType::Text);
                        }
                        Ok(())
                    }));
                    Ok(())
                })
                .text(move |chunk: &mut TextChunk<'_>| {
                    let text = match chunk.text_type() {
                        TextType::Data | TextType::RCData => super::text::decode_entities(chunk.as_str()),
                        _ => chunk.as_str().to_string(),
                    };
                    if let Some(sheet) = sheets_for_text.borrow_mut().last_mut() {
                        sheet.push_str(&text);
                    }
                    chunk.remove();
                    Ok(())
                }),
        ))
}

fn make_attributes_inert(el: &mut Element<'_, '_>) {
    let names: Vec<(String, String)> = el.attributes().iter().map(|a| (a.name(), a.value())).collect();
    let tag = el.tag_name();
    // SVG's presentation attributes (fill, stroke, filter, clip-path, mask, marker-start/-mid/
    // -end, cursor, …) are CSS values and fetch their `url()`s like a style attribute.
    let css_in_attributes = el.namespace_uri() != HTML_NAMESPACE;
    for (name, raw_value) in names {
        let value = super::text::decode_entities(&raw_value);
        let drop = name.starts_with("on")
            || matches!(name.as_str(), "srcset" | "imagesrcset" | "ping")
            || (FETCHING_ATTRIBUTES.contains(&name.as_str()) && is_remote(&value))
            || (name == "href" && is_script_url(&value))
            // SVG <image>/<use>/<feImage> fetch their href.
            || (name == "href" && tag != "a" && tag != "area" && is_remote(&value));
        if drop {
            el.remove_attribute(&name);
        } else if name == "style" || css_in_attributes {
            match inert_style(&raw_value) {
                InertStyle::Keep => {}
                InertStyle::Replace(css) => {
                    let _ = el.set_attribute(&name, &css);
                }
                InertStyle::Drop => el.remove_attribute(&name),
            }
        }
    }
}

/// What becomes of a `style` attribute (or an SVG presentation attribute) in the inert preview.
#[derive(Debug, PartialEq)]
enum InertStyle {
    Keep,
    Replace(String),
    Drop,
}

/// A style attribute (or an SVG presentation attribute, also CSS) is judged as the browser
/// reads it: HTML entities decoded first (the HTML
/// parser does that before CSS sees the value), then CSS escapes (`u\72l(`, `\75 rl(`). A plain
/// value that fetches is rewritten by [`inert_css`]; anything else that might fetch (escapes,
/// entities this decoder does not know, what the rewrite cannot neutralize) loses the attribute:
/// an inert preview loses nothing important without such an inline style.
fn inert_style(raw: &str) -> InertStyle {
    // A named reference this decoder does not know may stand for `(`, `@` or `\` in a browser
    // (`&lpar;`, `&bsol;`).
    if has_unknown_named_reference(raw) {
        return InertStyle::Drop;
    }
    let decoded = super::text::decode_entities(raw);
    if !css_forms_may_fetch(raw, &decoded) {
        return InertStyle::Keep;
    }
    if !decoded.contains('\\') {
        let rewritten = inert_css(&decoded);
        if !css_forms_may_fetch(&rewritten, &rewritten) {
            // Written back as an attribute value: its `&` must read as itself again.
            return InertStyle::Replace(rewritten.replace('&', "&amp;"));
        }
    }
    InertStyle::Drop
}

/// Whether `raw` holds a named character reference (`&name;`, or `&name` without the
/// semicolon) that [`super::text::decode_entities`] leaves as it is.
fn has_unknown_named_reference(raw: &str) -> bool {
    raw.match_indices('&').any(|(at, _)| {
        let rest = &raw[at + 1..];
        let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return false;
        }
        let end = at + 1 + name_len + usize::from(rest[name_len..].starts_with(';'));
        let reference = &raw[at..end];
        super::text::decode_entities(reference) == reference
    })
}

/// Whether any reading of some CSS could fetch: as written, with entities decoded (`decoded`),
/// and either with CSS escapes undone.
fn css_forms_may_fetch(raw: &str, decoded: &str) -> bool {
    [raw, decoded].iter().any(|form| css_may_fetch(form) || css_may_fetch(&css_unescape(form)))
}

/// CSS functions that fetch a string argument as an image (`image-set("a.png" 1x)`).
const STRING_FETCHING_FUNCTIONS: [&str; 4] = ["image(", "image-set(", "src(", "cross-fade("];

/// Constructs that fetch or run whatever their argument is.
const ALWAYS_FETCHING: [&str; 4] = ["@import", "expression(", "-moz-binding", "behavior:"];

/// Whether CSS (escapes already undone by the caller where wanted) holds a remote `url(…)`, a
/// string-fetching function with a string in it, an `@import`, or a legacy script hook. Judged
/// with whitespace and control characters dropped and ASCII case folded, which only ever finds
/// more than the browser would.
fn css_may_fetch(css: &str) -> bool {
    let compact: String =
        css.chars().filter(|c| !c.is_whitespace() && !c.is_control()).map(|c| c.to_ascii_lowercase()).collect();
    if ALWAYS_FETCHING.iter().any(|m| compact.contains(m)) {
        return true;
    }
    for function in STRING_FETCHING_FUNCTIONS {
        let mut rest = compact.as_str();
        while let Some(at) = rest.find(function) {
            rest = &rest[at + function.len()..];
            let mut depth = 1usize;
            for c in rest.chars() {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    '"' | '\'' => return true,
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
            }
        }
    }
    let mut rest = compact.as_str();
    while let Some(at) = rest.find("url(") {
        let inner = &rest[at + 4..];
        let end = inner.find(')').unwrap_or(inner.len());
        if is_remote(inner[..end].trim_matches(['"', '\''])) {
            return true;
        }
        rest = &inner[end..];
    }
    false
}

/// CSS with its escapes undone (CSS Syntax 3, "consume an escaped code point"): `\` and one to
/// six hex digits (and one whitespace after them) is that code point, U+FFFD when it is zero, a
/// surrogate or out of range; `\` and a newline is nothing (a string's line continuation); `\`
/// and any other character is that character; a `\` at the end is U+FFFD.
fn css_unescape(css: &str) -> String {
    if !css.contains('\\') {
        return css.to_string();
    }
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            None => out.push('\u{FFFD}'),
            Some('\n' | '\r' | '\u{C}') => {
                chars.next();
            }
            Some(h) if h.is_ascii_hexdigit() => {
                let mut value = 0u32;
                let mut digits = 0;
                while let Some(d) = chars.peek().and_then(|d| d.to_digit(16)) {
                    if digits == 6 {
                        break;
                    }
                    value = value * 16 + d;
                    digits += 1;
                    chars.next();
                }
                if chars.peek().is_some_and(|w| matches!(w, ' ' | '\t' | '\n' | '\r' | '\u{C}')) {
                    chars.next();
                }
                out.push(match value {
                    0 => '\u{FFFD}',
                    v => char::from_u32(v).unwrap_or('\u{FFFD}'),
                });
            }
            Some(other) => {
                out.push(other);
                chars.next();
            }
        }
    }
    out
}

/// Whether loading `url` would leave the page: anything but inline data, a fragment, or
/// about:/blob: (a relative URL resolves against whatever host serves the preview).
fn is_remote(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    !(url.is_empty()
        || url.starts_with('#')
        || url.starts_with("data:")
        || url.starts_with("about:")
        || url.starts_with("blob:"))
}

fn is_script_url(url: &str) -> bool {
    let compact: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let lower = compact.to_ascii_lowercase();
    lower.starts_with("javascript:") || lower.starts_with("vbscript:")
}

/// A `<style>` sheet made inert: rewritten by [`inert_css`], and emptied when some reading of
/// the result could still fetch (a CSS-escaped `url(`, a string in `image-set(`; inside SVG the
/// HTML parser decodes entities in a sheet too), or when the rewrite made it close its element
/// (`<@import x;/style>` is `</style>` once the import is gone).
fn inert_sheet(sheet: &str) -> String {
    let rewritten = inert_css(sheet);
    let closes_its_element = rewritten.to_ascii_lowercase().contains("</style");
    if closes_its_element || css_forms_may_fetch(&rewritten, &super::text::decode_entities(&rewritten)) {
        String::new()
    } else {
        rewritten
    }
}

/// CSS with every remote `url(…)` replaced by `none` and every `@import` dropped.
fn inert_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let lower = css.to_ascii_lowercase();
    let mut i = 0;
    while i < css.len() {
        if lower[i..].starts_with("url(") {
            // An unclosed url( runs to the end of the CSS, as the CSS tokenizer reads it.
            let close = lower[i..].find(')').map(|e| i + e);
            let end = close.map_or(css.len(), |c| c + 1);
            let inner = css[i + 4..close.unwrap_or(css.len())].trim().trim_matches(['"', '\'']);
            let inner = inner.replace("&quot;", "").replace("&#39;", "");
            if is_remote(&inner) {
                out.push_str("none");
            } else {
                out.push_str(&css[i..end]);
            }
            i = end;
        } else if lower[i..].starts_with("@import") {
            i = lower[i..].find(';').map(|e| i + e + 1).unwrap_or(css.len());
        } else {
            let c = css[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_css_urls_and_imports_go_and_inline_data_stays() {
        let css = "@import url(https://a.example/x.css); .a{background:url(\"https://t.example/p.png\")} .b{background:url(data:image/png;base64,AA==)}";
        assert_eq!(inert_css(css), " .a{background:none} .b{background:url(data:image/png;base64,AA==)}");
        assert_eq!(inert_css("background-image: url(&quot;https://pbs.twimg.com/x.jpg&quot;);"), "background-image: none;");
    }

    #[test]
    fn an_unclosed_url_runs_to_the_end_and_multibyte_text_is_never_split() {
        assert_eq!(inert_css("background:url(é"), "background:none");
        assert_eq!(inert_css("a:url(data:é"), "a:url(data:é");
        assert_eq!(inert_css("a:url("), "a:url(");
        assert_eq!(inert_css("é@import"), "é");
    }

    #[test]
    fn css_escapes_are_undone_as_the_css_tokenizer_does() {
        assert_eq!(css_unescape(r"u\72l("), "url(");
        assert_eq!(css_unescape(r"\75 rl("), "url(");
        assert_eq!(css_unescape(r"\000075rl("), "url(");
        assert_eq!(css_unescape(r"\0 \D800 \110000 x\"), "\u{FFFD}\u{FFFD}\u{FFFD}x\u{FFFD}");
        assert_eq!(css_unescape("a\\\nb\\(c"), "ab(c");
        assert_eq!(inert_style(r"color:\72 ed"), InertStyle::Keep);
        assert_eq!(inert_style(r"background:u\72l(https://e.example/)"), InertStyle::Drop);
        let replaced = |css: &str| InertStyle::Replace(css.to_string());
        assert_eq!(inert_style("background:url(https://e.example/);color:red"), replaced("background:none;color:red"));
        assert_eq!(inert_style("background:url(a.png?b=1&amp;c=2);content:'&amp;'"), replaced("background:none;content:'&amp;'"));
        assert_eq!(inert_style("color:red;x:&lpar;"), InertStyle::Drop);
        assert!(!has_unknown_named_reference("a &amp; b &#40; &quot &"));
    }

    fn inert(html: &str) -> String {
        annotate_inert(html, Site::Reddit, &[]).expect("inert preview")
    }

    #[test]
    fn svg_presentation_attributes_lose_their_remote_urls_escaped_or_not() {
        let page = concat!(
            "<svg><rect fill=\"url(https://e.example/f)\" stroke=\"url('https://e.example/s') red\" ",
            "filter=\"url(https://e.example/x#f)\" clip-path=\"url(https://e.example/c)\" ",
            "mask=\"url(https://e.example/m)\" marker-start=\"url(https://e.example/1)\" ",
            "marker-mid=\"url(https://e.example/2)\" marker-end=\"url(https://e.example/3)\" ",
            "cursor=\"url(https://e.example/k), auto\" FILL-RULE=\"evenodd\"/></svg>"
        );
        let out = inert(page);
        assert!(!out.contains("e.example"), "{out}");
        assert!(out.contains("fill=\"none\"") && out.contains("stroke=\"none red\""), "{out}");
        assert!(out.contains("cursor=\"none, auto\"") && out.contains("evenodd"), "{out}");
        // Local references (`url(#gradient)`) are what SVG icons use: kept.
        let local = "<svg><rect fill=\"url(#g)\" mask=\"url('#m')\"/></svg>";
        assert_eq!(inert(local), local);
        // Escaped forms: CSS escapes drop the attribute, entities are decoded and rewritten.
        for escaped in [r"u\72l(https://e.example/a)", r"u&#92;72l(//e.example/c)"] {
            let out = inert(&format!("<svg><circle fill=\"{escaped}\" r=\"4\"/></svg>"));
            assert_eq!(out, "<svg><circle r=\"4\" /></svg>", "{escaped}");
        }
        let out = inert("<svg><circle fill=\"url&#40;https://e.example/b)\" r=\"4\"/></svg>");
        assert_eq!(out, "<svg><circle fill=\"none\" r=\"4\" /></svg>");
        let out = inert("<svg><g mask=\"image-set('https://e.example/i' 1x)\"></g></svg>");
        assert!(!out.contains("e.example") && out.contains("<g"), "{out}");
        // An HTML element's attributes are not CSS: a title that mentions url() stays.
        let html = "<p title=\"url(https://e.example/t)\">x</p>";
        assert_eq!(inert(html), html);
    }

    #[test]
    fn svg_references_and_animations_that_fetch_are_removed() {
        let page = concat!(
            "<svg><use href=\"https://e.example/u.svg#i\"/><use xlink:href=\"#local\"/>",
            "<image XLINK:HREF=\"https://e.example/i.png\"/><feImage href=\"//e.example/f.png\"/>",
            "<a href=\"java&#10;script:alert(1)\">x</a>",
            "<rect><set attributeName=\"href\" to=\"https://e.example/s\"/>",
            "<animate attributeName=\"fill\" values=\"url(https://e.example/v)\"/>",
            "<animateMotion dur=\"1s\"></animateMotion></rect></svg>"
        );
        let out = inert(page);
        assert!(!out.contains("e.example") && !out.contains("script"), "{out}");
        assert!(out.contains("<use xlink:href=\"#local\"/>"), "{out}");
        assert!(!out.contains("<set") && !out.contains("<animate"), "{out}");
    }

    #[test]
    fn svg_style_sheets_are_judged_whole_as_the_browser_reads_them() {
        let out = inert("<svg><style>.a{fill:url(https://e.example/x)} .b{fill:url(#g)}</style></svg>");
        assert_eq!(out, "<svg><style>.a{fill:none} .b{fill:url(#g)}</style></svg>");
        // Text nodes split by an element read as one sheet in the browser (`u` + `rl(`).
        let out = inert("<svg><style>.a{fill:u<b></b>rl(https://e.example/x)}</style></svg>");
        assert!(!out.contains("e.example"), "{out}");
        // Entities are decoded inside SVG; CDATA is read as it is and written back escaped.
        assert!(!inert("<svg><style>.a{fill:url(https://e.ex&#97;mple/x)}</style></svg>").contains("e.ex"));
        let out = inert("<svg><style><![CDATA[.a>b{fill:url(https://e.example/x)}]]></style></svg>");
        assert_eq!(out, "<svg><style><![CDATA[]]>.a&gt;b{fill:none}</style></svg>");
        let out = inert("<svg><style><![CDATA[</style><img src=https://e.example/x>]]></style></svg>");
        assert!(!out.contains("e.example") && !out.contains("<img"), "{out}");
        assert!(!inert(r"<svg><style>.a{fill:\75 rl(https://e.example/x)}</style></svg>").contains("e.example"));
        assert!(!inert("<svg><style>@import 'https://e.example/i.css';</style></svg>").contains("e.example"));
        // An HTML sheet whose rewrite would close its element is emptied.
        assert_eq!(inert("<style><@import x;/style><img src=https://e.example/x></style>"), "<style></style>");
    }

    #[test]
    fn script_urls_are_recognised_through_obfuscating_whitespace() {
        assert!(is_script_url(" java\tscript:alert(1)"));
        assert!(is_script_url("JAVASCRIPT:void(0)"));
        assert!(!is_script_url("https://example.com/javascript:"));
        assert!(is_remote("//cdn.example/x.js"));
        assert!(is_remote("/static/x.png"));
        assert!(!is_remote("data:image/gif;base64,R0lGOD"));
    }
}
