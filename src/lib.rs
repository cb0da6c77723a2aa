//! chaff: the pure core. Reads the posts of one thread and says, per post, whether it is part
//! of a near-duplicate campaign or reads as machine-written, and why.
//!
//! Pipeline (each stage its own module): `post` (input) → `normalize` (undo evasions) →
//! `similarity` (MinHash fingerprints, LSH candidates) → `engine` (cluster: incremental
//! union-find, coordination facts; assess: the `ai` model) → `verdict` (the output types).
//!
//! The core depends on nothing web, HTML, CSV or command-line: it builds for wasm32 as it is and
//! runs natively alike. Around it: `chaff-page` (saved pages in, annotated pages out),
//! `chaff-cli` (the `chaff` command), `chaff-lab` (corpora, training, evaluation) and
//! `chaff-wasm` (the thin wasm-bindgen layer); each depends on the core, never the reverse.

pub mod ai;
pub mod engine;
pub mod hash;
pub mod markers;
pub mod normalize;
pub mod post;
pub mod reaction;
pub mod similarity;
pub mod verdict;

pub use engine::{ClusterSummary, Engine};
pub use post::{parse_post_line, Post};
pub use verdict::{Level, Reason, ReasonKind, Sensitivity, Settings, Verdict};
