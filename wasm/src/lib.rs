//! The WASM face of the chaff core: a thin wasm-bindgen layer, no logic of its own (the model is
//! lol-html's `js-api/`). Values cross the boundary as plain JS objects through
//! serde-wasm-bindgen, in the same shapes as the `chaff score` JSON Lines (see the README).

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
