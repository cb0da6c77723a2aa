//! `chaff-lab eval`: detection quality measured on the labelled corpora of ../shared/data.
//! Each signal has its own module; this one runs them and compares a run with the
//! committed report (the quality regression guard).

pub mod ai;
pub mod duplicates;
