//! `chaff-lab eval`: detection quality measured on the labelled corpora of ../shared/data.
//! Each signal has its own module (`ai`, `duplicates`, `generators` for generators never seen);
//! `stats` gives every figure its interval.

pub mod ai;
pub mod duplicates;
pub mod generators;
pub mod stats;
