//! Writing a page back with chaff's badges, and (for the playground) making it inert.
//!
//! Design: two walks over the same page with the same post handlers (see `reader`): the first
//! finds every post element's id and the best badge anchor it has, the second places a badge
//! at that anchor for each notice or suspect post. lol_html re-emits every untouched byte as it
//! came in, so the page stays byte-identical apart from the inserted badges; all badge text is
//! escaped here, never trusted. The inert variant also drops what would run or fetch when the
//! playground previews a saved page: scripts, frames, embedded objects, remote stylesheets and
//! images, `srcset`, inline event handlers, `javascript:` links and remote CSS `url()`s.

use super::reader::{walk, PlannedBadge, WalkState};
use super::{read_page, ExtractError, Site};
use chaff::verdict::{Level, Verdict};
use lol_html::html_content::{ContentType, Element, TextChunk};
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
/// redirect relative links; `meta[http-equiv]` can refresh or navigate.
const REMOVED_ELEMENTS: &str =
    "script, iframe, frame, frameset, object, embed, applet, portal, noscript, base, meta[http-equiv], link";

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
        let parse = |s: &str| s.parse::<Selector>().map_err(|e| ExtractError::Description(format!("{s:?}: {e}")));
        Ok(InertSelectors { removed: parse(REMOVED_ELEMENTS)?, every: parse("*")?, style: parse("style")? })
    }
}

fn add_inert_handlers(settings: Settings<'_>, selectors: InertSelectors) -> Settings<'_> {
    let InertSelectors { removed, every, style } = selectors;
    let style_buffer = Rc::new(RefCell::new(String::new()));
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
            ElementContentHandlers::default().text(move |chunk: &mut TextChunk<'_>| {
                // A style sheet may arrive in several chunks and a url( may straddle two: buffer
                // the whole sheet and write it out sanitized with its last chunk.
                style_buffer.borrow_mut().push_str(chunk.as_str());
                if chunk.last_in_text_node() {
                    let sheet = std::mem::take(&mut *style_buffer.borrow_mut());
                    chunk.replace(&inert_css(&sheet), ContentType::Html);
                } else {
                    chunk.remove();
                }
                Ok(())
            }),
        ))
}

fn make_attributes_inert(el: &mut Element<'_, '_>) {
    let names: Vec<(String, String)> = el.attributes().iter().map(|a| (a.name(), a.value())).collect();
    let tag = el.tag_name();
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
        } else if name == "style" && raw_value.to_ascii_lowercase().contains("url(") {
            let _ = el.set_attribute("style", &inert_css(&raw_value));
        }
    }
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

/// CSS with every remote `url(…)` replaced by `none` and every `@import` dropped.
fn inert_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let lower = css.to_ascii_lowercase();
    let mut i = 0;
    while i < css.len() {
        if lower[i..].starts_with("url(") {
            let end = lower[i..].find(')').map(|e| i + e + 1).unwrap_or(css.len());
            let inner = css[i + 4..end.saturating_sub(1).max(i + 4)].trim().trim_matches(['"', '\'']);
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
    fn script_urls_are_recognised_through_obfuscating_whitespace() {
        assert!(is_script_url(" java\tscript:alert(1)"));
        assert!(is_script_url("JAVASCRIPT:void(0)"));
        assert!(!is_script_url("https://example.com/javascript:"));
        assert!(is_remote("//cdn.example/x.js"));
        assert!(is_remote("/static/x.png"));
        assert!(!is_remote("data:image/gif;base64,R0lGOD"));
    }
}
