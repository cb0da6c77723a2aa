//! What chaff says about one post: a level, a score, and reasons written for a reader.
//!
//! Design: a verdict is derived only from quantities that can grow as a thread loads (cluster
//! size, distinct authors, the busiest burst of copies) plus the post's own AI likelihood, so
//! the level it yields rises but never falls while the thread grows (a hint that comes and
//! goes as the thread loads is flicker). Only a change of settings can lower it.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// How loudly chaff speaks about a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    Ok,
    Notice,
    Suspect,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Notice => "notice",
            Level::Suspect => "suspect",
        }
    }
}

/// The stable kind words of reasons (listed in the README; the extension and users' scripts
/// key on them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonKind {
    /// Near-copies of this text elsewhere in the thread.
    Duplicate,
    /// The copies come from several accounts, in a burst, or share one link.
    Coordination,
    /// Lexical and stylistic markers of machine-written text.
    AiText,
    /// A word or phrase the reader asked chaff to mark.
    ReaderMarker,
    /// A fact the site states about the author: it marks the account as new (Hacker News's green
    /// name). Listed only beside evidence, never a reason to flag by itself.
    NewAccount,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub kind: ReasonKind,
    pub text: String,
}

/// The verdict on one post, in the `chaff score` output format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub id: String,
    pub level: Level,
    /// Overall suspicion, 0..1.
    pub score: f32,
    /// AI-text likelihood, 0..1 (higher = more machine-like). Always a number, even where the
    /// model cannot judge (then no ai-text reason is given).
    pub ai: f32,
    /// Whether the AI model could judge this post (false: too short, or not English).
    pub ai_judged: bool,
    /// Opaque id shared by every member of this post's near-duplicate group.
    pub cluster: Option<String>,
    /// Other members of its cluster.
    pub copies: u32,
    /// Distinct authors in its cluster.
    pub authors: u32,
    pub reasons: Vec<Reason>,
}

/// The part of a verdict that the members of a cluster share: everything but the post's id and
/// its own figures. `Engine::add_shared` makes it once per cluster and batch, not once per member:
/// a flood grows a cluster by a few posts in each batch and changes every member's verdict (its
/// copy count at least), and copying these strings into thousands of verdicts was most of a
/// flood batch's time. Serialized with `Verdict`'s field names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerdictPart {
    pub level: Level,
    pub cluster: Option<String>,
    pub copies: u32,
    pub authors: u32,
    pub reasons: Vec<Reason>,
}

/// A verdict as `Engine::add_shared` reports it: the post's own figures beside a part shared with
/// the other members of its cluster that it was reported with. `to_verdict` gives the `Verdict`.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedVerdict {
    /// The post's place in the engine's order of first arrival (0 for the first post ever added).
    pub index: u32,
    pub id: Arc<str>,
    pub score: f32,
    pub ai: f32,
    pub ai_judged: bool,
    pub part: Arc<VerdictPart>,
}

impl SharedVerdict {
    pub fn to_verdict(&self) -> Verdict {
        let part = &*self.part;
        Verdict {
            id: self.id.to_string(),
            level: part.level,
            score: self.score,
            ai: self.ai,
            ai_judged: self.ai_judged,
            cluster: part.cluster.clone(),
            copies: part.copies,
            authors: part.authors,
            reasons: part.reasons.clone(),
        }
    }
}

/// How readily chaff raises a hint. Users choose it: one fixed threshold is too loud for some
/// readers and too quiet for others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Sensitivity {
    Low,
    #[default]
    Medium,
    High,
}

/// Reader settings that change verdicts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Settings {
    pub sensitivity: Sensitivity,
    /// Authors the reader trusts: never flagged (as Reddit Enhancement Suite's user tagger lets
    /// readers mark people they know).
    pub trusted_authors: Vec<String>,
    /// Words or phrases the reader asked chaff to mark: a post holding one gets a notice
    /// (`markers`).
    pub markers: Vec<String>,
}
