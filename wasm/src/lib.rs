//! The WASM face of the chaff core: a thin wasm-bindgen layer, no logic of its own (the model is
//! lol-html's `js-api/`). Values cross the boundary as plain JS objects through
//! serde-wasm-bindgen, in the same shapes as the `chaff score` JSON Lines (see the README), except
//! for `addShared`'s verdicts (`SharedVerdicts`): a flood re-reports every member of a grown
//! cluster in each batch, and building each verdict as a JS object field by field across the
//! boundary cost ~8 µs a verdict, most of a flood batch in the page; those cross as one array of
//! numbers beside the few distinct parts, and extension/engine/page-engine.js builds the objects.

use std::sync::Arc;

use chaff::verdict::{SharedVerdict, VerdictPart};
use chaff::{Engine, Post, Settings};
use wasm_bindgen::prelude::*;

#[cfg(feature = "page")]
mod page;

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    // Maps, not JS Map objects: the glue code reads plain objects.
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&serializer).map_err(|e| JsError::new(&e.to_string()))
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// Post as it arrives from JavaScript: `created` may be a date string or Unix seconds.
#[derive(serde::Deserialize)]
struct IncomingPost {
    id: String,
    text: String,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    created: Option<IncomingTime>,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    site: Option<String>,
    #[serde(default)]
    moderator: bool,
    #[serde(default)]
    new_account: bool,
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum IncomingTime {
    Seconds(f64),
    Text(String),
}

impl From<IncomingPost> for Post {
    fn from(p: IncomingPost) -> Post {
        let created = match p.created {
            Some(IncomingTime::Seconds(s)) if s.is_finite() => Some(s as i64),
            Some(IncomingTime::Text(t)) => chaff::post::parse_timestamp(&t),
            _ => None,
        };
        Post {
            id: p.id,
            text: p.text,
            author: p.author,
            title: p.title,
            created,
            parent: p.parent,
            url: p.url,
            site: p.site,
            moderator: p.moderator,
            new_account: p.new_account,
        }
    }
}

/// One thread being read: add posts as they appear, get verdicts back.
#[wasm_bindgen]
pub struct ChaffEngine {
    inner: Engine,
}

#[wasm_bindgen]
impl ChaffEngine {
    /// `settings`: `{sensitivity: "low"|"medium"|"high", trusted_authors: [..]}` or undefined.
    #[wasm_bindgen(constructor)]
    pub fn new(settings: JsValue) -> Result<ChaffEngine, JsError> {
        Ok(ChaffEngine { inner: Engine::new(settings_from_js(settings)?) })
    }

    /// Adds a batch of posts; returns the verdicts of the new (or edited) posts and of earlier
    /// posts whose verdict changed.
    pub fn add(&mut self, posts: JsValue) -> Result<JsValue, JsError> {
        let posts: Vec<IncomingPost> = from_js(posts, "posts")?;
        to_js(&self.inner.add(posts.into_iter().map(Post::from).collect()))
    }

    /// `add`, its verdicts in their shared form (`SharedVerdicts`): what the content script calls.
    #[wasm_bindgen(js_name = addShared)]
    pub fn add_shared(&mut self, posts: JsValue) -> Result<SharedVerdicts, JsError> {
        let posts: Vec<IncomingPost> = from_js(posts, "posts")?;
        let first_new = self.inner.len() as u32;
        SharedVerdicts::of(&self.inner.add_shared(posts.into_iter().map(Post::from).collect()), first_new)
    }

    /// Every verdict, in order of first arrival.
    pub fn verdicts(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.verdicts())
    }

    /// Changes the settings; returns the verdicts that changed (levels may drop here only).
    #[wasm_bindgen(js_name = setSettings)]
    pub fn set_settings(&mut self, settings: JsValue) -> Result<JsValue, JsError> {
        let settings = settings_from_js(settings)?;
        to_js(&self.inner.set_settings(settings))
    }

    /// The near-duplicate clusters, for the moderator panel.
    pub fn clusters(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.clusters())
    }

    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.len()
    }
}

/// Verdicts in their shared form: `shared` is `{newIds, parts}`, each distinct `VerdictPart`
/// once in `parts`, and `rows` holds five numbers per verdict: the post's index (its place in the
/// engine's order of first arrival), its part's place in `parts`, its score, its AI likelihood,
/// and 1 if the AI model judged it (else 0). The ids of the posts new to the engine come once, in
/// `newIds`, in index order (the post at index `k` is the `k`-th id ever listed): a caller keeps
/// them and reads a verdict's id by its index. Scores are `f32`s, exactly as serde-wasm-bindgen
/// hands them over (widened to `f64`).
#[wasm_bindgen]
pub struct SharedVerdicts {
    shared: JsValue,
    rows: Vec<f64>,
}

/// Numbers per verdict in `SharedVerdicts::rows`.
const ROW: usize = 5;

#[derive(serde::Serialize)]
struct IdsAndParts<'a> {
    #[serde(rename = "newIds")]
    new_ids: Vec<&'a str>,
    parts: Vec<&'a VerdictPart>,
}

impl SharedVerdicts {
    fn of(verdicts: &[SharedVerdict], first_new: u32) -> Result<SharedVerdicts, JsError> {
        // Every post new to the engine is reported in the batch it arrives in, and verdicts come
        // in index order: the new ones are the last.
        let new_ids = verdicts.iter().filter(|v| v.index >= first_new).map(|v| &*v.id).collect();
        let mut parts: Vec<&VerdictPart> = Vec::new();
        // The parts held by more than this batch's one verdict (a cluster's shared ones: a few),
        // and their places; a part of one post's own is listed without a search. (No hash map:
        // one more key type is another copy of the map's code in the content script's WASM.)
        let mut shared: Vec<(*const VerdictPart, u32)> = Vec::new();
        let mut rows = Vec::with_capacity(verdicts.len() * ROW);
        for v in verdicts {
            let known = match Arc::strong_count(&v.part) {
                1 => None,
                _ => shared.iter().find(|(part, _)| *part == Arc::as_ptr(&v.part)).map(|&(_, place)| place),
            };
            let place = known.unwrap_or_else(|| {
                parts.push(&v.part);
                let place = parts.len() as u32 - 1;
                if Arc::strong_count(&v.part) > 1 {
                    shared.push((Arc::as_ptr(&v.part), place));
                }
                place
            });
            rows.extend([v.index as f64, place as f64, v.score as f64, v.ai as f64, f64::from(u8::from(v.ai_judged))]);
        }
        Ok(SharedVerdicts { shared: to_js(&IdsAndParts { new_ids, parts })?, rows })
    }
}

#[wasm_bindgen]
impl SharedVerdicts {
    /// `{newIds, parts}`: the parts as `{level, cluster, copies, authors, reasons}` (`Verdict`'s
    /// fields).
    #[wasm_bindgen(getter)]
    pub fn shared(&self) -> JsValue {
        self.shared.clone()
    }

    #[wasm_bindgen(getter)]
    pub fn rows(&self) -> Vec<f64> {
        self.rows.clone()
    }
}

fn settings_from_js(settings: JsValue) -> Result<Settings, JsError> {
    if settings.is_undefined() || settings.is_null() {
        Ok(Settings::default())
    } else {
        from_js(settings, "settings")
    }
}

/// Installs the AI models from the bytes of `model-reddit.bin` and `model-x.bin` (the binary
/// form of the text files, `chaff::ai::binary`), which the extension and the playground ship as
/// files of their own: read without number parsing, which keeps the float parser out of this
/// module and the parse out of the cold start. Until then no post is judged for AI text
/// (`ai_judged: false`); installing the same files again is harmless.
#[wasm_bindgen(js_name = installModels)]
pub fn install_models(reddit: &[u8], x: &[u8]) -> Result<(), JsError> {
    chaff::ai::install_binary_models(reddit, x).map_err(|e| JsError::new(&e))
}

/// Whether a `created` date is one the engine reads (RFC 3339, or ISO 8601 taken as UTC): the
/// playground warns about the others as `chaff score` does, with the core's own rule.
#[wasm_bindgen(js_name = readableDate)]
pub fn readable_date(text: &str) -> bool {
    chaff::post::parse_timestamp(text).is_some()
}

/// Locality-sensitive keys of a text's fingerprint (as decimal strings: u64 does not fit a JS
/// number). The extension stores only salted hashes of these, never text.
#[wasm_bindgen(js_name = fingerprintKeys)]
pub fn fingerprint_keys(text: &str) -> Vec<String> {
    chaff::similarity::fingerprint_keys(text).iter().map(u64::to_string).collect()
}
