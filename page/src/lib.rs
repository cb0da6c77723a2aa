//! Reading saved pages of new Reddit, old Reddit, X, Hacker News, GitHub, Bluesky and YouTube:
//! which site a page is, its posts, and the page written back with a badge beside each notice or
//! suspect post.
//!
//! Design: every selector lives in `src/sites.json` (`sites`), the one description the
//! extension's content script reads too; this module only interprets it. `reader` walks a page
//! once with lol_html (streaming, no DOM; it also compiles to WASM for the playground), `text`
//! rebuilds text as a page shows it (also of a loose HTML fragment, such as an exported
//! comment), `annotate` rewrites the page. What the description cannot say is kept to small
//! rules here: a link post without body text reads as its title, and a deleted post reads as
//! `[deleted]`.

mod annotate;
mod reader;
pub mod sites;
mod text;

pub use annotate::{annotate, annotate_inert, badge_html};
pub use sites::SITES_JSON;
pub use text::{decode_entities, fragment_text};

use chaff::post::{parse_timestamp, Post};
use reader::{PostRecord, WalkState};
use sites::{Field, PostTypeDescription, SiteDescription};
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::rc::Rc;
use std::str::FromStr;

/// A site chaff reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Site {
    /// New Reddit ("shreddit").
    Reddit,
    OldReddit,
    X,
    /// news.ycombinator.com item pages (a story or comment with its flat comment tree).
    HackerNews,
    /// github.com issue, pull-request and discussion conversations.
    GitHub,
    /// bsky.app thread pages and feeds.
    Bluesky,
    /// YouTube watch-page comments and replies.
    YouTube,
}

impl Site {
    pub const ALL: [Site; 7] =
        [Site::Reddit, Site::OldReddit, Site::X, Site::HackerNews, Site::GitHub, Site::Bluesky, Site::YouTube];

    /// The `Post.site` value and the site's `name` in sites.json.
    pub fn as_str(self) -> &'static str {
        match self {
            Site::Reddit => "reddit",
            Site::OldReddit => "old-reddit",
            Site::X => "x",
            Site::HackerNews => "hacker-news",
            Site::GitHub => "github",
            Site::Bluesky => "bluesky",
            Site::YouTube => "youtube",
        }
    }

    /// Every site name, for messages.
    pub const NAMES: &'static str = "reddit, old-reddit, x, hacker-news, github, bluesky or youtube";

    fn description(self) -> Result<&'static SiteDescription, ExtractError> {
        let all = sites::descriptions().map_err(ExtractError::Description)?;
        all.sites
            .iter()
            .find(|s| s.name == self.as_str())
            .ok_or_else(|| ExtractError::Description(format!("sites.json has no site {:?}", self.as_str())))
    }
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Site {
    type Err = ExtractError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Site::ALL
            .into_iter()
            .find(|site| site.as_str() == s)
            .ok_or_else(|| ExtractError::UnknownSite(s.to_string()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// A site name chaff does not read (not one of `Site::ALL`).
    UnknownSite(String),
    /// src/sites.json is unreadable or names a selector lol_html rejects.
    Description(String),
    /// lol_html could not read the page.
    Html(String),
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExtractError::UnknownSite(s) => write!(f, "unknown site {s:?} (expected {})", Site::NAMES),
            ExtractError::Description(e) => write!(f, "site description: {e}"),
            ExtractError::Html(e) => write!(f, "could not read the page: {e}"),
        }
    }
}

impl std::error::Error for ExtractError {}

/// Which site a page is, from its markup (never the host: old Reddit also renders on
/// www.reddit.com). Sites are tried in sites.json order; `None` when no rule matches.
pub fn detect_site(html: &str) -> Option<Site> {
    let all = sites::descriptions().ok()?;
    let matched = Rc::new(RefCell::new(vec![false; all.sites.len()]));
    let mut settings = lol_html::RewriteStrSettings::new().with_strict(false);
    for (index, site) in all.sites.iter().enumerate() {
        let selector = site.detect.join(", ");
        let Ok(selector) = selector.parse::<lol_html::Selector>() else { continue };
        let matched = Rc::clone(&matched);
        settings = settings.append_element_content_handler((
            std::borrow::Cow::Owned(selector),
            lol_html::ElementContentHandlers::default().element(move |_: &mut lol_html::html_content::Element<'_, '_>| {
                matched.borrow_mut()[index] = true;
                Ok(())
            }),
        ));
    }
    lol_html::rewrite_str(html, settings).ok()?;
    let matched = matched.borrow();
    let first = all.sites.iter().zip(matched.iter()).find(|(_, hit)| **hit)?.0;
    first.name.parse().ok()
}

/// A page after one walk: every post element in document order, with its site's post types.
pub(crate) struct ReadPage {
    pub post_types: Vec<&'static PostTypeDescription>,
    pub records: Vec<PostRecord>,
}

impl ReadPage {
    /// The id of post element `ordinal`, if it has one.
    pub fn id(&self, ordinal: usize) -> Option<String> {
        self.records.get(ordinal)?.value(&self.post_types, Field::Id, &self.records)
    }
}

pub(crate) fn read_page(html: &str, site: Site) -> Result<ReadPage, ExtractError> {
    let description = site.description()?;
    let state = Rc::new(RefCell::new(WalkState::default()));
    reader::walk(html, description, &state, |s| s)?;
    let records = std::mem::take(&mut state.borrow_mut().records);
    Ok(ReadPage { post_types: description.post_types.values().collect(), records })
}

/// The posts of a saved page of `site`, in page order, with `site` set. Post elements without an
/// id are skipped, and so is a repeat of an id already read (X can show one tweet twice).
pub fn extract_posts(html: &str, site: Site) -> Result<Vec<Post>, ExtractError> {
    let page = read_page(html, site)?;
    let mut seen = HashSet::new();
    let mut posts = Vec::new();
    for record in &page.records {
        let value = |field| record.value(&page.post_types, field, &page.records);
        let Some(id) = value(Field::Id) else { continue };
        if !seen.insert(id.clone()) {
            continue;
        }
        let deleted = value(Field::Deleted).is_some();
        let title = value(Field::Title);
        let body = value(Field::Body);
        let text = match (body, deleted) {
            (Some(body), _) => body,
            (None, true) => "[deleted]".to_string(),
            // A link post has no body: its words are its title.
            (None, false) => title.clone().unwrap_or_default(),
        };
        let author = value(Field::Author).or_else(|| deleted.then(|| "[deleted]".to_string()));
        posts.push(Post {
            id,
            text,
            author,
            title,
            created: value(Field::Created).and_then(|raw| parse_created(&raw)),
            parent: value(Field::Parent),
            url: value(Field::Url),
            site: Some(site.as_str().to_string()),
            moderator: value(Field::Moderator).is_some(),
            // Any value: the site shows the author as a new account (sites.json new_account).
            new_account: value(Field::NewAccount).is_some(),
        });
    }
    Ok(posts)
}

/// A page's date: RFC 3339 / ISO 8601 (`chaff::post::parse_timestamp`), the `+0000` offsets
/// shreddit writes in `created-timestamp`, or Unix seconds / milliseconds (old Reddit's
/// `data-timestamp`).
fn parse_created(raw: &str) -> Option<i64> {
    let raw = raw.trim();
    if let Some(secs) = parse_timestamp(raw) {
        return Some(secs);
    }
    if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = raw.parse().ok()?;
        // Milliseconds since 1970 pass 10^11 in 1973; seconds will not reach it for millennia.
        return Some(if n >= 100_000_000_000 { n / 1000 } else { n });
    }
    // `…+0000` → `…+00:00`
    // Only where the last five bytes are whole characters (a date ending in a multibyte
    // character would be split inside it; found by the fuzz target `extract`).
    if raw.len() > 5 && raw.is_char_boundary(raw.len() - 5) {
        let (head, offset) = raw.split_at(raw.len() - 5);
        let ob = offset.as_bytes();
        if (ob[0] == b'+' || ob[0] == b'-') && ob[1..].iter().all(u8::is_ascii_digit) {
            return parse_timestamp(&format!("{head}{}:{}", &offset[..3], &offset[3..]));
        }
    }
    None
}

#[cfg(test)]
mod tests;
