//! chaff's lab: the labelled corpora of ../shared/data, the training of the AI-text models and
//! the measurement of detection quality. Native tooling behind `chaff-lab train` and
//! `chaff-lab eval` (and `make train`, `make eval`, `make quality-report`); nothing here ships.
//!
//! Direction: the lab depends on the core (`chaff`) and on the page reader (`chaff-page`, for
//! HTML text), never the other way round. `corpus` reads each data set as a page would show its
//! text, `train` fits the models the core loads, `eval` runs the real engine over held-out text.

pub mod corpus;
pub mod eval;
pub mod lexicon;
pub mod train;
