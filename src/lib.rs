//! chaff: the pure core. Reads the posts of one thread and says, per post, whether it is part
//! of a near-duplicate campaign or reads as machine-written, and why.
//!
//! Pipeline (each stage its own module, no web dependencies, so it runs natively and in WASM):
//! `post` (input) → `normalize` (undo evasions) → `similarity` (MinHash + LSH fingerprints) →
//! `engine` (incremental clustering, coordination facts, verdicts) ← `ai` (learned AI-text
//! model); `verdict` holds the output types. `extract` (feature `extract`) reads saved pages of
//! new Reddit, old Reddit and X with lol_html; `corpus`, `train` and `eval` (feature `tools`) are
//! the native tooling behind `chaff train` and `chaff eval`.

pub mod ai;
pub mod engine;
pub mod normalize;
pub mod post;
pub mod similarity;
pub mod verdict;

#[cfg(feature = "extract")]
pub mod extract;

#[cfg(feature = "tools")]
pub mod corpus;
#[cfg(feature = "tools")]
pub mod eval;
#[cfg(feature = "tools")]
pub mod train;

pub use engine::{ClusterSummary, Engine};
pub use post::{parse_post_line, Post};
pub use verdict::{Level, Reason, ReasonKind, Sensitivity, Settings, Verdict};
