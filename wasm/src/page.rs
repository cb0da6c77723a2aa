//! Saved-page reading for the www playground (feature `page`): the same lol_html
//! extraction and annotation `chaff scan` runs natively, exposed to the playground's worker.
//!
//! Design: no logic here beyond naming the site. Scoring stays in `ChaffEngine`, so the
//! playground feeds extracted posts through the same chunked `add` as a pasted thread (one
//! progress path) and the verdicts equal `chaff scan --json`'s. The preview uses the core's
//! inert annotation (scripts, frames and remote resources stripped), never the plain one: the
//! playground renders it, and a saved page is a stranger's HTML.

use std::str::FromStr;

use chaff_page::{annotate_inert, detect_site, extract_posts, Site};
use chaff::{Post, Verdict};
use wasm_bindgen::prelude::*;

use crate::{from_js, to_js};

/// What `extractPage` returns: the site read and its posts in page order (`chaff score` shape).
#[derive(serde::Serialize)]
struct ExtractedPage {
    site: &'static str,
    posts: Vec<Post>,
}

/// Reads a saved page of a site chaff reads (new or old Reddit, X, Hacker News, GitHub, Bluesky,
/// YouTube): `{site, posts}`. `site` (a `Post.site` name: "reddit", "hacker-news", …) overrides
/// detection; undefined detects it from the markup, as `chaff scan --site auto` does.
#[wasm_bindgen(js_name = extractPage)]
pub fn extract_page(html: &str, site: Option<String>) -> Result<JsValue, JsError> {
    let site = page_site(html, site.as_deref())?;
    let posts = extract_posts(html, site).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&ExtractedPage { site: site.as_str(), posts })
}

/// The page with a badge beside each notice or suspect post, made inert for a preview: nothing
/// in the returned HTML runs or loads from elsewhere.
#[wasm_bindgen(js_name = annotatePage)]
pub fn annotate_page(html: &str, site: &str, verdicts: JsValue) -> Result<String, JsError> {
    let site = Site::from_str(site).map_err(|e| JsError::new(&e.to_string()))?;
    let verdicts: Vec<Verdict> = from_js(verdicts, "verdicts")?;
    annotate_inert(html, site, &verdicts).map_err(|e| JsError::new(&e.to_string()))
}

fn page_site(html: &str, requested: Option<&str>) -> Result<Site, JsError> {
    match requested {
        Some(name) => Site::from_str(name).map_err(|e| JsError::new(&e.to_string())),
        None => detect_site(html).ok_or_else(|| {
            JsError::new(
                "this does not look like a saved thread page of a site chaff reads \
                 (new or old Reddit, X, Hacker News, GitHub, Bluesky or YouTube)",
            )
        }),
    }
}
